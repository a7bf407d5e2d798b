import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { aviratoRefundReasonFor, ORDER_CANCELLATION_REFUND_REASON, type AviratoRefundReason } from "../../lib/avirato"
import { isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { refundPlanOf, withRefundPlan } from "../../providers/avirato/core/refund-plan"
import { createPaymentLockedWorkflow } from "../shared/payment-lock-steps"
import { writePaymentData } from "../../operations/shared/write-payment-data"

/**
 * When an admin refunds an Avirato payment with a Medusa refund reason whose code names an Avirato
 * reason (fraud, customer_request, return, duplicate, other), plan that reason for the refund;
 * otherwise the provider's defaultRefundReason applies. Returns the reason planned, if any.
 *
 * Runs while the refund request holds the payment's lock (held from before this until Medusa's
 * refund has answered), so it writes without taking the lock again.
 */
export async function planAviratoRefundReason(
  container: MedusaContainer,
  paymentId: string,
  refundReasonId: string | undefined
): Promise<string | undefined> {
  if (!refundReasonId) return undefined
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await paymentModule.retrievePayment(paymentId, { select: ["id", "provider_id"] })
  if (!isAviratoProviderId(payment.provider_id)) return undefined
  const reason = await aviratoReasonOfRefundReason(paymentModule, refundReasonId)
  if (!reason) return undefined
  const current = await paymentModule.retrievePayment(paymentId, { select: ["id", "data"] })
  await writePaymentData(paymentModule, paymentId, withRefundPlan((current.data ?? {}) as Record<string, unknown>, reason, new Date()))
  return reason
}

async function aviratoReasonOfRefundReason(paymentModule: IPaymentModuleService, refundReasonId: string | undefined): Promise<AviratoRefundReason | undefined> {
  if (!refundReasonId) return undefined
  const [refundReason] = await paymentModule.listRefundReasons({ id: refundReasonId }, { select: ["id", "code"] })
  return aviratoRefundReasonFor((refundReason as { code?: string } | undefined)?.code)
}

export interface PlannedCancellationRefund {
  paymentId: string
  reason: AviratoRefundReason
  /** The plan's `created_at`, to recognise it when it is cleared. */
  plannedAt: string
}

/**
 * Cancelling an order makes Medusa refund what its payments captured, telling the provider only the
 * amount. Before that, each captured Avirato payment of the order gets its refund's reason planned:
 * the reason the admin picked (a refund reason whose code names an Avirato reason) if any, else
 * `ORDER_CANCELLATION_REFUND_REASON` — never the default reason meant for ordinary refunds.
 *
 * Runs while the cancellation request holds the locks of the order's payments (until Medusa's
 * cancellation has answered), so it writes without taking them again.
 */
export async function planAviratoCancellationRefunds(
  container: MedusaContainer,
  orderId: string,
  refundReasonId: string | undefined
): Promise<PlannedCancellationRefund[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.captures.id"],
    filters: { id: orderId },
  })
  type Row = { id: string; provider_id: string; captures?: Array<{ id: string }> | null }
  const order = orders[0] as { payment_collections?: Array<{ payments?: Row[] | null } | null> | null } | undefined
  const captured = (order?.payment_collections ?? [])
    .flatMap((collection) => collection?.payments ?? [])
    .filter((payment) => isAviratoProviderId(payment.provider_id) && (payment.captures ?? []).length > 0)
  if (!captured.length) return []
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const reason = (await aviratoReasonOfRefundReason(paymentModule, refundReasonId)) ?? ORDER_CANCELLATION_REFUND_REASON
  const planned: PlannedCancellationRefund[] = []
  for (const payment of captured) {
    const current = await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })
    const now = new Date()
    await writePaymentData(paymentModule, payment.id, withRefundPlan((current.data ?? {}) as Record<string, unknown>, reason, now, "order_cancellation"))
    planned.push({ paymentId: payment.id, reason, plannedAt: now.toISOString() })
  }
  return planned
}

/**
 * Under the payment's lock: removes the cancellation's refund plan when it is still there unused
 * (the data is read under the lock: a refund that consumed the plan meanwhile, or a newer plan, is
 * left alone). Answers whether it removed it.
 */
export const clearUnusedCancellationRefundPlanStep = createStep("remove-avirato-cancellation-refund-plan", async (planned: PlannedCancellationRefund, { container }) => {
  return new StepResponse(await removeUnusedCancellationRefundPlan(container, planned))
})

async function removeUnusedCancellationRefundPlan(container: MedusaContainer, planned: PlannedCancellationRefund): Promise<boolean> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const current = await paymentModule.retrievePayment(planned.paymentId, { select: ["id", "data"] })
  const data = (current.data ?? {}) as Record<string, unknown>
  const cleared = withoutUnusedCancellationRefundPlan(data, planned)
  if (cleared === data) return false
  await writePaymentData(paymentModule, planned.paymentId, cleared)
  return true
}

/** `data` without the cancellation's plan if it is still there unused; `data` itself when it is not. */
export function withoutUnusedCancellationRefundPlan(data: Record<string, unknown>, planned: PlannedCancellationRefund): Record<string, unknown> {
  const plan = refundPlanOf(data)
  if (plan?.source !== "order_cancellation" || plan.created_at !== planned.plannedAt) return data
  return { ...data, refund_plan: null }
}

/**
 * Under the payment's lock, just before the plugin refunds an Avirato payment of a cancelled order
 * itself (one captured after Medusa's cancel read the order's payments): the refund gets the
 * cancellation's reason, as Medusa's own refund at the cancellation would. When the refund fails,
 * the plan is removed again (by the step recording the failure, or by this step's compensation when
 * the workflow fails), so a later refund does not inherit its reason. Other vendors' payments have
 * no refund reason: nothing is planned.
 */
export const planCanceledOrderRefundReasonStep = createStep(
  "plan-avirato-canceled-order-refund-reason",
  async (input: { payment_id: string }, { container }) => {
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await paymentModule.retrievePayment(input.payment_id, { select: ["id", "provider_id", "data"] })
    if (!isAviratoProviderId(payment.provider_id)) return new StepResponse<PlannedCancellationRefund | undefined>(undefined)
    const now = new Date()
    await writePaymentData(paymentModule, payment.id, withRefundPlan((payment.data ?? {}) as Record<string, unknown>, ORDER_CANCELLATION_REFUND_REASON, now, "order_cancellation"))
    const planned: PlannedCancellationRefund = { paymentId: payment.id, reason: ORDER_CANCELLATION_REFUND_REASON, plannedAt: now.toISOString() }
    return new StepResponse<PlannedCancellationRefund | undefined>(planned, planned)
  },
  async (planned, { container }) => {
    if (planned) await removeUnusedCancellationRefundPlan(container, planned)
  }
)

/** Lock, clear, unlock (the lock's compensation releases it if the clearing fails). */
export const clearUnusedCancellationRefundPlanWorkflow = createPaymentLockedWorkflow(
  "clear-avirato-cancellation-refund-plan",
  (planned: PlannedCancellationRefund) => planned.paymentId,
  clearUnusedCancellationRefundPlanStep
)

/**
 * Removes a cancellation's refund plan that no refund consumed (the cancellation was refused, or
 * nothing was left to refund), so a later refund of the payment does not inherit its reason.
 */
export async function clearUnusedCancellationRefundPlan(container: MedusaContainer, planned: PlannedCancellationRefund): Promise<boolean> {
  const { result } = await clearUnusedCancellationRefundPlanWorkflow(container).run({ input: planned })
  return result
}
