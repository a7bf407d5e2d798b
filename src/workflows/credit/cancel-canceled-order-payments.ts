/**
 * Medusa's order cancel cancels the uncaptured payments but swallows a provider failure: when
 * Avarda answers the cancel with an error or not at all (or Avirato fails every retry of its
 * client), the order is cancelled while the payment keeps `canceled_at` empty and the credit or
 * card pre-authorisation stays reserved at the vendor. Nothing in Medusa tries again. The same
 * happens when an order change (an edit, a return, an exchange) makes Medusa replace an authorised
 * payment collection with one for the new amount: it cancels the old collection and its payments,
 * and a payment whose cancel failed stays reserved while the shopper pays the new collection.
 *
 * This cancels such a payment through the Payment Module (the provider's `cancelPayment` runs and
 * Medusa records `canceled_at`), as a workflow under the payment's lock with the state read again
 * there. The order-cancel subscribers call it right after the cancel
 * (settle-canceled-order-payments.ts), the reconciliation jobs (credit and Avirato) for every
 * payment still left. Cancelling is idempotent at both vendors: at Avarda a cancel of a
 * reservation that is gone already counts as done in both adapters, and a Standalone cancel
 * without an answer is recorded as unconfirmed and re-sent by the reconciliation job; at Avirato
 * the cancel carries the same Idempotency-Key as Medusa's first attempt (the payment id).
 * A repeated attempt after a lost answer therefore releases nothing twice and captures nothing.
 *
 * A failed attempt is counted in the payment's data; once the count reaches
 * ORDER_CANCEL_ATTEMPTS_BEFORE_NOTICE the admin gets one notification (and the job keeps trying).
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { alertAdmin } from "../../operations/shared/alert-admin"
import { ORDER_CANCEL_FAILURE_KEY, type OrderCancelFailure } from "../../operations/shared/canceled-order-retries"
import { failedAttemptsIn, oneMoreFailedAttempt, takeNoticeIfDue } from "../../operations/shared/failed-attempts"
import { forEachPageOfRows } from "../../operations/shared/paged-rows"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { registeredProviderIds } from "../../operations/shared/registered-provider-ids"
import { bookLoggedOutcomes } from "../avirato/book-webhook-event"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import { isPaymentOfCanceledOrder, PAYMENT_ORDER_STATUS_FIELD } from "../../operations/shared/payment-of-canceled-order"

/** Failed attempts (subscriber and job runs, about one a minute) before the admin is told. */
export const ORDER_CANCEL_ATTEMPTS_BEFORE_NOTICE = 5


export type PaymentCancelOutcome =
  | "canceled"
  /** Nothing to do: cancelled before, captured, partly captured, not a credit payment or its order is not cancelled. */
  | "nothing_to_do"
  | "failed"

/** Both Avarda credit APIs. */
export function isCreditProviderId(providerId: string | null | undefined): boolean {
  return isAvardaProviderId(providerId) || isStandaloneProviderId(providerId)
}

interface PaymentState {
  id: string
  provider_id: string
  currency_code: string
  captured_at?: unknown
  canceled_at?: unknown
  data?: Record<string, unknown> | null
  captures?: Array<{ id: string }> | null
  payment_collection?: { status?: string; order?: { id: string; display_id?: number | null; status?: string } | null } | null
}

async function readPaymentState(container: MedusaContainer, paymentId: string): Promise<PaymentState | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment",
    fields: [
      "id",
      "provider_id",
      "currency_code",
      "captured_at",
      "canceled_at",
      "data",
      "captures.id",
      "payment_collection.status",
      "payment_collection.order.id",
      "payment_collection.order.display_id",
      PAYMENT_ORDER_STATUS_FIELD,
    ],
    filters: { id: paymentId },
  })
  return data[0] as PaymentState | undefined
}

/** What the provider's data says was captured (tried, for Avirato): a partly captured payment is not this code's to cancel. */
function providerCaptureCount(data: Record<string, unknown> | null | undefined): number {
  const captures = (data as { captures?: unknown } | null | undefined)?.captures
  return Array.isArray(captures) ? captures.length : 0
}

