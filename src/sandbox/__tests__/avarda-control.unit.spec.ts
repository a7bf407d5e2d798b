import { createAvardaSimulators } from "../avarda"
import { AVARDA_TEST_IDENTITIES } from "../avarda/test-identities"
import {
  authorizationApiToken,
  authorizationRequest,
  basicAuth,
  bearer,
  getJson,
  postJson,
  standaloneRequest,
  startAvardaSandbox,
  useAuthorizationApiBearer,
  useAvardaSandbox,
  type JsonObject,
} from "./avarda-test-helpers"

const ID = AVARDA_TEST_IDENTITIES.SE
const t = useAvardaSandbox()
const auth = useAuthorizationApiBearer(t)

const control = (path: string, body: unknown = {}) => postJson(`${t.sandbox.origin}/__sandbox/avarda${path}`, body)
const create = async (identity: string = ID.approved) =>
  (await postJson(`${t.aa}/authorization/invoice`, authorizationRequest("SE", identity), auth)).body.authorizationId as string

describe("simulators", () => {
  it("are four, named per API, sharing one control object", () => {
    const simulators = createAvardaSimulators()
    expect(simulators.map((simulator) => simulator.name)).toEqual(["avarda-authorization-api", "avarda-checkout2", "avarda-mypages", "avarda-payment-widget"])
    expect(new Set(simulators.map((simulator) => simulator.control)).size).toBe(1)
    expect(Object.keys(t.sandbox.controls)).toEqual(expect.arrayContaining(["avarda-authorization-api", "avarda-checkout2", "avarda-mypages", "avarda-payment-widget"]))
    expect(typeof t.control.seedMyPagesDemo).toBe("function")
  })

  it("keep two sandboxes in one process independent", async () => {
    const other = await startAvardaSandbox()
    try {
      const id = await create()
      expect(t.control.listAuthorizations()).toHaveLength(1)
      expect(other.control.listAuthorizations()).toEqual([])
      const otherAuth = bearer(await authorizationApiToken(other))
      expect((await getJson(`${other.aa}/authorization/${id}`, otherAuth)).status).toBe(404)
      expect((await getJson(`${other.aa}/authorization/${id}`, auth)).status).toBe(401)
    } finally {
      await other.sandbox.stop()
    }
  })

  it("forget everything on reset (authorizations, purchases, fixtures, tokens)", async () => {
    await create()
    await postJson(`${t.c2}/CheckOut2Api/v2/AuthorizeInvoiceEID`, standaloneRequest(), basicAuth(t))
    t.control.seedMyPagesDemo()
    t.sandbox.reset()
    expect(t.control.listAuthorizations()).toEqual([])
    expect(t.control.listStandalonePurchases()).toEqual([])
    expect(() => t.control.listMyPagesAccounts("demo-purchase-invoice")).toThrow(/Unknown purchaseId/)
    expect((await postJson(`${t.aa}/authorization/invoice`, authorizationRequest(), auth)).status).toBe(401)
  })
})

describe("console snapshot", () => {
  it("lists authorizations, captures, returns, CheckOut2 purchases, commerce calls and My Pages data as flat rows", async () => {
    const id = await create()
    await postJson(`${t.aa}/authorization/${id}/order`, { items: [{ description: "A", amount: 100 }], orderReference: "O-1", tranId: "t-1" }, auth)
    await postJson(`${t.aa}/authorization/${id}/return`, { items: [{ description: "A", amount: 40 }], orderReference: "O-1" }, auth)
    const c2 = await postJson(`${t.c2}/CheckOut2Api/v2/AuthorizeInvoiceEID`, standaloneRequest(), basicAuth(t))
    await postJson(`${t.c2}/CheckOut2Api/Commerce/PurchaseOrder`, { ExternalId: c2.body.ExternalId, Items: [{ Description: "x", Amount: 10 }] }, basicAuth(t))
    const state = (await getJson(`${t.sandbox.origin}/__sandbox/state`)).body
    const aa = state.simulators["avarda-authorization-api"]
    expect(aa.authorizations).toEqual([
      expect.objectContaining({ authorizationId: id, product: "invoice", status: 0, amount: 948.5, captured: 100, returned: 40, inBackOffice: true }),
    ])
    expect(aa.captures).toEqual([{ authorizationId: id, tranId: "t-1", orderReference: "O-1", amount: 100, at: expect.any(String) }])
    expect(aa.returns).toHaveLength(1)
    const checkout2 = state.simulators["avarda-checkout2"]
    expect(checkout2.purchases).toEqual([expect.objectContaining({ externalId: c2.body.ExternalId, state: 2, invoiced: 10 })])
    expect(checkout2.commerce).toEqual([expect.objectContaining({ operation: "PurchaseOrder", amount: 10 })])
    const myPages = state.simulators["avarda-mypages"]
    expect(myPages.accounts.map((account: JsonObject) => account.balance).sort()).toEqual([10, 60])
    expect(myPages.accounts[0]).toEqual(expect.objectContaining({ shopper: "SE:198005012003", origin: "purchase", purchaseId: expect.any(String) }))
    expect(myPages.payments).toEqual([])
  })
})

