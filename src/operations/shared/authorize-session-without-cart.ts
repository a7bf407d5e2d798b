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
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { withPaymentSessionLock } from "./payment-lock"

/**
 * `authorized`: this call created the payment; `already_authorized`: it existed; `pending`: the
 * provider deferred the authorisation (no payment yet); `gone`: the session no longer exists.
 * A vendor that refuses throws (Medusa's "was not authorized with the provider").
 */
export type SessionAuthorization = "authorized" | "already_authorized" | "pending" | "gone"

export function authorizeSessionWithoutCart(container: MedusaContainer, paymentSessionId: string): Promise<SessionAuthorization> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  return withPaymentSessionLock(container, paymentSessionId, async () => {
    const [session] = await paymentModule.listPaymentSessions({ id: paymentSessionId }, { select: ["id"], relations: ["payment"] })
    if (!session) return "gone"
    if (session.payment) return "already_authorized"
    return (await paymentModule.authorizePaymentSession(paymentSessionId, {})) ? "authorized" : "pending"
  })
}
