/**
 * Medusa's order cancel refunds what the order's payments captured — the payments it read when it
 * started — and carries on when a refund fails (it logs the provider's error). Two ways a cancelled
 * order keeps a captured payment, and nothing in Medusa gives it back:
 * - a payment the plugin creates after that read (an order edit's or claim's session paid at the
 *   vendor and authorised by the webhook or the job while the order was being cancelled), captured on
 *   the spot by an Avirato auto-capture;
 * - a payment whose refund the vendor refused during the cancellation.
 *
 * This refunds such a payment under the payment's lock, with its state read again there: the refund
 * is what its captures hold beyond its refunds, on a payment of this plugin whose order is
 * cancelled, with the cancellation's refund reason where the vendor takes one. A second run (a
 * repeated event, another process) finds nothing left to refund. The provider carries Medusa's
 * refund id as the vendor's idempotency key and records an answer it never got as unconfirmed (the
 * reconciliation job re-sends it with the same key), so a lost answer is not refunded twice.
 *
 * The refund is the step Medusa's own refunds use (the Payment Module's refund: the provider
 * refunds at the vendor, Medusa records the refund row), then `payment.refunded`. Not the admin
 * refund button's workflow: on a cancelled order it fails after the vendor has refunded (its
 * credit-line step refuses cancelled orders, and its compensation then removes the order
 * transaction it added), which would report a refund that was made as failed. No order transaction
 * is added either: Medusa's cancel already booked one for every refund it attempted, the one the
 * vendor refused included, and a late payment's capture was never booked on the order; either way
 * the order's transactions add up without this refund.
 *
 * A refund that fails (the vendor refused it or is down) is counted in the payment's data and
 * reaches the admin once; the reconciliation jobs try it again when due (canceledOrderRefundRetryDue)
 * until it is made or nothing is left to refund (the admin refunded it by hand), which removes the
 * count.
 */
import type { BigNumberInput, IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules, PaymentEvents } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, refundPaymentStep } from "@medusajs/medusa/core-flows"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import { alertAdmin } from "../../operations/shared/alert-admin"
import { oneMoreFailedAttempt, type FailedAttempts } from "../../operations/shared/failed-attempts"
import { forEachPageOfRows } from "../../operations/shared/paged-rows"
import { withPaymentLock } from "../../operations/shared/payment-lock"
import { registeredProviderIds } from "../../operations/shared/registered-provider-ids"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { planCanceledOrderRefundReasonStep } from "../avirato/plan-refund-reason"
import { acquirePaymentLockStep, releasePaymentLockStep } from "./payment-lock-steps"

export type CanceledOrderRefundOutcome = "refunded" | "nothing_to_do" | "failed"

/** Payment data key counting the failed refunds of a cancelled order's captured payment. */
export const CANCELED_ORDER_REFUND_FAILURE_KEY = "canceled_order_refund_failure"

export type CanceledOrderRefundFailure = FailedAttempts

/**
 * When the jobs try a failed refund again: a while after the last attempt, the while doubling with
 * each attempt (2, 4, 8 … minutes) up to six hours — a vendor that refuses a refund is not asked
 * every minute for days, and one that was down is asked again soon.
 */
export function canceledOrderRefundRetryDue(failure: CanceledOrderRefundFailure, now: Date): boolean {
  const waitMs = Math.min(2 ** Math.min(failure.attempts, 20) * 60_000, 6 * 60 * 60_000)
  const last = Date.parse(failure.last_attempt_at)
  return !Number.isFinite(last) || now.getTime() - last >= waitMs
}

interface RefundablePayment {
  id: string
  provider_id: string
  captures?: Array<{ raw_amount: BigNumberInput }> | null
  refunds?: Array<{ raw_amount: BigNumberInput }> | null
  payment_collection?: { order?: { status?: string } | null } | null
}

/** What a payment's captures hold beyond its refunds; zero or less when nothing is left. */
export function unrefundedCapturedAmount(payment: Pick<RefundablePayment, "captures" | "refunds">): BigNumberInput {
  const sum = (rows: Array<{ raw_amount: BigNumberInput }> | null | undefined) =>
    (rows ?? []).reduce<BigNumberInput>((total, row) => MathBN.add(total, row.raw_amount), MathBN.convert(0))
  return MathBN.sub(sum(payment.captures), sum(payment.refunds))
}

/** Under the lock: the payment read again, and the amount to refund if its order is cancelled and something is left. */
export const decideCanceledOrderRefundStep = createStep("decide-canceled-order-payment-refund", async (input: { payment_id: string }, { container }) => {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment",
    fields: ["id", "provider_id", "captures.raw_amount", "refunds.raw_amount", "payment_collection.order.status"],
    filters: { id: input.payment_id },
  })
  const payment = data[0] as RefundablePayment | undefined
  if (!payment || !vendorOfProviderId(payment.provider_id) || payment.payment_collection?.order?.status !== "canceled") return new StepResponse(null)
  const amount = unrefundedCapturedAmount(payment)
  return new StepResponse(MathBN.gt(amount, 0) ? { payment_id: payment.id, amount } : null)
})

/**
 * Under the lock, once the payment owes nothing more (refunded now, or found with nothing left):
 * the count of earlier failed attempts is removed, so the jobs stop looking at the payment.
 */
export const clearCanceledOrderRefundFailureStep = createStep("clear-canceled-order-refund-failure", async (input: { payment_id: string }, { container }) => {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const { data } = await paymentModule.retrievePayment(input.payment_id, { select: ["id", "data"] })
  if (data?.[CANCELED_ORDER_REFUND_FAILURE_KEY]) await writePaymentData(paymentModule, input.payment_id, { ...data, [CANCELED_ORDER_REFUND_FAILURE_KEY]: null })
  return new StepResponse(undefined)
})

