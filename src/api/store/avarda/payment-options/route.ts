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
import { parseOrRespond } from "../../../request-validation/invalid-data"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const query = parseOrRespond(paymentOptionsQuerySchema, req.query ?? {}, res, "(query)")
  if (!query) return
  const options = await cartPaymentOptions(req.scope, query.cart_id)
  if (!options) {
    res.status(404).json({ type: "not_found", message: `Cart ${query.cart_id} was not found` })
    return
  }
  res.json(options)
}
