/**
 * Asks a payment session's provider to re-read the vendor's state, through the Payment Module's
 * public `updatePaymentSession` (the provider's `updatePayment`, which core never calls, re-reads
 * the authorization). The session row then holds the vendor's current status and decision.
 *
 * `updatePaymentSession` writes the whole of the session's data and status. Given data read before
 * another writer's change — Medusa's cart completion authorising the session, a cartless
 * authorisation, another re-read — it would write that change away. So the re-read runs under the
 * lock those writers take (`withPaymentSessionWritersLock`), and the session is read again inside
 * it: the provider gets the data as it is stored now. A session that has its payment by then is
 * not re-read: it is authorised, and its row is the answer.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { findPaymentSession, type SessionWithCart } from "./find-payment-session"
import { withPaymentSessionWritersLock } from "./payment-lock"

/** The session's status and data after the re-read. */
export interface RefreshedSession {
  status: string
  data: Record<string, unknown>
}

/** Answers the session as it stands afterwards, or `undefined` when it no longer exists. */
export function refreshPaymentSession(container: MedusaContainer, session: Pick<SessionWithCart, "id" | "cartId">): Promise<RefreshedSession | undefined> {
  return withPaymentSessionWritersLock(container, session, async () => {
    const current = await findPaymentSession(container, session.id)
    if (!current) return undefined
    if (current.paymentId) return { status: current.status, data: current.data ?? {} }
    const refreshed = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).updatePaymentSession({
      id: current.id,
      data: current.data ?? {},
      amount: current.amount,
      currency_code: current.currency_code,
    })
    return { status: refreshed.status, data: refreshed.data ?? {} }
  })
}
