/**
 * Runs before Medusa's `POST /admin/payments/:id/refund` for this plugin's payments, and before
 * `POST /admin/orders/:id/cancel` for the plugin's payments of the order (a cancellation refunds
 * what they captured and cancels the rest): the payments' locks are held until the route has
 * answered.
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
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import { holdPaymentLockUntilResponse } from "../../operations/shared/payment-lock"

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
    // Taken in one order (by id), so two requests holding several of the same locks never wait for each other in a circle.
    for (const paymentId of await pluginPaymentIdsOfOrder(req, req.params.id!)) await holdPaymentLockUntilResponse(req.scope, paymentId, res)
    next()
  } catch (error) {
    next(error)
  }
}

async function pluginPaymentIdsOfOrder(req: MedusaRequest, orderId: string): Promise<string[]> {
  const { data: orders } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ["id", "payment_collections.payments.id", "payment_collections.payments.provider_id"],
    filters: { id: orderId },
  })
  type OrderPayments = { payment_collections?: Array<{ payments?: Array<{ id: string; provider_id: string }> | null } | null> | null }
  const payments = ((orders[0] as OrderPayments | undefined)?.payment_collections ?? []).flatMap((collection) => collection?.payments ?? [])
  return payments
    .filter((payment) => vendorOfProviderId(payment.provider_id))
    .map((payment) => payment.id)
    .sort()
}
