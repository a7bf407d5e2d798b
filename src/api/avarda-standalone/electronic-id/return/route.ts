/**
 * GET /avarda-standalone/electronic-id/return — where Avarda's CheckOut2ElectronicId page sends the
 * shopper's browser (`returnUrl?externalId=…&status=OK|Cancel`). Public: a browser redirect carries
 * no publishable key, so it lives outside /store. It never trusts its query: the session must hold
 * the purchase and GetPaymentStatus must say State 2 before the cart is completed; it ends with a
 * 302 to the storefront's success page (`?order_id=`) or failure page (`?cart_id=&reason=&message=`).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resolveElectronicIdReturn } from "../../../../workflows/avarda-standalone/electronic-id-return"

/** Query parameters by any capitalisation (`externalId`, `ExternalId`). */
function queryParam(req: MedusaRequest, name: string): string | undefined {
  const raw = req.originalUrl ?? req.url ?? ""
  const search = raw.includes("?") ? raw.slice(raw.indexOf("?") + 1) : ""
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.toLowerCase() === name.toLowerCase() && value) return value
  }
  return undefined
}

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const params = { sessionId: queryParam(req, "session_id"), externalId: queryParam(req, "externalId"), status: queryParam(req, "status") }
  const { outcome, location } = await resolveElectronicIdReturn(req.scope, params)
  req.scope
    .resolve(ContainerRegistrationKeys.LOGGER)
    .info(
      `Avarda Standalone electronic-ID return for session ${params.sessionId ?? "-"} (purchase ${params.externalId ?? "-"}, status ${params.status ?? "-"}): ` +
        (outcome.kind === "success" ? `order ${outcome.orderId}` : `no order (${outcome.reason})`)
    )
  res.redirect(302, location)
}