describe("control routes", () => {
  it("force an authorization's status and inBackOffice", async () => {
    const id = await create()
    const forced = await control(`/authorizations/${id}/status`, { status: 1, errorCode: 3 })
    expect(forced.status).toBe(200)
    expect(forced.body).toMatchObject({ status: 1, errorCode: 3 })
    expect((await getJson(`${t.aa}/authorization/${id}`, auth)).body).toMatchObject({ status: 1, errorCode: 3 })
    await control(`/authorizations/${id}/status`, { status: 3 })
    expect(t.control.getAuthorization(id)).toMatchObject({ status: 3, errorCode: 101 })
    await control(`/authorizations/${id}/status`, { status: 0 })
    expect((await control(`/authorizations/${id}/in-back-office`, { inBackOffice: false })).body.inBackOffice).toBe(false)
    const refused = await postJson(`${t.aa}/authorization/${id}/order`, { items: [{ description: "A", amount: 1 }], orderReference: "O" }, auth)
    expect(refused.body[0].ErrorCode).toBe("10011")
    expect((await control(`/authorizations/${id}/in-back-office`, { inBackOffice: null })).body.inBackOffice).toBe(true)
    expect((await control(`/authorizations/nope/status`, { status: 0 })).status).toBe(404)
    expect((await control(`/authorizations/${id}/status`, { status: 9 })).status).toBe(400)
  })

  it("expire every token", async () => {
    expect((await control("/tokens/expire")).status).toBe(200)
    const res = await postJson(`${t.aa}/authorization/invoice`, authorizationRequest(), auth)
    expect(res.status).toBe(401)
    expect(res.headers.get("www-authenticate")).toContain("expired")
  })

  it("drive CheckOut2 purchases, My Pages strong auth and payments", async () => {
    const eid = await postJson(`${t.c2}/CheckOut2Api/v2/AuthorizeInvoiceEID`, standaloneRequest("SE", ID.idValidationRequired), basicAuth(t))
    const externalId = eid.body.ExternalId
    expect((await control(`/checkout2/purchases/${externalId}/electronic-id`, { status: "Cancel" })).body).toEqual({ state: 8, status: "Cancel" })
    expect((await control(`/checkout2/purchases/${externalId}/state`, { state: 2 })).body.state).toBe(2)
    expect((await control(`/checkout2/purchases/${externalId}/state`, { state: 42 })).status).toBe(400)
    await postJson(`${t.c2}/CheckOut2Api/Commerce/PurchaseOrder`, { ExternalId: externalId, Items: [{ Description: "x", Amount: 500 }] }, basicAuth(t))

    const accounts = await getJson(`${t.sandbox.origin}/__sandbox/avarda/mypages/accounts?purchaseId=${externalId}`)
    expect(accounts.body).toEqual([expect.objectContaining({ balance: 500, type: "Invoice" })])
    expect((await control("/mypages/strong-auth", { customerAuthToken: "tok", purchaseId: externalId })).status).toBe(200)

    const { clientId, clientSecret } = t.sandbox.settings.avarda
    const mp = bearer((await postJson(`${t.mp}/auth/token`, { clientId, clientSecret })).body.token)
    const started = await postJson(`${t.mp}/Pay`, { accountId: accounts.body[0].id }, mp)
    const paid = await control(`/mypages/payments/${started.body.purchaseId}`, { choice: "custom", amount: 120.5 })
    expect(paid.body).toEqual({ state: "Paid", amount: 120.5 })
    expect((await control(`/mypages/payments/${started.body.purchaseId}`, { choice: "full" })).status).toBe(400)
    expect((await control(`/mypages/payments/nope`, { choice: "full" })).status).toBe(404)
    const state = (await getJson(`${t.sandbox.origin}/__sandbox/avarda/state`)).body
    expect(state.myPagesPayments).toEqual([expect.objectContaining({ purchaseId: started.body.purchaseId, state: "Paid", choice: "custom", amount: 120.5 })])
    expect(state.standalonePurchases).toHaveLength(1)
  })
})

describe("fault injection answers like the vendor", () => {
  it("uses the Authorization API's 500 body and a bearer 401 for expired-token", async () => {
    t.sandbox.faults.add({ route: "avarda.authorization.create.invoice", kind: "status", status: 500, times: 1 })
    const failed = await postJson(`${t.aa}/authorization/invoice`, authorizationRequest(), auth)
    expect(failed.status).toBe(500)
    expect(failed.body).toEqual({ errorCode: 101, errorMessage: "Internal error", authorizationId: expect.any(String) })
    expect((await postJson(`${t.aa}/authorization/invoice`, authorizationRequest(), auth)).status).toBe(201)
    t.sandbox.faults.add({ route: "avarda.*", kind: "expired-token", times: 1 })
    const expired = await getJson(`${t.aa}/authorization/x`, auth)
    expect(expired.status).toBe(401)
    expect(expired.headers.get("www-authenticate")).toContain("invalid_token")
  })

  it("uses CheckOut2's and My Pages' error shapes", async () => {
    t.sandbox.faults.add({ route: "avarda.checkout2.status", kind: "status", status: 503, times: 1 })
    const c2 = await postJson(`${t.c2}/CheckOut2Api/GetPaymentStatus`, { PurchaseId: "x" }, basicAuth(t))
    expect(c2.status).toBe(503)
    expect(c2.body).toEqual({ Message: "An error has occurred." })
    t.sandbox.faults.add({ route: "avarda.mypages.invoices.list", kind: "status", status: 404, times: 1 })
    const mp = await getJson(`${t.mp}/Invoices?purchaseId=x`)
    expect(mp.body).toMatchObject({ status: 404, title: "Not Found" })
  })

  it("journals the Avarda calls under their route names", async () => {
    const id = await create()
    await postJson(`${t.aa}/authorization/${id}/order`, { items: [{ description: "A", amount: 1 }], orderReference: "O" }, auth)
    const entries = t.sandbox.journal.entries({ route: "avarda.authorization.order" })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ status: 200, method: "POST" })
  })
})
