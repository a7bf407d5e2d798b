import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { acquireLockStepId, completeCartWorkflow } from "@medusajs/medusa/core-flows"

export type CartCompletion =
  | { outcome: "completed"; orderId: string; cartId: string }
  /** Another request (the shopper's return, a webhook, the reconciliation job) got there first. */
  | { outcome: "already_completed"; orderId: string; cartId: string }
  /**
   * No order. `contended`: every attempt found the cart's lock held by another completion (the
   * webhook, the job, another return) until the deadline — nothing was done here and the holder is
   * placing the order; it is not a failure of the payment, which stays authorized.
   */
  | { outcome: "failed"; cartId?: string; message: string; contended?: true }

/**
 * How long a completion keeps trying while other completions of the same cart hold its lock. Medusa
 * gives up on the cart lock after 30 s, and a cart whose shopper returns twice while its webhook
 * arrives has several completions queued behind one that may be slow (a busy database, a slow
 * vendor answer). Two minutes is the lock's own lifetime in Medusa's cart completion: by then a
 * holder that died has lost it, so a live completion always gets its turn.
 */
export const CONTENDED_COMPLETION_DEADLINE_MS = 120_000

export interface CompletionOptions {
  /** Stop trying after this long while the cart's lock is held by others (default CONTENDED_COMPLETION_DEADLINE_MS). */
  contendedDeadlineMs?: number
  /** Pause before trying again after the lock was not free (default 250 ms, doubling up to 2 s). */
  retryPauseMs?: number
}

/**
 * Completes the cart that a payment session belongs to, from server-side code that has already
 * confirmed the payment with the vendor (a return route, a webhook, a job). Safe to call from several
 * places at once: Medusa locks the cart, and a cart that already became an order reports that order.
 *
 * Waiting for the cart's lock is not a failure: the holder is completing this very cart. When
 * Medusa gives up waiting, the cart is read again — the holder's order is this caller's answer — and
 * without an order the completion is tried again (nothing was done by the attempt that could not get
 * the lock), until `contendedDeadlineMs`. Any other failure is final for this call: the attempt may
 * have authorized and then given the payment back, which must not be repeated blindly.
 */
export async function completeCartForPaymentSession(
  container: MedusaContainer,
  paymentSessionId: string,
  /** The session's cart (and its order, if any) when the caller has just read them: saves reading them again. */
  known?: SessionCart,
  { contendedDeadlineMs = CONTENDED_COMPLETION_DEADLINE_MS, retryPauseMs = 250 }: CompletionOptions = {}
): Promise<CartCompletion> {
  const cart = known ?? (await findCart(container, paymentSessionId))
  if (!cart) return { outcome: "failed", message: `no cart found for payment session ${paymentSessionId}` }
  if (cart.orderId) return { outcome: "already_completed", orderId: cart.orderId, cartId: cart.id }
  const deadline = Date.now() + contendedDeadlineMs
  let pauseMs = retryPauseMs
  for (;;) {
    let failure: unknown
    let lockNotFree = false
    try {
      const { result, errors } = await completeCartWorkflow(container).run({ input: { id: cart.id }, throwOnError: false })
      if (!errors?.length && result?.id) return { outcome: "completed", orderId: result.id, cartId: cart.id }
      failure = errors?.[0]?.error ?? new Error("the cart completion returned no order")
      lockNotFree = !!errors?.length && errors.every((e) => e.action === acquireLockStepId || isLockNotFree(e.error))
    } catch (error) {
      failure = error
      lockNotFree = isLockNotFree(error)
    }
    // A concurrent completion may have won the race while this one waited for the lock.
    const again = await findCart(container, paymentSessionId)
    if (again?.orderId) return { outcome: "already_completed", orderId: again.orderId, cartId: cart.id }
    if (!lockNotFree) return { outcome: "failed", cartId: cart.id, message: messageOf(failure) }
    if (Date.now() + pauseMs > deadline) return { outcome: "failed", cartId: cart.id, message: messageOf(failure), contended: true }
    await new Promise((resolve) => setTimeout(resolve, pauseMs))
    pauseMs = Math.min(pauseMs * 2, 2000)
  }
}

/** Medusa's locking module giving up on a lock another completion holds ("Timed-out acquiring lock", "Failed to acquire lock"). */
function isLockNotFree(failure: unknown): boolean {
  return /timed-out acquiring lock|failed to acquire lock/i.test(messageOf(failure))
}

/** A workflow's step errors arrive serialized (plain objects with a `message`), not as Error instances. */
function messageOf(failure: unknown): string {
  if (failure instanceof Error) return failure.message
  if (failure && typeof failure === "object" && typeof (failure as { message?: unknown }).message === "string") return (failure as { message: string }).message
  return String(failure)
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
