/**
 * The admin's side of a capture that needs attention (recorded by the shipment capture and by the
 * capture plans, see lib/avarda/capture-attention): the one action that resolves a case, decided
 * and recorded inside the payment's lock, then carried out by the same capture code as every other
 * capture (a plan run through Medusa's capture workflow). A case already resolved does nothing, so
 * a second click — or two at once, in two processes — captures nothing twice.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"
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
import { remainingToCaptureMinor, uncapturedByTaxRate, type CapturePlan } from "../../lib/avarda/credit-ledger"
import { rowsTotalMinor } from "../../lib/avarda/invoice-rows"
import { rowsPerTaxRate } from "../../lib/avarda/vat-rate-rows"
import { minorToDecimalString } from "../../lib/money/minor-units"
import { withPaymentLock } from "../helpers/payment-lock"
import { writePaymentData } from "../helpers/write-payment-data"
import { notifyCaptureAttention } from "./capture-attention-notice"
import { executeCapturePlan, type CaptureAttempt } from "./execute-capture-plan"
import { rowCaptureFamilyOf } from "./row-capture-families"

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

/**
 * Resolves one case with its action (CAPTURE_ATTENTION_ACTIONS): captures the remaining amount,
 * retries the capture plan the job gave up on, or marks it resolved.
 */
export async function resolveCaptureAttention(container: MedusaContainer, paymentId: string, attentionId: string, actorId: string | null): Promise<AttentionResolution> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const decided = await withPaymentLock(container, paymentId, async (): Promise<{ result: AttentionResolution; planId?: string }> => {
    const payment = await readPayment(paymentModule, paymentId)
    if (!payment || !rowCaptureFamilyOf(payment.provider_id, payment.data)) return { result: { status: "not_found" } }
    const data = payment.data as LedgerData
    const attention = captureAttentionsOf(data).find((a) => a.id === attentionId)
    if (!attention) return { result: { status: "not_found" } }
    if (attention.resolved_at) return { result: { status: "already_resolved", attention } }

    const money = (minor: number) => `${minorToDecimalString(minor, payment.currency_code)} ${payment.currency_code.toUpperCase()}`
    /** Records the cases `ids` as resolved (with `extra` data, e.g. the plan to run) in one write. */
    const finish = async (ids: string[], resolution: string, extra: Record<string, unknown> = {}, planId?: string) => {
      const attentions = resolvedCaptureAttentions(data, ids, resolution, actorId)
      await writePaymentData(paymentModule, paymentId, { ...data, ...extra, capture_attention: attentions })
      const resolved = attentions.find((a) => a.id === attentionId)!
      return { result: { status: "resolved" as const, attention: resolved, capture: null }, ...(planId ? { planId } : {}) }
    }

    const action = CAPTURE_ATTENTION_ACTIONS[attention.kind].action
    if (action === "mark_resolved") return finish([attention.id], "marked resolved")

    if (action === "retry_capture_plan") {
      const pending = data.pending_captures ?? []
      const plan = pending.find((p) => p.id === attention.plan_id)
      if (!plan || payment.canceled_at) return finish([attention.id], plan ? "the payment is canceled: nothing to capture" : "the capture was made or dropped since")
      // A fresh round of attempts for the job, and the same vendor transaction id: a capture the
      // vendor already made answers as done.
      const restarted = pending.map((p) => (p.id === plan.id ? { ...p, attempts: 0, admin_retries: (p.admin_retries ?? 0) + 1 } : p))
      return finish([attention.id], `capture ${plan.tran_id} retried`, { pending_captures: restarted }, plan.id)
    }

    // Capture the remaining amount: every open "worth more than is left" case of the payment ends with it.
    const exceeding = openCaptureAttentions(data).filter((a) => a.kind === "shipment_exceeds_remaining").map((a) => a.id)
    if (payment.canceled_at) return finish(exceeding, "the payment is canceled: nothing to capture")
    if (payment.captured_at) return finish(exceeding, "the payment was captured in full since")
    const pending = data.pending_captures ?? []
    const leftMinor = remainingToCaptureMinor(data) - pending.reduce((sum, p) => sum + p.amount_minor, 0)
    if (leftMinor <= 0) return finish(exceeding, "nothing was left to capture")
    const family = rowCaptureFamilyOf(payment.provider_id, payment.data)!
    const rows = rowsPerTaxRate(leftMinor, uncapturedByTaxRate(data), { kind: "delivery", description: "Delivery" })
    const plan: CapturePlan = {
      id: randomUUID(),
      tran_id: family.adminTranId(data, data.captures.length + 1),
      source: "admin",
      order_reference: data.captures.at(-1)?.order_reference ?? data.order_reference,
      rows,
      amount_minor: rowsTotalMinor(rows),
      lines: [],
      includes_order_level: true,
      created_at: new Date().toISOString(),
    }
    return finish(exceeding, `capture of the remaining ${money(plan.amount_minor)} (${plan.tran_id})`, { pending_captures: [...pending, plan] }, plan.id)
  })
  if (!decided.planId || decided.result.status !== "resolved") return decided.result
  // Outside the lock (the plan takes it itself). Should the vendor fail now, the plan stays pending
  // and the reconciliation job retries it like any other.
  const capture = await executeCapturePlan(container, paymentId, decided.planId, actorId ?? undefined)
  return { ...decided.result, capture }
}

/** Records (once) that a planned capture ran out of automatic attempts, and tells the admin. */
export async function flagExhaustedPlan(container: MedusaContainer, paymentId: string, planId: string): Promise<void> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const added = await withPaymentLock(container, paymentId, async () => {
    const payment = await readPayment(paymentModule, paymentId)
    if (!payment || payment.captured_at || payment.canceled_at) return undefined
    const data = payment.data as LedgerData
    const plan = (data.pending_captures ?? []).find((p) => p.id === planId)
    if (!plan || !isExhausted(plan)) return undefined
    const attention = exhaustedPlanAttention(plan, remainingToCaptureMinor(data))
    const attentions = withCaptureAttention(data, attention)
    if (!attentions) return undefined
    await writePaymentData(paymentModule, paymentId, { ...data, capture_attention: attentions })
    return { attention, currency: payment.currency_code }
  })
  if (added) await notifyCaptureAttention(container, paymentId, added.attention, added.currency)
}
