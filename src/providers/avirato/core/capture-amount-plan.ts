import type { AviratoPaymentData, CaptureAmountPlan } from "./payment-data"

/**
 * Medusa's capturePaymentWorkflow records a capture of any amount but calls the provider without
 * it. Whoever starts a capture (the admin capture route, capture on shipment) therefore first
 * writes the amount into the payment's data as a plan; capturePayment consumes it. A plan older
 * than this is ignored (left over from a capture Medusa refused before calling us).
 */
export const CAPTURE_AMOUNT_PLAN_TTL_MS = 15 * 60_000

/**
 * Where earlier versions of the plugin wrote this plan: the key the credit providers use for their
 * own, differently shaped capture plan. A plan written there just before an upgrade is still read
 * within its lifetime, and is removed when a capture consumes the plan.
 */
export const LEGACY_CAPTURE_PLAN_KEY = "capture_plan"

export function withCaptureAmountPlan(data: Record<string, unknown>, amountMinor: number, now: Date): Record<string, unknown> {
  const plan: CaptureAmountPlan = { amount: amountMinor, created_at: now.toISOString() }
  return { ...data, capture_amount_plan: plan }
}

/** The data once a capture consumed its plan: no plan under either key. */
export function withoutCaptureAmountPlan(data: Record<string, unknown>): Record<string, unknown> {
  const { [LEGACY_CAPTURE_PLAN_KEY]: _legacy, ...rest } = data
  return { ...rest, capture_amount_plan: null }
}

/** The planned amount in minor units, if a fresh plan exists. */
export function plannedCaptureAmount(data: Partial<AviratoPaymentData>, now: Date): number | undefined {
  const plan = data.capture_amount_plan ?? (data[LEGACY_CAPTURE_PLAN_KEY] as CaptureAmountPlan | null | undefined)
  if (!plan || !Number.isSafeInteger(plan.amount) || plan.amount <= 0) return undefined
  const age = now.getTime() - Date.parse(plan.created_at)
  return age >= 0 && age <= CAPTURE_AMOUNT_PLAN_TTL_MS ? plan.amount : undefined
}
