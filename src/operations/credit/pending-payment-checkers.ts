/**
 * Credit payment sessions that wait on the shopper (Avarda's ID validation, the Standalone Credit
 * electronic-ID page) and must be re-checked when the shopper never comes back: one checker per
 * credit API, built from its adapter; the vendor-operations registry names it per API.
 */
import { reconciliationWindowMs } from "../../lib/avarda/reconciliation-option"
import { isProviderIdOf } from "../../lib/plugin-vendors"
import type { CreditVendor } from "./credit-vendors"
import { checkThroughProvider, type PendingPaymentChecker } from "../shared/pending-payment-checker"

export function creditPendingChecker(vendor: CreditVendor): PendingPaymentChecker {
  return {
    family: vendor.facts.vendor,
    matches: (providerId) => isProviderIdOf(vendor.facts.vendor, providerId),
    // "authorized": approved after the identification, but the cart completion failed (e.g. Avarda briefly unreachable).
    pendingStatuses: ["requires_more", "authorized"],
    // Only shoppers sent to the identification page: an immediate approval waits for the shopper to place the order.
    eligible: (session) => typeof (session.data as { redirect_url?: unknown } | null)?.redirect_url === "string",
    timing(container, providerId) {
      return reconciliationWindowMs(vendor.optionsFor(container, providerId).reconciliation)
    },
    // An authorization still waiting on the identification after the window holds the shopper's credit: release it.
    pastMaxAge: "release",
    check: checkThroughProvider,
  }
}
