/**
 * Avarda's payment-widget init endpoint (`GET {checkout-api}/api/paymentwidget/partner/init`), called
 * with the Authorization API's token as the plugin's widget option does (U22). Runs only when the
 * widget option is on. A sandbox without the endpoint makes the check unreachable, never confirmed.
 */
import { z } from "zod"
import { VendorHttpClient } from "../../lib/http/vendor-http-client"
import { describeError, outcomeOf, Unreachable, type VerifyCheck } from "../check"
import type { VerifyContext } from "../verify-context"

const PAYMENT_WIDGET_INIT_PATH = "api/paymentwidget/partner/init"

const widgetInitSchema = z.looseObject({ paymentId: z.string().min(1), widgetJwt: z.string().min(1), expiredUtc: z.string().min(1) })

/** The Checkout API base a sandbox serves the init endpoint under, found among its routes. */
async function sandboxWidgetBase(origin: string): Promise<string | undefined> {
  const response = await fetch(`${origin}/__sandbox/routes`)
  if (!response.ok) return undefined
  const routes = (await response.json()) as Array<{ method?: string; pattern?: string }>
  const init = routes.find((route) => route.method === "GET" && new RegExp(`/${PAYMENT_WIDGET_INIT_PATH}/?$`, "i").test(route.pattern ?? ""))
  return init?.pattern ? `${origin}${init.pattern.replace(new RegExp(`/${PAYMENT_WIDGET_INIT_PATH}/?$`, "i"), "")}` : undefined
}

async function widgetBaseUrl(context: VerifyContext): Promise<string> {
  const config = context.target.paymentWidget
  if (config.configured) return config.baseUrl
  if ("discoverInSandbox" in config) {
    const found = await sandboxWidgetBase(config.discoverInSandbox)
    if (found) return found
  }
  throw new Unreachable(config.reason)
}

export const PAYMENT_WIDGET_CHECKS: Array<VerifyCheck<VerifyContext>> = [
  {
    assumption: "U22",
    api: "avarda-payment-widget",
    feature: "payment-widget",
    readOnly: true,
    expected: "the Authorization API's token is accepted: 200 `{paymentId, widgetJwt, expiredUtc}`",
    async run(context, found) {
      const baseUrl = await widgetBaseUrl(context)
      const token = await context.authorizationApi().fetchToken()
      const http = new VendorHttpClient({ baseUrl: `${baseUrl}/`, timeoutMs: 15_000, dispatcher: context.traffic.dispatcher })
      try {
        const result = await outcomeOf(
          http.requestJson({ operation: "avarda.paymentWidget.init", method: "GET", path: PAYMENT_WIDGET_INIT_PATH, headers: { authorization: `Bearer ${token.value}` } }, widgetInitSchema)
        )
        found.expect(result.ok, result.ok ? `200 {paymentId, widgetJwt, expiredUtc ${result.value.data.expiredUtc}}` : describeError(result.error))
      } finally {
        await http.close()
      }
    },
  },
]
