/**
 * What the plugin's return routes put on the storefront's success and failure pages. Kept apart
 * from the pages on purpose: it is the one place that knows how a return carries the cart. A return
 * that could not prove it belongs to the shopper's flow carries no `cart_id` (reason
 * `verification_failed`): the failure page then uses the cart id the storefront keeps.
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
