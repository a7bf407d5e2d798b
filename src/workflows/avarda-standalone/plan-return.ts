/**
 * A received Medusa return becomes a return plan on the order's Standalone Credit payment: the
 * returned lines as invoice rows, built with the shared row builder from the cart as it was paid
 * (cumulative rounding, so several returns of a line add up exactly). Medusa's refund workflow gives
 * the provider only an amount; the refund of exactly this amount is then sent as an itemised
 * `ReturnOrder`, any other amount as `Refund`.
 *
 * A workflow under the payment's lock (its compensation releases it): the plan step reads the order,
 * the cart as paid, the return and the payment's data again under the lock (the event may arrive
 * twice, and a refund may consume plans meanwhile), then writes the plan; unlock. The plan is only a
 * record the refund consumes later and nothing after it can fail (the release logs its own failure),
 * so the step has no compensation.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { buildInvoiceRows, type DeliveredQuantity } from "../../lib/avarda/credit-cart"
import { rowsTotalMinor } from "../../lib/avarda/invoice-rows"
import { readStandalonePaymentData, type ReturnPlan } from "../../providers/avarda-standalone/core/payment-data"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { creditCartOf, CREDIT_TOTALS_FIELDS, type CartOrOrderTotals } from "../../operations/credit/credit-cart-from-medusa"
import { createPaymentLockedWorkflow } from "../shared/payment-lock-steps"
import { writePaymentData } from "../../operations/shared/write-payment-data"

export type ReturnPlanResult = { status: "planned"; paymentId: string; amountMinor: number } | { status: "skipped"; reason: string }

interface OrderPayment {
  id: string
  provider_id: string
  amount: number
  raw_amount?: unknown
  data?: Record<string, unknown> | null
  canceled_at?: string | Date | null
}

interface OrderRow {
  id: string
  cart?: { id: string } | null
  items?: Array<{ id: string; variant_id?: string | null } | null> | null
  payment_collections?: Array<{ payments?: OrderPayment[] | null } | null> | null
}

interface StandaloneReturnInput {
  order_id: string
  return_id: string
  payment_id: string
}

const ORDER_FIELDS = [
  "id",
  "cart.id",
  "items.id",
  "items.variant_id",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.amount",
  "payment_collections.payments.raw_amount",
  "payment_collections.payments.data",
  "payment_collections.payments.canceled_at",
]

/** Enough of the order to find its Standalone payment (before the lock is taken). */
const PAYMENT_FIELDS = ["id", "payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.data"]

async function readOrder(container: MedusaContainer, orderId: string, fields: string[] = ORDER_FIELDS): Promise<{ order?: OrderRow; payment?: OrderPayment }> {
  const { data: [order] } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields, filters: { id: orderId } })
  const row = order as OrderRow | undefined
  const payment = (row?.payment_collections ?? []).flatMap((c) => c?.payments ?? []).find((p) => isStandaloneProviderId(p.provider_id) && readStandalonePaymentData(p.data))
  return { order: row, payment }
}

