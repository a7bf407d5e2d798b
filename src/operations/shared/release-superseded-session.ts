import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { findPaymentSession, type SessionWithCart } from "./find-payment-session"
import { withPaymentSessionWritersLock } from "./payment-lock"

/**
 * Gives back what the vendor holds for a session that deleting it does not release (a card payment
 * taken on it); throws when it could not, and the session is then kept.
 */
export type GiveBackBeforeRelease = (container: MedusaContainer, session: SessionWithCart) => Promise<void>

/**
 * The session to release and its cart, whose lock the release takes (a session no cart holds: its
 * own lock); the session is read inside it.
 */
export type SessionToRelease = Pick<SessionWithCart, "id" | "cartId">

/**
 * Whether a session without its payment can never be used:
 * - its cart became an order without this session's payment, and that order either holds a live
 *   payment of another session of the same collection (Medusa records one session's payment per
 *   cart, and the cart completion never records a second one on an order that has a payment) or was
 *   cancelled (a cancelled order takes no payment: what the shopper paid on a tab left open goes back);
 * - or no cart holds it (an order's payment collection: an order edit's, a claim's) and Medusa
 *   cancelled that collection — the order was cancelled, or the collection replaced by one for the
 *   order's new amount due — or changed the collection's amount in place after the session was made
 *   (an order edit, before anything was paid on it). Authorising it would hang the shopper's money on
 *   a dead collection, or take another amount than the order is owed.
 */
export function isSuperseded(
  session: Pick<SessionWithCart, "paymentId" | "cartId" | "orderId" | "paidByAnotherSession" | "orderCanceled" | "collectionCanceled" | "collectionAmountChanged">
): boolean {
  if (session.paymentId) return false
  if (!session.cartId) return !!session.collectionCanceled || !!session.collectionAmountChanged
  return !!session.orderId && (!!session.paidByAnotherSession || !!session.orderCanceled)
}

/**
 * Gives back what the vendor holds for a superseded session and deletes it (the provider's deletion
 * releases a credit reservation; `giveBack` returns what the deletion does not). It runs under
 * the cart's lock, the key Medusa's cart completion and payment processing take — for a session no
 * cart holds, under the session's own lock, the one its authorisation takes
 * (authorize-session-without-cart.ts) — and reads the session again inside it: a completion or
 * authorisation under way finishes first, and only a session that is still superseded, and still of
 * the cart whose lock is held, is released. Answers whether it released the session.
 */
export async function releaseSupersededSession(container: MedusaContainer, session: SessionToRelease, giveBack?: GiveBackBeforeRelease): Promise<boolean> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const release = async (): Promise<boolean> => {
    const current = await findPaymentSession(container, session.id)
    if (!current || current.cartId !== session.cartId || !isSuperseded(current)) return false
    await giveBack?.(container, current)
    await paymentModule.deletePaymentSession(current.id)
    return true
  }
  return withPaymentSessionWritersLock(container, session, release)
}

/**
 * Releases a session as soon as a completion or an authorisation answered that it is superseded (its
 * cart's order holds another session's payment, or was cancelled; its payment collection was
 * cancelled or changed to another amount): the shopper's return and a webhook do not leave it to the
 * job. The release checks again under the lock. A failure is logged, not thrown: the shopper's
 * order stands, and the reconciliation job releases the session on a later run.
 */
export async function releaseIfSuperseded(container: MedusaContainer, session: SessionToRelease, giveBack?: GiveBackBeforeRelease): Promise<void> {
  try {
    await releaseSupersededSession(container, session, giveBack)
  } catch (error) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .error(
        `Could not release payment session ${session.id}, which no order will use: ${(error as Error).message}; the reconciliation job tries again`
      )
  }
}
