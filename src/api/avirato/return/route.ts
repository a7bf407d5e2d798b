import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  defaultAviratoOptions,
  resolveAviratoReturn,
  storefrontLocation,
} from "../../../operations/avirato/resolve-shopper-return"
import { parseOrRespond } from "../../request-validation/invalid-data"
import { aviratoReturnQuerySchema } from "../validators"

/**
 * GET /avirato/return?session=<payment session id>&state=<signed state>[&data=<JWT>][&result=ko]
 *
 * Where Avirato's hosted page sends the shopper's browser (urlOk / urlKo). Public on purpose: a
 * browser redirect carries no publishable key, so this is not under /store. Malformed parameters get
 * a 400 naming them. It never trusts the redirect itself (see resolveAviratoReturn): without a
 * `state` proving the browser belongs to this session's flow, the storefront's failure page gets a
 * generic reason only. It answers with a 302 to the storefront.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseOrRespond(aviratoReturnQuerySchema, req.query ?? {}, res, "(query)")
  if (!query) return
  const result = await resolveAviratoReturn(req.scope, {
    paymentSessionId: query.session,
    token: query.data,
    result: query.result,
    state: query.state,
  })
  const location = storefrontLocation(result, defaultAviratoOptions(req.scope))
  res.setHeader("cache-control", "no-store")
  res.setHeader("referrer-policy", "no-referrer")
  if (!location) {
    res.status(404).json({ type: "not_found", message: "No Avirato provider is configured" })
    return
  }
  res.redirect(302, location)
}
