/**
 * Every minute: re-checks credit payments waiting on the vendor — sessions whose shopper never
 * returned from ID validation, captures postponed until Avarda finished processing, and refunds
 * and other calls Avarda never answered — and cancels the payments of cancelled orders that
 * Medusa's order cancel left open because Avarda failed it, or releases their undelivered rest, and
 * refunds again the captured payments of cancelled orders whose refund failed.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retryPendingCaptures } from "../operations/credit/retry-pending-captures"
import { creditVendors } from "../operations/credit/credit-vendors"
import { pendingCheckersOf } from "../operations/plugin-vendor-operations"
import { reconcilePendingSessions } from "../operations/shared/reconcile-pending-sessions"
import { confirmStandaloneOperations } from "../workflows/avarda-standalone/confirm-unconfirmed"
import { confirmAvardaReturns } from "../workflows/avarda/confirm-unconfirmed-returns"
import { releaseOrphanedAuthorizations } from "../workflows/avarda/release-orphaned-authorizations"
import { retryRequestedRemainderReleases } from "../workflows/avarda-standalone/release-remainder"
import { cancelLeftoverCanceledOrderPayments, isCreditProviderId } from "../workflows/credit/cancel-canceled-order-payments"
import { refundLeftoverCanceledOrderPayments } from "../workflows/shared/refund-canceled-order-payment"

export default async function reconcileCreditPayments(container: MedusaContainer): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  // Each part is independent: one that fails (e.g. a lock a dead process still holds, until it
  // expires) is logged and tried again on the next run, and the parts after it still run.
  const parts: Array<[string, (container: MedusaContainer, logger: Logger) => Promise<void>]> = [
    ["pending sessions and captures", sessionsAndCaptures],
    ["released authorizations", orphanedAuthorizations],
    ["unconfirmed Avarda refunds", unconfirmedReturns],
    ["unconfirmed Avarda Standalone calls", unconfirmedStandaloneCalls],
    ["open payments of cancelled orders", canceledOrderPayments],
    ["unrefunded captured payments of cancelled orders", canceledOrderRefunds],
    ["undelivered rests of cancelled Avarda Standalone orders", remainderReleases],
  ]
  for (const [name, part] of parts) {
    await part(container, logger).catch((error: Error) => logger.error(`Credit reconciliation: ${name} failed, retried on the next run: ${error.message}`))
  }
}

async function sessionsAndCaptures(container: MedusaContainer, logger: Logger): Promise<void> {
  const creditApis = creditVendors().map((vendor) => vendor.facts.vendor)
  const sessions = await reconcilePendingSessions(container, { checkers: pendingCheckersOf(creditApis) })
  const captures = await retryPendingCaptures(container)
  if (sessions.checked || captures.attempted) {
    logger.info(
      `Credit reconciliation: ${sessions.completed.length} cart(s) completed, ${sessions.released.length} session(s) released, ` +
        `${sessions.pending.length} still pending, ${sessions.failed.length} failed; ` +
        `${captures.captured.length} postponed capture(s) made, ${captures.failed.length} still waiting`
    )
  }
  for (const failure of [...sessions.failed, ...captures.failed]) logger.warn(`Credit reconciliation: ${JSON.stringify(failure)}`)
}

async function orphanedAuthorizations(container: MedusaContainer, logger: Logger): Promise<void> {
  // Avarda Authorization API: authorizations of sessions deleted during ID validation.
  const orphans = await releaseOrphanedAuthorizations(container)
  if (orphans.released.length) logger.info(`Credit reconciliation: ${orphans.released.length} Avarda authorization(s) of deleted sessions released`)
  for (const failure of orphans.failed) logger.warn(`Credit reconciliation: could not release an Avarda authorization: ${failure}`)
}

async function unconfirmedReturns(container: MedusaContainer, logger: Logger): Promise<void> {
  // Avarda Authorization API: refunds Avarda never answered, re-sent with the same tranId.
  const returns = await confirmAvardaReturns(container)
  if (returns.confirmed.length || returns.refused.length || returns.stillUnknown) {
    logger.info(
      `Credit reconciliation: ${returns.confirmed.length} unconfirmed Avarda refund(s) confirmed, ` +
        `${returns.refused.length} refused, ${returns.stillUnknown} still without an answer`
    )
  }
}

async function unconfirmedStandaloneCalls(container: MedusaContainer, logger: Logger): Promise<void> {
  // Avarda Standalone Credit: commerce calls Avarda never answered, re-sent with the same TranId.
  const confirmations = await confirmStandaloneOperations(container)
  if (confirmations.confirmed.length || confirmations.refused.length || confirmations.stillUnknown) {
    logger.info(
      `Credit reconciliation: ${confirmations.confirmed.length} unconfirmed Avarda Standalone call(s) confirmed, ` +
        `${confirmations.refused.length} refused, ${confirmations.stillUnknown} still without an answer`
    )
  }
}

async function canceledOrderPayments(container: MedusaContainer, logger: Logger): Promise<void> {
  // Both Avarda APIs: the same cancel as the order-cancel subscribers, for what they could not do.
  const report = await cancelLeftoverCanceledOrderPayments(container)
  if (report.canceled.length || report.failed.length) {
    logger.info(`Credit reconciliation: ${report.canceled.length} payment(s) of cancelled orders cancelled at Avarda, ${report.failed.length} still failing`)
  }
}

async function canceledOrderRefunds(container: MedusaContainer, logger: Logger): Promise<void> {
  // Both Avarda APIs: the refund the order-cancel subscribers could not make, tried again when due.
  const report = await refundLeftoverCanceledOrderPayments(container, { ofProvider: isCreditProviderId })
  if (report.refunded.length || report.failed.length) {
    logger.info(`Credit reconciliation: ${report.refunded.length} payment(s) of cancelled orders refunded at Avarda, ${report.failed.length} still failing`)
  }
}

export const config = {
  name: "reconcile-credit-payments",
  schedule: "* * * * *",
}

async function remainderReleases(container: MedusaContainer, logger: Logger): Promise<void> {
  // Avarda Standalone: RefundRemaining of a cancelled order that failed when the order was cancelled.
  const report = await retryRequestedRemainderReleases(container)
  if (report.released.length) logger.info(`Credit reconciliation: the undelivered rest of ${report.released.length} cancelled Avarda Standalone payment(s) released`)
  if (report.abandoned.length) logger.warn(`Credit reconciliation: the undelivered rest of ${report.abandoned.length} cancelled Avarda Standalone payment(s) could not be released; the admin was told`)
  for (const failure of report.failed) logger.warn(`Credit reconciliation: could not release the undelivered rest of ${failure}`)
}
