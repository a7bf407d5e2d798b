// My Pages shows an Avarda person's data only to a customer who proved to be that person: electronic
// ID during their own purchase, or My Pages strong authentication in the store. The attack: a
// customer buys with someone else's personal number (no ID validation) and must never see that
// person's accounts, balances, references or transactions — in the list, the detail, the pay and
// payment-status routes, or the admin widget. Also: proofs expire, one customer's orders may point
// at several persons, and a proven customer's detail, pay and status make one call to Avarda.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Knex } from "knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import cleanAvardaIdentityLinks from "../../src/jobs/clean-avarda-identity-links"
import { AVARDA_MY_PAGES_MODULE } from "../../src/modules/avarda-my-pages"
import type AvardaMyPagesService from "../../src/modules/avarda-my-pages/service"
import { paymentReferenceOf } from "../../src/sandbox/avarda/my-pages/accounts"
import { createAdminUser, registerCustomer, type AdminUser, type Customer } from "../support/actors"
import { actOnIdValidationPage, AVARDA_SWEDEN, AVARDA_TEST_IDENTITIES, followToStorefront, startAvardaSession, startAvardaTestEnv, STOREFRONT, waitFor } from "../support/avarda"
import { completeCart, prepareCart } from "../support/checkout"
import { avardaInvoicePayment, placeAvardaOrder, type AvardaPaymentLabel } from "../support/avarda-my-pages-orders"
import { useSandboxEnv } from "../support/sandbox-env"
import { createStoreFixtures, type StoreFixtures } from "../support/store-fixtures"

jest.setTimeout(240_000)

const SE = AVARDA_TEST_IDENTITIES.SE
/** Anna's personal number: public, so anyone can type it at a checkout. */
const ANNA_SSN = SE.approved
const LENA_SSN = SE.rejectedAddressMismatch
const MAX_SSN = SE.rejectedAmount
const DAVID_SSN = SE.idValidationRequired

const PURCHASE_ANNA = "A1000000000000000000000000000001"
const PURCHASE_CECILIA = "C1000000000000000000000000000003"
const PURCHASE_MAX_OWN = "M1000000000000000000000000000001"
const PURCHASE_MAX_AS_ANNA = "M2000000000000000000000000000002"
const PURCHASE_LENA = "L1000000000000000000000000000001"
const PURCHASE_DAVID_EARLIER = "D1000000000000000000000000000001"

/** Anna's accounts, and what must never reach anyone else. */
const ANNA_ACCOUNTS = ["7100000001", "7100000002"]
const ANNA_SECRETS = [...ANNA_ACCOUNTS, ...ANNA_ACCOUNTS.map(paymentReferenceOf), "1249", "399.5", "Winter jacket", "Running shoes", "A-1", "A-2", PURCHASE_ANNA]

const env = useSandboxEnv(() => startAvardaTestEnv({ STOREFRONT_URL: STOREFRONT, AVARDA_MY_PAGES_TIMEOUT_MS: "1500" }))

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString()
}

