export interface AccessToken {
  value: string
  /** Epoch milliseconds after which the vendor rejects the token. */
  expiresAt: number
}

export interface ExpiringValueCacheOptions<T extends { expiresAt: number }> {
  fetch: () => Promise<T>
  /** Refresh this long before expiry. Default 5 minutes. */
  refreshMarginMs?: number
  now?: () => number
}

/**
 * One value with an expiry (a bearer token, a widget session): cached until `refreshMarginMs`
 * before it expires, fetched by a single request however many callers need it at once
 * (single-flight), and dropped on demand. A failed fetch is not cached: the next caller tries again.
 */
export class ExpiringValueCache<T extends { expiresAt: number }> {
  private current?: T
  private inFlight?: Promise<T>
  private readonly refreshMarginMs: number
  private readonly now: () => number

  constructor(private readonly options: ExpiringValueCacheOptions<T>) {
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000
    this.now = options.now ?? Date.now
  }

  async get(): Promise<T> {
    return this.fresh() ?? this.fetchOnce()
  }

  /** The cached value while it is fresh (no fetch, no waiting); undefined when `get()` would fetch. */
  fresh(): T | undefined {
    return this.current && this.current.expiresAt - this.refreshMarginMs > this.now() ? this.current : undefined
  }

  private fetchOnce(): Promise<T> {
    this.inFlight ??= this.options
      .fetch()
      .then((value) => {
        this.current = value
        return value
      })
      .finally(() => {
        this.inFlight = undefined
      })
    return this.inFlight
  }

  /** Forget the cached value (only when `matches` says it is the one to drop). */
  invalidate(matches: (current: T) => boolean = () => true): void {
    if (this.current && matches(this.current)) this.current = undefined
  }
}

export interface TokenCacheOptions {
  fetchToken: () => Promise<AccessToken>
  /** Refresh this long before expiry. Default 5 minutes. */
  refreshMarginMs?: number
  now?: () => number
}

/**
 * One bearer token per (API, environment, client id): cached until `refreshMarginMs` before it
 * expires, fetched by a single request however many calls need it at once (single-flight), and
 * dropped on demand after the vendor answers 401.
 */
export class TokenCache {
  private readonly cache: ExpiringValueCache<AccessToken>

  constructor(options: TokenCacheOptions) {
    this.cache = new ExpiringValueCache({ fetch: options.fetchToken, refreshMarginMs: options.refreshMarginMs, now: options.now })
  }

  async get(): Promise<string> {
    return (this.cache.fresh() ?? (await this.cache.get())).value
  }

  /** The cached token while it is fresh; undefined when one has to be fetched (use `get()`). */
  fresh(): string | undefined {
    return this.cache.fresh()?.value
  }

  /** Forget `token` (if it is still the cached one) so the next `get()` fetches a new one. */
  invalidate(token?: string): void {
    this.cache.invalidate((current) => !token || current.value === token)
  }
}

/**
 * Runs `call` with a token; after a 401 answer (detected by `isUnauthorized`) it invalidates that
 * token and runs `call` once more with a fresh one.
 */
export async function withTokenRetry<T>(
  cache: TokenCache,
  call: (token: string) => Promise<T>,
  isUnauthorized: (error: unknown) => boolean
): Promise<T> {
  // A fresh cached token is used at once (the common case): no promise to wait for.
  const token = cache.fresh() ?? (await cache.get())
  try {
    return await call(token)
  } catch (error) {
    if (!isUnauthorized(error)) throw error
    cache.invalidate(token)
    return call(await cache.get())
  }
}
