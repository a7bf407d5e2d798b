import { decodeJwt } from "jose"
import { AVARDA_TEST_IDENTITIES } from "../avarda/test-identities"
import {
  authorizationRequest,
  basicAuth,
  bearer,
  getJson,
  postForm,
  postJson,
  standaloneRequest,
  useAuthorizationApiBearer,
  useAvardaSandbox,
  type AvardaTestSandbox,
  type JsonObject,
} from "./avarda-test-helpers"

const ID = AVARDA_TEST_IDENTITIES
const DAY = 24 * 60 * 60 * 1000
const RETURN_URL = "https://shop.example/account/avarda?tab=loans"
const t = useAvardaSandbox()
const aaAuth = useAuthorizationApiBearer(t)
let mpAuth: Record<string, string>

async function myPagesToken(sandbox: AvardaTestSandbox = t) {
  const { clientId, clientSecret } = sandbox.sandbox.settings.avarda
  const res = await postJson(`${sandbox.mp}/auth/token`, { clientId, clientSecret })
  expect(res.status).toBe(200)
  return res.body as { token: string; tokenExpirationUtc: string }
}

beforeEach(async () => {
  mpAuth = bearer((await myPagesToken()).token)
})

const customer = (token = "customer-token-1", extra: Record<string, string> = {}): Record<string, string> => ({
  ...mpAuth,
  customerAuthToken: token,
  customerTokenProvider: "Self",
  customerAuthenticationReturnUrl: RETURN_URL,
  ...extra,
})
const accounts = (purchaseId: string, headers: Record<string, string> = customer()) => getJson(`${t.mp}/Accounts?purchaseId=${purchaseId}`, headers)
const invoices = (purchaseId: string, headers: Record<string, string> = customer()) => getJson(`${t.mp}/Invoices?purchaseId=${purchaseId}`, headers)

async function authorize(product: string, identity: string = ID.SE.approved, extra: Record<string, unknown> = {}) {
  const body = authorizationRequest("SE", identity, { items: [{ description: "Cart", amount: 5000 }], ...extra })
  const res = await postJson(`${t.aa}/authorization/${product}`, body, aaAuth)
  expect(res.status).toBe(201)
  return res.body.authorizationId as string
}
async function capture(authorizationId: string, amount: number, tranId?: string) {
  const res = await postJson(
    `${t.aa}/authorization/${authorizationId}/order`,
    { items: [{ description: "Trail shoes", notes: "SKU-1", amount, taxCode: "25", taxAmount: amount / 5 }], orderReference: "ORDER-1001", ...(tranId ? { tranId } : {}) },
    aaAuth,
  )
  expect(res.status).toBe(200)
}

describe("POST auth/token", () => {
  it("returns {token, tokenExpirationUtc}; the JWT exp matches the expiry", async () => {
    const { token, tokenExpirationUtc } = await myPagesToken()
    const claims = decodeJwt(token)
    expect(new Date(claims.exp! * 1000).toISOString()).toBe(new Date(Math.floor(Date.parse(tokenExpirationUtc) / 1000) * 1000).toISOString())
    expect(Date.parse(tokenExpirationUtc) - t.sandbox.clock.now().getTime()).toBeGreaterThan(3590 * 1000)
    const patchJson = await postJson(`${t.mp}/Auth/Token`, t.sandbox.settings.avarda && { clientId: t.sandbox.settings.avarda.clientId, clientSecret: t.sandbox.settings.avarda.clientSecret }, {
      "content-type": "application/json-patch+json",
      accept: "text/plain",
    })
    expect(patchJson.status).toBe(200)
  })

  it("refuses wrong or missing credentials", async () => {
    const wrong = await postJson(`${t.mp}/auth/token`, { clientId: "x", clientSecret: "y" })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toMatchObject({ status: 401, title: "Unauthorized" })
    const missing = await postJson(`${t.mp}/auth/token`, {})
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual({ ClientId: ["The ClientId field is required."], ClientSecret: ["The ClientSecret field is required."] })
  })

  it("is required on the data calls and expires with the sandbox clock", async () => {
    const id = await authorize("invoice")
    expect((await invoices(id, { ...customer(), authorization: "" })).status).toBe(401)
    expect((await invoices(id)).status).toBe(200)
    t.sandbox.clock.advance(3600 * 1000)
    expect((await invoices(id)).status).toBe(401)
    // Authorization-API tokens are not My Pages tokens.
    expect((await invoices(id, { ...customer(), ...aaAuth })).status).toBe(401)
  })
})

