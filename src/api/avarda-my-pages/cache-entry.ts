/**
 * One entry of Medusa's cache module (Redis with `@medusajs/medusa/cache-redis`, so every server
 * process shares it) with a fixed key and lifetime — the My Pages caches' one way in. Undefined when
 * the app has no cache module: callers then do without the entry.
 */
import type { ICacheService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

export interface CacheEntry<T> {
  get(): Promise<T | undefined>
  set(value: T): Promise<void>
}

export function cacheEntry<T>(container: MedusaContainer, key: string, ttlSeconds: number): CacheEntry<T> | undefined {
  let cache: ICacheService
  try {
    cache = container.resolve<ICacheService>(Modules.CACHE)
  } catch {
    return undefined
  }
  return {
    get: async () => (await cache.get<T>(key)) ?? undefined,
    set: (value) => cache.set(key, value, ttlSeconds),
  }
}
