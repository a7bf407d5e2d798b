/**
 * Runs last before Medusa's `POST /admin/payments/:id/refund`, after the payment's lock and the
 * vendors' refund planners. For this plugin's payment of a cancelled order it makes the refund itself
 * (refund-canceled-order-payment-by-admin.ts) and answers as Medusa's route does: Medusa's route would
 * refund and then answer 400 ("Order … has been canceled"), and an admin told that might refund again.
 * Anything else — another provider's payment, an order not cancelled, a body Medusa's own check
 * refuses (it answers the 400 naming the field) — goes on to Medusa's route.
 */
import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AdminCreatePaymentRefund } from "@medusajs/medusa/api/admin/payments/validators"
import { defaultAdminPaymentFields } from "@medusajs/medusa/api/admin/payments/query-config"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import { isPaymentOfCanceledOrder, PAYMENT_ORDER_STATUS_FIELD, type PaymentWithOrderStatus } from "../../operations/shared/payment-of-canceled-order"
import { refundCanceledOrderPaymentByAdminWorkflow } from "../../workflows/shared/refund-canceled-order-payment-by-admin"

export async function refundCanceledOrderPaymentForAdmin(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    const body = AdminCreatePaymentRefund.safeParse(req.body ?? {})
    if (!body.success) return next()
    const paymentId = req.params.id!
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: payments } = await query.graph({ entity: "payment", fields: ["id", "provider_id", PAYMENT_ORDER_STATUS_FIELD], filters: { id: paymentId } })
    const payment = payments[0] as (PaymentWithOrderStatus & { provider_id: string }) | undefined
    if (!payment || !vendorOfProviderId(payment.provider_id) || !isPaymentOfCanceledOrder(payment)) return next()

    await refundCanceledOrderPaymentByAdminWorkflow(req.scope).run({
      input: { payment_id: paymentId, created_by: (req as AuthenticatedMedusaRequest).auth_context?.actor_id, ...body.data },
    })
    const { data: refunded } = await query.graph({ entity: "payment", fields: req.queryConfig?.fields ?? defaultAdminPaymentFields, filters: { id: paymentId } })
    res.status(200).json({ payment: refunded[0] })
  } catch (error) {
    next(error)
  }
}