describe("customer headers and purchaseId", () => {
  it("are required (customerAuthenticationReturnUrl only on /Accounts)", async () => {
    const id = await authorize("invoice")
    const bare = await getJson(`${t.mp}/Accounts`, mpAuth)
    expect(bare.status).toBe(400)
    expect(Object.keys(bare.body.errors)).toEqual(["purchaseId", "customerAuthToken", "customerTokenProvider", "customerAuthenticationReturnUrl"])
    const noReturn = await invoices(id, { ...mpAuth, customerAuthToken: "c", customerTokenProvider: "google" })
    expect(noReturn.status).toBe(200)
    const badProvider = await invoices(id, { ...mpAuth, customerAuthToken: "c", customerTokenProvider: "Facebook" })
    expect(badProvider.status).toBe(400)
    expect(badProvider.body.errors.customerTokenProvider[0]).toContain("Self, Google")
  })

  it("answers 404 for a purchase id nobody knows", async () => {
    const res = await invoices("00000000-0000-4000-8000-000000000000")
    expect(res.status).toBe(404)
    expect(res.body.title).toBe("Not Found")
  })
})

describe("accounts and invoices derived from sandbox purchases", () => {
  it("has nothing before capture; a captured invoice purchase becomes an Unpaid invoice with transactions", async () => {
    const id = await authorize("invoice")
    expect((await invoices(id)).body).toEqual([])
    await capture(id, 600, "c-1")
    await capture(id, 600, "c-1")
    const list = await invoices(id)
    expect(list.status).toBe(200)
    expect(list.body).toHaveLength(1)
    const summary = list.body[0]
    expect(Object.keys(summary)).toEqual([
      "id",
      "invoiceDate",
      "dueDate",
      "currency",
      "balance",
      "state",
      "type",
      "paymentReference",
      "purchaseId",
      "postponed",
      "myPagesLiveUrl",
      "scheduledPaymentAmount",
      "scheduledPaymentChargeDate",
    ])
    expect(summary).toMatchObject({ currency: "SEK", balance: 600, state: "Unpaid", type: "Invoice", purchaseId: [id], postponed: false })
    expect(Date.parse(summary.dueDate) - Date.parse(summary.invoiceDate)).toBe(30 * DAY)

    const detail = await getJson(`${t.mp}/Invoices/${summary.id}?purchaseId=${id}`, customer())
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({
      id: summary.id,
      balance: 600,
      originalAmount: 600,
      minimumAmountToPay: 100,
      state: "Unpaid",
      receiver: "Avarda Bank AB",
      bankAccount: "Bankgiro 5050-1055",
      orderReference: ["ORDER-1001"],
      aprData: null,
      transactions: [
        {
          description: "Trail shoes",
          notes: "SKU-1",
          amount: 600,
          taxAmount: 120,
          taxCode: "25",
          transactionType: "Purchase",
          transactionDate: expect.any(String),
          orderReference: "ORDER-1001",
        },
      ],
    })
    expect((await getJson(`${t.mp}/Invoices/123?purchaseId=${id}`, customer())).status).toBe(404)
  })

  it("shows returns, turns Overdue after the due date and appears in /Accounts without strong auth", async () => {
    const id = await authorize("direct-invoice")
    await capture(id, 1000)
    await postJson(`${t.aa}/authorization/${id}/return`, { items: [{ description: "Return", amount: 250 }], orderReference: "ORDER-1001" }, aaAuth)
    const [invoice] = (await invoices(id)).body
    expect(invoice).toMatchObject({ type: "DirectInvoice", balance: 750, state: "Unpaid" })
    t.sandbox.clock.advance(31 * DAY)
    mpAuth = bearer((await myPagesToken()).token) // the partner token lives one hour
    expect((await invoices(id)).body[0].state).toBe("Overdue")
    const list = await accounts(id)
    expect(list.status).toBe(200)
    expect(list.body).toEqual([expect.objectContaining({ id: invoice.id, type: "DirectInvoice", state: "Overdue", balance: 750, minimumAmountToPay: 750, originalAmount: 1000 })])
  })

  it("derives invoices from CheckOut2 purchases too (purchaseId = ExternalId)", async () => {
    const created = await postJson(`${t.c2}/CheckOut2Api/v2/AuthorizeInvoiceEID`, standaloneRequest(), basicAuth(t))
    const externalId = created.body.ExternalId
    expect((await invoices(externalId)).body).toEqual([])
    await postJson(`${t.c2}/CheckOut2Api/Commerce/PurchaseOrder`, { ExternalId: externalId, Items: [{ Description: "Shoes", Amount: 500 }] }, basicAuth(t))
    await postJson(`${t.c2}/CheckOut2Api/Commerce/Refund`, { ExternalId: externalId, Amount: 100 }, basicAuth(t))
    const [invoice] = (await invoices(externalId)).body
    expect(invoice).toMatchObject({ balance: 400, purchaseId: [externalId] })
    const detail = await getJson(`${t.mp}/Invoices/${invoice.id}?purchaseId=${externalId}`, customer())
    expect(detail.body.transactions.map((x: JsonObject) => [x.transactionType, x.amount])).toEqual([
      ["Purchase", 500],
      ["Refund", -100],
    ])
  })

  it("any purchase id of a shopper returns all of the shopper's accounts, and only theirs", async () => {
    const first = await authorize("invoice")
    const second = await authorize("invoice")
    await capture(first, 100)
    await capture(second, 200)
    const standalone = await postJson(`${t.c2}/CheckOut2Api/v2/AuthorizeInvoiceEID`, standaloneRequest(), basicAuth(t))
    await postJson(`${t.c2}/CheckOut2Api/Commerce/PurchaseOrder`, { ExternalId: standalone.body.ExternalId, Items: [{ Description: "x", Amount: 300 }] }, basicAuth(t))
    const other = (await postJson(`${t.aa}/authorization/invoice`, authorizationRequest("SE", "191704109279"), aaAuth)).body.authorizationId
    await capture(other, 900)
    for (const purchaseId of [first, second, standalone.body.ExternalId]) {
      const balances = (await invoices(purchaseId)).body.map((invoice: JsonObject) => invoice.balance).sort()
      expect(balances).toEqual([100, 200, 300])
    }
    expect((await invoices(other)).body.map((invoice: JsonObject) => invoice.balance)).toEqual([900])
  })
})

