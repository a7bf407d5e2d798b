/**
 * Avarda's payment-widget initialisation: a Checkout 3.0 partner token (`POST api/partner/tokens`
 * with the partner's client id and secret, cached until shortly before expiry, single-flight, one
 * retry after a 401), then `GET api/paymentwidget/partner/init`, which hands out a payment id and
 * a widget JWT the browser's widget script uses until `expiredUtc`. Secrets never leave this client.
 */
import type { Dispatcher } from "undici"
import { VendorHttpError } from "../../http/errors"
import { TokenCache, withTokenRetry, type AccessToken } from "../../http/token-cache"
import { VendorHttpClient } from "../../http/vendor-http-client"
import { fetchPartnerToken, parseAvardaUtc } from "../partner-token"
import { widgetInitSchema } from "./schemas"

export interface PaymentWidgetClientOptions {
  /** e.g. https://stage.checkout-api.avarda.com (see environments.ts). */
  checkoutApiUrl: string
  clientId: string
  clientSecret: string
  /** Per call. Default 10 000 ms. */
  timeoutMs?: number
  /** For tests: a custom undici dispatcher. */
  dispatcher?: Dispatcher
  now?: () => number
}

/** One widget session: valid for every widget on every page until `expiresAt` (epoch ms). */
export interface WidgetSession {
  paymentId: string
  widgetJwt: string
  expiresAt: number
}

const isUnauthorized = (error: unknown) => error instanceof VendorHttpError && error.status === 401

export class PaymentWidgetClient {
  private readonly http: VendorHttpClient
  private readonly tokens: TokenCache
  private readonly now: () => number

  constructor(private readonly options: PaymentWidgetClientOptions) {
    this.http = new VendorHttpClient({ baseUrl: options.checkoutApiUrl, timeoutMs: options.timeoutMs ?? 10_000, dispatcher: options.dispatcher })
    this.now = options.now ?? Date.now
    this.tokens = new TokenCache({ fetchToken: () => this.fetchToken(), now: this.now })
  }

  /** `GET api/paymentwidget/partner/init`: a new widget session (callers cache it, see widget-sessions.ts). */
  init(): Promise<WidgetSession> {
    return withTokenRetry(
      this.tokens,
      async (token) => {
        const { data } = await this.http.requestJson(
          { operation: "avarda.paymentWidget.init", method: "GET", path: "api/paymentwidget/partner/init", headers: { authorization: `Bearer ${token}` } },
          widgetInitSchema
        )
        return { paymentId: data.paymentId, widgetJwt: data.widgetJwt, expiresAt: parseAvardaUtc(data.expiredUtc) }
      },
      isUnauthorized
    )
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  private fetchToken(): Promise<AccessToken> {
    const { clientId, clientSecret } = this.options
    return fetchPartnerToken(this.http, { operation: "avarda.checkout.token", path: "api/partner/tokens", clientId, clientSecret }, this.now())
  }
}
