// Avarda My Pages through the real app and the sandbox: a customer sees only their own invoices
// and accounts (looked up from their own Avarda orders), strong authentication, paying an open
// invoice, Avarda failures, and the admin view of a customer.
import { createHmac } from "node:crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosResponse } from "axios"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import { createAdminUser, registerCustomer, type AdminUser, type Customer } from "../support/actors"
import { AVARDA_SWEDEN } from "../support/avarda"
import { checkout, completeCart, prepareCart } from "../support/checkout"
import { avardaInvoicePayment, avardaStandalonePayment, placeAvardaOrder, relabelOrderPayments } from "../support/avarda-my-pages-orders"
import { startRecordingProxy, type RecordingProxy } from "../support/recording-proxy"
import { createStoreFixtures, SPAIN, type StoreFixtures } from "../support/store-fixtures"

jest.setTimeout(180_000)

const STOREFRONT = "http://storefront.test"
const PURCHASE_A = "A0000000000000000000000000000001"
const PURCHASE_B = "B0000000000000000000000000000002"
const PURCHASE_D = "D0000000000000000000000000000004"
const SANDBOX_CUSTOMER_TOKEN_SECRET = "sandbox-only-my-pages-customer-token-secret"

let sandbox: Sandbox
/** The app talks to the sandbox through this proxy, which records the query strings it sends. */
let proxy: RecordingProxy
const savedEnv = { ...process.env }

beforeAll(async () => {
  sandbox = await startSandbox()
  proxy = await startRecordingProxy(sandbox.origin)
  process.env.SANDBOX_URL = proxy.origin
  process.env.STOREFRONT_URL = STOREFRONT
  process.env.AVARDA_MY_PAGES_TIMEOUT_MS = "1500"
})

afterAll(async () => {
  process.env = savedEnv
  await proxy?.close()
  await sandbox?.stop()
})

/** Sandbox shoppers: A and B each bought on invoice; D also has a loan (strong authentication). */
function seedSandbox() {
  sandbox.reset()
  proxy.requests.length = 0
  const control = sandbox.avarda as unknown as { seedMyPages(fixture: unknown): { accountIds: string[] } }
  control.seedMyPages({
    identificationNumber: "198005012003",
    market: "SE",
    purchaseIds: [PURCHASE_A],
    accounts: [
      { id: "7100000001", type: "Invoice", amount: 1249, accountDate: daysAgo(10), dueInDays: 20, description: "Winter jacket", orderReference: "A-1" },
      { id: "7100000002", type: "Invoice", amount: 399.5, accountDate: daysAgo(40), dueInDays: -10, description: "Running shoes", orderReference: "A-2" },
      { id: "7100000003", type: "DirectInvoice", amount: 500, paid: 500, accountDate: daysAgo(70), dueInDays: -40, description: "Gift card" },
    ],
  })
  control.seedMyPages({
    identificationNumber: "198005203008",
    market: "SE",
    purchaseIds: [PURCHASE_B],
    accounts: [{ id: "7200000001", type: "Invoice", amount: 999, accountDate: daysAgo(5), dueInDays: 25, description: "B's sofa cushion" }],
  })
  control.seedMyPages({
    identificationNumber: "198005022002",
    market: "SE",
    purchaseIds: [PURCHASE_D],
    accounts: [
      { id: "7300000001", type: "Invoice", amount: 250, accountDate: daysAgo(3), dueInDays: 27 },
      { id: "7300000002", type: "Loan", amount: 12000, months: 36, accountDate: daysAgo(20), dueInDays: 10, description: "Sofa" },
    ],
  })
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString()
}

const anyStatus = { validateStatus: () => true }

function myPagesCalls() {
  return sandbox.journal.entries().filter((entry) => entry.route.startsWith("avarda.mypages.") && entry.route !== "avarda.mypages.token")
}

/** Calls Avarda answered (the sandbox reset before each test forgets the app's cached token, which then retries once). */
function answeredMyPagesCalls() {
  return myPagesCalls().filter((entry) => entry.status !== 401)
}

/** Request lines (path + query) the app sent to My Pages data endpoints. */
function sentToMyPages(): string[] {
  return proxy.requests.map((r) => r.url).filter((url) => url.startsWith("/avarda/mypages/") && !url.startsWith("/avarda/mypages/auth/"))
}

