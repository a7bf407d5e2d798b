/**
 * GET /avarda-standalone/electronic-id/return — where Avarda's CheckOut2ElectronicId page sends the
 * shopper's browser (`returnUrl?externalId=…&status=OK|Cancel`; the plugin's returnUrl names the
 * session and carries a signed `state`). Public: a browser redirect carries no publishable key, so it
 * lives outside /store. Malformed parameters get a 400 naming them. It never trusts Avarda's part of
 * the query: without a `state` proving the browser belongs to this session's flow it ends on the
 * failure page with a generic reason only; with it, the session must hold the purchase and
 * GetPaymentStatus must say State 2 before the cart is completed, and it ends with a 302 to the
 * storefront's success page (`?order_id=`) or failure page (`?cart_id=&reason=&message=`).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resolveElectronicIdReturn } from "../../../../operations/avarda-standalone/electronic-id-return"
import { parseOrRespond } from "../../../request-validation/invalid-data"
import { vendorQuery } from "../../../request-validation/vendor-query"
import { electronicIdReturnQuerySchema } from "../../validators"

const NAMES = ["session_id", "state", "externalId", "status"] as const

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const query = parseOrRespond(electronicIdReturnQuerySchema, vendorQuery(req, NAMES), res, "(query)")
  if (!query) return
  const params = { sessionId: query.session_id, externalId: query.externalId, status: query.status, state: query.state }
  const { outcome, location } = await resolveElectronicIdReturn(req.scope, params)
  req.scope
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(
      `Avarda Standalone electronic-ID return for session ${params.sessionId ?? "-"} (purchase ${params.externalId ?? "-"}, status ${params.status ?? "-"}): ` +
        (outcome.kind === "success" ? `order ${outcome.orderId}` : outcome.kind === "unverified" ? `not the shopper's flow (state ${outcome.proof})` : `no order (${outcome.reason})`)
    )
  res.setHeader("cache-control", "no-store")
  res.setHeader("referrer-policy", "no-referrer")
  res.redirect(302, location)
}
