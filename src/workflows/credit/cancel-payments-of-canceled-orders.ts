/**
 * Medusa's order cancellation cancels the uncaptured payments but carries on when a provider's
 * cancel fails (it logs the error and cancels the order anyway). For an Avarda credit that leaves
 * the shopper's credit reserved at Avarda under an order that no longer exists, and Medusa never
 * asks again. This module asks again: right after the order is cancelled, and then on every run of
 * the credit reconciliation job until Avarda has released the reservation.
 *
 * Each attempt goes through the Payment Module's `cancelPayment`, so the provider's own cancel runs
 * (an authorization Avarda no longer holds counts as cancelled) and Medusa records `canceled_at`.
 * It runs inside the payment's lock with the state read again there, so a second process, a
 * repeated event or the job never cancels twice. After repeated failures the admin is told once.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import { forEachPageOfRows } from "../helpers/paged-rows"
import { withPaymentLock } from "../helpers/payment-lock"
import { writePaymentData } from "../helpers/write-payment-data"

/** Key in the payment's data recording failed attempts to cancel it after its order was cancelled. */
export const ORDER_CANCEL_RETRY_KEY = "order_cancel_retry"

/** Failed attempts after which the admin is notified (the job tries about once a minute). */
export const ORDER_CANCEL_NOTIFY_AFTER_FAILURES = 5

export interface OrderCancelRetry {
  failures: number
  first_failed_at: string
  last_failed_at: string
  last_error: string
  admin_notified?: boolean
}

export type CancelAttempt = "cancelled" | "nothing_to_do" | "failed"

export interface CanceledOrderPaymentsReport {
  cancelled: string[]
  failed: Array<{ paymentId: string; error: string }>
}

/** The credit vendors whose uncaptured authorization stays reserved until it is cancelled. */
export function isCreditProviderId(providerId: string | null | undefined): boolean {
  const vendor = vendorOfProviderId(providerId)
  return vendor === "avarda" || vendor === "avarda-standalone"
}

interface OrderPaymentRow {
  id: string
  provider_id: string
  canceled_at?: string | Date | null
  captures?: Array<{ id: string }> | null
}

/** The uncaptured credit payments of one cancelled order that Medusa did not manage to cancel. */
export async function cancelPaymentsOfCanceledOrder(container: MedusaContainer, orderId: string): Promise<CanceledOrderPaymentsReport> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "status", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.canceled_at", "payment_collections.payments.captures.id"],
    filters: { id: orderId },
  })
  const report: CanceledOrderPaymentsReport = { cancelled: [], failed: [] }
  if (!order || order.status !== "canceled") return report
  const payments = ((order as { payment_collections?: Array<{ payments?: OrderPaymentRow[] | null } | null> | null }).payment_collections ?? []).flatMap((c) => c?.payments ?? [])
  for (const payment of payments) {
    if (!needsCancel(payment)) continue
    record(report, payment.id, await cancelUncapturedPayment(container, payment.id))
  }
  return report
}

interface PaymentRow extends OrderPaymentRow {
  payment_collection?: { order?: { id: string; status: string } | null } | null
}

/**
 * Every uncaptured credit payment still open under a cancelled order, page by page: the job's
 * part. Payments of live orders are skipped without a vendor call.
 */
export async function cancelPaymentsOfCanceledOrders(container: MedusaContainer, options: { pageSize?: number } = {}): Promise<CanceledOrderPaymentsReport> {
  const report: CanceledOrderPaymentsReport = { cancelled: [], failed: [] }
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providerIds = (await paymentModule.listPaymentProviders({})).map((p) => p.id).filter(isCreditProviderId)
  if (!providerIds.length) return report
  await forEachPageOfRows<PaymentRow>(
    container,
    {
      entity: "payment",
      fields: ["id", "provider_id", "canceled_at", "captures.id", "payment_collection.order.id", "payment_collection.order.status"],
      filters: { captured_at: null, canceled_at: null, provider_id: providerIds },
      pageSize: options.pageSize,
    },
    async (payments) => {
      for (const payment of payments) {
        if (payment.payment_collection?.order?.status !== "canceled" || !needsCancel(payment)) continue
        record(report, payment.id, await cancelUncapturedPayment(container, payment.id))
      }
    }
  )
  return report
}

