import type { MedusaContainer } from "@medusajs/framework/types"
import { confirmAviratoRefunds } from "../workflows/avirato/confirm-unconfirmed-refunds"
import { reconcilePendingAviratoSessions } from "../workflows/avirato/reconcile-pending-sessions"
import { reconcileAviratoVendorPaidSessions } from "../workflows/avirato/reconcile-vendor-paid-sessions"

/**
 * Every 10 minutes: complete orders whose Avirato payment succeeded but was never reported to us,
 * give back payments Avirato took on checkouts Medusa had already discarded (found from Avirato's
 * list of paid sessions) and re-send refunds Avirato never answered (same Idempotency-Key).
 */
export default async function aviratoReconcileSessions(container: MedusaContainer): Promise<void> {
  await reconcilePendingAviratoSessions(container)
  await reconcileAviratoVendorPaidSessions(container)
  await confirmAviratoRefunds(container)
}

export const config = {
  name: "avirato-reconcile-sessions",
  schedule: "*/10 * * * *",
}
