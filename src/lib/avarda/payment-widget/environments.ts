/**
 * Where Avarda's payment widget and APR widget live:
 * the checkout API that hands out widget sessions, and the script the browser loads. "sandbox" is
 * this plugin's local simulator (`npm run sandbox`).
 */
export type PaymentWidgetEnvironment = "sandbox" | "test" | "production"

export interface PaymentWidgetEndpoints {
  /** Base of `api/partner/tokens` and `api/paymentwidget/partner/init`. */
  checkoutApiUrl: string
  /** The widget script (one script defines both elements). */
  scriptUrl: string
}

export const PAYMENT_WIDGET_ENDPOINTS: Record<PaymentWidgetEnvironment, PaymentWidgetEndpoints> = {
  sandbox: {
    checkoutApiUrl: "http://localhost:4010/avarda/checkout-api",
    scriptUrl: "http://localhost:4010/avarda/payment-widget/cdn/payment-widget.js",
  },
  test: {
    checkoutApiUrl: "https://stage.checkout-api.avarda.com",
    scriptUrl: "https://payment-widget.stage.avarda.com/cdn/payment-widget.js",
  },
  production: {
    checkoutApiUrl: "https://checkout-api.avarda.com",
    scriptUrl: "https://payment-widget.avarda.com/cdn/payment-widget.js",
  },
}

export function isPaymentWidgetEnvironment(value: string): value is PaymentWidgetEnvironment {
  return Object.prototype.hasOwnProperty.call(PAYMENT_WIDGET_ENDPOINTS, value)
}