/** Its order was cancelled, or Medusa cancelled its payment collection (replaced after an order change): nothing will be paid through it. */
function isOfCanceledOrderOrCollection(payment: PaymentState): boolean {
  return isPaymentOfCanceledOrder(payment) || payment.payment_collection?.status === "canceled"
}

function needsCancel(payment: PaymentState | undefined): payment is PaymentState {
  return (
    !!payment &&
    !!vendorOfProviderId(payment.provider_id) &&
    !payment.captured_at &&
    !payment.canceled_at &&
    !(payment.captures ?? []).length &&
    providerCaptureCount(payment.data) === 0 &&
    isOfCanceledOrderOrCollection(payment)
  )
}

/** What the cancel step answered: nothing to do, cancelled, or the vendor's failure (recorded, not thrown). */
interface CancelAnswer {
  outcome: PaymentCancelOutcome
  error?: string
}

/** Under the lock: the payment's state read again, and whether it still needs the cancel. */
export const decideOrderPaymentCancelStep = createStep("decide-canceled-order-payment-cancel", async (input: { payment_id: string }, { container }) => {
  const payment = await readPaymentState(container, input.payment_id)
  return new StepResponse(needsCancel(payment) ? payment : null)
})

/**
 * Cancels the payment through the Payment Module: the provider releases the reservation at the
 * vendor and Medusa records `canceled_at`. A failure is answered, not thrown, so the next step
 * counts it under the same lock. What the vendor released cannot be taken back: no compensation.
 */
export const cancelOrderPaymentStep = createStep("cancel-order-payment-through-payment-module", async (payment: PaymentState | null, { container }) => {
  if (!payment) return new StepResponse<CancelAnswer>({ outcome: "nothing_to_do" })
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  try {
    await container.resolve<IPaymentModuleService>(Modules.PAYMENT).cancelPayment(payment.id)
  } catch (error) {
    return new StepResponse<CancelAnswer>({ outcome: "failed", error: (error as Error).message })
  }
  logger.info(`Order ${payment.payment_collection?.order?.id}: cancelled payment ${payment.id} that Medusa's cancel of its ${isPaymentOfCanceledOrder(payment) ? "order" : "payment collection"} left open`)
  // An earlier attempt whose answer was lost may have cancelled it already: Avirato's webhook then
  // came before Medusa held the cancellation, and is booked now (or by the next webhook booking).
  if (isAviratoProviderId(payment.provider_id)) {
    await bookLoggedOutcomes(container, payment.id).catch((error: Error) =>
      logger.warn(`Payment ${payment.id}: the outcomes Avirato reported before its cancellation was recorded are not booked yet: ${error.message}`)
    )
  }
  return new StepResponse<CancelAnswer>({ outcome: "canceled" })
})

/** A failed cancel is counted on the payment; at ORDER_CANCEL_ATTEMPTS_BEFORE_NOTICE the admin is told, once. */
export const recordOrderPaymentCancelFailureStep = createStep(
  "record-canceled-order-payment-cancel-failure",
  async ({ payment, answer }: { payment: PaymentState | null; answer: CancelAnswer }, { container }) => {
    if (!payment || answer.outcome !== "failed") return new StepResponse(undefined)
    const message = answer.error ?? "unknown error"
    const previous = failedAttemptsIn(payment.data?.[ORDER_CANCEL_FAILURE_KEY])
    const { failure, notify } = takeNoticeIfDue(oneMoreFailedAttempt(previous, message), ORDER_CANCEL_ATTEMPTS_BEFORE_NOTICE)
    await writePaymentData(container.resolve<IPaymentModuleService>(Modules.PAYMENT), payment.id, { ...(payment.data ?? {}), [ORDER_CANCEL_FAILURE_KEY]: failure })
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`Order ${payment.payment_collection?.order?.id}: cancelling payment ${payment.id} failed (attempt ${failure.attempts}), retried by the reconciliation job: ${message}`)
    if (notify) await notifyCancelFailure(container, payment, failure)
    return new StepResponse(undefined)
  }
)

