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
