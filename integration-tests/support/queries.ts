// Read-backs from the app under test through Medusa's query graph (what exists, not what the API said).
import type { MedusaContainer } from "@medusajs/framework/types"

/** The ids of the orders placed from cart `cartId` (none or one). */
export async function orderIdsOfCart(container: MedusaContainer, cartId: string): Promise<string[]> {
  const { data } = await container.resolve("query").graph({ entity: "cart", fields: ["order.id"], filters: { id: cartId } })
  return data[0]?.order?.id ? [data[0].order.id] : []
}

/** How many orders the app holds. */
export async function countOrders(container: MedusaContainer): Promise<number> {
  const { data } = await container.resolve("query").graph({ entity: "order", fields: ["id"] })
  return data.length
}

/** The ids of the orders placed from each of `cartIds` (none or one per cart), in one query. */
export async function orderIdsOfCarts(container: MedusaContainer, cartIds: string[]): Promise<Map<string, string[]>> {
  const { data } = await container.resolve("query").graph({ entity: "cart", fields: ["id", "order.id"], filters: { id: cartIds } })
  const byCart = new Map<string, string[]>(cartIds.map((id) => [id, []]))
  for (const cart of data as Array<{ id: string; order?: { id: string } | null }>) {
    if (cart.order?.id) byCart.set(cart.id, [cart.order.id])
  }
  return byCart
}

export interface OrderPaymentRow {
  id: string
  provider_id: string
  canceled_at: string | null
}

/** The payments order `orderId` holds, over all its payment collections. */
export async function paymentsOfOrder(container: MedusaContainer, orderId: string): Promise<OrderPaymentRow[]> {
  const { data: [order] } = await container.resolve("query").graph({
    entity: "order",
    fields: ["payment_collections.payments.id", "payment_collections.payments.provider_id", "payment_collections.payments.canceled_at"],
    filters: { id: orderId },
  })
  return (order?.payment_collections ?? []).flatMap((c: { payments?: OrderPaymentRow[] } | null) => c?.payments ?? [])
}
