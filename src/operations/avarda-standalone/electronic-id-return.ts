/**
 * Where Avarda's electronic-ID page sends the shopper's browser back
 * (`GET /avarda-standalone/electronic-id/return?session_id=…&state=…&externalId=…&status=OK|Cancel`):
 * `externalId` is the purchase, `status` is the browser's word only (logged, never trusted); the
 * purchase's State is re-read with GetPaymentStatus and only State 2 (Completed) completes the cart.
 * What happens then is the same for both credit APIs (see ../credit/shopper-return.ts).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { STANDALONE_CREDIT } from "../credit/credit-vendors"
import { resolveCreditReturn, type CreditReturnFailureReason, type CreditReturnOutcome } from "../credit/shopper-return"

export type ElectronicIdFailureReason = CreditReturnFailureReason

export type ElectronicIdReturnOutcome = CreditReturnOutcome

export interface ElectronicIdReturnParams {
  sessionId?: string
  externalId?: string
  /** What the browser says ("OK" / "Cancel"): logged, never trusted. */
  status?: string
  /** The plugin's signed state from the return URL. */
  state?: string
}

export function resolveElectronicIdReturn(container: MedusaContainer, params: ElectronicIdReturnParams): Promise<{ outcome: ElectronicIdReturnOutcome; location: string }> {
  return resolveCreditReturn(container, STANDALONE_CREDIT, { sessionId: params.sessionId, purchaseId: params.externalId, state: params.state })
}
