import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { aviratoRefundReasonFor } from "../../lib/avirato"
import { isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { withRefundPlan } from "../../providers/avirato/core/refund-plan"
import { withPaymentLock } from "../helpers/payment-lock"
import { writePaymentData } from "../helpers/write-payment-data"

/**
 * When an admin refunds an Avirato payment with a Medusa refund reason whose code names an Avirato
 * reason (fraud, customer_request, return, duplicate, other), plan that reason for the refund;
 * otherwise the provider's defaultRefundReason applies. Returns the reason planned, if any.
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
  const [refundReason] = await paymentModule.listRefundReasons({ id: refundReasonId }, { select: ["id", "code"] })
  const reason = aviratoRefundReasonFor((refundReason as { code?: string } | undefined)?.code)
  if (!reason) return undefined
  await withPaymentLock(container, paymentId, async () => {
    const current = await paymentModule.retrievePayment(paymentId, { select: ["id", "data"] })
    await writePaymentData(paymentModule, paymentId, withRefundPlan((current.data ?? {}) as Record<string, unknown>, reason, new Date()))
  })
  return reason
}
