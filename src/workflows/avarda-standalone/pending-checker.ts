/**
 * The Standalone Credit family for the shared reconciliation job (`src/workflows/credit/pending-payment-checkers.ts`):
 * sessions waiting on the electronic ID whose shopper never came back are re-checked with
 * GetPaymentStatus through the provider; State 2 completes the cart, a final State releases it.
 */
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { standaloneOptionsFor } from "../../providers/avarda-standalone/core/runtime-config"
import { checkThroughProvider, type PendingPaymentChecker } from "../credit/pending-payment-checker"

export const avardaStandaloneChecker: PendingPaymentChecker = {
  family: "avarda-standalone",
  matches: isStandaloneProviderId,
  // "authorized": approved after the electronic ID, but the cart completion failed.
  pendingStatuses: ["requires_more", "authorized"],
  // Only shoppers sent to the electronic-ID page: an immediate approval waits for the shopper to place the order.
  eligible: (session) => typeof (session.data as { redirect_url?: unknown } | null)?.redirect_url === "string",
  timing(container, providerId) {
    const { reconciliation } = standaloneOptionsFor(container, providerId)
    return { graceMs: reconciliation.graceMinutes * 60_000, maxAgeMs: reconciliation.maxAgeHours * 3_600_000 }
  },
  check: (container, session) => checkThroughProvider(container, session),
}
