/**
 * Runs one planned capture through Medusa's own capture workflow: the plan is put into Payment
 * `data` (where the provider reads it, since Medusa passes no amount or lines to `capturePayment`),
 * then `capturePaymentWorkflow({ payment_id, amount })` records the capture and calls the provider.
 * A failure (e.g. Avarda still processing) leaves the plan pending for the reconciliation job, with
 * the error; the payment's lock keeps the subscriber, the admin and the job — in any process — from
 * running one plan twice. A workflow per attempt: the lock as steps (compensation releases it),
 * prepare, capture, count a failure, unlock, notify.
 */
import type { BigNumberInput, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { exhaustedPlanAttention, isExhausted, withCaptureAttention, type AttentionLedger, type CaptureAttention } from "../../lib/avarda/capture-attention"
import { remainingToCaptureMinor, type CapturePlan, type CreditLedger } from "../../lib/avarda/credit-ledger"
import { isOutcomeUnknown } from "../../lib/avarda/outcome-unknown"
import { medusaAmountToMinor, minorToMedusaAmount } from "../../providers/shared/medusa-amount"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { notifyCaptureAttention } from "../../operations/credit/capture-attention-notice"
import { interruptedCaptureOf } from "../../operations/credit/interrupted-capture"

export type CaptureAttempt = { ok: true; planId: string } | { ok: false; planId: string; error: string; outcomeUnknown: boolean }

type LedgerData = AttentionLedger & Record<string, unknown>

/** A failed attempt, and the attention record it added when it was the plan's last automatic one. */
type RecordedFailure = { attention?: { record: CaptureAttention; currency: string } }

async function paymentWithCaptures(paymentModule: IPaymentModuleService, paymentId: string) {
  return paymentModule.retrievePayment(paymentId, {
    select: ["id", "amount", "raw_amount", "currency_code", "data", "captured_at", "canceled_at"],
    relations: ["captures"],
  })
}

/** The Medusa amount of a plan: minor units, except that the plan finishing the payment takes the exact rest. */
function medusaAmountOf(payment: { raw_amount?: unknown; amount: BigNumberInput; currency_code: string; captures?: Array<{ raw_amount?: unknown; amount: BigNumberInput }> | null }, ledger: CreditLedger, plan: CapturePlan): BigNumberInput {
  if (plan.amount_minor < remainingToCaptureMinor(ledger)) return minorToMedusaAmount(plan.amount_minor, payment.currency_code)
  const captured = (payment.captures ?? []).reduce((sum, c) => MathBN.add(sum, (c.raw_amount ?? c.amount) as BigNumberInput), MathBN.convert(0))
  return MathBN.sub((payment.raw_amount ?? payment.amount) as BigNumberInput, captured).toNumber()
}

interface CapturePlanInput {
  payment_id: string
  plan_id: string
  captured_by?: string
}

/** What the prepare step found: the plan done already, an attempt that ends here, or the capture to make. */
interface PreparedCapture {
  done?: true
  /** The attempt ends without a capture; `record`: counted on the plan (else left as it is). */
  failure?: { error: string; record: boolean }
  capture?: { amount: number }
}

/** What the capture step answered. */
interface CaptureAnswer {
  ok: boolean
  failure?: { error: string; record: boolean; outcome_unknown?: boolean }
}

/**
 * Under the lock, with the payment read again: is the plan still pending, was an earlier run of it
 * cut off (resumed with its capture rows cleared, or left while another capture is under way), and
 * the amount Medusa records; then the plan is put into the payment's data for the provider.
 */
export const prepareCapturePlanStep = createStep("prepare-credit-capture-plan", async (input: CapturePlanInput, { container }) => {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const paymentId = input.payment_id
  const payment = await paymentWithCaptures(paymentModule, paymentId)
  const data = payment.data as LedgerData
  const plan = (data.pending_captures ?? []).find((p) => p.id === input.plan_id)
  if (!plan) return new StepResponse<PreparedCapture>({ done: true }) // executed by someone else
  if (payment.canceled_at) return new StepResponse<PreparedCapture>({ failure: { error: "the payment is canceled", record: false } })

  let amount = medusaAmountOf(payment as never, data, plan)
  const recordedIds = new Set((data.captures ?? []).map((c) => c.capture_id))
  const recordedOnly = { ...payment, captures: (payment.captures ?? []).filter((c) => recordedIds.has(c.id)) }
  const interrupted = interruptedCaptureOf(payment, data, plan, medusaAmountToMinor(medusaAmountOf(recordedOnly as never, data, plan), payment.currency_code))
  // Left as it is: the other capture's marker stays, and the job looks again on its next run.
  if (interrupted.kind === "busy") return new StepResponse<PreparedCapture>({ failure: { error: `capture ${plan.tran_id} waits: ${interrupted.reason}`, record: false } })
  if (interrupted.kind === "unexplained") return new StepResponse<PreparedCapture>({ failure: { error: `capture ${plan.tran_id} not run: ${interrupted.reason}`, record: true } })
  if (interrupted.kind === "resume") {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    logger.warn(`Capture ${plan.tran_id} of payment ${paymentId} was cut off before the provider answered: resuming it with the same vendor transaction id`)
    await paymentModule.deleteCaptures(interrupted.captureIds)
    amount = medusaAmountOf((await paymentWithCaptures(paymentModule, paymentId)) as never, data, plan)
  }
  // Medusa merges JSON on update: clear an old plan first so none of its keys survive into this one.
  if (data.capture_plan) await writePaymentData(paymentModule, paymentId, { ...data, capture_plan: null })
  await writePaymentData(paymentModule, paymentId, { ...data, capture_plan: plan })
  return new StepResponse<PreparedCapture>({ capture: { amount: MathBN.convert(amount).toNumber() } })
})

/**
 * Medusa's capture workflow: it records the capture and calls the provider, which captures the
 * plan at the vendor. Its failure is answered, not thrown, so the next step counts it under the
 * same lock. A vendor capture cannot be taken back: no compensation.
 */
export const capturePlanStep = createStep(
  "capture-credit-capture-plan",
  async ({ input, prepared }: { input: CapturePlanInput; prepared: PreparedCapture }, { container }) => {
    if (!prepared.capture) return new StepResponse<CaptureAnswer>({ ok: !!prepared.done, ...(prepared.failure ? { failure: prepared.failure } : {}) })
    try {
      const capturedBy = input.captured_by ? { captured_by: input.captured_by } : {}
      await capturePaymentWorkflow(container).run({ input: { payment_id: input.payment_id, amount: prepared.capture.amount, ...capturedBy } })
      return new StepResponse<CaptureAnswer>({ ok: true })
    } catch (error) {
      // The provider's error reaches here as the workflow engine passed it on: its own properties, so
      // the typed flag, survive; its class does not.
      return new StepResponse<CaptureAnswer>({ ok: false, failure: { error: (error as Error).message, record: true, outcome_unknown: isOutcomeUnknown(error) } })
    }
  }
)

/** A failed attempt is counted on the plan; the one that uses up the job's retries records that the capture needs the admin. */
export const recordCaptureFailureStep = createStep(
  "record-credit-capture-failure",
  async ({ input, answer }: { input: CapturePlanInput; answer: CaptureAnswer }, { container }) => {
    const failure = answer.failure
    if (!failure?.record) return new StepResponse<RecordedFailure | null>(null)
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    return new StepResponse<RecordedFailure | null>(await recordFailure(paymentModule, input.payment_id, input.plan_id, failure.error, !!failure.outcome_unknown))
  }
)

/** After the lock is released: the admin told of a plan out of its automatic attempts. */
export const notifyExhaustedCaptureStep = createStep("notify-exhausted-credit-capture", async ({ input, recorded }: { input: CapturePlanInput; recorded: RecordedFailure | null }, { container }) => {
  if (recorded?.attention) await notifyCaptureAttention(container, input.payment_id, recorded.attention.record, recorded.attention.currency)
  return new StepResponse(undefined)
})

/**
 * One capture plan: the payment's lock (compensation releases it), prepare, capture through
 * Medusa, count a failure, unlock, tell the admin when the plan is out of attempts.
 */
export const executeCapturePlanWorkflow = createWorkflow("execute-credit-capture-plan", (input: CapturePlanInput) => {
  const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: input.payment_id })))
  const prepared = prepareCapturePlanStep(input)
  const answer = capturePlanStep({ input, prepared })
  const recorded = recordCaptureFailureStep({ input, answer })
  releasePaymentLockStep(lock)
  notifyExhaustedCaptureStep({ input, recorded })
  return new WorkflowResponse(
    transform({ input, answer }, ({ input, answer }): CaptureAttempt =>
      answer.ok || !answer.failure
        ? { ok: true, planId: input.plan_id }
        : { ok: false, planId: input.plan_id, error: answer.failure.error, outcomeUnknown: !!answer.failure.outcome_unknown }
    )
  )
})

