/**
 * What the plugin's return routes put on the storefront's success and failure pages. Kept apart
 * from the pages on purpose: how a return carries the cart (today a plain `cart_id`) is the one
 * place to change when the routes start signing it.
 */

// docs:start return-pages
export type ReturnOutcome =
  | { kind: "success"; orderId: string }
  | { kind: "failure"; cartId: string | null; reason: string; message: string | null }

/** Success page: `?order_id=…`. Failure page: `?cart_id=…&reason=…[&message=…]`. */
export function readReturn(search: string): ReturnOutcome {
  const query = new URLSearchParams(search)
  const orderId = query.get("order_id")
  if (orderId) return { kind: "success", orderId }
  return { kind: "failure", cartId: query.get("cart_id"), reason: query.get("reason") ?? "failed", message: query.get("message") }
}
// docs:end return-pages
