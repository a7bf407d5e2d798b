/**
 * GET /avarda/id-validation/return — where Avarda sends the shopper's browser after ID validation
 * (`idValidationCallbackUrl`, which the plugin gives a signed `state`). Public: a browser redirect
 * carries no publishable key, so it lives outside /store. Malformed parameters get a 400 naming them.
 * It never trusts Avarda's part of the query: without a `state` proving the browser belongs to this
 * session's flow it ends on the failure page with a generic reason only; with it, the session is
 * checked and the authorization re-read at Avarda before the cart is completed, and it ends with a 302
 * to the storefront's success page (`?order_id=`) or failure page (`?cart_id=&reason=&message=`).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resolveIdValidationReturn } from "../../../../operations/avarda/id-validation-return"
import { parseOrRespond } from "../../../request-validation/invalid-data"
import { vendorQuery } from "../../../request-validation/vendor-query"
import { idValidationReturnQuerySchema } from "../../validators"

const NAMES = ["orderId", "authorizationId", "errorCode", "state"] as const

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  // Avarda's docs vary in capitalisation (`AuthorizationID`) and append with a second `?`.
  const query = parseOrRespond(idValidationReturnQuerySchema, vendorQuery(req, NAMES, { strayQuestionMarks: true }), res, "(query)")
  if (!query) return
  const { outcome, location } = await resolveIdValidationReturn(req.scope, query)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  logger.info(
    `Avarda ID-validation return for session ${query.orderId ?? "-"} (authorization ${query.authorizationId ?? "-"}): ` +
      (outcome.kind === "success" ? `order ${outcome.orderId}` : outcome.kind === "unverified" ? `not the shopper's flow (state ${outcome.proof})` : `no order (${outcome.reason})`)
  )
  res.setHeader("cache-control", "no-store")
  res.setHeader("referrer-policy", "no-referrer")
  res.redirect(302, location)
}