describe("strong authentication for loan data", () => {
  it("answers 202 {redirectUrl} until the customerAuthToken has authenticated on the page", async () => {
    const invoiceId = await authorize("invoice")
    await capture(invoiceId, 100)
    const loanId = await authorize("loan", ID.SE.approved, { paymentTerms: 24 })
    await capture(loanId, 2400)

    const gated = await accounts(invoiceId)
    expect(gated.status).toBe(202)
    expect(Object.keys(gated.body)).toEqual(["redirectUrl"])
    expect(gated.body.redirectUrl).toMatch(new RegExp(`^${t.sandbox.origin}/avarda/pages/mypages-strong-auth/`))
    expect((await invoices(invoiceId)).status).toBe(200)

    const page = await fetch(gated.body.redirectUrl)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('name="action" value="identify"')
    const back = await postForm(gated.body.redirectUrl, { action: "identify" })
    expect(back.status).toBe(302)
    expect(back.headers.get("location")).toBe(RETURN_URL)

    const unlocked = await accounts(invoiceId)
    expect(unlocked.status).toBe(200)
    const loan = unlocked.body.find((account: JsonObject) => account.type === "Loan")
    expect(loan).toMatchObject({ balance: 2400, state: "Unpaid", purchaseId: [loanId] })
    expect(loan.aprData).toBeUndefined()
    expect((await accounts(loanId, customer("another-token"))).status).toBe(202)

    const detail = await getJson(`${t.mp}/Accounts/${loan.id}?purchaseId=${loanId}`, customer())
    expect(detail.status).toBe(200)
    expect(detail.body.aprData).toMatchObject({ creditAmount: 2400, months: 24, interestRate: 19.95, invoiceFee: 29 })
    expect(detail.body.minimumAmountToPay).toBe(detail.body.aprData.perMonth)
    const gatedDetail = await getJson(`${t.mp}/Accounts/${loan.id}?purchaseId=${loanId}`, customer("another-token"))
    expect(gatedDetail.status).toBe(202)
  })

  it("stays locked after Cancel; part payments are Loan accounts too", async () => {
    const id = await authorize("part-payment", ID.SE.approved, { paymentTerms: 12, accountClassCode: 1784 })
    await capture(id, 1200)
    const gated = await accounts(id)
    const back = await postForm(gated.body.redirectUrl, { action: "cancel" })
    expect(back.headers.get("location")).toBe(RETURN_URL)
    expect((await accounts(id)).status).toBe(202)
    t.control.completeStrongAuthentication("customer-token-1", id)
    const list = await accounts(id)
    expect(list.status).toBe(200)
    const detail = await getJson(`${t.mp}/Accounts/${list.body[0].id}?purchaseId=${id}`, customer())
    expect(detail.body.aprData).toMatchObject({ months: 12, interestRate: 0, invoiceFee: 29 })
  })
})

