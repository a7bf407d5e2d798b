/**
 * The admin's side of a capture that needs attention (recorded by the shipment capture and by the
 * capture plans, see lib/avarda/capture-attention): the one action that resolves a case, decided
 * and recorded inside the payment's lock, then carried out by the same capture code as every other
 * capture (a plan run through Medusa's capture workflow). A case already resolved does nothing, so
 * a second click — or two at once, in two processes — captures nothing twice.
 *
 * Both are workflows: the payment's lock as steps (its compensation releases it), the decision and
 * its record under it, unlock; then the capture plan (which takes the lock itself) or the notice.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  CAPTURE_ATTENTION_ACTIONS,
  captureAttentionsOf,
  exhaustedPlanAttention,
  isExhausted,
  openCaptureAttentions,
  resolvedCaptureAttentions,
  withCaptureAttention,
  type AttentionLedger,
  type CaptureAttention,
} from "../../lib/avarda/capture-attention"
import { adminCapturePlan, remainingToCaptureMinor, uncapturedByTaxRate } from "../../lib/avarda/credit-ledger"
import { rowsPerTaxRate } from "../../lib/avarda/vat-rate-rows"
import { minorToDecimalString } from "../../lib/money/minor-units"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { notifyCaptureAttention } from "../../operations/credit/capture-attention-notice"
import { executeCapturePlan, type CaptureAttempt } from "./execute-capture-plan"
import { rowCaptureFamilyOf } from "../../operations/credit/row-capture-families"
import { nextCaptureSequence } from "../../providers/avarda-credit/credit-policies"

type LedgerData = AttentionLedger & { order_reference: string } & Record<string, unknown>

export type AttentionResolution =
  | { status: "not_found" }
  /** Resolved before (by this admin's earlier click, another admin, or the next shipment): nothing done now. */
  | { status: "already_resolved"; attention: CaptureAttention }
  /** Resolved now; `capture` is the outcome of the capture it ran, if it ran one. */
  | { status: "resolved"; attention: CaptureAttention; capture: CaptureAttempt | null }

async function readPayment(paymentModule: IPaymentModuleService, paymentId: string) {
  const [payment] = await paymentModule.listPayments(
    { id: paymentId },
    { select: ["id", "provider_id", "currency_code", "data", "captured_at", "canceled_at"] }
  )
  return payment
}

interface ResolveAttentionInput {
  payment_id: string
  attention_id: string
  actor_id: string | null
}

/** What the decision under the lock resolved, and the capture plan to run for it, if any. */
type AttentionDecision = { result: AttentionResolution; planId?: string }

type PaymentRow = NonNullable<Awaited<ReturnType<typeof readPayment>>>

/** Records the cases `ids` as resolved (with `extra` data, e.g. the plan to run) in one write. */
async function resolveCases(
  paymentModule: IPaymentModuleService,
  input: ResolveAttentionInput,
  data: LedgerData,
  { ids, resolution, extra = {}, planId }: { ids: string[]; resolution: string; extra?: Record<string, unknown>; planId?: string }
): Promise<AttentionDecision> {
  const attentions = resolvedCaptureAttentions(data, ids, resolution, input.actor_id)
  await writePaymentData(paymentModule, input.payment_id, { ...data, ...extra, capture_attention: attentions })
  const resolved = attentions.find((a) => a.id === input.attention_id)!
  return { result: { status: "resolved", attention: resolved, capture: null }, ...(planId ? { planId } : {}) }
}

/**
 * Retrying a plan the job gave up on: a fresh round of attempts for the job, and the same vendor
 * transaction id, so a capture the vendor already made answers as done.
 */
function retryPlanResolution(payment: PaymentRow, data: LedgerData, attention: CaptureAttention) {
  const pending = data.pending_captures ?? []
  const plan = pending.find((p) => p.id === attention.plan_id)
  if (!plan || payment.canceled_at) {
    return { ids: [attention.id], resolution: plan ? "the payment is canceled: nothing to capture" : "the capture was made or dropped since" }
  }
  const restarted = pending.map((p) => (p.id === plan.id ? { ...p, attempts: 0, admin_retries: (p.admin_retries ?? 0) + 1 } : p))
  return { ids: [attention.id], resolution: `capture ${plan.tran_id} retried`, extra: { pending_captures: restarted }, planId: plan.id }
}

/** Capturing the remaining amount: every open "worth more than is left" case of the payment ends with it. */
function captureRemainingResolution(payment: PaymentRow, data: LedgerData) {
  const ids = openCaptureAttentions(data).filter((a) => a.kind === "shipment_exceeds_remaining").map((a) => a.id)
  if (payment.canceled_at) return { ids, resolution: "the payment is canceled: nothing to capture" }
  if (payment.captured_at) return { ids, resolution: "the payment was captured in full since" }
  const pending = data.pending_captures ?? []
  const leftMinor = remainingToCaptureMinor(data) - pending.reduce((sum, p) => sum + p.amount_minor, 0)
  if (leftMinor <= 0) return { ids, resolution: "nothing was left to capture" }
  const family = rowCaptureFamilyOf(payment.provider_id, payment.data)!
  const rows = rowsPerTaxRate(leftMinor, uncapturedByTaxRate(data), { kind: "delivery", description: "Delivery" })
  const plan = adminCapturePlan(data, rows, family.adminTranId(data, nextCaptureSequence(data)))
  const money = `${minorToDecimalString(plan.amount_minor, payment.currency_code)} ${payment.currency_code.toUpperCase()}`
  return { ids, resolution: `capture of the remaining ${money} (${plan.tran_id})`, extra: { pending_captures: [...pending, plan] }, planId: plan.id }
}

