import type { Logger } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import type { MyPagesAnswer, MyPagesClient, MyPagesShopper } from "../../../lib/avarda/my-pages/client"
import { identityAuthTokenOf } from "../../../lib/avarda/my-pages/customer-auth-token"
import { accountDetailSchema, invoiceSummarySchema, type MyPagesAccountSummary } from "../../../lib/avarda/my-pages/schemas"
import { VendorHttpError } from "../../../lib/http/errors"
import type { IdentityLinkRow } from "../identity-rules"
import AvardaMyPagesService, { type CustomerScope, type OwnedAccounts, type OwnedAccountsStore } from "../service"

const SECRET = "s".repeat(32)
const CUSTOMER = "cus_01JTESTCUSTOMER0000000000"

type FakeClient = Pick<MyPagesClient, "listAccounts" | "listInvoices" | "getAccount" | "getInvoice" | "startPayment" | "getPaymentStatus" | "close">

/** Every call the service made to Avarda: which operation, with which ids and token. */
interface Call {
  operation: string
  id?: string
  purchaseId: string | undefined
  token: string
}

const logger = { warn: () => undefined, info: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger

/**
 * The service with the identity-link table kept in memory (ids generated only when absent, as
 * Medusa's data models do) and Avarda replaced by `client`.
 */
function serviceWith(client: Partial<FakeClient>) {
  const service = new AvardaMyPagesService({ logger }, { customerTokenSecret: SECRET })
  const rows: IdentityLinkRow[] = []
  const create = (data: Partial<IdentityLinkRow>): IdentityLinkRow => {
    const row = { ...data, id: generateEntityId(data.id, "avidl") } as IdentityLinkRow
    rows.push(row)
    return { ...row }
  }
  Object.assign(service, {
    client: { close: async () => undefined, ...client },
    listAvardaIdentityLinks: async (filter: { customer_id?: string }) => rows.filter((row) => row.customer_id === filter.customer_id).map((row) => ({ ...row })),
    createAvardaIdentityLinks: async (data: Partial<IdentityLinkRow> | Array<Partial<IdentityLinkRow>>) => (Array.isArray(data) ? data.map(create) : create(data)),
    updateAvardaIdentityLinks: async (data: Partial<IdentityLinkRow> & { id: string }) => {
      const row = rows.find((candidate) => candidate.id === data.id)
      if (row) Object.assign(row, data)
      return row
    },
    deleteAvardaIdentityLinks: async (ids: string[]) => {
      for (const id of ids) {
        const index = rows.findIndex((row) => row.id === id)
        if (index >= 0) rows.splice(index, 1)
      }
    },
  })
  return { service, rows }
}

const ok = <T>(data: T): MyPagesAnswer<T> => ({ kind: "ok", data })
const identifyFirst = { kind: "strong_authentication_required", redirectUrl: "https://avarda.example/identify" } as const
const notFound = () => new VendorHttpError("avarda.myPages.listAccounts", 404, "", undefined)

const unprovenScope = (purchaseIds: string[]): CustomerScope => ({ customerId: CUSTOMER, purchaseIds, orderReferences: ["A-1"], identity: null })

describe("AvardaMyPagesService.startStrongAuthentication", () => {
  it("keeps no attempt while Avarda is asked: a concurrent request cannot take Avarda's plain answer for a proof", async () => {
    const tokens: string[] = []
    let concurrent: { identity: unknown; pendingRows: number } | undefined
    const { service, rows } = serviceWith({
      // A person Avarda never asks to identify (no loan data): every call gets a plain answer.
      listAccounts: async (_purchaseId: string, shopper: MyPagesShopper) => {
        tokens.push(shopper.customerAuthToken)
        if (tokens.length === 1) {
          // The start's call is in flight: another request of the same customer resolves its proof.
          const pendingRows = rows.filter((row) => row.customer_id === CUSTOMER && row.status === "pending").length
          const identity = await service.resolveIdentity({ customerId: CUSTOMER, electronicIdProofs: [] })
          concurrent = { identity, pendingRows }
        }
        return ok<MyPagesAccountSummary[]>([])
      },
    })

    const result = await service.startStrongAuthentication(unprovenScope(["P1"]))

    expect(result).toEqual({ kind: "unavailable" })
    expect(concurrent).toEqual({ identity: null, pendingRows: 0 })
    expect(tokens).toHaveLength(1)
    expect(rows).toEqual([])
  })

  it("stores one pending attempt when Avarda asks the customer to identify, with the id the token Avarda got was derived from", async () => {
    const seen: Array<{ purchaseId: string; token: string; rowsMeanwhile: number }> = []
    const { service, rows } = serviceWith({
      listAccounts: async (purchaseId: string, shopper: MyPagesShopper) => {
        seen.push({ purchaseId, token: shopper.customerAuthToken, rowsMeanwhile: rows.length })
        return identifyFirst
      },
    })

    const result = await service.startStrongAuthentication(unprovenScope(["P1"]))

    expect(result).toEqual({ kind: "redirect", redirectUrl: identifyFirst.redirectUrl })
    expect(seen).toEqual([{ purchaseId: "P1", token: expect.any(String), rowsMeanwhile: 0 }])
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row).toMatchObject({ customer_id: CUSTOMER, purchase_id: "P1", method: "strong_authentication", status: "pending", proven_at: null })
    expect(row!.id).toMatch(/^avidl_[0-9A-Z]{26}$/)
    expect(identityAuthTokenOf(CUSTOMER, row!.id, SECRET)).toBe(seen[0]!.token)
  })

  it("confirms the stored attempt once Avarda answers its token plainly", async () => {
    let identified = false
    const { service, rows } = serviceWith({
      listAccounts: async () => (identified ? ok<MyPagesAccountSummary[]>([]) : identifyFirst),
    })
    await service.startStrongAuthentication(unprovenScope(["P1"]))
    identified = true

    const identity = await service.resolveIdentity({ customerId: CUSTOMER, electronicIdProofs: [] })

    expect(identity).toMatchObject({ linkId: rows[0]!.id, purchaseId: "P1", method: "strong_authentication" })
    expect(rows[0]!.status).toBe("linked")
  })

  it("stores nothing for purchases Avarda does not know, and the attempt for the one it asks about", async () => {
    const { service, rows } = serviceWith({
      listAccounts: async (purchaseId: string) => {
        if (purchaseId === "P1") throw notFound()
        return identifyFirst
      },
    })

    expect(await service.startStrongAuthentication(unprovenScope(["P1", "P2"]))).toEqual({ kind: "redirect", redirectUrl: identifyFirst.redirectUrl })
    expect(rows.map((row) => row.purchase_id)).toEqual(["P2"])
  })

  it.each([
    ["Avarda knows none of the purchases", () => Promise.reject(notFound()), { kind: "unavailable" }],
    ["Avarda fails", () => Promise.reject(new VendorHttpError("avarda.myPages.listAccounts", 503, "", undefined)), undefined],
  ])("stores nothing when %s", async (_label, listAccounts, expected) => {
    const { service, rows } = serviceWith({ listAccounts })
    const started = service.startStrongAuthentication(unprovenScope(["P1"]))
    if (expected) await expect(started).resolves.toEqual(expected)
    else await expect(started).rejects.toBeInstanceOf(VendorHttpError)
    expect(rows).toEqual([])
  })
})

