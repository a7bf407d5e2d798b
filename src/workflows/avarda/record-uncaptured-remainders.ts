/**
 * After an order is cancelled, Medusa refunds what was captured and cancels only payments with no
 * capture at all: for a partly captured Avarda authorization the provider is not asked about the
 * rest. Record it where the admin sees it — the payment's data and the order's metadata — and in the
 * log, instead of pretending it was released.
 *
 * Per payment a workflow under the payment's lock (its compensation releases it): the record step
 * reads the payment's data again under the lock and works the remainder out from it (the event may
 * arrive twice, and a refund or capture may be recorded meanwhile), writes it once, unlock. The
 * record is a notice only and nothing after it can fail (the release logs its own failure), so the
 * step has no compensation.
 */
import type { IOrderModuleService, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { uncapturedRemainderOf, type UncapturedRemainder } from "../../providers/avarda/core/uncaptured-remainder"
import { createPaymentLockedWorkflow } from "../shared/payment-lock-steps"
import { writePaymentData } from "../../operations/shared/write-payment-data"

/** Order metadata key holding the notice for the admin. */
export const AVARDA_REMAINDER_METADATA_KEY = "avarda_uncaptured_remainder"

interface RemainderInput {
  order_id: string
  payment_id: string
}

interface RecordedRemainder {
  authorization_id?: string
  remainder: UncapturedRemainder
}

/** Under the payment's lock: the remainder as recorded before, or worked out and recorded now; null when nothing is left. */
export const recordUncapturedRemainderStep = createStep("write-avarda-uncaptured-remainder", async (input: RemainderInput, { container }) => {
  const answer = (recorded: RecordedRemainder | null) => new StepResponse<RecordedRemainder | null>(recorded)
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const current = readAvardaPaymentData((await paymentModule.retrievePayment(input.payment_id, { select: ["id", "data"] })).data)
  if (!current) return answer(null)
  if (current.uncaptured_remainder) return answer({ authorization_id: current.authorization_id, remainder: current.uncaptured_remainder })
  const remainder = uncapturedRemainderOf(current)
  if (!remainder) return answer(null)
  await writePaymentData(paymentModule, input.payment_id, { ...current, uncaptured_remainder: remainder })
  container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Order ${input.order_id}, Avarda authorization ${current.authorization_id}: ${remainder.note}`)
  return answer({ authorization_id: current.authorization_id, remainder })
})

/** One payment's remainder: lock, record, unlock. */
export const recordUncapturedRemainderWorkflow = createPaymentLockedWorkflow(
  "record-avarda-uncaptured-remainder",
  (input: RemainderInput) => input.payment_id,
  recordUncapturedRemainderStep
)

/** Records the uncaptured remainders of a cancelled order's Avarda payments; returns how many it has. */
export async function recordUncapturedRemainders(container: MedusaContainer, orderId: string): Promise<number> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "metadata", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.data"],
    filters: { id: orderId },
  })
  if (!order) return 0
  const payments = ((order as { payment_collections?: Array<{ payments?: Array<{ id: string; provider_id: string; data?: Record<string, unknown> }> }> }).payment_collections ?? [])
    .flatMap((c) => c.payments ?? [])
  const notices: Array<Record<string, unknown>> = []
  for (const payment of payments) {
    // Only payments with something left (as last read) take the lock; the step decides on the data read under it.
    const stored = isAvardaProviderId(payment.provider_id) ? readAvardaPaymentData(payment.data) : undefined
    if (!stored || !(stored.uncaptured_remainder ?? uncapturedRemainderOf(stored))) continue
    const { result } = await recordUncapturedRemainderWorkflow(container).run({ input: { order_id: orderId, payment_id: payment.id } })
    if (result) notices.push({ payment_id: payment.id, authorization_id: result.authorization_id, ...result.remainder })
  }
  if (notices.length) {
    const orderModule = container.resolve<IOrderModuleService>(Modules.ORDER)
    const metadata = ((order as { metadata?: Record<string, unknown> | null }).metadata ?? {}) as Record<string, unknown>
    await orderModule.updateOrders([{ id: orderId, metadata: { ...metadata, [AVARDA_REMAINDER_METADATA_KEY]: notices } }])
  }
  return notices.length
}
