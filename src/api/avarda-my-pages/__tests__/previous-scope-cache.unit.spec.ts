import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { previousScopeKey, previousScopeStore, PREVIOUS_SCOPE_TTL_SECONDS, type PreviousScope } from "../previous-scope-cache"

/** A cache that, like Redis, keeps JSON: dates come back as strings. */
function jsonCache() {
  const entries = new Map<string, string>()
  const sets: Array<{ key: string; ttl?: number }> = []
  const cache = {
    get: async (key: string) => (entries.has(key) ? JSON.parse(entries.get(key)!) : null),
    set: async (key: string, value: unknown, ttl?: number) => {
      sets.push({ key, ttl })
      entries.set(key, JSON.stringify(value))
    },
  }
  const container = { resolve: (key: string) => (key === Modules.CACHE ? cache : undefined) } as unknown as MedusaContainer
  return { container, sets, entries }
}

const proven: PreviousScope = {
  identity: {
    linkId: "link_1",
    purchaseId: "P1",
    method: "strong_authentication",
    provenAt: new Date("2026-12-01T10:00:00Z"),
    expiresAt: new Date("2027-03-01T10:00:00Z"),
  },
  purchaseIds: ["P1", "P2"],
  orderReferences: ["A-1", "A-2"],
}

describe("previous My Pages scope of a customer", () => {
  it("comes back as it was kept, dates included, under the customer's own key", async () => {
    const { container, sets } = jsonCache()
    const store = previousScopeStore(container, "cus_1")!
    expect(await store.get()).toBeUndefined()
    await store.remember(proven, undefined)
    expect(sets).toEqual([{ key: previousScopeKey("cus_1"), ttl: PREVIOUS_SCOPE_TTL_SECONDS }])
    expect(await store.get()).toEqual(proven)
    expect(await previousScopeStore(container, "cus_2")!.get()).toBeUndefined()
  })

  it("keeps only what a scope says about ids: no owned-accounts store, no reads, no return URL", async () => {
    const { container, entries } = jsonCache()
    await previousScopeStore(container, "cus_1")!.remember({ ...proven, returnUrl: "https://shop.example/x", reads: {} } as PreviousScope, undefined)
    expect(Object.keys(JSON.parse(entries.get(previousScopeKey("cus_1"))!)).sort()).toEqual(["identity", "orderReferences", "purchaseIds"])
  })

  it.each([
    ["the same scope", proven, 0],
    ["another proof", { ...proven, identity: { ...proven.identity!, linkId: "link_2" } }, 1],
    ["no proof any more", { ...proven, identity: null }, 1],
    ["a later expiry", { ...proven, identity: { ...proven.identity!, expiresAt: new Date("2027-04-01T10:00:00Z") } }, 1],
    ["a new purchase", { ...proven, purchaseIds: ["P3", "P1", "P2"] }, 1],
  ])("writes the entry again only when it changed: %s", async (_, scope, writes) => {
    const { container, sets } = jsonCache()
    const store = previousScopeStore(container, "cus_1")!
    await store.remember(scope, proven)
    expect(sets).toHaveLength(writes)
  })

  it("is left out when the app has no cache module", () => {
    const container = {
      resolve: () => {
        throw new Error("no cache")
      },
    } as unknown as MedusaContainer
    expect(previousScopeStore(container, "cus_1")).toBeUndefined()
  })
})