/** One payment of a cancelled order: its lock (compensation releases it), decide, refund through the Payment Module, clear the failure count, unlock. */
export const refundCanceledOrderPaymentWorkflow = createWorkflow("refund-canceled-order-payment", (input: { payment_id: string }) => {
  const lock = acquirePaymentLockStep(input)
  const refund = decideCanceledOrderRefundStep(input)
  when({ refund }, ({ refund }) => !!refund).then(() => {
    planCanceledOrderRefundReasonStep(input)
    refundPaymentStep(transform({ refund }, ({ refund }) => ({ payment_id: refund!.payment_id, amount: refund!.amount, note: "Refunded after the order's cancellation" })))
    emitEventStep({ eventName: PaymentEvents.REFUNDED, data: transform({ input }, ({ input }) => ({ id: input.payment_id })) })
  })
  clearCanceledOrderRefundFailureStep(input)
  releasePaymentLockStep(lock)
  return new WorkflowResponse(transform({ refund }, ({ refund }): CanceledOrderRefundOutcome => (refund ? "refunded" : "nothing_to_do")))
})

/**
 * Refunds what a cancelled order's payment still holds captured. Never throws: a refund that fails
 * is counted on the payment for the reconciliation jobs and reaches the admin, once per payment.
 */
export async function refundCanceledOrderPayment(container: MedusaContainer, paymentId: string, orderId: string): Promise<CanceledOrderRefundOutcome> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await refundCanceledOrderPaymentWorkflow(container).run({ input: { payment_id: paymentId } })
    if (result === "refunded") logger.info(`Order ${orderId}: refunded what payment ${paymentId} held captured after the order's cancellation`)
    return result
  } catch (error) {
    const message = (error as Error).message
    const failure = await recordCanceledOrderRefundFailure(container, paymentId, message).catch((recordError: Error) => {
      logger.warn(`Order ${orderId}: the failed refund of payment ${paymentId} was not counted (${recordError.message})`)
      return undefined
    })
    logger.warn(`Order ${orderId}: refunding payment ${paymentId} after the order's cancellation failed (attempt ${failure?.attempts ?? "?"}), tried again by the reconciliation job: ${message}`)
    // The admin is told at the first failure; the job's later attempts only log.
    if (failure && failure.attempts > 1) return "failed"
    await alertAdmin(container, {
      key: `avarda-avirato:canceled-order-refund-failed:${paymentId}`,
      title: `Order ${orderId}: a captured payment of the cancelled order was not refunded`,
      description:
        `Payment ${paymentId} still holds a captured amount after its order was cancelled, and refunding it failed (${message}). ` +
        `The reconciliation job tries again when due (2, 4, 8 … minutes after the last attempt). Refunding it from the order's page also ` +
        `ends that: Medusa then answers that the order has been cancelled, but the refund is made and shown on the payment.`,
      data: { payment_id: paymentId, order_id: orderId },
    })
    return "failed"
  }
}

/** Counts a failed attempt in the payment's data, under the payment's lock (the workflow let it go when it failed). */
async function recordCanceledOrderRefundFailure(container: MedusaContainer, paymentId: string, message: string): Promise<CanceledOrderRefundFailure> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  return withPaymentLock(container, paymentId, async () => {
    const { data } = await paymentModule.retrievePayment(paymentId, { select: ["id", "data"] })
    const previous = (data?.[CANCELED_ORDER_REFUND_FAILURE_KEY] ?? undefined) as CanceledOrderRefundFailure | undefined
    const failure = oneMoreFailedAttempt(previous, message)
    await writePaymentData(paymentModule, paymentId, { ...(data ?? {}), [CANCELED_ORDER_REFUND_FAILURE_KEY]: failure })
    return failure
  })
}

export interface CanceledOrderRefundsReport {
  refunded: string[]
  failed: string[]
}

/**
 * The reconciliation jobs: payments of the providers `ofProvider` accepts whose refund after the
 * order's cancellation failed before (the count in their data), a page at a time; each whose retry
 * is due is refunded again if something is still left to refund.
 */
export async function refundLeftoverCanceledOrderPayments(
  container: MedusaContainer,
  options: { ofProvider: (providerId: string) => boolean; pageSize?: number; now?: Date }
): Promise<CanceledOrderRefundsReport> {
  const report: CanceledOrderRefundsReport = { refunded: [], failed: [] }
  const now = options.now ?? new Date()
  const providerIds = await registeredProviderIds(container, options.ofProvider)
  if (!providerIds.length) return report
  // The count alone marks the work; whether the order is still cancelled is checked under the lock.
  const filters = { provider_id: providerIds, data: { [CANCELED_ORDER_REFUND_FAILURE_KEY]: { $ne: null } } }
  type Row = { id: string; data?: Record<string, unknown> | null; payment_collection?: { order?: { id: string } | null } | null }
  const fields = ["id", "data", "payment_collection.order.id"]
  await forEachPageOfRows<Row>(container, { entity: "payment", fields, filters, pageSize: options.pageSize }, async (payments) => {
    for (const payment of payments) {
      const failure = payment.data?.[CANCELED_ORDER_REFUND_FAILURE_KEY] as CanceledOrderRefundFailure | undefined
      if (failure && !canceledOrderRefundRetryDue(failure, now)) continue
      const outcome = await refundCanceledOrderPayment(container, payment.id, payment.payment_collection?.order?.id ?? "(unknown)")
      if (outcome === "refunded") report.refunded.push(payment.id)
      else if (outcome === "failed") report.failed.push(payment.id)
    }
  })
  return report
}
