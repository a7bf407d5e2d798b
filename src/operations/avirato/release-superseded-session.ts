/**
 * An Avirato session whose cart was completed with another payment (superseded) can never become the
 * order's: a card payment the shopper made on it is voided (pre-authorisation) or refunded in full,
 * and the session is deleted. Its AUTHORISATION webhook, the shopper's return and the reconciliation
 * job all come here; each names itself in the admin's alert.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { aviratoProvider } from "../../providers/avirato/core/configured-providers"
import { readPaymentData } from "../../providers/avirato/core/payment-data"
import { settleDiscardedPayment, type DiscardedPaymentDetection } from "../../workflows/avirato/settle-discarded-payment"
import { findPaymentSession, type SessionWithCart } from "../shared/find-payment-session"
import { isSuperseded, releaseSupersededSession, type GiveBackBeforeRelease } from "../shared/release-superseded-session"

/** The Avirato session (hosted page) a Medusa session created, if it reached Avirato. */
export function aviratoSessionIdOf(session: SessionWithCart): string | undefined {
  return readPaymentData((session.data ?? {}) as Record<string, unknown>).avirato_session_id
}

/**
 * Deleting a Medusa session changes nothing at Avirato: the payment taken on it is given back first,
 * through the discarded-payment settlement (its lock, Idempotency-Key and record make every path give
 * it back at most once). Throws when the payment stays, so the session is kept for the next try.
 */
export function giveBackAviratoPayment(detectedBy: DiscardedPaymentDetection): GiveBackBeforeRelease {
  return async (container, session) => {
    const aviratoSessionId = aviratoSessionIdOf(session)
    if (!aviratoSessionId) return
    const provider = aviratoProvider(container, session.provider_id)
    if (!provider) throw new Error(`Avirato provider ${session.provider_id} is not configured`)
    const settlement = await settleDiscardedPayment(container, session.provider_id, await provider.client.getSession(aviratoSessionId), detectedBy)
    if (settlement === "kept") throw new Error(`Avirato session ${aviratoSessionId} was paid and its payment was not given back`)
  }
}

/**
 * Releases the Medusa session when its cart's order holds another session's payment (a completion
 * answered `paidByAnotherSession`). A failure is logged, not thrown: the shopper's order stands, and
 * the reconciliation job releases the session on a later run.
 */
export async function releaseIfSuperseded(container: MedusaContainer, paymentSessionId: string, detectedBy: DiscardedPaymentDetection): Promise<void> {
  try {
    const session = await findPaymentSession(container, paymentSessionId)
    if (session && isSuperseded(session)) await releaseSupersededSession(container, session, giveBackAviratoPayment(detectedBy))
  } catch (error) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .error(`Avirato: could not give back the payment of session ${paymentSessionId}, whose cart was completed with another payment: ${(error as Error).message}; the reconciliation job tries again`)
  }
}
