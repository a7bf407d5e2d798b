import type { AviratoPaymentData, CapturePlan } from "./payment-data"

/**
 * Medusa's capturePaymentWorkflow records a capture of any amount but calls the provider without
 * it. Whoever starts a capture (the admin capture route, capture on shipment) therefore first
 * writes the amount into the payment's data as a plan; capturePayment consumes it. A plan older
 * than this is ignored (left over from a capture Medusa refused before calling us).
 */
export const CAPTURE_PLAN_TTL_MS = 15 * 60_000

export function withCapturePlan(data: Record<string, unknown>, amountMinor: number, now: Date): Record<string, unknown> {
  const plan: CapturePlan = { amount: amountMinor, created_at: now.toISOString() }
  return { ...data, capture_plan: plan }
}

/** The planned amount in minor units, if a fresh plan exists. */
export function plannedCaptureAmount(data: Partial<AviratoPaymentData>, now: Date): number | undefined {
  const plan = data.capture_plan
  if (!plan || !Number.isSafeInteger(plan.amount) || plan.amount <= 0) return undefined
  const age = now.getTime() - Date.parse(plan.created_at)
  return age >= 0 && age <= CAPTURE_PLAN_TTL_MS ? plan.amount : undefined
}
