/**
 * Runs before Medusa's `POST /admin/payments/:id/refund` for this plugin's payments, and before
 * `POST /admin/orders/:id/cancel` for the plugin's payments of the order (a cancellation refunds
 * what they captured and cancels the rest): the payments' locks are held until the route has
 * answered.
 *
 * An order's cancellation also holds the locks of the plugin's sessions of the order's payment
 * collections that have no payment yet, taken before the payments are read. The collection of an
 * order edit, a claim or an exchange has no cart: its session is authorised by the vendor's webhook
 * or the reconciliation job, under the session's lock (authorize-session-without-cart.ts). One
 * under way when the admin cancels finishes first, so the cancellation sees its payment and refunds
 * or cancels it; one that comes later finds the collection cancelled and gives the money back.
 * Without this, a card payment authorised (and captured) just after Medusa read the order's
 * payments would stay taken for a cancelled order.
 *
 * Medusa's refund reads the payment's data, hands it to the provider, which adds its refund to it
 * (the refund's rows and vendor transaction id, or an `unconfirmed` entry when the vendor's answer
 * was lost), and writes the whole data back. Everything else that writes a payment's data — the
 * reconciliation job re-sending an unconfirmed refund, a capture on shipment in the worker, a
 * webhook booking — does so under this lock; without it here, one of two writes in the same moment
 * would silently drop the other's entry. Other payments pass through untouched.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import { holdPaymentLockUntilResponse, holdPaymentSessionLockUntilResponse } from "../../operations/shared/payment-lock"
import { pluginPaymentsOfOrder } from "../../operations/shared/plugin-payments-of-order"

export async function holdPaymentLockDuringRefund(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    const paymentId = req.params.id!
    const [payment] = await req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT).listPayments({ id: paymentId }, { select: ["id", "provider_id"] })
    // An unknown payment is Medusa's to answer (404).
    if (payment && vendorOfProviderId(payment.provider_id)) await holdPaymentLockUntilResponse(req.scope, paymentId, res)
    next()
  } catch (error) {
    // No lock within the wait: refuse rather than refund unguarded.
    next(error)
  }
}

export async function holdPaymentLocksDuringOrderCancel(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    // The sessions' locks first: the authorisations under way finish, and the payments read after
    // them include what they made. Each kind is taken in one order (by id), so two requests holding
    // several of the same locks never wait for each other in a circle.
    const orderId = req.params.id!
    const before = await pluginPaymentsOfOrder(req.scope, orderId)
    for (const sessionId of before.sessionsWithoutPayment) await holdPaymentSessionLockUntilResponse(req.scope, sessionId, res)
    // Read again only when an authorisation may have made a payment meanwhile.
    const { payments } = before.sessionsWithoutPayment.length ? await pluginPaymentsOfOrder(req.scope, orderId) : before
    for (const payment of payments) await holdPaymentLockUntilResponse(req.scope, payment.id, res)
    next()
  } catch (error) {
    next(error)
  }
}
