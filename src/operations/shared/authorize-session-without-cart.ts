/**
 * Authorises a payment session that no cart holds — the payment collection of an order edit, a
 * claim or an exchange — once its vendor reports it paid or approved. Medusa's cart completion never
 * sees such a session; its payment module's authorisation asks the vendor again (the provider's
 * authorizePayment) and creates the payment.
 *
 * Two callers may get there at the same moment: the webhook in the worker and the reconciliation
 * job, or two deliveries of one webhook in two processes. Medusa's authorisation of one session is
 * not safe against itself: both calls would ask the vendor and try to create the payment, the second
 * creation fails on the payment module's one-payment-per-session rule, and the module then cancels
 * that failed attempt at the vendor — voiding or refunding the very money the first call recorded.
 * So the authorisation runs under the session's lock (across processes), with the session read again
 * inside it: a session that has its payment by then is done.
 *
 * Medusa authorises a session of a cancelled payment collection like any other. A collection is
 * cancelled with its order, or when Medusa replaces an order's collection by one for the order's new
 * amount due; the shopper may still pay the old one on a page left open. An order edit may instead
 * change the amount of a collection nothing was paid on yet, in place, keeping its sessions: a session
 * created before asks the old amount, and authorising it would take more (or less) than the order
 * is owed. Neither session is authorised (`superseded`): the caller releases it, and what the vendor
 * holds goes back.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { collectionFlags } from "./find-payment-session"
import { isSuperseded } from "./release-superseded-session"
import { withPaymentSessionLock } from "./payment-lock"

/**
 * `authorized`: this call created the payment; `already_authorized`: it existed; `pending`: the
 * provider deferred the authorisation (no payment yet); `gone`: the session no longer exists;
 * `superseded`: its payment collection was cancelled, or now asks another amount than the session;
 * nothing was authorised (release the session).
 * A vendor that refuses throws (Medusa's "was not authorized with the provider").
 */
export type SessionAuthorization = "authorized" | "already_authorized" | "pending" | "gone" | "superseded"

export function authorizeSessionWithoutCart(container: MedusaContainer, paymentSessionId: string): Promise<SessionAuthorization> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  return withPaymentSessionLock(container, paymentSessionId, async () => {
    const [session] = await paymentModule.listPaymentSessions({ id: paymentSessionId }, { select: ["id", "amount", "raw_amount"], relations: ["payment", "payment_collection"] })
    if (!session) return "gone"
    if (session.payment) return "already_authorized"
    if (isSuperseded(collectionFlags(session, session.payment_collection, false))) return "superseded"
    return (await paymentModule.authorizePaymentSession(paymentSessionId, {})) ? "authorized" : "pending"
  })
}