function seedSandbox() {
  env.sandbox.reset()
  // Anna bought on invoice herself; Cecilia and Max bought with Anna's personal number.
  env.control.seedMyPages({
    identificationNumber: ANNA_SSN,
    market: "SE",
    purchaseIds: [PURCHASE_ANNA, PURCHASE_CECILIA, PURCHASE_MAX_AS_ANNA],
    accounts: [
      { id: "7100000001", type: "Invoice", amount: 1249, accountDate: daysAgo(10), dueInDays: 20, description: "Winter jacket", orderReference: "A-1" },
      { id: "7100000002", type: "Invoice", amount: 399.5, accountDate: daysAgo(40), dueInDays: -10, description: "Running shoes", orderReference: "A-2" },
      { id: "7100000009", type: "Invoice", amount: 300, accountDate: daysAgo(2), dueInDays: 28, description: "Cecilia's lamp", orderReference: "C-1", purchaseId: PURCHASE_CECILIA },
      { id: "7100000010", type: "Invoice", amount: 75, accountDate: daysAgo(3), dueInDays: 27, description: "Max's mug", orderReference: "M-2", purchaseId: PURCHASE_MAX_AS_ANNA },
    ],
  })
  // Lena: an invoice and a loan (Avarda offers strong authentication for loan data).
  env.control.seedMyPages({
    identificationNumber: LENA_SSN,
    market: "SE",
    purchaseIds: [PURCHASE_LENA],
    accounts: [
      { id: "7400000001", type: "Invoice", amount: 250, accountDate: daysAgo(3), dueInDays: 27, description: "Lena's chair", orderReference: "L-1" },
      { id: "7400000002", type: "Loan", amount: 12000, months: 36, accountDate: daysAgo(20), dueInDays: 10, description: "Sofa", orderReference: "L-2" },
    ],
  })
  env.control.seedMyPages({
    identificationNumber: MAX_SSN,
    market: "SE",
    purchaseIds: [PURCHASE_MAX_OWN],
    accounts: [{ id: "7500000001", type: "Invoice", amount: 640, accountDate: daysAgo(4), dueInDays: 26, description: "Max's desk", orderReference: "M-1" }],
  })
  env.control.seedMyPages({
    identificationNumber: DAVID_SSN,
    market: "SE",
    purchaseIds: [PURCHASE_DAVID_EARLIER],
    accounts: [{ id: "7300000001", type: "Invoice", amount: 820, accountDate: daysAgo(30), dueInDays: 0, description: "David's bike", orderReference: "D-0" }],
  })
}

const anyStatus = { validateStatus: () => true }

function myPagesCalls() {
  return env.sandbox.journal.entries().filter((entry) => entry.route.startsWith("avarda.mypages.") && entry.route !== "avarda.mypages.token")
}

/** Calls Avarda answered (after a sandbox reset the app's cached token is refused once, then renewed). */
function answeredMyPagesCalls() {
  return myPagesCalls().filter((entry) => entry.status !== 401)
}

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

const ids = (res: { data: { accounts: Array<{ id: string }> } }) => res.data.accounts.map((account) => account.id).sort()

