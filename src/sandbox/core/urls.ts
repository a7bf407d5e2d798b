/** Base URLs of every vendor API the sandbox serves, for one origin. */
export interface SandboxUrls {
  avardaAuthorizationApi: string
  avardaCheckout2: string
  avardaMyPages: string
  /** Avarda's checkout API (Checkout 3.0 partner token, payment-widget init). */
  avardaCheckoutApi: string
  /** The stand-in of Avarda's payment-widget script (both widget elements). */
  avardaPaymentWidgetScript: string
  aviratoLive: string
  aviratoTest: string
  console: string
}

export function sandboxUrls(origin: string): SandboxUrls {
  return {
    avardaAuthorizationApi: `${origin}/avarda/authorization-api/`,
    avardaCheckout2: `${origin}/avarda/checkout2`,
    avardaMyPages: `${origin}/avarda/mypages`,
    avardaCheckoutApi: `${origin}/avarda/checkout-api`,
    avardaPaymentWidgetScript: `${origin}/avarda/payment-widget/cdn/payment-widget.js`,
    aviratoLive: `${origin}/avirato/external/v1/`,
    aviratoTest: `${origin}/avirato/external/v1/test/`,
    console: `${origin}/`,
  }
}

/** `http://host:port` for a listening address; wildcard hosts are shown as localhost. */
export function originFor(host: string, port: number): string {
  const shownHost = host === "0.0.0.0" || host === "::" || host === "" ? "localhost" : host
  return `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`
}