describe("Pay", () => {
  async function openInvoice(amount = 1000) {
    const id = await authorize("invoice")
    await capture(id, amount)
    const [invoice] = (await invoices(id)).body
    return { purchaseId: id, accountId: invoice.id as string }
  }
  const pay = (accountId: string) => postJson(`${t.mp}/Pay`, { language: 1, accountId }, mpAuth)
  const payStatus = (purchaseId: string, accountId: string) => postJson(`${t.mp}/Pay/Status`, { purchaseId, accountId }, mpAuth)

  it("starts a payment {purchaseId, jwt}; the form pays the minimum; /Pay/Status reports Paid", async () => {
    const { purchaseId, accountId } = await openInvoice()
    const started = await pay(accountId)
    expect(started.status).toBe(200)
    expect(Object.keys(started.body)).toEqual(["purchaseId", "jwt"])
    expect(decodeJwt(started.body.jwt)).toMatchObject({ purchaseId: started.body.purchaseId, accountId })
    expect((await payStatus(started.body.purchaseId, accountId)).body).toEqual({ state: "Unpaid" })

    const formUrl = `${t.sandbox.origin}/avarda/pages/mypages-pay?purchaseId=${started.body.purchaseId}&jwt=${started.body.jwt}`
    const form = await fetch(formUrl)
    expect(form.status).toBe(200)
    const html = await form.text()
    for (const field of ['name="amountOption" value="full"', 'name="amountOption" value="minimum"', 'name="amountOption" value="custom"', 'name="customAmount"']) {
      expect(html).toContain(field)
    }
    const done = await postForm(`${t.sandbox.origin}/avarda/pages/mypages-pay`, {
      purchaseId: started.body.purchaseId,
      jwt: started.body.jwt,
      redirectUrl: "https://shop.example/paid",
      amountOption: "minimum",
      action: "pay",
    })
    expect(done.status).toBe(302)
    expect(done.headers.get("location")).toBe(`https://shop.example/paid?purchaseId=${started.body.purchaseId}&state=Paid`)
    expect((await payStatus(started.body.purchaseId, accountId)).body).toEqual({ state: "Paid" })
    const [invoice] = (await invoices(purchaseId)).body
    expect(invoice).toMatchObject({ balance: 900, state: "Unpaid" })
    const detail = await getJson(`${t.mp}/Invoices/${accountId}?purchaseId=${purchaseId}`, customer())
    expect(detail.body.transactions.at(-1)).toMatchObject({ transactionType: "Payment", amount: -100 })
  })

  it("accepts a custom amount between minimum and balance, then the full rest makes the invoice Paid", async () => {
    const { purchaseId, accountId } = await openInvoice()
    const started = (await pay(accountId)).body
    const submit = (fields: Record<string, string>) =>
      postForm(`${t.sandbox.origin}/avarda/pages/mypages-pay`, { purchaseId: started.purchaseId, jwt: started.jwt, action: "pay", ...fields })
    const tooLow = await submit({ amountOption: "custom", customAmount: "99.99" })
    expect(tooLow.status).toBe(400)
    expect(tooLow.text).toContain("between the minimum (100) and the balance (1000)")
    expect((await submit({ amountOption: "custom", customAmount: "abc" })).status).toBe(400)
    const ok = await submit({ amountOption: "custom", customAmount: "250,50" })
    expect(ok.status).toBe(200)
    expect(ok.text).toContain("Paid 250.50")
    expect((await invoices(purchaseId)).body[0].balance).toBe(749.5)

    const rest = (await pay(accountId)).body
    expect(t.control.completeMyPagesPayment(rest.purchaseId, "full")).toEqual({ state: "Paid", amount: 749.5 })
    expect((await invoices(purchaseId)).body[0]).toMatchObject({ balance: 0, state: "Paid" })
    const nothingLeft = await pay(accountId)
    expect(nothingLeft.status).toBe(400)
  })

  it("reports Cancelled, Error and TimedOut", async () => {
    const { accountId } = await openInvoice()
    const cancelled = (await pay(accountId)).body
    await postForm(`${t.sandbox.origin}/avarda/pages/mypages-pay`, { purchaseId: cancelled.purchaseId, jwt: cancelled.jwt, action: "cancel" })
    expect((await payStatus(cancelled.purchaseId, accountId)).body.state).toBe("Cancelled")
    const failed = (await pay(accountId)).body
    await postForm(`${t.sandbox.origin}/avarda/pages/mypages-pay`, { purchaseId: failed.purchaseId, jwt: failed.jwt, action: "fail" })
    expect((await payStatus(failed.purchaseId, accountId)).body.state).toBe("Error")
    const abandoned = (await pay(accountId)).body
    t.sandbox.clock.advance(31 * 60 * 1000)
    expect((await payStatus(abandoned.purchaseId, accountId)).body.state).toBe("TimedOut")
    const late = await postForm(`${t.sandbox.origin}/avarda/pages/mypages-pay`, { purchaseId: abandoned.purchaseId, jwt: abandoned.jwt, action: "pay" })
    expect(late.status).toBe(401) // the jwt expired with the session
  })

  it("validates /Pay and /Pay/Status bodies and refuses a foreign jwt", async () => {
    const { accountId } = await openInvoice()
    expect((await postJson(`${t.mp}/Pay`, { language: "Swedish" }, mpAuth)).body.errors).toEqual({ AccountId: ["The AccountId field is required."] })
    expect((await pay("nope")).status).toBe(404)
    expect((await postJson(`${t.mp}/Pay/Status`, {}, mpAuth)).body.errors).toEqual({
      PurchaseId: ["The PurchaseId field is required."],
      AccountId: ["The AccountId field is required."],
    })
    const first = (await pay(accountId)).body
    const second = (await pay(accountId)).body
    expect((await payStatus(first.purchaseId, "other")).status).toBe(404)
    const foreign = await fetch(`${t.sandbox.origin}/avarda/pages/mypages-pay?purchaseId=${first.purchaseId}&jwt=${second.jwt}`)
    expect(foreign.status).toBe(401)
  })
})

