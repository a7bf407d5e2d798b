/**
 * Runs first on Medusa's `POST /admin/payments/:id/refund` (before the payment's lock and the
 * vendors' refund planners): the payment id, the refund reason and the amount are checked before
 * anything reads or writes them. For this plugin's payments the amount must also fit the currency
 * (Avarda takes 2 decimals, Avirato integer minor units): Medusa would record 10.005 while the vendor
 * refunded 10.01, or record 0.004 while nothing reached the vendor. What may be refunded at all is
 * Medusa's to answer (captured minus refunded).
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { z } from "zod"
import { isPluginProvider } from "../admin-payment-panel/payment-panel-view"
import { paymentId } from "../request-validation/ids"
import { fieldErrorsOf, respondInvalidData } from "../request-validation/invalid-data"
import { adminAmountSchema, amountDecimalsError } from "./admin-amount"

/** A refund reason id, or empty (the admin sends "" when no reason was picked). */
export const refundReasonId = z.string().regex(/^(refr_[0-9A-Z]{26})?$/, "must be a refund reason id (refr_ followed by 26 letters and digits)")

export const adminRefundParamsSchema = z.object({ id: paymentId })

/** What the plugin checks of the body; Medusa's own validator checks the rest (note, the amount's type). */
export const adminRefundBodySchema = z.object({
  amount: adminAmountSchema,
  refund_reason_id: refundReasonId.optional().nullable(),
})

export async function validateAdminRefund(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  const params = adminRefundParamsSchema.safeParse(req.params ?? {})
  const body = adminRefundBodySchema.safeParse(req.body ?? {})
  const errors = [...(params.success ? [] : fieldErrorsOf(params.error, "id")), ...(body.success ? [] : fieldErrorsOf(body.error))]
  if (errors.length || !params.success || !body.success) return respondInvalidData(res, errors)
  const amount = body.data.amount
  if (amount === undefined || amount === null) return next()

  let payment: { provider_id: string; currency_code: string }
  try {
    payment = await req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(params.data.id, { select: ["id", "provider_id", "currency_code"] })
  } catch {
    // Unknown payment: Medusa answers it.
    return next()
  }
  if (!isPluginProvider(payment.provider_id)) return next()
  const decimals = amountDecimalsError(amount, payment.currency_code)
  if (decimals) return respondInvalidData(res, [decimals])
  next()
}
