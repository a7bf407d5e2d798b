/**
 * An Avirato session whose cart was completed with another payment (superseded) can never become the
 * order's: a card payment the shopper made on it is voided (pre-authorisation) or refunded in full,
 * and the session is deleted. Its AUTHORISATION webhook, the shopper's return and the reconciliation
 * job all come here; each names itself in the admin's alert.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { aviratoProvider } from "../../providers/avirato/core/configured-providers"
import { readPaymentData } from "../../providers/avirato/core/payment-data"
import { settleDiscardedPayment, type DiscardedPaymentDetection } from "../../workflows/avirato/settle-discarded-payment"
import type { SessionWithCart } from "../shared/find-payment-session"
import { releaseIfSuperseded, type GiveBackBeforeRelease, type SessionToRelease } from "../shared/release-superseded-session"

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

/** Releases a superseded Avirato session at once, its payment given back first (see releaseIfSuperseded). */
export function releaseSupersededAviratoSession(container: MedusaContainer, session: SessionToRelease, detectedBy: DiscardedPaymentDetection): Promise<void> {
  return releaseIfSuperseded(container, session, giveBackAviratoPayment(detectedBy))
}