/** Submits a sandbox HTML form the way a browser would; answers the redirect target. */
async function submitForm(url: string, fields: Record<string, string>): Promise<{ status: number; location: string | null }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  })
  await res.text()
  return { status: res.status, location: res.headers.get("location") }
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixtures
    let admin: AdminUser
    let customerA: Customer
    let customerB: Customer
    let customerC: Customer
    let customerD: Customer
    let orderA: string
    let orderB: string
    let orderC: string

    const list = (customer: Customer, query = "") =>
      api.get(`/store/customers/me/avarda/accounts${query}`, { headers: customer.headers, ...anyStatus })

    beforeAll(async () => {
      const container = getContainer()
      // Sweden offers the real Avarda providers next to the system provider used to fake Avarda orders.
      store = await createStoreFixtures(container, [AVARDA_SWEDEN, SPAIN])
      admin = await createAdminUser(container)
      const order = (customer: Customer, label: ReturnType<typeof avardaInvoicePayment>) =>
        placeAvardaOrder(api, container, {
          publishableKey: store.publishableKey,
          regionId: store.regions.Sweden.id,
          variantId: store.product.variantId,
          customerToken: customer.token,
          email: customer.email,
          label,
        })
      customerA = await registerCustomer(api, store.publishableKey, { email: "anna@example.com", first_name: "Anna" })
      customerB = await registerCustomer(api, store.publishableKey, { email: "bertil@example.com", first_name: "Bertil" })
      customerC = await registerCustomer(api, store.publishableKey, { email: "cecilia@example.com", first_name: "Cecilia" })
      customerD = await registerCustomer(api, store.publishableKey, { email: "david@example.com", first_name: "David" })
      orderA = (await order(customerA, avardaInvoicePayment(PURCHASE_A))).orderId
      orderB = (await order(customerB, avardaStandalonePayment(PURCHASE_B))).orderId
      await order(customerD, avardaInvoicePayment(PURCHASE_D))
      // C bought with the system provider only: nothing at Avarda.
      const systemOrder = await checkout(api, {
        publishableKey: store.publishableKey,
        regionId: store.regions.Sweden.id,
        variantId: store.product.variantId,
        customerToken: customerC.token,
        email: customerC.email,
        providerId: "pp_system_default",
      })
      orderC = systemOrder.complete!.data.order.id
    })

    beforeEach(() => {
      seedSandbox()
    })

    describe("who may call", () => {
      it.each([
        ["GET", "/store/customers/me/avarda/accounts"],
        ["GET", "/store/customers/me/avarda/accounts/7100000001"],
        ["POST", "/store/customers/me/avarda/accounts/7100000001/pay"],
        ["GET", "/store/customers/me/avarda/accounts/7100000001/payments/ABC"],
        ["GET", "/store/customers/me/avarda/strong-authentication"],
      ])("anonymous %s %s → 401", async (method, url) => {
        const res = await api.request({ method, url, headers: { "x-publishable-api-key": store.publishableKey }, ...anyStatus })
        expect(res.status).toBe(401)
        expect(myPagesCalls()).toHaveLength(0)
      })

      it.each([
        ["anonymous", () => ({})],
        ["a customer", () => customerA.headers],
      ])("admin routes refuse %s", async (_who, headers) => {
        for (const url of [`/admin/avarda/customers/${customerA.id}/accounts`, `/admin/avarda/customers/${customerA.id}/accounts/7100000001`]) {
          const res = await api.get(url, { headers: headers(), ...anyStatus })
          expect(res.status).toBe(401)
        }
        expect(myPagesCalls()).toHaveLength(0)
      })
    })

    describe("the customer's list", () => {
      it("merges invoices and accounts, newest first, with amounts, states and dates", async () => {
        const res = await list(customerA)
        expect(res.status).toBe(200)
        expect(res.data.strong_authentication).toEqual({ required: false, redirect_url: null, message: null })
        expect(res.data.count).toBe(3)
        expect(res.data.accounts.map((a: { id: string }) => a.id)).toEqual(["7100000001", "7100000002", "7100000003"])
        const [open, overdue, paid] = res.data.accounts
        expect(open).toMatchObject({
          kind: "invoice",
          type: "Invoice",
          type_label: "Invoice",
          state: "Unpaid",
          state_label: "Unpaid",
          state_tone: "orange",
          needs_payment: true,
          payable: true,
          currency: "SEK",
          balance: 1249,
          original_amount: 1249,
          minimum_amount_to_pay: 125,
        })
        expect(Date.parse(open.due_date)).toBeGreaterThan(Date.now())
        expect(open).toHaveProperty("live_invoice_url")
        expect(overdue).toMatchObject({ state: "Overdue", state_label: "Overdue", state_tone: "red", balance: 399.5, payable: true })
        expect(paid).toMatchObject({ type: "DirectInvoice", type_label: "Direct invoice", state: "Paid", balance: 0, payable: false })
      })

      it("asks Avarda with the customer's own purchase id and HMAC token only", async () => {
        await list(customerA)
        const calls = answeredMyPagesCalls()
        expect(calls.map((c) => c.route).sort()).toEqual(["avarda.mypages.accounts.list", "avarda.mypages.invoices.list"])
        const expectedToken = createHmac("sha256", SANDBOX_CUSTOMER_TOKEN_SECRET).update(`medusa-customer:${customerA.id}`).digest("hex")
        expect(new Set(sentToMyPages())).toEqual(
          new Set([`/avarda/mypages/Accounts?purchaseId=${PURCHASE_A}`, `/avarda/mypages/Invoices?purchaseId=${PURCHASE_A}`])
        )
        for (const call of calls) {
          expect(call.headers.customerauthtoken).toBe(expectedToken)
          expect(call.headers.customertokenprovider).toBe("Self")
          expect(call.headers.customerauthenticationreturnurl).toBe(`${STOREFRONT}/account/invoices`)
        }
      })

      it("finds the purchase id of a Standalone Credit order too", async () => {
        const res = await list(customerB)
        expect(res.status).toBe(200)
        expect(res.data.accounts.map((a: { id: string }) => a.id)).toEqual(["7200000001"])
      })

      it("gives a customer without Avarda orders an empty list without asking Avarda", async () => {
        const res = await list(customerC)
        expect(res.status).toBe(200)
        expect(res.data).toEqual({
          accounts: [],
          count: 0,
          identity: { verified: false, method: null, expires_at: null, can_verify: false },
          strong_authentication: { required: false, redirect_url: null, message: null },
        })
        expect(myPagesCalls()).toHaveLength(0)
      })
    })

    describe("isolation between customers", () => {
      it("ignores purchase ids put in the request", async () => {
        const res = await list(customerA, `?purchaseId=${PURCHASE_B}&purchase_id=${PURCHASE_B}&purchaseIds[]=${PURCHASE_B}`)
        expect(res.status).toBe(200)
        expect(res.data.accounts.map((a: { id: string }) => a.id)).not.toContain("7200000001")
        const empty = await list(customerC, `?purchaseId=${PURCHASE_B}`)
        expect(empty.data.accounts).toEqual([])
        expect(sentToMyPages().length).toBeGreaterThan(0)
        for (const url of sentToMyPages()) expect(url).toContain(`purchaseId=${PURCHASE_A}`)
      })

      it("answers 404 for another customer's invoice: details, paying and payment status", async () => {
        const headers = { headers: customerA.headers, ...anyStatus }
        const detail = await api.get(`/store/customers/me/avarda/accounts/7200000001?purchaseId=${PURCHASE_B}`, headers)
        const pay = await api.post(`/store/customers/me/avarda/accounts/7200000001/pay`, {}, headers)
        const status = await api.get(`/store/customers/me/avarda/accounts/7200000001/payments/${PURCHASE_B}`, headers)
        for (const res of [detail, pay, status]) {
          expect(res.status).toBe(404)
          expect(JSON.stringify(res.data)).not.toContain("999")
          expect(JSON.stringify(res.data)).not.toContain("cushion")
        }
        expect(myPagesCalls().map((c) => c.route)).not.toContain("avarda.mypages.pay")
        expect(sandbox.journal.entries().some((e) => e.path.includes("7200000001"))).toBe(false)
        for (const url of proxy.requests.map((r) => r.url)) expect(url).not.toMatch(new RegExp(`7200000001|${PURCHASE_B}`))
      })

      it("refuses a strong-authentication return URL outside the storefront", async () => {
        const res = await list(customerA, `?return_url=${encodeURIComponent("https://evil.example/steal")}`)
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(STOREFRONT)
        expect(myPagesCalls()).toHaveLength(0)
      })
    })

    describe("one invoice or account", () => {
      it("shows an invoice with its transactions", async () => {
        const res = await api.get("/store/customers/me/avarda/accounts/7100000002", { headers: customerA.headers })
        expect(res.status).toBe(200)
        expect(res.data.account).toMatchObject({
          id: "7100000002",
          state: "Overdue",
          balance: 399.5,
          original_amount: 399.5,
          receiver: "Avarda Bank AB",
          bank_account: expect.any(String),
          order_references: ["A-2"],
          apr: null,
        })
        expect(res.data.account.transactions).toEqual([
          expect.objectContaining({ description: "Running shoes", amount: 399.5, type: "Purchase", order_reference: "A-2" }),
        ])
        expect(myPagesCalls().map((c) => c.route)).toContain("avarda.mypages.invoices.get")
      })

      it("answers 404 for an id nobody has", async () => {
        const res = await api.get("/store/customers/me/avarda/accounts/9999999999", { headers: customerA.headers, ...anyStatus })
        expect(res.status).toBe(404)
        expect(res.data.type).toBe("not_found")
      })
    })

    describe("strong authentication (loan data)", () => {
      it("passes Avarda's 202 on with the redirect URL, and shows the loan once the customer has identified", async () => {
        const first = await list(customerD)
        expect(first.status).toBe(200)
        expect(first.data.accounts.map((a: { id: string }) => a.id)).toEqual(["7300000001"])
        expect(first.data.strong_authentication).toMatchObject({ required: true, message: expect.stringContaining("identify") })
        const redirectUrl: string = first.data.strong_authentication.redirect_url
        expect(redirectUrl.startsWith(`${proxy.origin}/avarda/pages/mypages-strong-auth/`)).toBe(true)

        // D proved to be the person with electronic ID at checkout: Avarda's own gate on loans still applies.
        expect(first.data.identity).toMatchObject({ verified: true, method: "electronic_id", can_verify: false })
        const identity = await api.get("/store/customers/me/avarda/strong-authentication", { headers: customerD.headers, ...anyStatus })
        expect(identity.status).toBe(200)
        expect(identity.data.identity).toMatchObject({ verified: true, method: "electronic_id" })

        const loanBefore = await api.get("/store/customers/me/avarda/accounts/7300000002", { headers: customerD.headers, ...anyStatus })
        expect(loanBefore.status).toBe(202)
        expect(loanBefore.data.strong_authentication.required).toBe(true)

        const identified = await submitForm(redirectUrl, { action: "identify" })
        expect(identified).toEqual({ status: 302, location: `${STOREFRONT}/account/invoices` })

        const after = await list(customerD)
        expect(after.data.strong_authentication.required).toBe(false)
        expect(after.data.accounts.map((a: { id: string }) => a.id)).toEqual(["7300000001", "7300000002"])

        const loan = await api.get("/store/customers/me/avarda/accounts/7300000002", { headers: customerD.headers })
        expect(loan.status).toBe(200)
        expect(loan.data.account).toMatchObject({ kind: "account", type: "Loan", currency: "SEK", balance: 12000 })
        expect(loan.data.account.apr).toMatchObject({ months: 36, interest_rate: 19.95, credit_amount: 12000, per_month: expect.any(Number) })
      })

      it("sends the storefront's own return URL when it asks for one", async () => {
        const res = await list(customerD, `?return_url=${encodeURIComponent(`${STOREFRONT}/account/loans?tab=avarda`)}`)
        expect(res.data.strong_authentication.required).toBe(true)
        const identified = await submitForm(res.data.strong_authentication.redirect_url, { action: "identify" })
        expect(identified.location).toBe(`${STOREFRONT}/account/loans?tab=avarda`)
      })
    })

    describe("paying an open invoice", () => {
      it("starts Avarda's payment form, polls, and ends Paid", async () => {
        const start = await api.post(
          "/store/customers/me/avarda/accounts/7100000001/pay",
          { locale: "sv-SE" },
          { headers: customerA.headers, ...anyStatus }
        )
        expect(start.status).toBe(201)
        const payment = start.data.payment
        expect(payment).toMatchObject({
          account_id: "7100000001",
          purchase_id: expect.stringMatching(/^[0-9A-F]{32}$/),
          jwt: expect.any(String),
          checkout_script_url: null,
          return_url: `${STOREFRONT}/account/invoices?avarda_account_id=7100000001`,
        })
        expect(payment.payment_page_url.startsWith(`${proxy.origin}/avarda/pages/mypages-pay?`)).toBe(true)
        const payCall = myPagesCalls().find((c) => c.route === "avarda.mypages.pay")
        expect(payCall?.body).toEqual({ accountId: "7100000001", language: 1 })

        const poll = () =>
          api.get(`/store/customers/me/avarda/accounts/7100000001/payments/${payment.purchase_id}`, { headers: customerA.headers, ...anyStatus })
        const pending = await poll()
        expect(pending.status).toBe(200)
        expect(pending.data.payment).toEqual({
          account_id: "7100000001",
          purchase_id: payment.purchase_id,
          state: "Unpaid",
          outcome: "pending",
          final: false,
        })

        // The shopper picks "full amount" on Avarda's (simulated) form.
        const pageUrl = new URL(payment.payment_page_url)
        const form = await fetch(pageUrl)
        expect(form.status).toBe(200)
        expect(await form.text()).toContain("1249")
        const submitted = await submitForm(`${pageUrl.origin}${pageUrl.pathname}`, {
          purchaseId: payment.purchase_id,
          jwt: payment.jwt,
          redirectUrl: payment.return_url,
          action: "pay",
          amountOption: "full",
        })
        expect(submitted.status).toBe(302)
        expect(submitted.location).toBe(`${payment.return_url}&purchaseId=${payment.purchase_id}&state=Paid`)

        const paid = await poll()
        expect(paid.data.payment).toMatchObject({ state: "Paid", outcome: "paid", final: true })

        // Paying again at once: the list the customer saw (cached for a minute) still shows the invoice
        // open, Avarda refuses, and the account read afresh says why: nothing to pay.
        const again = await api.post("/store/customers/me/avarda/accounts/7100000001/pay", {}, { headers: customerA.headers, ...anyStatus })
        expect(again.status).toBe(409)
        expect(again.data).toMatchObject({ code: "avarda_not_payable", message: "This invoice is paid and has nothing to pay now." })

        const after = await list(customerA)
        expect(after.data.accounts[0]).toMatchObject({ id: "7100000001", state: "Paid", balance: 0, payable: false })
      })

      it("refuses a paid invoice and a payment id that is not this account's", async () => {
        const paid = await api.post("/store/customers/me/avarda/accounts/7100000003/pay", {}, { headers: customerA.headers, ...anyStatus })
        expect(paid.status).toBe(409)
        const unknown = await api.get("/store/customers/me/avarda/accounts/7100000001/payments/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", {
          headers: customerA.headers,
          ...anyStatus,
        })
        expect(unknown.status).toBe(404)
        const invalid = await api.post("/store/customers/me/avarda/accounts/7100000001/pay", { amount: 10 }, { headers: customerA.headers, ...anyStatus })
        expect(invalid.status).toBe(400)
      })
    })

    describe("when Avarda fails", () => {
      const expectClearError = (res: AxiosResponse, status: number, code: string) => {
        expect(res.status).toBe(status)
        expect(res.data).toMatchObject({ code, message: expect.any(String) })
        expect(JSON.stringify(res.data)).not.toMatch(/sandbox-avarda-client-secret|customer-token-secret|Bearer/)
      }

      it.each([
        ["a 500", { kind: "status", status: 500 }, 503, "avarda_unavailable"],
        ["a 503", { kind: "status", status: 503 }, 503, "avarda_unavailable"],
        ["a 400", { kind: "status", status: 400 }, 422, "avarda_rejected"],
        ["a dropped connection", { kind: "reset" }, 504, "avarda_timeout"],
        ["no answer in time", { kind: "latency", ms: 4000 }, 504, "avarda_timeout"],
        ["a body that is not JSON", { kind: "malformed" }, 502, "avarda_invalid_answer"],
      ] as const)("answers %s with a clear error", async (_label, fault, status, code) => {
        sandbox.faults.add({ route: "avarda.mypages.accounts.list", ...fault })
        expectClearError(await list(customerA), status, code)
      })

      it("reports rejected credentials as the shop's problem", async () => {
        sandbox.faults.add({ route: "avarda.mypages.invoices.list", kind: "status", status: 403 })
        expectClearError(await list(customerA), 502, "avarda_configuration")
      })

      it("recovers from an expired partner token with one retry", async () => {
        expect((await list(customerA)).status).toBe(200)
        sandbox.journal.clear()
        sandbox.faults.add({ route: "avarda.mypages.accounts.list", kind: "expired-token", times: 1 })
        const res = await list(customerA)
        expect(res.status).toBe(200)
        expect(res.data.count).toBe(3)
        const accountCalls = myPagesCalls().filter((c) => c.route === "avarda.mypages.accounts.list").map((c) => c.status)
        expect(accountCalls).toEqual([401, 200])
        expect(sandbox.journal.entries().filter((c) => c.route === "avarda.mypages.token")).toHaveLength(1)
      })

      it("answers a failing payment start clearly", async () => {
        sandbox.faults.add({ route: "avarda.mypages.pay", kind: "status", status: 500 })
        const res = await api.post("/store/customers/me/avarda/accounts/7100000001/pay", {}, { headers: customerA.headers, ...anyStatus })
        expectClearError(res, 503, "avarda_unavailable")
      })
    })

    describe("admin", () => {
      it("lists a customer's invoices and shows one with its transactions", async () => {
        const res = await api.get(`/admin/avarda/customers/${customerA.id}/accounts`, { headers: admin.headers })
        expect(res.status).toBe(200)
        expect(res.data.accounts.map((a: { id: string }) => a.id)).toEqual(["7100000001", "7100000002", "7100000003"])
        const detail = await api.get(`/admin/avarda/customers/${customerA.id}/accounts/7100000001`, { headers: admin.headers })
        expect(detail.data.account.transactions).toEqual([expect.objectContaining({ description: "Winter jacket", amount: 1249 })])
        const foreign = await api.get(`/admin/avarda/customers/${customerA.id}/accounts/7200000001`, { headers: admin.headers, ...anyStatus })
        expect(foreign.status).toBe(404)
      })

      it("explains strong authentication without handing the admin the customer's redirect", async () => {
        const res = await api.get(`/admin/avarda/customers/${customerD.id}/accounts`, { headers: admin.headers })
        expect(res.data.strong_authentication).toMatchObject({ required: true, redirect_url: null, message: expect.stringContaining("identified") })
        expect(res.data.accounts.map((a: { id: string }) => a.id)).toEqual(["7300000001"])
      })

      it("answers 404 for an unknown customer and an empty list for one without Avarda orders", async () => {
        const unknown = await api.get("/admin/avarda/customers/cus_01JZZZZZZZZZZZZZZZZZZZZZZZ/accounts", { headers: admin.headers, ...anyStatus })
        expect(unknown.status).toBe(404)
        // A malformed id is refused by its shape before any lookup.
        expect((await api.get("/admin/avarda/customers/cus_unknown/accounts", { headers: admin.headers, ...anyStatus })).data.errors).toEqual([{ field: "id", message: expect.stringMatching(/customer id/) }])
        const empty = await api.get(`/admin/avarda/customers/${customerC.id}/accounts`, { headers: admin.headers })
        expect(empty.data).toMatchObject({ accounts: [], count: 0 })
      })
    })

    describe("order payment panel (admin)", () => {
      const panel = (orderId: string, headers: Record<string, string> = admin.headers) =>
        api.get(`/admin/avarda-avirato/orders/${orderId}/payments`, { headers, ...anyStatus })

      it("describes an Avarda payment: vendor, method, ids, decision, amounts and history", async () => {
        const res = await panel(orderA)
        expect(res.status).toBe(200)
        expect(res.data.payments).toHaveLength(1)
        const [payment] = res.data.payments
        expect(payment).toMatchObject({
          provider_id: "pp_avarda-invoice_avarda",
          vendor: "Avarda",
          method: "Invoice",
          references: [{ label: "Authorization id", value: PURCHASE_A }],
          decision: { label: "Approved", tone: "green" },
          currency_code: "sek",
          authorized_amount: 548,
          captured_amount: 0,
          refunded_amount: 0,
          expires_at: null,
          can_extend: false,
          extend_path: null,
        })
        expect(payment.history).toEqual([expect.objectContaining({ kind: "authorized", amount: 548 })])
        expect(JSON.stringify(payment)).not.toContain('"product"')
      })

      it("describes a Standalone Credit payment by its purchase id", async () => {
        const [payment] = (await panel(orderB)).data.payments
        expect(payment).toMatchObject({ vendor: "Avarda", method: "Invoice (Standalone Credit)", references: [{ label: "Purchase id", value: PURCHASE_B }] })
      })

      it("offers Extend, wired to the Avirato extend route, for an open Avirato pre-authorisation", async () => {
        const [paymentId] = await relabelOrderPayments(getContainer(), orderC, {
          providerId: "pp_avirato-card_avirato",
          data: { mode: "preauth", avirato_session_id: "ses_123", payment_reference: "PSP-REF-1", session_status: "completed", captures: [], refunds: [], extensions: [] },
        })
        const [payment] = (await panel(orderC)).data.payments
        expect(payment).toMatchObject({
          vendor: "Avirato",
          method: "Card (pre-authorisation)",
          references: [
            { label: "Session id", value: "ses_123" },
            { label: "Payment reference", value: "PSP-REF-1" },
          ],
          // Medusa's word for an uncaptured payment; Avirato's side holds the pre-authorisation.
          status: { label: "Authorized", tone: "orange" },
          decision: { label: "Pre-authorised", tone: "green" },
          can_extend: true,
          extend_path: `/admin/avirato/payments/${paymentId}/extend`,
        })
      })

      it("is empty for an order paid with another provider, 404 for an unknown order, and admin-only", async () => {
        expect((await panel(orderC)).data).toEqual({ payments: [] })
        expect((await panel("order_01JZZZZZZZZZZZZZZZZZZZZZZZ")).status).toBe(404)
        expect((await panel("order_unknown")).status).toBe(400)
        expect((await panel(orderA, customerA.headers)).status).toBe(401)
        expect((await panel(orderA, {})).status).toBe(401)
      })
    })

    describe("with the real Avarda invoice provider", () => {
      it("shows the invoice of a real Avarda order once it is captured, with the order's rows", async () => {
        const eva = await registerCustomer(api, store.publishableKey, { email: "eva@example.com", first_name: "Eva" })
        const cart = await prepareCart(api, {
          publishableKey: store.publishableKey,
          regionId: store.regions.Sweden.id,
          variantId: store.product.variantId,
          customerToken: eva.token,
          email: eva.email,
        })
        const started = await api.post(
          "/store/avarda/payment-sessions",
          { cart_id: cart.cartId, provider_id: "pp_avarda-invoice_avarda", personal_id_number: "198005132009" },
          { headers: cart.headers, ...anyStatus }
        )
        expect(started.status).toBe(200)
        const completed = await completeCart(api, cart)
        expect(completed.data.type).toBe("order")
        const orderId: string = completed.data.order.id

        // Authorized only: Avarda knows the purchase but has not invoiced anything yet.
        const before = await list(eva)
        expect(before.status).toBe(200)
        expect(before.data.accounts).toEqual([])

        const { data: { order } } = await api.get(`/admin/orders/${orderId}?fields=display_id,*payment_collections.payments`, { headers: admin.headers })
        const payment = order.payment_collections[0].payments[0]
        expect(payment.provider_id).toBe("pp_avarda-invoice_avarda")
        const captured = await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: admin.headers, ...anyStatus })
        expect(captured.status).toBe(200)

        // Bought without electronic ID: the purchase proves nothing about Eva's identity, so she sees
        // the invoice her purchase landed on, limited to that purchase (no balance, state or references).
        const after = await list(eva)
        expect(after.data.identity).toMatchObject({ verified: false, can_verify: true })
        expect(after.data.accounts).toEqual([
          expect.objectContaining({ access: "own_purchases", type: "Invoice", currency: "SEK", state: null, balance: null, payment_reference: null, payable: false }),
        ])
        expect(sentToMyPages().filter((url) => url.startsWith("/avarda/mypages/Accounts?"))).toContain(
          `/avarda/mypages/Accounts?purchaseId=${payment.data.authorization_id}`
        )
        const detail = await api.get(`/store/customers/me/avarda/accounts/${after.data.accounts[0].id}`, { headers: eva.headers })
        expect(detail.data.account.transactions.map((t: { description: string; amount: number }) => [t.description, t.amount])).toEqual([
          ["Wool socks M", 499],
          ["Standard delivery", 49],
        ])
        expect(detail.data.account).toMatchObject({ access: "own_purchases", balance: null, original_amount: null, bank_account: null })

        const panel = await api.get(`/admin/avarda-avirato/orders/${orderId}/payments`, { headers: admin.headers })
        expect(panel.data.payments[0]).toMatchObject({
          vendor: "Avarda",
          method: "Invoice",
          decision: { label: "Approved" },
          authorized_amount: 548,
          captured_amount: 548,
          references: expect.arrayContaining([{ label: "Authorization id", value: payment.data.authorization_id }]),
        })
        expect(panel.data.payments[0].history.map((h: { kind: string }) => h.kind)).toEqual(["authorized", "captured"])
      })
    })
  },
})
