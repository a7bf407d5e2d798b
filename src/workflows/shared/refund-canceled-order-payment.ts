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
 * Each attempt is counted in the payment's data before the refund is sent and the count removed once
 * the payment owes nothing more, so a refund that fails (the vendor refused it or is down) — or an
 * attempt cut short by a crash — stays counted. The failure is recorded under the same lock (the
 * vendor's error, the cancellation's unused refund reason removed) and reaches the admin once; the
 * reconciliation jobs try it again when due (canceledOrderRefundRetryDue) until it is made or
 * nothing is left to refund (the admin refunded it by hand), which removes the count.
 */
import type { BigNumberInput, IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules, PaymentEvents } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import { alertAdmin } from "../../operations/shared/alert-admin"
import { CANCELED_ORDER_REFUND_FAILURE_KEY, canceledOrderRefundRetryDue, removeCanceledOrderRefundCount } from "../../operations/shared/canceled-order-retries"
import { isPaymentOfCanceledOrder, PAYMENT_ORDER_STATUS_FIELD } from "../../operations/shared/payment-of-canceled-order"
import { failedAttemptsIn, oneMoreFailedAttempt, takeNoticeIfDue } from "../../operations/shared/failed-attempts"
import { forEachPageOfRows } from "../../operations/shared/paged-rows"
import { registeredProviderIds } from "../../operations/shared/registered-provider-ids"
import { operationsOfProviderId } from "../../operations/plugin-vendor-operations"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { planCanceledOrderRefundReasonStep, withoutUnusedCancellationRefundPlan, type PlannedCancellationRefund } from "../avirato/plan-refund-reason"
import { acquirePaymentLockStep, releasePaymentLockStep } from "./payment-lock-steps"

export type CanceledOrderRefundOutcome = "refunded" | "nothing_to_do" | "failed"

/** The error an attempt is counted with until its outcome is recorded: what the count says after a crash in between. */
export const REFUND_OUTCOME_NOT_RECORDED = "the attempt ended before its outcome was recorded"

/** The admin is told at the first failed refund: money the shopper is owed is still held. */
const REFUND_ATTEMPTS_BEFORE_NOTICE = 1

interface RefundablePayment {
  id: string
  provider_id: string
  captures?: Array<{ raw_amount: BigNumberInput }> | null
  refunds?: Array<{ raw_amount: BigNumberInput }> | null
  payment_collection?: { order?: { id: string; status?: string } | null } | null
}

/** What a payment's captures hold beyond its refunds; zero or less when nothing is left. */
export function unrefundedCapturedAmount(payment: Pick<RefundablePayment, "captures" | "refunds">): BigNumberInput {
  const sum = (rows: Array<{ raw_amount: BigNumberInput }> | null | undefined) =>
    (rows ?? []).reduce<BigNumberInput>((total, row) => MathBN.add(total, row.raw_amount), MathBN.convert(0))
  return MathBN.sub(sum(payment.captures), sum(payment.refunds))
}

interface RefundDecision {
  payment_id: string
  order_id: string
  amount: BigNumberInput
}

/** Under the lock: the payment read again, and the amount to refund if its order is cancelled and something is left. */
export const decideCanceledOrderRefundStep = createStep("decide-canceled-order-payment-refund", async (input: { payment_id: string }, { container }) => {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment",
    fields: ["id", "provider_id", "captures.raw_amount", "refunds.raw_amount", "payment_collection.order.id", PAYMENT_ORDER_STATUS_FIELD],
    filters: { id: input.payment_id },
  })
  const payment = data[0] as RefundablePayment | undefined
  if (!payment || !vendorOfProviderId(payment.provider_id) || !isPaymentOfCanceledOrder(payment)) return new StepResponse<RefundDecision | null>(null)
  const amount = unrefundedCapturedAmount(payment)
  return new StepResponse<RefundDecision | null>(MathBN.gt(amount, 0) ? { payment_id: payment.id, order_id: payment.payment_collection!.order!.id, amount } : null)
})

async function readPaymentData(container: MedusaContainer, paymentId: string): Promise<Record<string, unknown>> {
  const { data } = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(paymentId, { select: ["id", "data"] })
  return (data ?? {}) as Record<string, unknown>
}

const failureIn = (data: Record<string, unknown>) => failedAttemptsIn(data[CANCELED_ORDER_REFUND_FAILURE_KEY])

/**
 * Under the lock, before the refund is sent: the attempt is counted as one that did not refund, until
 * its outcome is recorded. A crash in between leaves it counted, so the jobs try again. Stays when
 * the workflow fails: no compensation.
 */
