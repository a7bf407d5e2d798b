/**
 * An order cancelled after a partial delivery: Medusa's cancel flow refunds what was invoiced but
 * leaves the payment open (it has captures), so the undelivered rest would stay reserved at Avarda.
 * Cancelling the payment through the Payment Module runs the provider's `cancelPayment`, which sends
 * `RefundRemaining` for a partly invoiced purchase marked for release (and refuses one that is not:
 * Medusa's own cancels after an order change must leave the rest for the coming shipments).
 *
 * One workflow per payment, under the payment's lock (its compensation releases it): decide and
 * mark, release at Avarda, record a release that will not happen and tell the admin, unlock. The
 * order-cancel subscriber runs it at once; the reconciliation job runs it again for a release that
 * failed (Avarda failed or could not be reached) — with the same TranId, and Avarda answers a rest
 * already released with "nothing remaining", which counts as done — for as long as the provider's
 * reconciliation window (`maxAgeHours`) after the request. A release Avarda refuses, or one still
 * failing when the window closes, is recorded on the payment (`remainder_release_failed`), the admin
 * is told once, and the job does not ask again: the rest is then released in Avarda's merchant
 * portal, or the admin asks for the release once more from the order's payment panel (the same
 * workflow, which then reopens the release: a fresh window for the job if Avarda fails again). A
 * release Avarda did not answer is recorded as unconfirmed by the provider and re-sent by the
 * unconfirmed-calls part of the job instead.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { remainingToCaptureMinor } from "../../lib/avarda/credit-ledger"
import { reconciliationWindowMs } from "../../lib/avarda/reconciliation-option"
import { minorToDecimalString } from "../../lib/money/minor-units"
import { hasRestToRelease, readStandalonePaymentData } from "../../providers/avarda-standalone/core/payment-data"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { standaloneOptionsFor } from "../../providers/avarda-standalone/core/runtime-config"
import { alertAdmin } from "../../operations/shared/alert-admin"
import { REMAINDER_RELEASE_FAILURE_KEY } from "../../operations/shared/canceled-order-retries"
import { failedAttemptsIn, oneMoreFailedAttempt, type FailedAttempts } from "../../operations/shared/failed-attempts"
import { forEachPageOfRows } from "../../operations/shared/paged-rows"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"
import { workflowErrorAsError, workflowErrorMessage } from "../../operations/shared/workflow-error"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { registeredProviderIds } from "../../operations/shared/registered-provider-ids"

export type RemainderReleaseOutcome =
  /** Avarda released the rest (or had already). */
  | "released"
  /** Avarda refused, or the window closed while it kept failing: recorded, the admin told, not asked again. */
  | "abandoned"
  /** Nothing to release: not a partly invoiced Standalone payment of a cancelled order, released or abandoned before. */
  | "nothing_to_do"

/** What one run of the release found and did. */
export interface RemainderReleaseResult {
  outcome: RemainderReleaseOutcome
  /** Released, but Avarda's answer was lost: the provider recorded the call as unconfirmed and the job re-sends it. */
  unconfirmed?: true
  /** Abandoned: Avarda's refusal, or the window that closed. */
  reason?: string
}

/** The admin's ask: the run's result, or Avarda could not be reached (the release stays requested for the job). */
export type ReopenedRemainderRelease = RemainderReleaseResult | { outcome: "vendor_failed"; message: string }

interface RemainderReleaseInput {
  payment_id: string
  /** The decision's clock (ISO), so the job and its tests judge the window at one instant. */
  now: string
  /** The admin asks again for a release recorded as not happening: it is reopened and sent. */
  reopen_abandoned?: boolean
}

interface RemainderReleaseDecision {
  action: "release" | "abandon" | "none"
  /** Why the release is abandoned (the window closed). */
  reason?: string
  /** The release's window began (ISO): an abandonment is notified once per window. */
  requested_at?: string
  subject?: { order: string; purchase_id: string; rest: string }
  /** The failed attempts of this window so far (none after the admin reopened it): one more is counted if the release fails. */
  failed_attempts?: FailedAttempts
}

interface AvardaReleaseAnswer {
  refused?: string
  unconfirmed?: true
}