/** One payment of a cancelled order: its lock (compensation releases it), decide, cancel, count a failure, unlock. */
export const cancelCanceledOrderPaymentWorkflow = createWorkflow("cancel-canceled-order-payment", (input: { payment_id: string }) => {
  const lock = acquirePaymentLockStep(input)
  const payment = decideOrderPaymentCancelStep(input)
  const answer = cancelOrderPaymentStep(payment)
  recordOrderPaymentCancelFailureStep({ payment, answer })
  releasePaymentLockStep(lock)
  return new WorkflowResponse(transform({ answer }, ({ answer }) => answer.outcome))
})

/**
 * Cancels one payment of a cancelled order if it still needs it. Never throws: a failure is
 * counted on the payment (and reported to the admin after repeated failures) and left for the job.
 */
export async function cancelCanceledOrderPayment(container: MedusaContainer, paymentId: string): Promise<PaymentCancelOutcome> {
  try {
    const { result } = await cancelCanceledOrderPaymentWorkflow(container).run({ input: { payment_id: paymentId } })
    return result
  } catch (error) {
    // The lock (a holder that died keeps it until it expires) or the record of a failure: the next job run tries again.
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`Cancelling payment ${paymentId} of a cancelled order: ${(error as Error).message}; retried by the reconciliation job`)
    return "failed"
  }
}

/** One admin notification per payment (its id is the idempotency key) and a warning in the log. */
async function notifyCancelFailure(container: MedusaContainer, payment: PaymentState, failure: OrderCancelFailure): Promise<void> {
  const order = payment.payment_collection?.order
  const vendor = isAviratoProviderId(payment.provider_id) ? "Avirato" : "Avarda"
  await alertAdmin(container, {
    key: `avarda-avirato:order-cancel-failed:${payment.id}`,
    title: `Order ${order?.display_id ?? order?.id}: payment not released at ${vendor}`,
    description:
      `${isPaymentOfCanceledOrder(payment) ? "The order is cancelled" : "Medusa replaced the order's payment collection after an order change"}, ` +
      `but cancelling its ${vendor} payment ${payment.id} failed ${failure.attempts} times since ${failure.since} ` +
      `(last error: ${failure.last_error}). The amount stays reserved until the cancel goes through; the reconciliation job keeps trying.`,
    data: { payment_id: payment.id },
    logAs: "warn",
  })
}

export interface CanceledOrderPaymentsReport {
  canceled: string[]
  failed: string[]
}

/**
 * The reconciliation jobs: payments of the providers `ofProvider` accepts (the credit job both
 * Avarda APIs, the Avirato job Avirato) neither captured nor cancelled in a payment collection
 * Medusa's order cancel marked cancelled, and with no capture in the provider's data (a partly
 * captured payment is not this code's to cancel, so Postgres leaves it out rather than every run
 * reading it again), a page at a time.
 */
export async function cancelLeftoverCanceledOrderPayments(
  container: MedusaContainer,
  options: { pageSize?: number; ofProvider?: (providerId: string) => boolean } = {}
): Promise<CanceledOrderPaymentsReport> {
  const report: CanceledOrderPaymentsReport = { canceled: [], failed: [] }
  const providerIds = await registeredProviderIds(container, options.ofProvider ?? isCreditProviderId)
  if (!providerIds.length) return report
  const filters = {
    provider_id: providerIds,
    captured_at: null,
    canceled_at: null,
    payment_collection: { status: "canceled" },
    $or: [{ data: { captures: null } }, { data: { captures: { $like: "[]" } } }],
  }
  await forEachPageOfRows<{ id: string }>(container, { entity: "payment", fields: ["id"], filters, pageSize: options.pageSize }, async (payments) => {
    for (const payment of payments) {
      const outcome = await cancelCanceledOrderPayment(container, payment.id)
      if (outcome === "canceled") report.canceled.push(payment.id)
      else if (outcome === "failed") report.failed.push(payment.id)
    }
  })
  return report
}
