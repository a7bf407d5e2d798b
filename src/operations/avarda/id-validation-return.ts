/**
 * Where Avarda sends the shopper's browser after ID validation
 * (`GET /avarda/id-validation/return?state=…&authorizationId=…&orderId=…[&errorCode=…]`): `orderId`
 * is our orderReference, the payment session id. What happens then is the same for both credit
 * APIs (see ../credit/shopper-return.ts).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { AUTHORIZATION_API_CREDIT } from "../credit/credit-vendors"
import { resolveCreditReturn, type CreditReturnOutcome } from "../credit/shopper-return"

export type ReturnOutcome = CreditReturnOutcome

export interface ReturnParams {
  authorizationId?: string
  orderId?: string
  /** The plugin's signed state from the return URL. */
  state?: string
}

export function resolveIdValidationReturn(container: MedusaContainer, params: ReturnParams): Promise<{ outcome: ReturnOutcome; location: string }> {
  return resolveCreditReturn(container, AUTHORIZATION_API_CREDIT, { sessionId: params.orderId, purchaseId: params.authorizationId, state: params.state })
}
