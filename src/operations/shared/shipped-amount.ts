import type { BigNumberInput, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"

/**
 * What an order has shipped so far, in Medusa major units, for "capture on shipment". Shared by the
 * payment providers' shipment subscribers (Avirato: `avirato-capture-on-shipment`); keep
 * provider-specific rules (one capture per authorisation, per-shipment invoices…) in those.
 */
export interface ShippedAmount {
  orderId: string
  currencyCode: string
  /** Order total (items + shipping, after discounts, taxes included). */
  orderTotal: number
  /** Value of every item quantity shipped so far, plus the shipping once anything shipped. */
  shippedTotal: number
  /** Value of the items in this shipment (plus shipping when it is the first shipment). */
  thisShipment: number
  /** Every item of the order has shipped in full. */
  allItemsShipped: boolean
}

interface OrderItemRow {
  id: string
  quantity: BigNumberInput
  total: BigNumberInput
  detail?: { shipped_quantity?: BigNumberInput } | null
}

interface OrderRow {
  id: string
  currency_code: string
  total: BigNumberInput
  shipping_total: BigNumberInput
  items: OrderItemRow[]
  fulfillments?: Array<{ id: string; shipped_at?: string | null }> | null
}

export async function shippedAmountForFulfillment(container: MedusaContainer, fulfillmentId: string): Promise<ShippedAmount | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: fulfillments } = await query.graph({
    entity: "fulfillment",
    fields: ["id", "items.line_item_id", "items.quantity", "order.id"],
    filters: { id: fulfillmentId },
  })
  const fulfillment = fulfillments[0] as
    | { id: string; items: Array<{ line_item_id: string; quantity: BigNumberInput }>; order?: { id: string } | null }
    | undefined
  if (!fulfillment?.order?.id) return undefined
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "currency_code",
      "total",
      "shipping_total",
      "items.id",
      "items.quantity",
      "items.total",
      "items.detail.shipped_quantity",
      "fulfillments.id",
      "fulfillments.shipped_at",
    ],
    filters: { id: fulfillment.order.id },
  })
  const order = orders[0] as OrderRow | undefined
  if (!order) return undefined

  const valueOf = (item: OrderItemRow, quantity: BigNumberInput) =>
    MathBN.eq(item.quantity, 0) ? MathBN.convert(0) : MathBN.div(MathBN.mult(item.total, quantity), item.quantity)
  const shippedBefore = (order.fulfillments ?? []).filter((f) => f.shipped_at && f.id !== fulfillmentId).length > 0

  let shippedItems = MathBN.convert(0)
  let allItemsShipped = order.items.length > 0
  for (const item of order.items) {
    const shipped = item.detail?.shipped_quantity ?? 0
    shippedItems = MathBN.add(shippedItems, valueOf(item, shipped))
    if (MathBN.lt(shipped, item.quantity)) allItemsShipped = false
  }
  let thisShipment = MathBN.convert(0)
  for (const fulfilled of fulfillment.items) {
    const item = order.items.find((i) => i.id === fulfilled.line_item_id)
    if (item) thisShipment = MathBN.add(thisShipment, valueOf(item, fulfilled.quantity))
  }
  const anyShipped = MathBN.gt(shippedItems, 0)
  return {
    orderId: order.id,
    currencyCode: order.currency_code,
    orderTotal: MathBN.convert(order.total).toNumber(),
    shippedTotal: MathBN.add(shippedItems, anyShipped ? order.shipping_total : 0).toNumber(),
    thisShipment: MathBN.add(thisShipment, shippedBefore ? 0 : order.shipping_total).toNumber(),
    allItemsShipped,
  }
}
