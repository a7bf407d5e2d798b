/**
 * Runs one planned capture through Medusa's own capture workflow: the plan is put into Payment
 * `data` (where the provider reads it, since Medusa passes no amount or lines to `capturePayment`),
 * then `capturePaymentWorkflow({ payment_id, amount })` records the capture and calls the provider.
 * A failure (e.g. Avarda still processing) leaves the plan pending for the reconciliation job, with
 * the error; the payment's lock keeps the subscriber, the admin and the job — in any process — from
 * running one plan twice.
 */
import type { BigNumberInput, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { exhaustedPlanAttention, isExhausted, withCaptureAttention, type AttentionLedger, type CaptureAttention } from "../../lib/avarda/capture-attention"
import { remainingToCaptureMinor, type CapturePlan, type CreditLedger } from "../../lib/avarda/credit-ledger"
import { isOutcomeUnknown } from "../../lib/avarda/outcome-unknown"
import { medusaAmountToMinor, minorToMedusaAmount } from "../../providers/shared/medusa-amount"
import { withPaymentLock } from "../helpers/payment-lock"
import { writePaymentData } from "../helpers/write-payment-data"
import { notifyCaptureAttention } from "./capture-attention-notice"
import { interruptedCaptureOf } from "./interrupted-capture"

export type CaptureAttempt = { ok: true; planId: string } | { ok: false; planId: string; error: string; outcomeUnknown: boolean }

type LedgerData = AttentionLedger & Record<string, unknown>

/** A failed attempt, and the attention record it added when it was the plan's last automatic one. */
type LockedAttempt = CaptureAttempt & { attention?: { record: CaptureAttention; currency: string } }

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

export async function executeCapturePlan(container: MedusaContainer, paymentId: string, planId: string, capturedBy?: string): Promise<CaptureAttempt> {
  const attempt = await withPaymentLock(container, paymentId, (): Promise<LockedAttempt> => executeLocked(container, paymentId, planId, capturedBy))
  const { attention, ...result } = attempt
  if (attention) await notifyCaptureAttention(container, paymentId, attention.record, attention.currency)
  return result
}

async function executeLocked(container: MedusaContainer, paymentId: string, planId: string, capturedBy?: string): Promise<LockedAttempt> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await paymentWithCaptures(paymentModule, paymentId)
  const data = payment.data as LedgerData
  const plan = (data.pending_captures ?? []).find((p) => p.id === planId)
  if (!plan) return { ok: true as const, planId } // already executed by someone else
  if (payment.canceled_at) return { ok: false as const, planId, error: "the payment is canceled", outcomeUnknown: false }

  let amount = medusaAmountOf(payment as never, data, plan)
  const recordedIds = new Set((data.captures ?? []).map((c) => c.capture_id))
  const recordedOnly = { ...payment, captures: (payment.captures ?? []).filter((c) => recordedIds.has(c.id)) }
  const interrupted = interruptedCaptureOf(payment, data, plan, medusaAmountToMinor(medusaAmountOf(recordedOnly as never, data, plan), payment.currency_code))
  // Left as it is: the other capture's marker stays, and the job looks again on its next run.
  if (interrupted.kind === "busy") return { ok: false as const, planId, error: `capture ${plan.tran_id} waits: ${interrupted.reason}`, outcomeUnknown: false }
  if (interrupted.kind === "unexplained") return recordFailure(paymentModule, paymentId, planId, `capture ${plan.tran_id} not run: ${interrupted.reason}`, false)
  if (interrupted.kind === "resume") {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    logger.warn(`Capture ${plan.tran_id} of payment ${paymentId} was cut off before the provider answered: resuming it with the same vendor transaction id`)
    await paymentModule.deleteCaptures(interrupted.captureIds)
    amount = medusaAmountOf((await paymentWithCaptures(paymentModule, paymentId)) as never, data, plan)
  }
  // Medusa merges JSON on update: clear an old plan first so none of its keys survive into this one.
  if (data.capture_plan) await writePaymentData(paymentModule, paymentId, { ...data, capture_plan: null })
  await writePaymentData(paymentModule, paymentId, { ...data, capture_plan: plan })
  try {
    await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId, amount, ...(capturedBy ? { captured_by: capturedBy } : {}) } })
    return { ok: true as const, planId }
  } catch (error) {
    // The provider's error reaches here as the workflow engine passed it on: its own properties, so
    // the typed flag, survive; its class does not.
    return recordFailure(paymentModule, paymentId, planId, (error as Error).message, isOutcomeUnknown(error))
  }
}

/**
 * Counts a failed attempt on the plan (it stays pending for the job) and clears the plan marker.
 * The attempt that uses up the job's retries also records that the capture needs the admin.
 */
async function recordFailure(paymentModule: IPaymentModuleService, paymentId: string, planId: string, message: string, outcomeUnknown: boolean): Promise<LockedAttempt> {
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
  return {
    ok: false as const,
    planId,
    error: message,
    outcomeUnknown,
    ...(record && attentions ? { attention: { record, currency: payment.currency_code } } : {}),
  }
}

/**
 * Adds a plan to the payment's pending captures (it runs next). Call it holding the payment's lock
 * (`withPaymentLock`), after checking the data read inside that lock.
 */
export async function addPendingCaptureLocked(paymentModule: IPaymentModuleService, paymentId: string, data: Record<string, unknown>, plan: CapturePlan): Promise<void> {
  const ledger = data as LedgerData
  await writePaymentData(paymentModule, paymentId, { ...data, pending_captures: [...(ledger.pending_captures ?? []), plan] })
}
