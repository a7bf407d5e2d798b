/**
 * GET /store/avarda/payment-options?cart_id=… — the plugin's payment methods a cart may use
 * (publishable key required), with the instalment terms offered now, amount limits and whether a
 * personal ID number is needed (see cart-payment-options.ts):
 *   200 { cart_id, region_id, currency_code, amount, payment_options: [...] }
 *   400 { type: "invalid_data", message, errors: [{ field: "cart_id", message }] }
 *   404 { type: "not_found" }                                   unknown cart
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cartPaymentOptions } from "../../../payment-options/cart-payment-options"
import { paymentOptionsQuerySchema } from "../../../payment-options/validators"
import { bodyIssues } from "../../../credit/session-body"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const parsed = paymentOptionsQuerySchema.safeParse(req.query ?? {})
  if (!parsed.success) {
    const errors = bodyIssues(parsed.error)
    res.status(400).json({ type: "invalid_data", message: errors.map((e) => `${e.field} ${e.message}`).join("; "), errors })
    return
  }
  const options = await cartPaymentOptions(req.scope, parsed.data.cart_id)
  if (!options) {
    res.status(404).json({ type: "not_found", message: `Cart ${parsed.data.cart_id} was not found` })
    return
  }
  res.json(options)
}
