/**
 * The contract of a provider family whose payment sessions can wait on the shopper (ID validation,
 * electronic ID, a hosted card page), as the one reconciliation loop (reconcile-pending-sessions.ts)
 * reads it, and the default vendor re-check through the provider. No family is imported here, so
 * families can import this module without a cycle.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { SessionWithCart } from "./find-payment-session"
import type { GiveBackBeforeRelease } from "./release-superseded-session"
import { refreshPaymentSession } from "./refresh-payment-session"

export type PendingCheckResult = "approved" | "pending" | "rejected"

export interface PendingPaymentChecker {
  family: string
  matches(providerId: string): boolean
  /** Session statuses meaning "the shopper may still be acting" (or was approved without an order yet). */
  pendingStatuses: string[]
  /**
   * Only sessions whose shopper already committed to pay (went to the vendor's page) may be
   * completed by the job; a shopper still on the checkout page must place the order themselves.
   */
  eligible(session: SessionWithCart): boolean
  /** The shopper's time to return before the job looks (`graceMs`), and when to stop waiting (`maxAgeMs`). */
  timing(container: MedusaContainer, providerId: string): { graceMs: number; maxAgeMs: number }
  /**
   * A session past `maxAgeMs` that the vendor has not approved: `release` deletes it (the provider
   * releases what the vendor holds), `forget` stops asking about it (the vendor holds nothing for an
   * unpaid page, and a payment made later reaches the store by other ways).
   */
  pastMaxAge: "release" | "forget"
  /** Re-reads the vendor. */
  check(container: MedusaContainer, session: SessionWithCart): Promise<PendingCheckResult>
  /**
   * Gives back what the vendor holds for a session no order will use, where deleting the session
   * does not: the provider's deletion releases a credit reservation, but leaves a card payment
   * already taken alone. Throws when it could not, so the session is kept for the next run.
   */
  giveBackBeforeRelease?: GiveBackBeforeRelease
}

/**
 * The default check: the provider's `updatePayment` re-reads the vendor and maps its status
 * (authorized / requires_more / error), so the session row is up to date afterwards.
 */
export async function checkThroughProvider(container: MedusaContainer, session: SessionWithCart): Promise<PendingCheckResult> {
  const refreshed = await refreshPaymentSession(container, session)
  // Deleted meanwhile (its cart was paid another way, or it was released): nothing is left to do.
  if (!refreshed) return "pending"
  if (refreshed.status === "authorized") return "approved"
  if (refreshed.status === "error" || refreshed.status === "canceled") return "rejected"
  return "pending"
}
