/**
 * What the Avarda store routes' workflows (Authorization API and Standalone Credit) share: their
 * input and result, and the last step of handing the checked request to the provider through the
 * one-time hand-off while Medusa's own workflow creates the payment session. Only an opaque
 * reference passes through Medusa.
 */
import type { MedusaContainer, PaymentSessionDTO } from "@medusajs/framework/types"
import { createPaymentSessionsWorkflow } from "@medusajs/medusa/core-flows"
import { CREDIT_REQUEST_REF_KEY } from "../../lib/avarda/credit-request-handoff"
import type { OneTimeHandoff } from "../../lib/avarda/one-time-handoff"
import type { CartFieldIssue } from "./credit-application"

export interface StartCreditSessionInput {
  cartId: string
  providerId: string
  personalIdNumber: string
  paymentTerms?: number
  /** Logged-in customer (Medusa then links an account holder, as the core route does). */
  customerId?: string
}

export type StartCreditSessionResult =
  | { kind: "cart_not_found" }
  | { kind: "invalid"; issues: CartFieldIssue[] }
  | { kind: "session"; session: PaymentSessionDTO }

/** The answer to a provider id of this vendor's form that names no entry of medusa-config: checked before anything is read or written. */
export const UNCONFIGURED_PROVIDER: StartCreditSessionResult = {
  kind: "invalid",
  issues: [{ field: "provider_id", message: "is not a payment method of this store" }],
}

/** Puts `request` into `handoff` and creates the session whose provider takes it out again. */
export async function createSessionThroughHandoff<T>(
  container: MedusaContainer,
  input: StartCreditSessionInput,
  paymentCollectionId: string,
  handoff: OneTimeHandoff<T>,
  request: T
): Promise<PaymentSessionDTO> {
  const ref = handoff.put(request)
  try {
    const { result } = await createPaymentSessionsWorkflow(container).run({
      input: {
        payment_collection_id: paymentCollectionId,
        provider_id: input.providerId,
        ...(input.customerId ? { customer_id: input.customerId } : {}),
        data: { [CREDIT_REQUEST_REF_KEY]: ref },
      },
    })
    return result
  } finally {
    // Normally taken by the provider already; a failure before it ran must not leave it behind.
    handoff.discard(ref)
  }
}
