import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"

export type CartCompletion =
  | { outcome: "completed"; orderId: string; cartId: string }
  /** Another request (the shopper's return, a webhook, the reconciliation job) got there first. */
  | { outcome: "already_completed"; orderId: string; cartId: string }
  | { outcome: "failed"; cartId?: string; message: string }

/**
 * Completes the cart that a payment session belongs to, from server-side code that has already
 * confirmed the payment with the vendor (a return route, a job). Safe to call from several places
 * at once: Medusa locks the cart, and a cart that already became an order reports that order.
 */
export async function completeCartForPaymentSession(
  container: MedusaContainer,
  paymentSessionId: string,
  /** The session's cart (and its order, if any) when the caller has just read them: saves reading them again. */
  known?: SessionCart
): Promise<CartCompletion> {
  const cart = known ?? (await findCart(container, paymentSessionId))
  if (!cart) return { outcome: "failed", message: `no cart found for payment session ${paymentSessionId}` }
  if (cart.orderId) return { outcome: "already_completed", orderId: cart.orderId, cartId: cart.id }
  try {
    const { result } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
    return { outcome: "completed", orderId: result.id, cartId: cart.id }
  } catch (error) {
    // A concurrent completion may have won the race while this one waited for the lock.
    const again = await findCart(container, paymentSessionId)
    if (again?.orderId) return { outcome: "already_completed", orderId: again.orderId, cartId: cart.id }
    return { outcome: "failed", cartId: cart.id, message: error instanceof Error ? error.message : String(error) }
  }
}

export interface SessionCart {
  id: string
  orderId?: string
}

async function findCart(container: MedusaContainer, paymentSessionId: string): Promise<SessionCart | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_session",
    fields: ["id", "payment_collection.cart.id", "payment_collection.cart.order.id"],
    filters: { id: paymentSessionId },
  })
  const cart = (data[0] as { payment_collection?: { cart?: { id: string; order?: { id: string } | null } | null } } | undefined)
    ?.payment_collection?.cart
  return cart ? { id: cart.id, orderId: cart.order?.id ?? undefined } : undefined
}