export const countCanceledOrderRefundAttemptStep = createStep("count-canceled-order-refund-attempt", async (input: { payment_id: string }, { container }) => {
  const data = await readPaymentData(container, input.payment_id)
  const counted = oneMoreFailedAttempt(failureIn(data), REFUND_OUTCOME_NOT_RECORDED)
  await writePaymentData(container.resolve<IPaymentModuleService>(Modules.PAYMENT), input.payment_id, { ...data, [CANCELED_ORDER_REFUND_FAILURE_KEY]: counted })
  return new StepResponse(undefined)
})

/** What the refund step answered: refunded, or the failure (answered, not thrown, so the next step records it under the same lock). */
interface RefundAnswer {
  refunded: boolean
  error?: string
  /** The refund reason planned for it (Avirato), to remove when it was not used. */
  planned?: PlannedCancellationRefund
}

/**
 * The refund Medusa's own refunds make (the Payment Module's: the provider refunds at the vendor,
 * with Medusa's refund id as its idempotency key, and Medusa records the refund row; a provider
 * failure removes the row again). What the vendor refunded cannot be taken back: no compensation.
 */
export const refundCanceledOrderPaymentStep = createStep(
  "refund-canceled-order-payment-through-payment-module",
  async ({ refund, planned }: { refund: RefundDecision; planned?: PlannedCancellationRefund }, { container }) => {
    try {
      await container.resolve<IPaymentModuleService>(Modules.PAYMENT).refundPayment({ payment_id: refund.payment_id, amount: refund.amount, note: "Refunded after the order's cancellation" })
      return new StepResponse<RefundAnswer>({ refunded: true, planned })
    } catch (error) {
      return new StepResponse<RefundAnswer>({ refunded: false, error: (error as Error).message, planned })
    }
  }
)

/**
 * Under the lock, the outcome: once the payment owes nothing more (refunded now, or found with
 * nothing left) the count is removed, so the jobs stop looking at it; a failed refund keeps its
 * count with the vendor's error, loses the refund reason planned for it, and reaches the admin at
 * the first failure.
 */
export const recordCanceledOrderRefundOutcomeStep = createStep(
  "record-canceled-order-refund-outcome",
  async ({ payment_id, refund, answer }: { payment_id: string; refund: RefundDecision | null; answer?: RefundAnswer }, { container }) => {
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const data = await readPaymentData(container, payment_id)
    if (!refund || answer?.refunded) {
      if (!refund && failureIn(data)?.last_error === REFUND_OUTCOME_NOT_RECORDED) await alertRefundsNeverRecorded(container, payment_id, data)
      await removeCanceledOrderRefundCount(paymentModule, payment_id, data)
      return new StepResponse<CanceledOrderRefundOutcome>(refund ? "refunded" : "nothing_to_do")
    }
    const message = answer?.error ?? REFUND_OUTCOME_NOT_RECORDED
    const counted = failureIn(data) ?? oneMoreFailedAttempt(undefined, message)
    const { failure, notify } = takeNoticeIfDue({ ...counted, last_error: message }, REFUND_ATTEMPTS_BEFORE_NOTICE)
    const withoutPlan = answer?.planned ? withoutUnusedCancellationRefundPlan(data, answer.planned) : data
    await writePaymentData(paymentModule, payment_id, { ...withoutPlan, [CANCELED_ORDER_REFUND_FAILURE_KEY]: failure })
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`Order ${refund.order_id}: refunding payment ${payment_id} after the order's cancellation failed (attempt ${failure.attempts}), tried again by the reconciliation job: ${message}`)
    if (notify) await notifyRefundFailure(container, refund, message)
    return new StepResponse<CanceledOrderRefundOutcome>("failed")
  }
)

/**
 * One payment of a cancelled order: its lock (compensation releases it), decide, count the attempt,
 * plan the refund reason, refund through the Payment Module, `payment.refunded`, record the outcome,
 * unlock.
 */
