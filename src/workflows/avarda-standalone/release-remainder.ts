/**
 * An order cancelled after a partial delivery: Medusa's cancel flow refunds what was invoiced but
 * leaves the payment open (it has captures), so the undelivered rest would stay reserved at Avarda.
 * Cancelling the payment through the Payment Module runs the provider's `cancelPayment`, which sends
 * `RefundRemaining` for a partly invoiced purchase.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { remainingToCaptureMinor } from "../../lib/avarda/credit-ledger"
import { readStandalonePaymentData } from "../../providers/avarda-standalone/core/payment-data"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"

export async function releaseStandaloneRemainders(container: MedusaContainer, orderId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.data", "payment_collections.payments.canceled_at"],
    filters: { id: orderId },
  })
  const payments = ((order as { payment_collections?: Array<{ payments?: Array<{ id: string; provider_id: string; data?: Record<string, unknown> | null; canceled_at?: unknown }> }> } | undefined)
    ?.payment_collections ?? []).flatMap((c) => c?.payments ?? [])
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const released: string[] = []
  for (const payment of payments) {
    const data = readStandalonePaymentData(payment.data)
    if (!isStandaloneProviderId(payment.provider_id) || payment.canceled_at || !data?.purchase_id) continue
    if (!data.captures.length || data.remainder_released || remainingToCaptureMinor(data) <= 0) continue
    await paymentModule.cancelPayment(payment.id)
    released.push(payment.id)
  }
  return released
}