/**
 * With the payment read again (the caller holds its lock): the case's action decided and recorded
 * (the case resolved, with the capture plan it needs written in the same update).
 */
async function decideCaptureAttention(paymentModule: IPaymentModuleService, input: ResolveAttentionInput): Promise<AttentionDecision> {
  const payment = await readPayment(paymentModule, input.payment_id)
  if (!payment || !rowCaptureFamilyOf(payment.provider_id, payment.data)) return { result: { status: "not_found" } }
  const data = payment.data as LedgerData
  const attention = captureAttentionsOf(data).find((a) => a.id === input.attention_id)
  if (!attention) return { result: { status: "not_found" } }
  if (attention.resolved_at) return { result: { status: "already_resolved", attention } }

  const action = CAPTURE_ATTENTION_ACTIONS[attention.kind].action
  const resolution =
    action === "mark_resolved"
      ? { ids: [attention.id], resolution: "marked resolved" }
      : action === "retry_capture_plan"
        ? retryPlanResolution(payment, data, attention)
        : captureRemainingResolution(payment, data)
  return resolveCases(paymentModule, input, data, resolution)
}

/** Under the payment's lock: the case's action decided and recorded. */
export const decideCaptureAttentionStep = createStep("decide-capture-attention", async (input: ResolveAttentionInput, { container }) => {
  return new StepResponse(await decideCaptureAttention(container.resolve<IPaymentModuleService>(Modules.PAYMENT), input))
})

/**
 * The capture the resolution planned, run like every other capture plan (its own workflow, which
 * takes the payment's lock). Should the vendor fail now, the plan stays pending and the
 * reconciliation job retries it like any other.
 */
export const captureResolvedAttentionStep = createStep(
  "capture-for-capture-attention",
  async ({ input, decided }: { input: ResolveAttentionInput; decided: AttentionDecision }, { container }) => {
    if (!decided.planId || decided.result.status !== "resolved") return new StepResponse<AttentionResolution>(decided.result)
    const capture = await executeCapturePlan(container, input.payment_id, decided.planId, input.actor_id ?? undefined)
    return new StepResponse<AttentionResolution>({ ...decided.result, capture })
  }
)

export const resolveCaptureAttentionWorkflow = createWorkflow("resolve-capture-attention", (input: ResolveAttentionInput) => {
  const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: input.payment_id })))
  const decided = decideCaptureAttentionStep(input)
  releasePaymentLockStep(lock)
  return new WorkflowResponse(captureResolvedAttentionStep({ input, decided }))
})

/**
 * Resolves one case with its action (CAPTURE_ATTENTION_ACTIONS): captures the remaining amount,
 * retries the capture plan the job gave up on, or marks it resolved.
 */
export async function resolveCaptureAttention(container: MedusaContainer, paymentId: string, attentionId: string, actorId: string | null): Promise<AttentionResolution> {
  const { result } = await resolveCaptureAttentionWorkflow(container).run({ input: { payment_id: paymentId, attention_id: attentionId, actor_id: actorId } })
  return result
}

interface FlagExhaustedPlanInput {
  payment_id: string
  plan_id: string
}

type AddedAttention = { attention: CaptureAttention; currency: string } | undefined

/** With the payment read again (the caller holds its lock): the case of a plan out of automatic attempts, recorded once. */
async function recordExhaustedPlan(paymentModule: IPaymentModuleService, input: FlagExhaustedPlanInput): Promise<AddedAttention> {
  const payment = await readPayment(paymentModule, input.payment_id)
  if (!payment || payment.captured_at || payment.canceled_at) return undefined
  const data = payment.data as LedgerData
  const plan = (data.pending_captures ?? []).find((p) => p.id === input.plan_id)
  if (!plan || !isExhausted(plan)) return undefined
  const attention = exhaustedPlanAttention(plan, remainingToCaptureMinor(data))
  const attentions = withCaptureAttention(data, attention)
  if (!attentions) return undefined
  await writePaymentData(paymentModule, input.payment_id, { ...data, capture_attention: attentions })
  return { attention, currency: payment.currency_code }
}

/** Under the payment's lock: the case of a plan out of automatic attempts, recorded once. */
export const recordExhaustedPlanStep = createStep("record-exhausted-capture-plan", async (input: FlagExhaustedPlanInput, { container }) => {
  return new StepResponse(await recordExhaustedPlan(container.resolve<IPaymentModuleService>(Modules.PAYMENT), input))
})

/** Tells the admin about a case recorded just now (after the lock is released). */
export const notifyExhaustedPlanStep = createStep("notify-exhausted-capture-plan", async ({ input, added }: { input: FlagExhaustedPlanInput; added: AddedAttention }, { container }) => {
  if (added) await notifyCaptureAttention(container, input.payment_id, added.attention, added.currency)
  return new StepResponse(!!added)
})

export const flagExhaustedPlanWorkflow = createWorkflow("flag-exhausted-capture-plan", (input: FlagExhaustedPlanInput) => {
  const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: input.payment_id })))
  const added = recordExhaustedPlanStep(input)
  releasePaymentLockStep(lock)
  return new WorkflowResponse(notifyExhaustedPlanStep({ input, added }))
})

/** Records (once) that a planned capture ran out of automatic attempts, and tells the admin. */
export async function flagExhaustedPlan(container: MedusaContainer, paymentId: string, planId: string): Promise<void> {
  await flagExhaustedPlanWorkflow(container).run({ input: { payment_id: paymentId, plan_id: planId } })
}