interface PaymentRow {
  id: string
  provider_id: string
  canceled_at?: unknown
  data?: Record<string, unknown> | null
  payment_collection?: { order?: { id: string; display_id?: number | null } | null } | null
}

/**
 * Under the lock: whether the payment still has a rest to release, whether its window is still
 * open, and the mark that tells the provider the release is wanted (written once). Reopening an
 * abandoned release clears its record and starts the window again from now.
 */
export const decideRemainderReleaseStep = createStep("decide-avarda-standalone-remainder-release", async (input: RemainderReleaseInput, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [row] } = await query.graph({
    entity: "payment",
    fields: ["id", "provider_id", "canceled_at", "data", "payment_collection.order.id", "payment_collection.order.display_id"],
    filters: { id: input.payment_id },
  })
  const payment = row as PaymentRow | undefined
  const data = readStandalonePaymentData(payment?.data)
  const reopening = input.reopen_abandoned === true
  if (!payment || !isStandaloneProviderId(payment.provider_id) || payment.canceled_at || !hasRestToRelease(data, { abandonedToo: reopening })) {
    return new StepResponse<RemainderReleaseDecision>({ action: "none" })
  }
  if (reopening && !data.remainder_release_failed) return new StepResponse<RemainderReleaseDecision>({ action: "none" })
  const requestedAt = reopening ? input.now : (data.remainder_release_requested_at ?? input.now)
  const order = payment.payment_collection?.order
  const subject = {
    order: String(order?.display_id ?? order?.id ?? "?"),
    purchase_id: data.purchase_id!,
    rest: `${minorToDecimalString(remainingToCaptureMinor(data), data.currency_code)} ${data.currency_code.toUpperCase()}`,
  }
  if (reopening) {
    // Null clears a key (the data column is merged on update): a new window, counted afresh.
    await writePaymentData(container.resolve<IPaymentModuleService>(Modules.PAYMENT), payment.id, {
      remainder_release_failed: null,
      [REMAINDER_RELEASE_FAILURE_KEY]: null,
      remainder_release_requested_at: input.now,
    })
  } else if (data.remainder_release_requested_at) {
    let maxAgeMs: number
    try {
      maxAgeMs = reconciliationWindowMs(standaloneOptionsFor(container, payment.provider_id).reconciliation).maxAgeMs
    } catch {
      return new StepResponse<RemainderReleaseDecision>({ action: "none" }) // the provider is not configured any more: left for when it is again
    }
    const askedForMs = new Date(input.now).getTime() - new Date(data.remainder_release_requested_at).getTime()
    if (askedForMs > maxAgeMs) {
      return new StepResponse<RemainderReleaseDecision>({ action: "abandon", subject, requested_at: requestedAt, reason: `Avarda kept failing for ${maxAgeMs / 3_600_000} h` })
    }
  } else {
    // The provider releases a partly invoiced purchase's rest only when asked to.
    await writePaymentData(container.resolve<IPaymentModuleService>(Modules.PAYMENT), payment.id, { ...data, remainder_release_requested_at: input.now })
  }
  const failedAttempts = reopening ? undefined : failedAttemptsIn(payment.data?.[REMAINDER_RELEASE_FAILURE_KEY])
  return new StepResponse<RemainderReleaseDecision>({ action: "release", subject, requested_at: requestedAt, ...(failedAttempts ? { failed_attempts: failedAttempts } : {}) })
})

/**
 * Cancels the payment through the Payment Module: the provider sends `RefundRemaining` (TranId from
 * the payment id) and Medusa records its answer and `canceled_at`. Avarda's refusal is answered, not
 * thrown, and so is an answer the provider could not read (it records the call as unconfirmed); a
 * failure (5xx, unreachable) is counted on the payment (the admin's panel shows the attempts and the
 * last error) and thrown, the lock is released by compensation, and the job tries again. What
 * Avarda released cannot be taken back: no compensation.
 */
