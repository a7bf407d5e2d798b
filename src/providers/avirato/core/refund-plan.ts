import type { AviratoRefundReason } from "../../../lib/avirato"

/**
 * Medusa passes the provider a refund's amount but not its reason. When the admin picks a refund
 * reason whose code names an Avirato reason, or cancels an order whose captured payments Medusa then
 * refunds, the plugin writes the reason here just before the refund (src/api/avirato/middlewares.ts);
 * refundPayment consumes it. Stale plans are ignored.
 */
export const REFUND_PLAN_TTL_MS = 15 * 60_000

export interface RefundPlan {
  reason: AviratoRefundReason
  created_at: string
  /** What asked for the refund: the admin's refund, or Medusa refunding captures when an order is cancelled. */
  source?: RefundSource
}

export type RefundSource = "admin_refund" | "order_cancellation"

export function withRefundPlan(data: Record<string, unknown>, reason: AviratoRefundReason, now: Date, source?: RefundSource): Record<string, unknown> {
  const plan: RefundPlan = { reason, created_at: now.toISOString(), ...(source ? { source } : {}) }
  return { ...data, refund_plan: plan }
}

/** The plan in `data`, whatever its age. */
export function refundPlanOf(data: Record<string, unknown>): RefundPlan | undefined {
  const plan = data.refund_plan as RefundPlan | null | undefined
  return plan?.reason && plan.created_at ? plan : undefined
}

export function plannedRefundReason(data: Record<string, unknown>, now: Date): AviratoRefundReason | undefined {
  const plan = data.refund_plan as RefundPlan | null | undefined
  if (!plan?.reason || !plan.created_at) return undefined
  const age = now.getTime() - Date.parse(plan.created_at)
  return age >= 0 && age <= REFUND_PLAN_TTL_MS ? plan.reason : undefined
}