/** Under the payment's lock: the returned lines not yet planned or credited, as invoice rows. */
export const planStandaloneReturnRowsStep = createStep("plan-avarda-standalone-return-rows", async (input: StandaloneReturnInput, { container }) => {
  const skipped = (reason: string) => new StepResponse<ReturnPlanResult>({ status: "skipped", reason })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { order: row, payment } = await readOrder(container, input.order_id)
  if (!row || !payment || payment.id !== input.payment_id) return skipped("no Avarda Standalone Credit payment on the order")
  // The order's lines shrink with every return: rows come from the cart as it was paid (the same rows Avarda authorized).
  const { data: [cartRow] } = row.cart?.id ? await query.graph({ entity: "cart", fields: [...CREDIT_TOTALS_FIELDS, "items.variant_id"], filters: { id: row.cart.id } }) : { data: [] }
  if (!cartRow) return skipped("the order's cart is gone")
  const cartLineOf = cartLinesByOrderLine(row.items ?? [], (cartRow as { items?: Array<{ id: string; variant_id?: string | null } | null> }).items ?? [])

  const { data: [orderReturn] } = await query.graph({ entity: "return", fields: ["id", "items.item_id", "items.quantity", "items.received_quantity"], filters: { id: input.return_id } })
  const items = ((orderReturn as { items?: Array<{ item_id: string; quantity?: unknown; received_quantity?: unknown }> } | undefined)?.items ?? [])
    .map((item) => ({ lineId: item.item_id, quantity: Number(item.received_quantity ?? item.quantity ?? 0) }))
    .filter((item) => item.quantity > 0)
  if (!items.length) return skipped("the return received nothing")

  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const current = await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })
  const ledger = readStandalonePaymentData(current.data as Record<string, unknown>)!
  if ([...(ledger.return_plans ?? []), ...ledger.returns].some((entry) => (entry as { return_id?: string }).return_id === input.return_id)) {
    return skipped("this return is already planned or credited")
  }
  const returned = new Map<string, number>()
  for (const entry of [...ledger.returns, ...(ledger.return_plans ?? [])]) {
    for (const line of entry.lines ?? []) returned.set(line.line_item_id, (returned.get(line.line_item_id) ?? 0) + line.quantity)
  }
  const cart = creditCartOf(cartRow as CartOrOrderTotals, (payment.raw_amount as never) ?? payment.amount)
  const lines: DeliveredQuantity[] = []
  const orderLines: Array<{ line_item_id: string; quantity: number }> = []
  for (const item of items) {
    const line = cart.lines.find((l) => l.id === cartLineOf.get(item.lineId))
    if (!line) continue
    const alreadyReturned = returned.get(item.lineId) ?? 0
    const quantity = Math.min(item.quantity, line.quantity - alreadyReturned)
    if (quantity <= 0) continue
    lines.push({ lineId: line.id, alreadyInvoiced: alreadyReturned, quantity })
    orderLines.push({ line_item_id: item.lineId, quantity })
  }
  const rows = buildInvoiceRows(cart, { lines, orderLevel: false })
  const amountMinor = rowsTotalMinor(rows)
  if (amountMinor <= 0) return skipped("the returned lines have no value left")
  const plan: ReturnPlan = {
    return_id: input.return_id,
    rows,
    amount_minor: amountMinor,
    lines: orderLines,
    created_at: new Date().toISOString(),
  }
  await writePaymentData(paymentModule, payment.id, { ...(current.data as Record<string, unknown>), return_plans: [...(ledger.return_plans ?? []), plan] })
  return new StepResponse<ReturnPlanResult>({ status: "planned", paymentId: payment.id, amountMinor })
})

/** A received return's plan on a Standalone payment: lock, plan, unlock. */
export const planStandaloneReturnWorkflow = createPaymentLockedWorkflow(
  "plan-avarda-standalone-return",
  (input: StandaloneReturnInput) => input.payment_id,
  planStandaloneReturnRowsStep
)

/** Plans a received return of `orderId`, when the order was paid with Avarda Standalone Credit. */
export async function planStandaloneReturn(container: MedusaContainer, orderId: string, returnId: string): Promise<ReturnPlanResult> {
  const { payment } = await readOrder(container, orderId, PAYMENT_FIELDS)
  if (!payment) return { status: "skipped", reason: "no Avarda Standalone Credit payment on the order" }
  const { result } = await planStandaloneReturnWorkflow(container).run({ input: { order_id: orderId, return_id: returnId, payment_id: payment.id } })
  return result
}

/**
 * Order line id → cart line id. Medusa copies cart lines into order lines without keeping the cart
 * line's id, so lines are matched by variant, in order.
 */
function cartLinesByOrderLine(
  orderItems: Array<{ id: string; variant_id?: string | null } | null>,
  cartItems: Array<{ id: string; variant_id?: string | null } | null>
): Map<string, string> {
  const unused = cartItems.filter((item): item is { id: string; variant_id?: string | null } => !!item)
  const map = new Map<string, string>()
  for (const item of orderItems) {
    if (!item) continue
    const index = unused.findIndex((candidate) => (candidate.variant_id ?? null) === (item.variant_id ?? null))
    if (index < 0) continue
    map.set(item.id, unused[index]!.id)
    unused.splice(index, 1)
  }
  return map
}
