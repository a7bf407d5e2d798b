/**
 * Which Avarda accounts a customer may open, kept for a minute in Medusa's cache module (shared by
 * every server process) under the customer and the proof in force: a new, expired or withdrawn
 * proof starts from an empty entry. The cache only saves calls to Avarda: the proof itself is read
 * from the database on every request, and an id missing from the entry is looked up afresh.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { ActiveIdentity } from "../../modules/avarda-my-pages/identity-rules"
import type { OwnedAccounts, OwnedAccountsStore } from "../../modules/avarda-my-pages/service"
import { cacheEntry } from "./cache-entry"

export const OWNED_ACCOUNTS_TTL_SECONDS = 60

export function ownedAccountsKey(customerId: string, identity: ActiveIdentity | null): string {
  return `avarda-my-pages:owned-accounts:${customerId}:${identity ? identity.linkId : "unproven"}`
}

export function ownedAccountsStore(container: MedusaContainer, customerId: string, identity: ActiveIdentity | null): OwnedAccountsStore | undefined {
  return cacheEntry<OwnedAccounts>(container, ownedAccountsKey(customerId, identity), OWNED_ACCOUNTS_TTL_SECONDS)
}
