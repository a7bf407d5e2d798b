/**
 * The scope of a customer's previous My Pages request (the proof in force and the customer's Avarda
 * purchase ids), kept in Medusa's cache module for ten minutes, so that the next request can start
 * its reads at Avarda while its own scope is still being read from the database. It is only a
 * guess: a request uses such a read only when its own scope makes exactly the same one (see
 * `SharedMyPagesReads`), so nothing a request shows depends on this entry. It holds ids, like the
 * owned-accounts entry, and no personal data.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { ActiveIdentity } from "../../modules/avarda-my-pages/identity-rules"
import { cacheEntry } from "./cache-entry"

export const PREVIOUS_SCOPE_TTL_SECONDS = 600

export interface PreviousScope {
  identity: ActiveIdentity | null
  purchaseIds: string[]
  orderReferences: string[]
}

export interface PreviousScopeStore {
  get(): Promise<PreviousScope | undefined>
  /** Keeps `scope` for the next request, unless it is what `known` already holds. */
  remember(scope: PreviousScope, known: PreviousScope | undefined): Promise<void>
}

export function previousScopeKey(customerId: string): string {
  return `avarda-my-pages:previous-scope:${customerId}`
}

/** Dates come back from a shared cache as strings. */
function revived(stored: PreviousScope): PreviousScope {
  const identity = stored.identity && { ...stored.identity, provenAt: new Date(stored.identity.provenAt), expiresAt: new Date(stored.identity.expiresAt) }
  return { identity, purchaseIds: stored.purchaseIds, orderReferences: stored.orderReferences }
}

function sameScope(a: PreviousScope, b: PreviousScope): boolean {
  const identityOf = (scope: PreviousScope) =>
    scope.identity && [scope.identity.linkId, scope.identity.purchaseId, scope.identity.method, scope.identity.expiresAt.getTime()]
  return JSON.stringify([identityOf(a), a.purchaseIds, a.orderReferences]) === JSON.stringify([identityOf(b), b.purchaseIds, b.orderReferences])
}

export function previousScopeStore(container: MedusaContainer, customerId: string): PreviousScopeStore | undefined {
  const entry = cacheEntry<PreviousScope>(container, previousScopeKey(customerId), PREVIOUS_SCOPE_TTL_SECONDS)
  if (!entry) return undefined
  return {
    get: async () => {
      const stored = await entry.get()
      return stored ? revived(stored) : undefined
    },
    remember: async (scope, known) => {
      if (known && sameScope(scope, known)) return
      const { identity, purchaseIds, orderReferences } = scope
      await entry.set({ identity, purchaseIds, orderReferences })
    },
  }
}