export const RELEASE_AT_AVARDA_STEP_ID = "refund-remaining-avarda-standalone"
export const releaseRemainderAtAvardaStep = createStep(
  RELEASE_AT_AVARDA_STEP_ID,
  async ({ input, decision }: { input: RemainderReleaseInput; decision: RemainderReleaseDecision }, { container }) => {
    if (decision.action !== "release") return new StepResponse<AvardaReleaseAnswer>({})
    try {
      const payment = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).cancelPayment(input.payment_id)
      const unconfirmed = !!readStandalonePaymentData(payment.data)?.remainder_released?.unconfirmed
      return new StepResponse<AvardaReleaseAnswer>(unconfirmed ? { unconfirmed: true } : {})
    } catch (error) {
      if (MedusaError.isMedusaError(error) && (error as MedusaError).type === MedusaError.Types.NOT_ALLOWED) {
        return new StepResponse<AvardaReleaseAnswer>({ refused: (error as Error).message })
      }
      await countFailedRelease(container, input, decision.failed_attempts, (error as Error).message)
      throw error
    }
  }
)

/**
 * One more failed release in the payment's count, after the count the decision read under the same
 * lock (only this workflow writes it); a count that cannot be written must not hide Avarda's failure.
 */
async function countFailedRelease(container: MedusaContainer, input: RemainderReleaseInput, previous: FailedAttempts | undefined, message: string): Promise<void> {
  try {
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    await writePaymentData(paymentModule, input.payment_id, { [REMAINDER_RELEASE_FAILURE_KEY]: oneMoreFailedAttempt(previous, message, new Date(input.now)) })
  } catch (error) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Payment ${input.payment_id}: the failed release of its rest could not be counted: ${(error as Error).message}`)
  }
}

/**
 * A release that will not happen (refused, or the window closed) is recorded, and the admin told
 * once per window: an ask the admin reopened that fails again is told again. Answers the reason
 * recorded, if any.
 */
export const recordAbandonedRemainderReleaseStep = createStep(
  "record-abandoned-avarda-standalone-remainder-release",
  async ({ input, decision, answer }: { input: RemainderReleaseInput; decision: RemainderReleaseDecision; answer: AvardaReleaseAnswer }, { container }) => {
    const reason = answer.refused ?? (decision.action === "abandon" ? decision.reason : undefined)
    if (!reason || !decision.subject) return new StepResponse<string | undefined>(undefined)
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const current = readStandalonePaymentData((await paymentModule.retrievePayment(input.payment_id, { select: ["id", "data"] })).data)
    if (!current) return new StepResponse<string | undefined>(undefined)
    await writePaymentData(paymentModule, input.payment_id, { ...current, remainder_release_failed: { at: input.now, reason } })
    const { order, purchase_id: purchaseId, rest } = decision.subject
    await alertAdmin(container, {
      key: `avarda-standalone:remainder-release-failed:${input.payment_id}:${decision.requested_at ?? input.now}`,
      title: `Order ${order}: undelivered rest not released at Avarda`,
      description:
        `The order was cancelled after a partial delivery, but the undelivered rest (${rest}) of Avarda purchase ${purchaseId} ` +
        `could not be released: ${reason}. It stays reserved for the shopper until it is released: the reconciliation job does not ask Avarda again; ask again from the payment's panel on the order page, or release it in Avarda's merchant portal.`,
      data: { payment_id: input.payment_id },
    })
    return new StepResponse<string | undefined>(reason)
  }
)

export const releaseStandaloneRemainderWorkflow = createWorkflow("release-avarda-standalone-remainder", (input: RemainderReleaseInput) => {
  const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: input.payment_id })))
  const decision = decideRemainderReleaseStep(input)
  const answer = releaseRemainderAtAvardaStep({ input, decision })
  const abandonedFor = recordAbandonedRemainderReleaseStep({ input, decision, answer })
  releasePaymentLockStep(lock)
  return new WorkflowResponse(
    transform({ decision, answer, abandonedFor }, ({ decision, answer, abandonedFor }): RemainderReleaseResult => {
      if (abandonedFor) return { outcome: "abandoned", reason: abandonedFor }
      if (decision.action !== "release") return { outcome: "nothing_to_do" }
      return answer.unconfirmed ? { outcome: "released", unconfirmed: true } : { outcome: "released" }
    })
  )
})

/** The order's cancel and the job: the release's outcome; a failure is thrown as an Error (the job tries again). */
export async function releaseStandaloneRemainder(container: MedusaContainer, paymentId: string, now: Date = new Date()): Promise<RemainderReleaseOutcome> {
  const { result, failure } = await runRemainderRelease(container, { payment_id: paymentId, now: now.toISOString() })
  if (failure) throw workflowErrorAsError(failure.error)
  return result.outcome
}

/**
 * The admin asks Avarda once more for a rest recorded as not released (refused, or the window
 * closed). "nothing_to_do" when the payment has no such record; "vendor_failed" when Avarda could
 * not be reached — the decide step has reopened the release by then, so the reconciliation job
 * sends it again. Any other failure is thrown: one before the call to Avarda (the lock, the
 * database) reopened nothing; one recording a refusal after it leaves the release reopened and
 * unrecorded, so the job asks again with the same TranId and records the refusal then.
 */
export async function reopenAbandonedRemainderRelease(container: MedusaContainer, paymentId: string, now: Date = new Date()): Promise<ReopenedRemainderRelease> {
  const { result, failure } = await runRemainderRelease(container, { payment_id: paymentId, now: now.toISOString(), reopen_abandoned: true })
  if (!failure) return result
  if (failure.action === RELEASE_AT_AVARDA_STEP_ID) return { outcome: "vendor_failed", message: workflowErrorMessage(failure.error) }
  throw workflowErrorAsError(failure.error)
}

/** One run of the workflow, its failed step (if any) answered rather than thrown. */
async function runRemainderRelease(container: MedusaContainer, input: RemainderReleaseInput) {
  const { result, errors } = await releaseStandaloneRemainderWorkflow(container).run({ input, throwOnError: false })
  const [failure] = errors ?? []
  return { result, failure }
}

/** The order-cancel subscriber: the undelivered rest of each partly invoiced Standalone payment of the order. */
export async function releaseStandaloneRemainders(container: MedusaContainer, orderId: string): Promise<Record<string, RemainderReleaseOutcome>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.data", "payment_collections.payments.canceled_at"],
    filters: { id: orderId },
  })
  const payments = ((order as { payment_collections?: Array<{ payments?: PaymentRow[] | null } | null> } | undefined)?.payment_collections ?? []).flatMap((c) => c?.payments ?? [])
  const outcomes: Record<string, RemainderReleaseOutcome> = {}
  for (const payment of payments) {
    if (!isStandaloneProviderId(payment.provider_id) || payment.canceled_at || !hasRestToRelease(readStandalonePaymentData(payment.data))) continue
    outcomes[payment.id] = await releaseStandaloneRemainder(container, payment.id)
  }
  return outcomes
}

export interface RemainderReleaseReport {
  released: string[]
  abandoned: string[]
  failed: string[]
}

/**
 * The reconciliation job: Standalone payments, not cancelled, marked for release with no release
 * recorded (Avarda failed or could not be reached when the order was cancelled), a page at a time.
 */
export async function retryRequestedRemainderReleases(container: MedusaContainer, now: Date = new Date()): Promise<RemainderReleaseReport> {
  const report: RemainderReleaseReport = { released: [], abandoned: [], failed: [] }
  const providerIds = await registeredProviderIds(container, isStandaloneProviderId)
  if (!providerIds.length) return report
  await forEachPageOfRows<PaymentRow>(
    container,
    {
      entity: "payment",
      fields: ["id", "provider_id", "data"],
      // Postgres picks the marked payments (a JSON key test on `data`), so a run reads only those
      // with a release to retry, not every open Standalone payment.
      filters: { provider_id: providerIds, canceled_at: null, data: { remainder_release_requested_at: { $ne: null }, remainder_release_failed: null } },
    },
    async (payments) => {
      for (const payment of payments) {
        const data = readStandalonePaymentData(payment.data)
        if (!data?.remainder_release_requested_at || !hasRestToRelease(data)) continue
        try {
          const outcome = await releaseStandaloneRemainder(container, payment.id, now)
          if (outcome !== "nothing_to_do") report[outcome].push(payment.id)
        } catch (error) {
          report.failed.push(`${payment.id}: ${(error as Error).message}`)
        }
      }
    }
  )
  return report
}
