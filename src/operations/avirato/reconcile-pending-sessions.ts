/**
 * Safety net for missed webhooks when the shopper also never came back from Avirato's hosted page:
 * Avirato's checker for the one reconciliation loop (shared/reconcile-pending-sessions.ts). Sessions
 * of Avirato providers still waiting are checked with GET payment/session, and a paid one completes
 * its cart (or is authorised when no cart holds it) exactly as the return route would. An unpaid
 * session is not released by the job: Avirato holds nothing for it, its page expires on its own,
 * and a payment made on it later still reaches the store (webhook, return, or the list of paid
 * sessions); past `maxAgeMs` the job stops asking. The exception is a session no order will use
 * (its cart's order holds another payment or was cancelled, or its payment collection was
 * cancelled): it is deleted, its payment (if the shopper paid it) given back.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { sessionOutcome } from "../../lib/avirato"
import { aviratoProvider, isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { aviratoSessionIdOf, giveBackAviratoPayment } from "./release-superseded-session"
import type { PendingPaymentChecker } from "../shared/pending-payment-checker"
import { reconcilePendingSessions, type ReconciliationReport } from "../shared/reconcile-pending-sessions"

export interface AviratoReconcileOptions {
  /** Leave younger sessions alone: the shopper may still be on the page (5-minute page limit). */
  minAgeMs?: number
  /** Older sessions are abandoned; Avirato never expires an unopened page, so stop asking. */
  maxAgeMs?: number
  now?: Date
  /** Sessions read per page (default JOB_PAGE_SIZE). */
  pageSize?: number
}

const DEFAULT_MIN_AGE_MS = 10 * 60_000
const DEFAULT_MAX_AGE_MS = 3 * 24 * 3600_000

export function aviratoPendingChecker({ minAgeMs = DEFAULT_MIN_AGE_MS, maxAgeMs = DEFAULT_MAX_AGE_MS }: AviratoReconcileOptions = {}): PendingPaymentChecker {
  return {
    family: "avirato",
    matches: isAviratoProviderId,
    pendingStatuses: ["pending", "requires_more"],
    // Only sessions that reached Avirato (a hosted page was created for them).
    eligible: (session) => !!aviratoSessionIdOf(session),
    timing: () => ({ graceMs: minAgeMs, maxAgeMs }),
    pastMaxAge: "forget",
    async check(container: MedusaContainer, session) {
      const provider = aviratoProvider(container, session.provider_id)
      if (!provider) throw new Error(`Avirato provider ${session.provider_id} is not configured`)
      const vendor = await provider.client.getSession(aviratoSessionIdOf(session)!)
      return sessionOutcome(vendor).kind === "paid" ? "approved" : "pending"
    },
    // Deleting a Medusa session changes nothing at Avirato: a payment taken on it is voided or
    // refunded first (its cart was completed with another payment).
    giveBackBeforeRelease: giveBackAviratoPayment("reconciliation"),
  }
}

/** The Avirato sessions' pass of the reconciliation loop. */
export async function reconcilePendingAviratoSessions(container: MedusaContainer, options: AviratoReconcileOptions = {}): Promise<ReconciliationReport> {
  return reconcilePendingSessions(container, { checkers: [aviratoPendingChecker(options)], now: options.now, pageSize: options.pageSize })
}
