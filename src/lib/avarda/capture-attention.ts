/**
 * Captures on shipment that the plugin could not make by itself, recorded on the credit payment
 * (`data.capture_attention`) so the admin sees them on the order and resolves each with one action:
 *
 * - a shipment worth more than what is left to capture (an amount was captured by hand before):
 *   "Capture the remaining amount";
 * - a shipment the gift cards cover entirely (nothing to capture yet): its lines are carried into
 *   the next shipment's capture, which subtracts what is left of the gift cards; "Mark resolved";
 * - a planned capture that failed MAX_CAPTURE_ATTEMPTS times, which the job no longer retries:
 *   "Retry the capture plan".
 *
 * Pure functions over the payment data; no vendor or Medusa calls.
 */
import type { CapturePlan, CreditLedger } from "./credit-ledger"

/** After this many failed attempts a planned capture waits for the admin. */
export const MAX_CAPTURE_ATTEMPTS = 120

export type CaptureAttentionKind = "shipment_exceeds_remaining" | "gift_cards_cover_shipment" | "capture_plan_exhausted"

export type CaptureAttentionAction = "capture_remaining" | "mark_resolved" | "retry_capture_plan"

/** The one action that resolves each kind, with the words the order panel shows on its button. */
export const CAPTURE_ATTENTION_ACTIONS: Record<CaptureAttentionKind, { action: CaptureAttentionAction; label: string }> = {
  shipment_exceeds_remaining: { action: "capture_remaining", label: "Capture the remaining amount" },
  gift_cards_cover_shipment: { action: "mark_resolved", label: "Mark resolved" },
  capture_plan_exhausted: { action: "retry_capture_plan", label: "Retry the capture plan" },
}

export interface CaptureAttention {
  /** Stable per case (the shipment, or the plan and its retry round): a repeated event adds nothing. */
  id: string
  kind: CaptureAttentionKind
  /** Why the capture was not made, in the admin's words. */
  reason: string
  order_reference: string
  /** What the capture would have been: the shipment's value, or the plan's amount (minor units). */
  expected_minor: number
  /** What was left to capture on the payment when it happened (minor units). */
  left_minor: number
  /** Gift cards and store credit on the order (gift card case only). */
  gift_cards_minor?: number
  fulfillment_id?: string
  plan_id?: string
  created_at: string
  resolved_at: string | null
  resolved_by: string | null
  /** What resolving it did. */
  resolution: string | null
}

/** Shipped lines gift cards covered, waiting to be captured with the next shipment. */
export interface CoveredShipmentLines {
  fulfillment_id: string
  lines: Array<{ line_item_id: string; quantity: number }>
}

export interface AttentionLedger extends CreditLedger {
  capture_attention?: CaptureAttention[] | null
  covered_shipments?: CoveredShipmentLines[] | null
}

export function captureAttentionsOf(ledger: Pick<AttentionLedger, "capture_attention">): CaptureAttention[] {
  return Array.isArray(ledger.capture_attention) ? ledger.capture_attention : []
}

export function openCaptureAttentions(ledger: Pick<AttentionLedger, "capture_attention">): CaptureAttention[] {
  return captureAttentionsOf(ledger).filter((a) => !a.resolved_at)
}

/** Attention ids, one per case: safe in a URL path segment. */
export const attentionIdOf = {
  exceeds: (fulfillmentId: string) => `exceeds-${fulfillmentId}`,
  giftCards: (fulfillmentId: string) => `gift-cards-${fulfillmentId}`,
  exhausted: (plan: Pick<CapturePlan, "id" | "admin_retries">) => `exhausted-${plan.id}-${plan.admin_retries ?? 0}`,
}

/**
 * The payment's attention list with `attention` added, or undefined when a record of this case is
 * already there (open or resolved): the caller then writes and notifies nothing.
 */
export function withCaptureAttention(ledger: Pick<AttentionLedger, "capture_attention">, attention: CaptureAttention): CaptureAttention[] | undefined {
  const current = captureAttentionsOf(ledger)
  if (current.some((a) => a.id === attention.id)) return undefined
  return [...current, attention]
}

/** The list with `id` marked resolved (unchanged when it already was). */
export function resolvedCaptureAttentions(
  ledger: Pick<AttentionLedger, "capture_attention">,
  ids: string[],
  resolution: string,
  by: string | null,
  now: Date = new Date()
): CaptureAttention[] {
  return captureAttentionsOf(ledger).map((a) =>
    ids.includes(a.id) && !a.resolved_at ? { ...a, resolved_at: now.toISOString(), resolved_by: by, resolution } : a
  )
}

/** Shipped quantities the gift cards covered, per order line, not yet part of any capture. */
export function coveredQuantityByLine(ledger: Pick<AttentionLedger, "covered_shipments">): Map<string, number> {
  const quantities = new Map<string, number>()
  for (const shipment of ledger.covered_shipments ?? []) {
    for (const line of shipment.lines) quantities.set(line.line_item_id, (quantities.get(line.line_item_id) ?? 0) + line.quantity)
  }
  return quantities
}

/** A planned capture the job stopped retrying, and no record of this round of it yet. */
export function exhaustedPlanAttention(plan: CapturePlan, leftMinor: number, now: Date = new Date()): CaptureAttention {
  return {
    id: attentionIdOf.exhausted(plan),
    kind: "capture_plan_exhausted",
    reason:
      `the capture ${plan.tran_id}${plan.fulfillment_id ? ` of shipment ${plan.fulfillment_id}` : ""} failed ${plan.attempts ?? 0} times ` +
      `and is no longer retried${plan.last_error ? `; last error: ${plan.last_error}` : ""}`,
    order_reference: plan.order_reference,
    expected_minor: plan.amount_minor,
    left_minor: leftMinor,
    ...(plan.fulfillment_id ? { fulfillment_id: plan.fulfillment_id } : {}),
    plan_id: plan.id,
    created_at: now.toISOString(),
    resolved_at: null,
    resolved_by: null,
    resolution: null,
  }
}

export function isExhausted(plan: Pick<CapturePlan, "attempts">): boolean {
  return (plan.attempts ?? 0) >= MAX_CAPTURE_ATTEMPTS
}