describe("AvardaMyPagesService: account ids an owned-accounts entry does not hold", () => {
  const invoice = invoiceSummarySchema.parse({ id: "INV-1", currency: "SEK", balance: 100, state: "Open", purchaseId: ["P1"] })
  const detail = accountDetailSchema.parse({ id: "INV-1", currency: "SEK", balance: 100, type: "Invoice", state: "Open", purchaseId: ["P1"], transactions: [] })

  function avarda() {
    const calls: Call[] = []
    const client: Partial<FakeClient> = {
      listAccounts: async (purchaseId, shopper) => {
        calls.push({ operation: "listAccounts", purchaseId, token: shopper.customerAuthToken })
        return ok<MyPagesAccountSummary[]>([])
      },
      listInvoices: async (purchaseId, shopper) => {
        calls.push({ operation: "listInvoices", purchaseId, token: shopper.customerAuthToken })
        return ok([invoice])
      },
      getInvoice: async (id, purchaseId, shopper) => {
        calls.push({ operation: "getInvoice", id, purchaseId, token: shopper.customerAuthToken })
        return ok(detail)
      },
      getAccount: async (id, purchaseId, shopper) => {
        calls.push({ operation: "getAccount", id, purchaseId, token: shopper.customerAuthToken })
        return ok(detail)
      },
      startPayment: async (input, shopper) => {
        calls.push({ operation: "startPayment", id: input.accountId, purchaseId: undefined, token: shopper.customerAuthToken })
        return ok({ purchaseId: "PAY-1", jwt: "jwt" })
      },
      getPaymentStatus: async (input, shopper) => {
        calls.push({ operation: "getPaymentStatus", id: input.accountId, purchaseId: input.purchaseId, token: shopper.customerAuthToken })
        return ok({ state: "Completed" })
      },
    }
    return { calls, client }
  }

  /** Keeps the entry as Redis does: JSON, read back as a plain object. */
  function jsonStore(): OwnedAccountsStore {
    let kept: string | undefined
    return {
      get: async () => (kept === undefined ? undefined : (JSON.parse(kept) as OwnedAccounts)),
      set: async (value) => {
        kept = JSON.stringify(value)
      },
    }
  }

  /** Keeps the entry itself, as an in-process cache may. */
  function objectStore(): OwnedAccountsStore {
    let kept: OwnedAccounts | undefined
    return {
      get: async () => kept,
      set: async (value) => {
        kept = value
      },
    }
  }

  const stores = [
    ["kept as JSON", jsonStore],
    ["kept as the object", objectStore],
  ] as const
  const inheritedNames = ["constructor", "toString", "hasOwnProperty", "valueOf"]
  const cases = stores.flatMap(([label, store]) => inheritedNames.map((name) => [name, label, store] as const))

  async function warmed(store: () => OwnedAccountsStore) {
    const { calls, client } = avarda()
    const { service } = serviceWith(client)
    const scope: CustomerScope = { ...unprovenScope(["P1"]), owned: store() }
    const overview = await service.overview(scope)
    expect(overview.accounts.map((shown) => [shown.item.id, shown.access])).toEqual([["INV-1", "own_purchases"]])
    calls.length = 0
    return { service, scope, calls }
  }

  it.each(stores)("opens an account of the warm entry with one call to Avarda (entry %s)", async (_label, store) => {
    const { service, scope, calls } = await warmed(store)
    expect(await service.account(scope, "INV-1")).toMatchObject({ kind: "ok", access: "own_purchases" })
    expect(calls).toEqual([{ operation: "getInvoice", id: "INV-1", purchaseId: "P1", token: expect.any(String) }])
  })

  it.each(cases)("answers %s like an id the customer does not own (entry %s)", async (name, _label, store) => {
    const { service, scope, calls } = await warmed(store)

    expect(await service.account(scope, name)).toEqual({ kind: "not_found" })
    expect(await service.startPayment(scope, name)).toEqual({ kind: "not_found" })
    expect(await service.paymentStatus(scope, name, "PAY-1")).toEqual({ kind: "not_found" })

    // Only fresh lists of the customer's own purchase: no read of the id, no call without a purchase id.
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.every((call) => (call.operation === "listAccounts" || call.operation === "listInvoices") && call.purchaseId === "P1")).toBe(true)
  })
})
