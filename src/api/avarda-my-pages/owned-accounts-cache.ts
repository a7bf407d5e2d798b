/**
 * Which Avarda accounts a customer may open, kept for a minute in Medusa's cache module (Redis with
 * `@medusajs/medusa/cache-redis`, so every server process shares it) under the customer and the
 * proof in force: a new, expired or withdrawn proof starts from an empty entry. The cache only saves
 * calls to Avarda: the proof itself is read from the database on every request, and an id missing
 * from the entry is looked up afresh.
 */
import type { ICacheService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { ActiveIdentity } from "../../modules/avarda-my-pages/identity-rules"
import type { OwnedAccounts, OwnedAccountsStore } from "../../modules/avarda-my-pages/service"

export const OWNED_ACCOUNTS_TTL_SECONDS = 60

export function ownedAccountsKey(customerId: string, identity: ActiveIdentity | null): string {
  return `avarda-my-pages:owned-accounts:${customerId}:${identity ? identity.linkId : "unproven"}`
}

export function ownedAccountsStore(container: MedusaContainer, customerId: string, identity: ActiveIdentity | null): OwnedAccountsStore | undefined {
  let cache: ICacheService
  try {
    cache = container.resolve<ICacheService>(Modules.CACHE)
  } catch {
    return undefined
  }
  const key = ownedAccountsKey(customerId, identity)
  return {
    get: async () => (await cache.get<OwnedAccounts>(key)) ?? undefined,
    set: (value) => cache.set(key, value, OWNED_ACCOUNTS_TTL_SECONDS),
  }
}
