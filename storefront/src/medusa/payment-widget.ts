import { sdk } from "./sdk"

// docs:start payment-widget
type WidgetSession = { payment_id: string; widget_jwt: string; expires_at: string; script_url: string }

let loading: Promise<boolean> | undefined

/**
 * Loads Avarda's widget script once per page with the shop's widget session (shared by every
 * shopper, cached by the plugin until shortly before it expires). Resolves false when the shop has
 * not enabled the widget (404) or Avarda is unavailable: the page works without it.
 */
export function loadAvardaWidgets(): Promise<boolean> {
  loading ??= sdk.client.fetch<WidgetSession>("/store/avarda/payment-widget").then(
    (session) => {
      const script = document.createElement("script")
      script.src = session.script_url
      script.async = true
      script.dataset.paymentid = session.payment_id // data-paymentid
      script.dataset.widgetJwt = session.widget_jwt // data-widget-jwt
      document.head.append(script)
      return true
    },
    () => false
  )
  return loading
}
// docs:end payment-widget
