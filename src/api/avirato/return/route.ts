import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  defaultAviratoOptions,
  resolveShopperReturn,
  storefrontLocation,
} from "../../../workflows/avirato/resolve-shopper-return"

/**
 * GET /avirato/return?session=<payment session id>[&data=<JWT>][&result=ko]
 *
 * Where Avirato's hosted page sends the shopper's browser (urlOk / urlKo). Public on purpose: a
 * browser redirect carries no publishable key, so this is not under /store. It never trusts the
 * redirect itself (see resolveShopperReturn) and answers with a 302 to the storefront.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const param = (name: string) => (typeof req.query[name] === "string" ? (req.query[name] as string) : undefined)
  const result = await resolveShopperReturn(req.scope, {
    paymentSessionId: param("session"),
    token: param("data"),
    result: param("result"),
  })
  const location = storefrontLocation(result, defaultAviratoOptions(req.scope))
  res.setHeader("cache-control", "no-store")
  res.setHeader("referrer-policy", "no-referrer")
  if (!location) {
    res.status(404).json({ message: "No Avirato provider is configured" })
    return
  }
  res.redirect(302, location)
}
