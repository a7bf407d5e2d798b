/**
 * The widget session every page view of this process shares: one per checkout API and partner
 * credentials, reused until five minutes before `expiredUtc` and fetched by one init call however
 * many views ask at once (a thousand concurrent product views → one vendor call).
 *
 * The cache is process-local on purpose. It only saves vendor calls: nothing is decided with the
 * widget session (any shopper may be given the same JWT, and an expired one merely makes the
 * widget ask again), so several server processes each holding their own copy is correct — each
 * makes one init call per expiry window.
 */
import { SharedClients } from "../../http/shared-clients"
import { ExpiringValueCache } from "../../http/token-cache"
import { PaymentWidgetClient, type PaymentWidgetClientOptions, type WidgetSession } from "./client"

/** A widget session is refreshed this long before it expires, so no page gets an almost-expired JWT. */
export const WIDGET_SESSION_REFRESH_MARGIN_MS = 5 * 60_000

class WidgetSessions {
  readonly cache: ExpiringValueCache<WidgetSession>

  constructor(readonly client: PaymentWidgetClient, now?: () => number) {
    this.cache = new ExpiringValueCache({ fetch: () => client.init(), refreshMarginMs: WIDGET_SESSION_REFRESH_MARGIN_MS, now })
  }

  close(): Promise<void> {
    return this.client.close()
  }
}

const shared = new SharedClients<WidgetSessions>()

/** The current widget session for these credentials (cached, single-flight). */
export function currentWidgetSession(options: Omit<PaymentWidgetClientOptions, "dispatcher">): Promise<WidgetSession> {
  const sessions = shared.get({ baseUrl: options.checkoutApiUrl, login: options.clientId, secret: options.clientSecret }, () => new WidgetSessions(new PaymentWidgetClient(options), options.now))
  return sessions.cache.get()
}

/** Closes every client and forgets every cached session (tests, shutdown). */
export function closeWidgetSessions(): Promise<void> {
  return shared.closeAll()
}