function needsCancel(payment: OrderPaymentRow): boolean {
  return isCreditProviderId(payment.provider_id) && !payment.canceled_at && !(payment.captures ?? []).length
}

function record(report: CanceledOrderPaymentsReport, paymentId: string, attempt: { outcome: CancelAttempt; error?: string }): void {
  if (attempt.outcome === "cancelled") report.cancelled.push(paymentId)
  if (attempt.outcome === "failed") report.failed.push({ paymentId, error: attempt.error ?? "unknown error" })
}

/**
 * Cancels one payment of a cancelled order, holding its lock; a payment cancelled or captured in the
 * meantime is left alone. A failure is recorded on the payment and returned, never thrown.
 */
export async function cancelUncapturedPayment(container: MedusaContainer, paymentId: string): Promise<{ outcome: CancelAttempt; error?: string }> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  return withPaymentLock(container, paymentId, async () => {
    const [payment] = await paymentModule.listPayments({ id: paymentId }, { select: ["id", "provider_id", "data", "canceled_at", "captured_at"], relations: ["captures"] })
    if (!payment || payment.canceled_at || payment.captured_at || (payment.captures ?? []).length) return { outcome: "nothing_to_do" as const }
    try {
      await paymentModule.cancelPayment(paymentId)
      logger.info(`Payment ${paymentId} of a cancelled order: the authorization was cancelled at the vendor`)
      return { outcome: "cancelled" as const }
    } catch (error) {
      const message = (error as Error).message
      const retry = await recordFailure(container, paymentId, (payment.data ?? {}) as Record<string, unknown>, message)
      logger.warn(`Payment ${paymentId} of a cancelled order: cancelling the authorization failed (${retry.failures} time(s)), tried again by the credit reconciliation job: ${message}`)
      return { outcome: "failed" as const, error: message }
    }
  })
}

async function recordFailure(container: MedusaContainer, paymentId: string, data: Record<string, unknown>, message: string): Promise<OrderCancelRetry> {
  const now = new Date().toISOString()
  const previous = data[ORDER_CANCEL_RETRY_KEY] as OrderCancelRetry | undefined
  const retry: OrderCancelRetry = {
    failures: (previous?.failures ?? 0) + 1,
    first_failed_at: previous?.first_failed_at ?? now,
    last_failed_at: now,
    last_error: message,
    ...(previous?.admin_notified ? { admin_notified: true } : {}),
  }
  if (retry.failures >= ORDER_CANCEL_NOTIFY_AFTER_FAILURES && !retry.admin_notified) {
    retry.admin_notified = await notifyAdmin(container, paymentId, retry)
  }
  await writePaymentData(container.resolve<IPaymentModuleService>(Modules.PAYMENT), paymentId, { [ORDER_CANCEL_RETRY_KEY]: retry })
  return retry
}

/** One entry in the admin's notification feed per payment (its id is the idempotency key). */
async function notifyAdmin(container: MedusaContainer, paymentId: string, retry: OrderCancelRetry): Promise<boolean> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const title = "Cancelled order: the vendor still holds the authorization"
  const description =
    `Cancelling payment ${paymentId} at the vendor failed ${retry.failures} times since ${retry.first_failed_at} (last: ${retry.last_error}). ` +
    "The reconciliation job keeps trying; check the vendor's portal if it does not succeed."
  logger.error(`${title}: ${description}`)
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: "",
      channel: "feed",
      template: "admin-ui",
      data: { title, description, payment_id: paymentId },
      idempotency_key: `avarda-avirato:order-cancel-failed:${paymentId}`,
    })
    return true
  } catch (error) {
    logger.error(`Could not store the admin notification "${title}": ${(error as Error).message}`)
    return false
  }
}
