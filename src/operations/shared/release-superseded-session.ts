import type { ILockingModule, IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { findPaymentSession, type SessionWithCart } from "./find-payment-session"

/**
 * Gives back what the vendor holds for a session that deleting it does not release (a card payment
 * taken on it); throws when it could not, and the session is then kept.
 */
export type GiveBackBeforeRelease = (container: MedusaContainer, session: SessionWithCart) => Promise<void>

/** The session to release and its cart, whose lock the release takes; the session is read inside it. */
export type SessionToRelease = Pick<SessionWithCart, "id" | "cartId">

/** Seconds to wait for the cart's lock, as Medusa's own cart completion does. */
const CART_LOCK_TIMEOUT_SECONDS = 30
/** Seconds the lock outlives a holder that died; the locking provider renews it while the release runs. */
const CART_LOCK_EXPIRE_SECONDS = 30

/**
 * Whether a session can never be used: its cart became an order without this session's payment, and
 * that order either holds a live payment of another session of the same collection (Medusa records
 * one session's payment per cart, and the cart completion never records a second one on an order
 * that has a payment) or was cancelled (a cancelled order takes no payment: what the shopper paid on
 * a tab left open goes back).
 */
export function isSuperseded(session: SessionWithCart): boolean {
  return !!session.orderId && !session.paymentId && (!!session.paidByAnotherSession || !!session.orderCanceled)
}

/**
 * Gives back what the vendor holds for a superseded session and deletes it (the provider's deletion
 * releases a credit reservation; `giveBack` returns what the deletion does not). It runs under
 * the cart's lock, the key Medusa's cart completion and payment processing take, and reads the
 * session again inside it: a completion under way finishes first, and only a session that is still
 * superseded is released. Answers whether it released the session.
 */
export async function releaseSupersededSession(container: MedusaContainer, session: SessionToRelease, giveBack?: GiveBackBeforeRelease): Promise<boolean> {
  if (!session.cartId) return false
  const locking = container.resolve<ILockingModule>(Modules.LOCKING)
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  return locking.execute(
    session.cartId,
    async () => {
      const current = await findPaymentSession(container, session.id)
      if (!current || !isSuperseded(current)) return false
      await giveBack?.(container, current)
      await paymentModule.deletePaymentSession(current.id)
      return true
    },
    { timeout: CART_LOCK_TIMEOUT_SECONDS, expire: CART_LOCK_EXPIRE_SECONDS }
  )
}

/**
 * Releases a session as soon as a completion answered that it is superseded (its cart's order holds
 * another session's payment, or was cancelled): the shopper's return and a webhook do not leave it to the job. The
 * release checks again under the cart's lock. A failure is logged, not thrown: the shopper's order
 * stands, and the reconciliation job releases the session on a later run.
 */
export async function releaseIfSuperseded(container: MedusaContainer, session: SessionToRelease, giveBack?: GiveBackBeforeRelease): Promise<void> {
  try {
    await releaseSupersededSession(container, session, giveBack)
  } catch (error) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .error(
        `Could not release payment session ${session.id}, whose cart was completed with another payment: ${(error as Error).message}; the reconciliation job tries again`
      )
  }
}
