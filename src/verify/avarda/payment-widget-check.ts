/**
 * Avarda's payment-widget init endpoint, called exactly as the plugin's widget option calls it: a
 * Checkout 3.0 partner token from `POST {checkout-api}/api/partner/tokens` with the Authorization
 * API's client id and secret, then `GET {checkout-api}/api/paymentwidget/partner/init` with that
 * token (U22), through the plugin's own PaymentWidgetClient. Runs only when the widget option is on.
 */
import { PaymentWidgetClient } from "../../lib/avarda/payment-widget/client"
import { describeError, outcomeOf, type VerifyCheck } from "../check"
import type { VerifyContext } from "../verify-context"

export const PAYMENT_WIDGET_CHECKS: Array<VerifyCheck<VerifyContext>> = [
  {
    assumption: "U22",
    api: "avarda-payment-widget",
    feature: "payment-widget",
    readOnly: true,
    expected: "the Authorization API's client id and secret get a partner token the init endpoint accepts: 200 `{paymentId, widgetJwt, expiredUtc}`",
    async run(context, found) {
      const { baseUrl } = context.configured("paymentWidget")
      const { clientId, clientSecret } = context.configured("authorizationApi")
      const client = new PaymentWidgetClient({ checkoutApiUrl: baseUrl, clientId, clientSecret, timeoutMs: 15_000, dispatcher: context.traffic.dispatcher })
      try {
        const result = await outcomeOf(client.init())
        found.expect(
          result.ok,
          result.ok ? `200 {paymentId, widgetJwt, expiredUtc ${new Date(result.value.expiresAt).toISOString()}}` : describeError(result.error)
        )
      } finally {
        await client.close()
      }
    },
  },
]