export const refundCanceledOrderPaymentWorkflow = createWorkflow("refund-canceled-order-payment", (input: { payment_id: string }) => {
  const lock = acquirePaymentLockStep(input)
  const refund = decideCanceledOrderRefundStep(input)
  const answer = when("refund-canceled-order-payment-when-owed", { refund }, ({ refund }) => !!refund).then(() => {
    countCanceledOrderRefundAttemptStep(input)
    const planned = planCanceledOrderRefundReasonStep(input)
    return refundCanceledOrderPaymentStep(transform({ refund, planned }, ({ refund, planned }) => ({ refund: refund!, planned })))
  })
  when("refund-canceled-order-payment-when-refunded", { answer }, ({ answer }) => !!answer?.refunded).then(() => {
    emitEventStep({ eventName: PaymentEvents.REFUNDED, data: transform({ input }, ({ input }) => ({ id: input.payment_id })) })
  })
  const outcome = recordCanceledOrderRefundOutcomeStep(transform({ input, refund, answer }, ({ input, refund, answer }) => ({ payment_id: input.payment_id, refund, answer })))
  releasePaymentLockStep(lock)
  return new WorkflowResponse(outcome)
})

/**
 * Refunds what a cancelled order's payment still holds captured. Never throws: a failed refund is
 * counted on the payment (the workflow's last step), and a workflow that failed before it (the lock
 * not had in time, the database) is logged; the attempt it counted, if it got that far, leads the
 * reconciliation jobs to it.
 */
export async function refundCanceledOrderPayment(container: MedusaContainer, paymentId: string, orderId: string): Promise<CanceledOrderRefundOutcome> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await refundCanceledOrderPaymentWorkflow(container).run({ input: { payment_id: paymentId } })
    if (result === "refunded") logger.info(`Order ${orderId}: refunded what payment ${paymentId} held captured after the order's cancellation`)
    return result
  } catch (error) {
    logger.warn(`Order ${orderId}: refunding payment ${paymentId} after the order's cancellation did not complete: ${(error as Error).message}`)
    return "failed"
  }
}

/**
 * Nothing is left to refund, but the last attempt ended before its outcome was recorded: Medusa
 * records its refund row before it asks the provider, so a process that stopped in between (a
 * deploy, a crash) leaves a refund Medusa counts and the vendor may never have received. Each Medusa
 * refund the provider holds no record of is named to the admin, who checks it at the vendor —
 * sending it again here could refund twice, since the provider's record of the call is what is
 * missing.
 */
async function alertRefundsNeverRecorded(container: MedusaContainer, paymentId: string, data: Record<string, unknown>): Promise<void> {
  const payment = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(paymentId, { select: ["id", "provider_id", "currency_code"], relations: ["refunds"] })
  const recorded = operationsOfProviderId(payment.provider_id)?.refundIdsRecordedIn(data)
  if (!recorded) return
  const unrecorded = (payment.refunds ?? []).filter((refund) => !recorded.has(refund.id))
  if (!unrecorded.length) return
  const listed = unrecorded.map((refund) => `${refund.id} (${MathBN.convert(refund.raw_amount ?? refund.amount).toFixed()} ${payment.currency_code.toUpperCase()})`).join(", ")
  await alertAdmin(container, {
    key: `avarda-avirato:canceled-order-refund-unrecorded:${paymentId}:${unrecorded.map((refund) => refund.id).join(",")}`,
    title: `Payment ${paymentId}: a refund of the cancelled order may not have reached the vendor`,
    description:
      `Medusa records refund ${listed} of payment ${paymentId}, but the payment holds no record of the vendor being asked for it: ` +
      `the process making it stopped in between. Check in the vendor's back office or dashboard whether the customer got this money ` +
      `back; if not, refund them another way (Medusa already counts it as refunded, so it offers nothing more to refund).`,
    data: { payment_id: paymentId },
  })
}

/** One admin notification per payment (its id is the idempotency key). */
async function notifyRefundFailure(container: MedusaContainer, refund: RefundDecision, message: string): Promise<void> {
  await alertAdmin(container, {
    key: `avarda-avirato:canceled-order-refund-failed:${refund.payment_id}`,
    title: `Order ${refund.order_id}: a captured payment of the cancelled order was not refunded`,
    description:
      `Payment ${refund.payment_id} still holds a captured amount after its order was cancelled, and refunding it failed (${message}). ` +
      `The reconciliation job tries again when due (2, 4, 8 … minutes after the last attempt); refunding it from the order's page ends that.`,
    data: { payment_id: refund.payment_id, order_id: refund.order_id },
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
      const failure = failureIn(payment.data ?? {})
      if (failure && !canceledOrderRefundRetryDue(failure, now)) continue
      const outcome = await refundCanceledOrderPayment(container, payment.id, payment.payment_collection?.order?.id ?? "(unknown)")
      if (outcome === "refunded") report.refunded.push(payment.id)
      else if (outcome === "failed") report.failed.push(payment.id)
    }
  })
  return report
}
