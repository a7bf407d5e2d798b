export interface AccessToken {
  value: string
  /** Epoch milliseconds after which the vendor rejects the token. */
  expiresAt: number
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
  private current?: AccessToken
  private inFlight?: Promise<AccessToken>
  private readonly refreshMarginMs: number
  private readonly now: () => number

  constructor(private readonly options: TokenCacheOptions) {
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000
    this.now = options.now ?? Date.now
  }

  async get(): Promise<string> {
    if (this.current && this.current.expiresAt - this.refreshMarginMs > this.now()) return this.current.value
    this.inFlight ??= this.options
      .fetchToken()
      .then((token) => {
        this.current = token
        return token
      })
      .finally(() => {
        this.inFlight = undefined
      })
    return (await this.inFlight).value
  }

  /** Forget `token` (if it is still the cached one) so the next `get()` fetches a new one. */
  invalidate(token?: string): void {
    if (!token || this.current?.value === token) this.current = undefined
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
  const token = await cache.get()
  try {
    return await call(token)
  } catch (error) {
    if (!isUnauthorized(error)) throw error
    cache.invalidate(token)
    return call(await cache.get())
  }
}