describe("fixtures", () => {
  it("seeds the demo shopper through the control route", async () => {
    const res = await postJson(`${t.sandbox.origin}/__sandbox/avarda/mypages/fixtures/demo`, {})
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ purchaseIds: ["demo-purchase-invoice", "demo-purchase-loan"], accountIds: ["7000000001", "7000000002", "7000000003", "7000000004"] })
    const list = await invoices("demo-purchase-loan")
    expect(list.body.map((invoice: JsonObject) => [invoice.id, invoice.type, invoice.state])).toEqual([
      ["7000000001", "Invoice", "Unpaid"],
      ["7000000002", "Invoice", "Overdue"],
      ["7000000003", "DirectInvoice", "Paid"],
    ])
    expect((await accounts("demo-purchase-invoice")).status).toBe(202)
    expect((await postJson(`${t.sandbox.origin}/__sandbox/avarda/mypages/fixtures/demo`, {})).status).toBe(400)
  })

  it("seeds custom fixtures (pinned states, loans) through the control object and validates them", async () => {
    const seeded = t.control.seedMyPages({
      identificationNumber: ID.NO.approved,
      purchaseIds: ["fx-1"],
      accounts: [
        { type: "Invoice", amount: 300, state: "Postponed" },
        { id: "LOAN-1", type: "LargeAmountLoan", amount: 150000, months: 72, interestRate: 9.9 },
      ],
    })
    expect(seeded.accountIds[1]).toBe("LOAN-1")
    const [invoice] = (await invoices("fx-1")).body
    expect(invoice).toMatchObject({ currency: "NOK", state: "Postponed", postponed: true })
    t.control.completeStrongAuthentication("customer-token-1", "fx-1")
    const loan = await getJson(`${t.mp}/Accounts/LOAN-1?purchaseId=fx-1`, customer())
    expect(loan.body.aprData).toMatchObject({ months: 72, interestRate: 9.9, invoiceFee: 39 })
    const bad = await postJson(`${t.sandbox.origin}/__sandbox/avarda/mypages/fixtures`, { identificationNumber: ID.SE.approved, purchaseIds: [], accounts: [] })
    expect(bad.status).toBe(400)
    expect(bad.body.issues.length).toBeGreaterThan(0)
  })
})
