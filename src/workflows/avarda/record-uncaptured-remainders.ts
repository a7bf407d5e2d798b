/**
 * After an order is cancelled, Medusa refunds what was captured and cancels only payments with no
 * capture at all: for a partly captured Avarda authorization the provider is not
 * asked about the rest. Record it where the admin sees it — the payment's data and the order's
 * metadata — and in the log, instead of pretending it was released.
 */
import type { IOrderModuleService, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { uncapturedRemainderOf } from "../../providers/avarda/core/uncaptured-remainder"
import { withPaymentLock } from "../helpers/payment-lock"
import { writePaymentData } from "../helpers/write-payment-data"

/** Order metadata key holding the notice for the admin. */
export const AVARDA_REMAINDER_METADATA_KEY = "avarda_uncaptured_remainder"

export async function recordUncapturedRemainders(container: MedusaContainer, orderId: string): Promise<number> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "metadata", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.data"],
    filters: { id: orderId },
  })
  if (!order) return 0
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const notices: Array<Record<string, unknown>> = []
  const payments = ((order as { payment_collections?: Array<{ payments?: Array<{ id: string; provider_id: string; data?: Record<string, unknown> }> }> }).payment_collections ?? [])
    .flatMap((c) => c.payments ?? [])
  for (const payment of payments) {
    if (!isAvardaProviderId(payment.provider_id)) continue
    const stored = readAvardaPaymentData(payment.data)
    if (!stored) continue
    const remainder = stored.uncaptured_remainder ?? uncapturedRemainderOf(stored)
    if (!remainder) continue
    if (!stored.uncaptured_remainder) {
      await withPaymentLock(container, payment.id, async () => {
        const current = readAvardaPaymentData((await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })).data)
        if (!current || current.uncaptured_remainder) return
        await writePaymentData(paymentModule, payment.id, { ...current, uncaptured_remainder: remainder })
        logger.warn(`Order ${orderId}, Avarda authorization ${stored.authorization_id}: ${remainder.note}`)
      })
    }
    notices.push({ payment_id: payment.id, authorization_id: stored.authorization_id, ...remainder })
  }
  if (notices.length) {
    const orderModule = container.resolve<IOrderModuleService>(Modules.ORDER)
    const metadata = ((order as { metadata?: Record<string, unknown> | null }).metadata ?? {}) as Record<string, unknown>
    await orderModule.updateOrders([{ id: orderId, metadata: { ...metadata, [AVARDA_REMAINDER_METADATA_KEY]: notices } }])
  }
  return notices.length
}
