import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isAviratoProviderId } from "../providers/avirato/core/configured-providers"
import { confirmAviratoRefunds } from "../workflows/avirato/confirm-unconfirmed-refunds"
import { pendingCheckersOf } from "../operations/plugin-vendor-operations"
import { reconcilePendingSessions } from "../operations/shared/reconcile-pending-sessions"
import { reconcileAviratoVendorPaidSessions } from "../operations/avirato/reconcile-vendor-paid-sessions"
import { cancelLeftoverCanceledOrderPayments } from "../workflows/credit/cancel-canceled-order-payments"
import { refundLeftoverCanceledOrderPayments } from "../workflows/shared/refund-canceled-order-payment"

/**
 * Every 10 minutes: complete orders whose Avirato payment succeeded but was never reported to us,
 * give back payments Avirato took on checkouts Medusa had already discarded (found from Avirato's
 * list of paid sessions), re-send refunds Avirato never answered (same Idempotency-Key), cancel
 * the pre-authorisations of cancelled orders Medusa's order cancel could not cancel at Avirato, and
 * refund again the captured payments of cancelled orders whose refund failed.
 */
export default async function aviratoReconcileSessions(container: MedusaContainer): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const sessions = await reconcilePendingSessions(container, { checkers: pendingCheckersOf(["avirato"]) })
  for (const { sessionId } of sessions.completed) logger.info(`Avirato: reconciled paid session ${sessionId} (webhook and return were missed)`)
  for (const { sessionId, error } of sessions.failed) logger.error(`Avirato: could not reconcile payment session ${sessionId}: ${error}`)
  await reconcileAviratoVendorPaidSessions(container)
  await confirmAviratoRefunds(container)
  const cancels = await cancelLeftoverCanceledOrderPayments(container, { ofProvider: isAviratoProviderId })
  if (cancels.canceled.length || cancels.failed.length) {
    logger.info(`Avirato reconciliation: ${cancels.canceled.length} payment(s) of cancelled orders cancelled, ${cancels.failed.length} still failing`)
  }
  const refunds = await refundLeftoverCanceledOrderPayments(container, { ofProvider: isAviratoProviderId })
  if (refunds.refunded.length || refunds.failed.length) {
    logger.info(`Avirato reconciliation: ${refunds.refunded.length} payment(s) of cancelled orders refunded, ${refunds.failed.length} still failing`)
  }
}

export const config = {
  name: "avirato-reconcile-sessions",
  schedule: "*/10 * * * *",
}
