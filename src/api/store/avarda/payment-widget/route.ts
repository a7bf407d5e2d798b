/**
 * GET /store/avarda/payment-widget[?provider_id=…] — Avarda's payment widget and APR widget for the
 * storefront (publishable key required):
 *   200 { payment_id, widget_jwt, expires_at, script_url }   load script_url with data-paymentid / data-widget-jwt
 *   404 { type: "not_found" }                                 the widget is not enabled (provider option paymentWidget.enabled)
 *   400 { type: "invalid_data", errors: [{ field: "provider_id" }] }
 *   502 / 503 / 504 { type: "avarda_…", message }             Avarda refused, is down, or did not answer
 */
import { getPaymentWidgetSession } from "../../../avarda-widgets/payment-widget-session"

export const GET = getPaymentWidgetSession
