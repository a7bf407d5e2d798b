/**
 * Process-local, one-time hand-off of data that must not be stored (the shopper's personal ID
 * number) from the plugin's store route to the payment provider. Medusa runs routes and payment
 * providers in the same Node process; the provider context carries no cart and session `data` is
 * public and written to the database before the provider runs, so only an opaque reference travels
 * through Medusa. A reference is 256 random bits, lives `ttlMs`, and can be taken out once.
 */
import { randomBytes } from "node:crypto"

export interface OneTimeHandoffOptions {
  /** Default 2 minutes: the route hands over immediately. */
  ttlMs?: number
  now?: () => number
}

export class OneTimeHandoff<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>()
  private readonly ttlMs: number
  private readonly now: () => number

  constructor(options: OneTimeHandoffOptions = {}) {
    this.ttlMs = options.ttlMs ?? 2 * 60_000
    this.now = options.now ?? Date.now
  }

  /** Stores `value` and returns its reference (base64url, 43 characters). */
  put(value: T): string {
    this.sweep()
    const ref = randomBytes(32).toString("base64url")
    this.entries.set(ref, { value, expiresAt: this.now() + this.ttlMs })
    return ref
  }

  /** The value, removed from the store; undefined when unknown, expired or already taken. */
  take(ref: unknown): T | undefined {
    if (typeof ref !== "string") return undefined
    const entry = this.entries.get(ref)
    if (!entry) return undefined
    this.entries.delete(ref)
    return entry.expiresAt > this.now() ? entry.value : undefined
  }

  /** Drops an entry that will not be used (e.g. the session could not be created). */
  discard(ref: string): void {
    this.entries.delete(ref)
  }

  get size(): number {
    this.sweep()
    return this.entries.size
  }

  private sweep(): void {
    const now = this.now()
    for (const [ref, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(ref)
  }
}

/**
 * One store per name for the whole process, kept on `globalThis`: Medusa may load a plugin file
 * once for the routes and again for the providers, and both must see the same store.
 */
export function processWideHandoff<T>(name: string, options?: OneTimeHandoffOptions): OneTimeHandoff<T> {
  const registry = ((globalThis as Record<symbol, unknown>)[Symbol.for("medusa-plugin-avarda-avirato.handoffs")] ??= new Map()) as Map<
    string,
    OneTimeHandoff<unknown>
  >
  let store = registry.get(name)
  if (!store) {
    store = new OneTimeHandoff<unknown>(options)
    registry.set(name, store)
  }
  return store as OneTimeHandoff<T>
}
