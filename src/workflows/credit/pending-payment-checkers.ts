/**
 * Provider families whose payment sessions can wait on the shopper (ID validation, electronic ID)
 * and must be re-checked when the shopper never comes back. The reconciliation job iterates this
 * list; the Standalone Credit providers add their own checker here.
 */
import { parseAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { avardaOptionsFor } from "../../providers/avarda/core/runtime-config"
import { avardaStandaloneChecker } from "../avarda-standalone/pending-checker"
import { checkThroughProvider, type PendingPaymentChecker } from "./pending-payment-checker"

export { checkThroughProvider, type PendingCheckResult, type PendingPaymentChecker } from "./pending-payment-checker"

export const avardaAuthorizationChecker: PendingPaymentChecker = {
  family: "avarda-authorization-api",
  matches: (providerId) => parseAvardaProviderId(providerId) !== undefined,
  // "authorized": approved after ID validation, but the cart completion failed (e.g. Avarda briefly unreachable).
  pendingStatuses: ["requires_more", "authorized"],
  eligible: (session) => typeof (session.data as { redirect_url?: unknown } | null)?.redirect_url === "string",
  timing(container, providerId) {
    const { reconciliation } = avardaOptionsFor(container, providerId)
    return { graceMs: reconciliation.graceMinutes * 60_000, maxAgeMs: reconciliation.maxAgeHours * 3_600_000 }
  },
  check: checkThroughProvider,
}

/** Every family, built on call: families import this module, so a constant array could see them uninitialised. */
export function pendingPaymentCheckers(): PendingPaymentChecker[] {
  return [avardaAuthorizationChecker, avardaStandaloneChecker]
}
