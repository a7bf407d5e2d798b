/**
 * An order cancelled after a partial delivery: Medusa's cancel flow refunds what was invoiced but
 * leaves the payment open (it has captures), so the undelivered rest would stay reserved at Avarda.
 * Cancelling the payment through the Payment Module runs the provider's `cancelPayment`, which sends
 * `RefundRemaining` for a partly invoiced purchase marked for release (and refuses one that is not:
 * Medusa's own cancels after an order change must leave the rest for the coming shipments).
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { remainingToCaptureMinor } from "../../lib/avarda/credit-ledger"
import { readStandalonePaymentData } from "../../providers/avarda-standalone/core/payment-data"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { withPaymentLock } from "../helpers/payment-lock"
import { writePaymentData } from "../helpers/write-payment-data"

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
    // Marked first: the provider releases a partly invoiced purchase's rest only when asked to.
    await withPaymentLock(container, payment.id, async () => {
      const current = readStandalonePaymentData((await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })).data)
      if (current && !current.remainder_release_requested_at) {
        await writePaymentData(paymentModule, payment.id, { ...current, remainder_release_requested_at: new Date().toISOString() })
      }
    })
    await paymentModule.cancelPayment(payment.id)
    released.push(payment.id)
  }
  return released
}
