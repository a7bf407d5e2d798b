/**
 * Avarda's payment widget and APR widget (shared/specs/avarda-payment-widget.md), as the sandbox
 * serves them:
 *   POST /avarda/checkout-api/api/partner/tokens              Checkout 3.0 partner token (JSON credentials)
 *   GET  /avarda/checkout-api/api/paymentwidget/partner/init  { paymentId, widgetJwt, expiredUtc } (bearer)
 *   GET  /avarda/payment-widget/cdn/payment-widget.js         the stand-in script defining both elements
 *   GET  /avarda/payment-widget/api/offer                     figures the stand-in renders (sandbox only)
 * The checkout API answers 401 without a valid bearer token, as the other Avarda APIs do.
 */
import type { SandboxRouter } from "../../core/types"
import { bearerRoutes } from "../shared/bearer-routes"
import { problem } from "../shared/problem-details"
import { jsonResponse } from "../shared/responses"
import { widgetOffer } from "./widget-offer"
import { WIDGET_OFFER_PATH, WIDGET_SCRIPT_PATH, widgetScript } from "./widget-script"
import type { PaymentWidgetState } from "./widget-state"

export const CHECKOUT_API_PREFIX = "/avarda/checkout-api"

/** `expiredUtc` as Avarda writes it: ISO-8601 UTC with 7 fractional digits. */
export function dotnetUtc(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z")
}

/** The widget scripts run on the shop's origin: the offer answer must be readable cross-origin. */
const CROSS_ORIGIN = { "access-control-allow-origin": "*", "cache-control": "no-store" }

export function mountPaymentWidget(router: SandboxRouter, state: PaymentWidgetState): void {
  const checkoutRoute = bearerRoutes(router, CHECKOUT_API_PREFIX, state.partnerTokens.bearer)

  checkoutRoute("POST", "/api/partner/tokens", "avarda.checkout.token", (req) => state.partnerTokens.answer(req), false)

  checkoutRoute("GET", "/api/paymentwidget/partner/init", "avarda.paymentwidget.init", async () => {
    const session = await state.init()
    return jsonResponse(200, { paymentId: session.paymentId, widgetJwt: session.widgetJwt, expiredUtc: dotnetUtc(session.expiresAt) })
  })

  router.route(
    "GET",
    WIDGET_SCRIPT_PATH,
    () => ({ status: 200, headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }, body: widgetScript() }),
    { name: "avarda.paymentwidget.script" },
  )

  router.route(
    "GET",
    WIDGET_OFFER_PATH,
    async (req) => {
      const check = await state.check(req.query.get("paymentId") ?? "", req.query.get("widgetJwt") ?? "")
      if (!check.ok) {
        const answer = problem(401, check.reason === "expired" ? "The widget JWT has expired: call paymentwidget/partner/init again." : "Unknown paymentId or widget JWT.")
        return { ...answer, headers: { ...answer.headers, ...CROSS_ORIGIN } }
      }
      const offer = widgetOffer({ price: req.query.get("price"), paymentMethod: req.query.get("paymentMethod") || null, accountClass: req.query.get("accountClass") || null })
      if (!offer.ok) {
        const answer = problem(400, offer.error)
        return { ...answer, headers: { ...answer.headers, ...CROSS_ORIGIN } }
      }
      return { status: 200, headers: { "content-type": "application/json; charset=utf-8", ...CROSS_ORIGIN }, body: offer.offer }
    },
    { name: "avarda.paymentwidget.offer" },
  )
}