export async function executeCapturePlan(container: MedusaContainer, paymentId: string, planId: string, capturedBy?: string): Promise<CaptureAttempt> {
  const { result } = await executeCapturePlanWorkflow(container).run({
    input: { payment_id: paymentId, plan_id: planId, ...(capturedBy ? { captured_by: capturedBy } : {}) },
  })
  return result
}

/**
 * Counts a failed attempt on the plan (it stays pending for the job) and clears the plan marker.
 * The attempt that uses up the job's retries also records that the capture needs the admin.
 */
async function recordFailure(paymentModule: IPaymentModuleService, paymentId: string, planId: string, message: string, outcomeUnknown: boolean): Promise<RecordedFailure> {
  const payment = await paymentWithCaptures(paymentModule, paymentId)
  const current = payment.data as LedgerData
  const pending = (current.pending_captures ?? []).map((p) =>
    p.id === planId ? { ...p, attempts: (p.attempts ?? 0) + 1, last_error: message, ...(outcomeUnknown ? { outcome_unknown: true } : {}) } : p
  )
  const plan = pending.find((p) => p.id === planId)
  const record = plan && isExhausted(plan) ? exhaustedPlanAttention(plan, remainingToCaptureMinor(current)) : undefined
  const attentions = record ? withCaptureAttention(current, record) : undefined
  await writePaymentData(paymentModule, paymentId, {
    ...current,
    capture_plan: null,
    pending_captures: pending,
    ...(attentions ? { capture_attention: attentions } : {}),
  })
  return record && attentions ? { attention: { record, currency: payment.currency_code } } : {}
}

/**
 * Adds a plan to the payment's pending captures (it runs next). Call it holding the payment's lock
 * (`withPaymentLock`), after checking the data read inside that lock.
 */
export async function addPendingCaptureLocked(paymentModule: IPaymentModuleService, paymentId: string, data: Record<string, unknown>, plan: CapturePlan): Promise<void> {
  const ledger = data as LedgerData
  await writePaymentData(paymentModule, paymentId, { ...data, pending_captures: [...(ledger.pending_captures ?? []), plan] })
}