function expectNoneOf(body: unknown, secrets: readonly string[]) {
  const text = JSON.stringify(body)
  for (const secret of secrets) expect(text).not.toContain(secret)
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixtures
    let admin: AdminUser
    let anna: Customer
    let cecilia: Customer
    let lena: Customer
    let max: Customer

    const list = (customer: Customer) => api.get("/store/customers/me/avarda/accounts", { headers: customer.headers, ...anyStatus })
    const detail = (customer: Customer, id: string) => api.get(`/store/customers/me/avarda/accounts/${id}`, { headers: customer.headers, ...anyStatus })
    const pay = (customer: Customer, id: string) => api.post(`/store/customers/me/avarda/accounts/${id}/pay`, {}, { headers: customer.headers, ...anyStatus })
    const status = (customer: Customer, id: string, purchaseId: string) =>
      api.get(`/store/customers/me/avarda/accounts/${id}/payments/${purchaseId}`, { headers: customer.headers, ...anyStatus })
    const startStrongAuthentication = (customer: Customer) =>
      api.post("/store/customers/me/avarda/strong-authentication", {}, { headers: customer.headers, ...anyStatus })
    const myPages = () => getContainer().resolve<AvardaMyPagesService>(AVARDA_MY_PAGES_MODULE)
    const linksOf = (customerId: string) => myPages().listAvardaIdentityLinks({ customer_id: customerId })
    const knex = () => getContainer().resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)

    const order = (customer: Customer, label: AvardaPaymentLabel) =>
      placeAvardaOrder(api, getContainer(), {
        publishableKey: store.publishableKey,
        regionId: store.regions.Sweden.id,
        variantId: store.product.variantId,
        customerToken: customer.token,
        email: customer.email,
        label,
      })

    /** A real Avarda invoice checkout with `ssn`: approved at once, or through electronic-ID validation. */
    async function realPurchase(customer: Customer, ssn: string): Promise<{ orderId: string; authorizationId: string }> {
      const cart = await prepareCart(api, {
        publishableKey: store.publishableKey,
        regionId: store.regions.Sweden.id,
        variantId: store.product.variantId,
        customerToken: customer.token,
        email: customer.email,
      })
      const started = await startAvardaSession(api, cart, { personal_id_number: ssn })
      expect(started.status).toBe(200)
      const session = started.data.payment_session
      if (started.data.next_action?.type === "redirect") {
        const callback = await actOnIdValidationPage(started.data.next_action.url, "identify")
        const landing = await followToStorefront(callback)
        return { orderId: landing.searchParams.get("order_id")!, authorizationId: session.data.authorization_id }
      }
      const completed = await completeCart(api, cart)
      expect(completed.data.type).toBe("order")
      return { orderId: completed.data.order.id, authorizationId: session.data.authorization_id }
    }

    beforeAll(async () => {
      store = await createStoreFixtures(getContainer(), [AVARDA_SWEDEN])
      admin = await createAdminUser(getContainer())
      anna = await registerCustomer(api, store.publishableKey, { email: "anna@example.com", first_name: "Anna" })
      cecilia = await registerCustomer(api, store.publishableKey, { email: "cecilia@example.com", first_name: "Cecilia" })
      lena = await registerCustomer(api, store.publishableKey, { email: "lena@example.com", first_name: "Lena" })
      max = await registerCustomer(api, store.publishableKey, { email: "max@example.com", first_name: "Max" })
      await order(anna, avardaInvoicePayment(PURCHASE_ANNA, { orderReference: "A-1" }))
      await order(cecilia, avardaInvoicePayment(PURCHASE_CECILIA, { idValidated: false, orderReference: "C-1" }))
      await order(lena, avardaInvoicePayment(PURCHASE_LENA, { idValidated: false, orderReference: "L-1" }))
      await order(max, avardaInvoicePayment(PURCHASE_MAX_OWN, { orderReference: "M-1" }))
      await order(max, avardaInvoicePayment(PURCHASE_MAX_AS_ANNA, { idValidated: false, orderReference: "M-2" }))
    })

    // Every test starts without stored proofs (electronic-ID links come back from the orders).
    beforeEach(async () => {
      seedSandbox()
      await knex()("avarda_identity_link").delete()
    })

    describe("a purchase with someone else's personal number (no ID validation)", () => {
      it("lists only the account that purchase landed on, limited to that purchase", async () => {
        const res = await list(cecilia)
        expect(res.status).toBe(200)
        expect(res.data.identity).toEqual({ verified: false, method: null, expires_at: null, can_verify: true })
        expect(res.data.strong_authentication.required).toBe(false)
        expect(res.data.accounts).toEqual([
          {
            id: "7100000009",
            access: "own_purchases",
            kind: "invoice",
            type: "Invoice",
            type_label: "Invoice",
            state: null,
            state_label: null,
            state_tone: null,
            needs_payment: false,
            payable: false,
            currency: "SEK",
            balance: null,
            original_amount: null,
            minimum_amount_to_pay: null,
            date: null,
            due_date: null,
            payment_reference: null,
            live_invoice_url: null,
            scheduled_payment: null,
          },
        ])
        expectNoneOf(res.data, ANNA_SECRETS)
      })

      it("shows that purchase's own transactions, and nothing of the account holder", async () => {
        const res = await detail(cecilia, "7100000009")
        expect(res.status).toBe(200)
        expect(res.data.account).toMatchObject({ id: "7100000009", access: "own_purchases", balance: null, payment_reference: null, bank_account: null, receiver: null })
        expect(res.data.account.order_references).toEqual(["C-1"])
        expect(res.data.account.transactions).toEqual([expect.objectContaining({ description: "Cecilia's lamp", amount: 300, order_reference: "C-1" })])
        expectNoneOf(res.data, [...ANNA_SECRETS, paymentReferenceOf("7100000009")])
      })

      it("answers the account holder's other accounts exactly like ids nobody has: detail, pay and status", async () => {
        const nobody = await detail(cecilia, "9999999999")
        expect(nobody.status).toBe(404)
        for (const id of ANNA_ACCOUNTS) {
          for (const res of [await detail(cecilia, id), await pay(cecilia, id), await status(cecilia, id, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]) {
            expect(res.status).toBe(404)
            expect(res.data).toEqual(nobody.data)
          }
        }
        expect(myPagesCalls().map((call) => call.route)).not.toContain("avarda.mypages.pay")
        expect(myPagesCalls().some((call) => ANNA_ACCOUNTS.some((id) => call.path.includes(id)))).toBe(false)
      })

      it("cannot pay or poll even the account its own purchase landed on without proof", async () => {
        const payment = await pay(cecilia, "7100000009")
        expect(payment.status).toBe(403)
        expect(payment.data).toMatchObject({ code: "avarda_identity_required" })
        const polled = await status(cecilia, "7100000009", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")
        expect(polled.status).toBe(403)
        expect(myPagesCalls().map((call) => call.route)).not.toContain("avarda.mypages.pay")
        expect(myPagesCalls().map((call) => call.route)).not.toContain("avarda.mypages.pay.status")
      })

      it("gets no identification step when Avarda offers none for the person, and stays unlinked", async () => {
        const res = await startStrongAuthentication(cecilia)
        expect(res.status).toBe(409)
        expect(res.data).toMatchObject({ code: "avarda_identification_unavailable", identity: { verified: false } })
        expect(await linksOf(cecilia.id)).toEqual([])
      })

      it("the admin widget shows what the customer would see", async () => {
        const customerView = await list(cecilia)
        const adminView = await api.get(`/admin/avarda/customers/${cecilia.id}/accounts`, { headers: admin.headers })
        expect(adminView.data.accounts).toEqual(customerView.data.accounts)
        expect(adminView.data.identity).toEqual(customerView.data.identity)
        const adminDetail = await api.get(`/admin/avarda/customers/${cecilia.id}/accounts/7100000009`, { headers: admin.headers })
        expect(adminDetail.data.account).toEqual((await detail(cecilia, "7100000009")).data.account)
        const foreign = await api.get(`/admin/avarda/customers/${cecilia.id}/accounts/7100000001`, { headers: admin.headers, ...anyStatus })
        expect(foreign.status).toBe(404)
        expectNoneOf(adminView.data, ANNA_SECRETS)
      })

      it("through the real Avarda provider: nothing of the person before capture, only the own purchase after", async () => {
        const mallory = await registerCustomer(api, store.publishableKey, { email: "mallory@example.com", first_name: "Mallory" })
        const { orderId, authorizationId } = await realPurchase(mallory, ANNA_SSN)

        const before = await list(mallory)
        expect(before.status).toBe(200)
        expect(before.data.accounts).toEqual([])
        expect(before.data.identity).toMatchObject({ verified: false, can_verify: true })
        expect(env.control.listMyPagesAccounts(authorizationId).map((account) => account.id)).toEqual(expect.arrayContaining(ANNA_ACCOUNTS))

        const { data: { order } } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, { headers: admin.headers })
        const payment = order.payment_collections[0].payments[0]
        expect(payment.data).toMatchObject({ id_validation: "not_required" })
        expect((await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: admin.headers, ...anyStatus })).status).toBe(200)

        const after = await list(mallory)
        expect(after.data.accounts).toEqual([expect.objectContaining({ access: "own_purchases", balance: null })])
        const own = await detail(mallory, after.data.accounts[0].id)
        expect(own.data.account.transactions.map((t: { description: string }) => t.description)).toEqual(["Wool socks M", "Standard delivery"])
        for (const body of [before.data, after.data, own.data]) expectNoneOf(body, ANNA_SECRETS)
        for (const id of ANNA_ACCOUNTS) expect((await detail(mallory, id)).status).toBe(404)
      })
    })

    describe("electronic ID during the customer's own purchase", () => {
      it("links the customer: everything of the person, with balances and paying", async () => {
        const res = await list(anna)
        expect(res.status).toBe(200)
        expect(res.data.identity).toMatchObject({ verified: true, method: "electronic_id", can_verify: false })
        expect(Date.parse(res.data.identity.expires_at)).toBeGreaterThan(Date.now() + 89 * 24 * 60 * 60 * 1000)
        expect(ids(res)).toEqual(["7100000001", "7100000002", "7100000009", "7100000010"])
        expect(res.data.accounts.every((account: { access: string }) => account.access === "full")).toBe(true)
        expect(res.data.accounts.find((account: { id: string }) => account.id === "7100000001")).toMatchObject({ balance: 1249, payment_reference: paymentReferenceOf("7100000001") })
        const [link] = await linksOf(anna.id)
        expect(link).toMatchObject({ purchase_id: PURCHASE_ANNA, method: "electronic_id", status: "linked" })
        expect(JSON.stringify(await linksOf(anna.id))).not.toContain(ANNA_SSN)
      })

      it("through the real Avarda provider: the 202 flow proves the person", async () => {
        const david = await registerCustomer(api, store.publishableKey, { email: "david@example.com", first_name: "David" })
        const { orderId } = await realPurchase(david, DAVID_SSN)
        const { data: { order } } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, { headers: admin.headers })
        expect(order.payment_collections[0].payments[0].data).toMatchObject({ id_validation: "required", decision: { outcome: "approved" } })

        const res = await list(david)
        expect(res.data.identity).toMatchObject({ verified: true, method: "electronic_id" })
        expect(res.data.accounts).toEqual([expect.objectContaining({ id: "7300000001", access: "full", balance: 820 })])
        expect((await detail(david, "7300000001")).data.account).toMatchObject({ access: "full", balance: 820, transactions: [expect.objectContaining({ description: "David's bike" })] })
      })

      it("a guest's validated purchase that Medusa files under a registered customer with the same e-mail proves nothing for that customer", async () => {
        // Someone registered with David's e-mail address before David bought as a guest (Medusa does not
        // verify e-mail addresses); Medusa then files David's guest order under that account.
        const impostor = await registerCustomer(api, store.publishableKey, { email: "david.buys.as.guest@example.com", first_name: "Impostor" })
        const cart = await prepareCart(api, { publishableKey: store.publishableKey, regionId: store.regions.Sweden.id, variantId: store.product.variantId, email: impostor.email })
        const started = await startAvardaSession(api, cart, { personal_id_number: DAVID_SSN })
        expect(started.data.next_action).toMatchObject({ type: "redirect" })
        const landing = await followToStorefront(await actOnIdValidationPage(started.data.next_action.url, "identify"))
        const orderId = landing.searchParams.get("order_id")!
        const { data: { order } } = await api.get(`/admin/orders/${orderId}?fields=customer_id,*payment_collections.payments`, { headers: admin.headers })
        expect(order.customer_id).toBe(impostor.id)
        expect(order.payment_collections[0].payments[0].data).toMatchObject({ id_validation: "required", decision: { outcome: "approved" }, shopper_customer_id: null })

        const res = await list(impostor)
        expect(res.status).toBe(200)
        expect(res.data.identity).toMatchObject({ verified: false })
        expect(res.data.accounts.every((account: { access: string }) => account.access === "own_purchases")).toBe(true)
        expectNoneOf(res.data, ["7300000001", "820", "David's bike"])
        expect((await detail(impostor, "7300000001")).status).toBe(404)
        expect(await linksOf(impostor.id)).toEqual([])
      })

      it("a detail, a payment and its status make one call each to Avarda once the list is known", async () => {
        expect((await list(anna)).status).toBe(200)
        env.sandbox.journal.clear()
        expect((await detail(anna, "7100000001")).status).toBe(200)
        expect(answeredMyPagesCalls().map((call) => call.route)).toEqual(["avarda.mypages.invoices.get"])

        env.sandbox.journal.clear()
        const started = await pay(anna, "7100000001")
        expect(started.status).toBe(201)
        expect(answeredMyPagesCalls().map((call) => call.route)).toEqual(["avarda.mypages.pay"])

        env.sandbox.journal.clear()
        expect((await status(anna, "7100000001", started.data.payment.purchase_id)).data.payment).toMatchObject({ outcome: "pending" })
        expect(answeredMyPagesCalls().map((call) => call.route)).toEqual(["avarda.mypages.pay.status"])
      })
    })

    describe("My Pages strong authentication", () => {
      it("unlocks everything of the person once the customer identified", async () => {
        const before = await list(lena)
        expect(before.data.identity).toMatchObject({ verified: false, can_verify: true })
        expect(before.data.accounts).toEqual([expect.objectContaining({ id: "7400000001", access: "own_purchases", balance: null })])
        expect((await detail(lena, "7400000002")).status).toBe(404)

        const started = await startStrongAuthentication(lena)
        expect(started.status).toBe(202)
        const redirectUrl: string = started.data.strong_authentication.redirect_url
        expect(redirectUrl).toContain("/avarda/pages/mypages-strong-auth/")
        expect(await linksOf(lena.id)).toEqual([expect.objectContaining({ method: "strong_authentication", status: "pending", purchase_id: PURCHASE_LENA })])

        // Not identified yet: still limited.
        expect((await list(lena)).data.identity.verified).toBe(false)

        const identified = await submitForm(redirectUrl, { action: "identify" })
        expect(identified).toEqual({ status: 302, location: `${STOREFRONT}/account/invoices` })

        const after = await list(lena)
        expect(after.data.identity).toMatchObject({ verified: true, method: "strong_authentication" })
        expect(after.data.strong_authentication.required).toBe(false)
        expect(ids(after)).toEqual(["7400000001", "7400000002"])
        expect(after.data.accounts.find((account: { id: string }) => account.id === "7400000001")).toMatchObject({ access: "full", balance: 250 })
        const loan = await detail(lena, "7400000002")
        expect(loan.status).toBe(200)
        expect(loan.data.account).toMatchObject({ access: "full", type: "Loan", balance: 12000, apr: expect.objectContaining({ months: 36 }) })
        expect((await api.get("/store/customers/me/avarda/strong-authentication", { headers: lena.headers })).data.identity).toMatchObject({
          verified: true,
          method: "strong_authentication",
        })

        const adminView = await api.get(`/admin/avarda/customers/${lena.id}/accounts`, { headers: admin.headers })
        expect(adminView.data.accounts).toEqual(after.data.accounts)
      })

      it("a cancelled identification links nothing", async () => {
        const started = await startStrongAuthentication(lena)
        expect(started.status).toBe(202)
        await submitForm(started.data.strong_authentication.redirect_url, { action: "cancel" })
        expect((await list(lena)).data.identity.verified).toBe(false)
        expect((await detail(lena, "7400000002")).status).toBe(404)
      })
    })

    describe("orders that point at several persons", () => {
      it("shows the proven person in full and, of the other person, only the customer's own purchase", async () => {
        const res = await list(max)
        expect(res.data.identity).toMatchObject({ verified: true, method: "electronic_id" })
        expect(res.data.accounts.map((account: { id: string; access: string }) => [account.id, account.access]).sort()).toEqual([
          ["7100000010", "own_purchases"],
          ["7500000001", "full"],
        ])
        expectNoneOf(res.data, ANNA_SECRETS)
        expect((await pay(max, "7100000010")).status).toBe(403)
        expect((await detail(max, "7100000010")).data.account.transactions).toEqual([expect.objectContaining({ amount: 75, order_reference: "M-2" })])
      })
    })

    describe("expiry", () => {
      it("a proof older than identityLinkDays no longer links; the link is deleted and not re-created", async () => {
        const ellen = await registerCustomer(api, store.publishableKey, { email: "ellen@example.com", first_name: "Ellen" })
        const { paymentIds } = await order(ellen, avardaInvoicePayment(PURCHASE_ANNA, { orderReference: "A-1" }))
        expect((await list(ellen)).data.identity.verified).toBe(true)
        expect(await linksOf(ellen.id)).toHaveLength(1)

        // The purchase was validated 91 days ago (default identityLinkDays: 90).
        await knex()("payment").whereIn("id", paymentIds).update({ created_at: new Date(Date.now() - 91 * 24 * 60 * 60 * 1000) })
        await myPages().updateAvardaIdentityLinks({ selector: { customer_id: ellen.id }, data: { expires_at: new Date(Date.now() - 1000) } })

        const res = await list(ellen)
        expect(res.data.identity).toEqual({ verified: false, method: null, expires_at: null, can_verify: true })
        expect(res.data.accounts.every((account: { access: string }) => account.access === "own_purchases")).toBe(true)
        expect(await linksOf(ellen.id)).toEqual([])
      })

      it("what Avarda answers reads started ahead with the previous request's proof is not shown once that proof has expired", async () => {
        const identify = async () => {
          const started = await startStrongAuthentication(lena)
          await submitForm(started.data.strong_authentication.redirect_url, { action: "identify" })
          expect((await list(lena)).data.identity.verified).toBe(true)
        }
        const expire = () => myPages().updateAvardaIdentityLinks({ selector: { customer_id: lena.id }, data: { expires_at: new Date(Date.now() - 1000) } })
        const readsWith = (route: string, token: string) =>
          answeredMyPagesCalls().filter((call) => call.route === route && call.headers.customerauthtoken === token && call.status === 200)

        // The detail: the loan is read ahead with the proof of the previous request.
        await identify()
        env.sandbox.journal.clear()
        expect((await detail(lena, "7400000002")).data.account).toMatchObject({ access: "full", balance: 12000 })
        const provenToken = answeredMyPagesCalls()[0]!.headers.customerauthtoken!
        await expire()
        env.sandbox.journal.clear()
        const loan = await detail(lena, "7400000002")
        expect(loan.status).toBe(404)
        expectNoneOf(loan.data, ["12000", "Sofa", "L-2"])
        await waitFor(async () => readsWith("avarda.mypages.accounts.get", provenToken).length > 0, 5_000, "the loan read ahead")

        // The list: the person's accounts are read ahead with the previous proof, the same purchase as
        // the request's own read, which goes out with the customer's own token instead.
        const tokensSoFar = new Set(answeredMyPagesCalls().map((call) => call.headers.customerauthtoken))
        await identify()
        const provenAgain = answeredMyPagesCalls()
          .map((call) => call.headers.customerauthtoken)
          .find((token) => token && !tokensSoFar.has(token))!
        expect(provenAgain).toBeTruthy()
        await expire()
        env.sandbox.journal.clear()
        const limited = await list(lena)
        expect(limited.data.identity.verified).toBe(false)
        expect(limited.data.accounts).toEqual([expect.objectContaining({ id: "7400000001", access: "own_purchases", balance: null })])
        expectNoneOf(limited.data, ["12000", "Sofa", "L-2"])
        await waitFor(async () => readsWith("avarda.mypages.accounts.list", provenAgain).length > 0, 5_000, "the list read ahead")
      })

      it("an expired strong authentication falls back to own purchases; the nightly job deletes expired links", async () => {
        const started = await startStrongAuthentication(lena)
        await submitForm(started.data.strong_authentication.redirect_url, { action: "identify" })
        expect((await list(lena)).data.identity.verified).toBe(true)

        await myPages().updateAvardaIdentityLinks({ selector: { customer_id: lena.id }, data: { expires_at: new Date(Date.now() - 1000) } })
        const expired = await myPages().createAvardaIdentityLinks({
          customer_id: "cus_never_comes_back",
          purchase_id: "X",
          method: "electronic_id",
          status: "linked",
          proven_at: new Date(Date.now() - 100 * 24 * 60 * 60 * 1000),
          expires_at: new Date(Date.now() - 10 * 24 * 60 * 60 * 1000),
        })

        const res = await list(lena)
        expect(res.data.identity.verified).toBe(false)
        expect(ids(res)).toEqual(["7400000001"])
        expect((await detail(lena, "7400000002")).status).toBe(404)

        await cleanAvardaIdentityLinks(getContainer())
        expect(await myPages().listAvardaIdentityLinks({ id: expired.id })).toEqual([])
      })
    })
  },
})
