/**
 * GET /avarda/id-validation/return — where Avarda sends the shopper's browser after ID validation
 * (`idValidationCallbackUrl`). Public: a browser redirect carries no publishable key, so it lives
 * outside /store. It never trusts its query: the session is checked and the authorization re-read at
 * Avarda before the cart is completed; it ends with a 302 to the storefront's success page
 * (`?order_id=`) or failure page (`?cart_id=&reason=&message=`).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resolveIdValidationReturn } from "../../../../workflows/avarda/id-validation-return"

/** Avarda's docs vary in capitalisation (`AuthorizationID`) and one variant has a stray second `?`. */
function queryParam(req: MedusaRequest, name: string): string | undefined {
  const raw = req.originalUrl ?? req.url ?? ""
  const search = raw.includes("?") ? raw.slice(raw.indexOf("?") + 1).replace(/\?/g, "&") : ""
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.toLowerCase() === name.toLowerCase() && value) return value
  }
  return undefined
}

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const params = { authorizationId: queryParam(req, "authorizationId"), orderId: queryParam(req, "orderId") }
  const { outcome, location } = await resolveIdValidationReturn(req.scope, params)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  logger.info(
    `Avarda ID-validation return for session ${params.orderId ?? "-"} (authorization ${params.authorizationId ?? "-"}): ` +
      (outcome.kind === "success" ? `order ${outcome.orderId}` : `no order (${outcome.reason})`)
  )
  res.redirect(302, location)
}
