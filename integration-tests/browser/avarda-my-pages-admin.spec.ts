// Headless Chromium logs into the real admin dashboard (served by the plugin's own dev app), opens
// a customer who bought on invoice and sees the Avarda widget's rows and transactions, then opens
// that order and sees the payment panel. Both widgets' loading, empty and error states, the widget's
// fit in its card at 1280 px, the panel's badge for an uncaptured pre-authorisation, its button
// that extends one and its button that resolves a capture needing attention are checked too.
// Screenshots are kept in test-results/screenshots/.
import path from "node:path"
import axios from "axios"
import type { Browser, Locator, Page } from "playwright-core"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import { createSession } from "../../src/sandbox/__tests__/avirato-test-helpers"
import { registerCustomer, type Customer } from "../support/actors"
import { startAdminApp, withDatabase, type AdminApp } from "../support/admin-app"
import { avardaInvoicePayment, avardaStandalonePayment, relabelOrderPaymentsSql, type AvardaPaymentLabel } from "../support/avarda-my-pages-orders"
import { launchBrowser, screenshot, SCREENSHOT_DIR } from "../support/browser"
import { checkout } from "../support/checkout"

jest.setTimeout(15 * 60_000)

const PURCHASE = "E0000000000000000000000000000005"
const LOAN_PURCHASE = "F0000000000000000000000000000006"
/** Bought with Ingrid's personal number, without electronic ID: proves nothing about who bought. */
const UNPROVEN_PURCHASE = "G0000000000000000000000000000007"

let sandbox: Sandbox | undefined
let app: AdminApp | undefined
let browser: Browser | undefined
let customer: Customer
let loanCustomer: Customer
let newCustomer: Customer
let unprovenCustomer: Customer
let orderId: string
let systemOrderId: string
let preauthOrderId: string
/** An order whose Avirato pre-authorisation Avirato (the sandbox) really holds, so that it can be extended. */
let extendable: { orderId: string; paymentReference: string }

/**
 * An Avarda invoice order whose first shipment gift cards covered entirely: a capture needing the
 * admin's attention, resolved with the panel's "Mark resolved".
 */
let giftCardsOrderId: string
const GIFT_CARDS_CASE = {
  id: "gift-cards-ful_browser_1",
  kind: "gift_cards_cover_shipment",
  reason: "The gift cards on this order cover the shipment: nothing was captured; its lines are captured with the next shipment.",
  order_reference: "WEB-GC",
  expected_minor: 49900,
  left_minor: 104700,
  gift_cards_minor: 60000,
  fulfillment_id: "ful_browser_1",
  created_at: new Date().toISOString(),
  resolved_at: null,
  resolved_by: null,
  resolution: null,
}

/** An Avarda invoice order cancelled while Avarda kept failing the cancel: the reconciliation job keeps trying. */
let cancelRetryOrderId: string
/** An Avarda invoice order with a return Avarda never answered: the reconciliation job re-sends it. */
let unconfirmedReturnOrderId: string
const UNCONFIRMED_RETURN = { tran_id: "browser-return-1", amount_minor: 20000, rows: [], returned_at: "2026-12-01T09:00:00.000Z", unconfirmed: { since: "2026-12-01T09:00:00.000Z", attempts: 2, last_error: "avarda.authorization.return: no answer within 10000 ms" } }
/** A Standalone order cancelled after a partial delivery whose undelivered rest Avarda refused to release. */
let releaseRefusedOrderId: string
const RELEASE_REFUSED = { at: "2026-12-01T09:00:00.000Z", reason: "Avarda RefundRemaining (TranId browser-rr) on purchase M0000000000000000000000000000011 was refused by Avarda: HTTP 400 – 10099 The purchase cannot be changed." }
const CANCEL_FAILURE = { attempts: 3, since: "2026-12-01T09:00:00.000Z", last_attempt_at: "2026-12-01T09:02:00.000Z", last_error: "Avarda answered 503" }

/** An Avirato card payment in pre-authorisation mode that the shopper completed and nobody captured yet. */
const aviratoPreauthPayment: AvardaPaymentLabel = {
  providerId: "pp_avirato-card_avirato",
  data: { mode: "preauth", session_status: "completed", payment_status: "AUTHORISED", avirato_session_id: "ses_preauth_1", payment_reference: "PSP-PREAUTH-1" },
}

beforeAll(async () => {
  sandbox = await startSandbox()
  app = await startAdminApp({
    name: "avarda_my_pages_admin",
    seedScript: "./integration-tests/support/admin-app-seed.ts",
    env: { SANDBOX_URL: sandbox.origin, STOREFRONT_URL: "http://localhost:8000" },
  })
  const seed = app.seed as { publishableKey: string; regionId: string; variantId: string }
  const api = axios.create({ baseURL: app.backendUrl })
  const buy = async (buyer: Customer, label?: AvardaPaymentLabel) => {
    const result = await checkout(api, {
      publishableKey: seed.publishableKey,
      regionId: seed.regionId,
      variantId: seed.variantId,
      customerToken: buyer.token,
      email: buyer.email,
      providerId: "pp_system_default",
    })
    if (result.complete?.data.type !== "order") throw new Error(`checkout did not complete: ${JSON.stringify(result.complete?.data)}`)
    const id: string = result.complete.data.order.id
    if (label) await withDatabase(app!.database, (client) => relabelOrderPaymentsSql(client, id, label))
    return id
  }
  customer = await registerCustomer(api, seed.publishableKey, { email: "ingrid@example.com", first_name: "Ingrid", last_name: "Invoice" })
  loanCustomer = await registerCustomer(api, seed.publishableKey, { email: "lars@example.com", first_name: "Lars", last_name: "Loan" })
  newCustomer = await registerCustomer(api, seed.publishableKey, { email: "nils@example.com", first_name: "Nils", last_name: "New" })
  unprovenCustomer = await registerCustomer(api, seed.publishableKey, { email: "uma@example.com", first_name: "Uma", last_name: "Unproven" })
  orderId = await buy(customer, avardaInvoicePayment(PURCHASE))
  await buy(loanCustomer, avardaInvoicePayment(LOAN_PURCHASE))
  await buy(unprovenCustomer, avardaInvoicePayment(UNPROVEN_PURCHASE, { idValidated: false, orderReference: "WEB-9" }))
  systemOrderId = await buy(newCustomer)
  preauthOrderId = await buy(newCustomer, aviratoPreauthPayment)
  // Avirato settles in EUR, GBP or USD: the store's SEK order is relabelled with a EUR pre-authorisation, which the
  // extension (by payment reference alone) does not look at.
  const preauthSession = await createSession(sandbox, "test", { isPreAuth: true })
  const paid = await sandbox.avirato.pay(preauthSession.sessionId)
  const paymentReference = paid.attempt!.paymentReference
  extendable = {
    paymentReference,
    orderId: await buy(newCustomer, {
      providerId: aviratoPreauthPayment.providerId,
      data: { ...aviratoPreauthPayment.data, avirato_session_id: preauthSession.sessionId, payment_reference: paymentReference },
    }),
  }
  const giftCardsCustomer = await registerCustomer(api, seed.publishableKey, { email: "greta@example.com", first_name: "Greta", last_name: "Giftcard" })
  const giftCardsPayment = avardaInvoicePayment("H0000000000000000000000000000008", { orderReference: "WEB-GC" })
  giftCardsOrderId = await buy(giftCardsCustomer, {
    providerId: giftCardsPayment.providerId,
    data: { ...giftCardsPayment.data, vendor: "avarda-authorization-api", captures: [], returns: [], rows: [], capture_attention: [GIFT_CARDS_CASE] },
  })
  const cancelRetryPayment = avardaInvoicePayment("J0000000000000000000000000000009", { orderReference: "WEB-CR" })
  cancelRetryOrderId = await buy(giftCardsCustomer, { providerId: cancelRetryPayment.providerId, data: { ...cancelRetryPayment.data, order_cancel_failure: CANCEL_FAILURE } })
  // Avarda keeps not answering returns: the app's reconciliation job, if it re-sends this one meanwhile, leaves it unconfirmed.
  sandbox.faults.add({ route: "avarda.authorization.return", kind: "hang" })
  const unconfirmedPayment = avardaInvoicePayment("K0000000000000000000000000000010", { orderReference: "WEB-UR" })
  unconfirmedReturnOrderId = await buy(giftCardsCustomer, { providerId: unconfirmedPayment.providerId, data: { ...unconfirmedPayment.data, returns: [UNCONFIRMED_RETURN] } })
  const refusedRelease = avardaStandalonePayment("M0000000000000000000000000000011", { orderReference: "WEB-RR" })
  releaseRefusedOrderId = await buy(giftCardsCustomer, {
    providerId: refusedRelease.providerId,
    data: {
      ...refusedRelease.data,
      vendor: "avarda-standalone",
      product: "invoice",
      currency_code: "sek",
      amount_minor: 104700,
      rows: [],
      captures: [{ tran_id: "browser-capture-1", source: "admin", order_reference: "WEB-RR", amount_minor: 30000, rows: [], lines: [], includes_order_level: true, captured_at: "2026-12-01T08:00:00.000Z" }],
      returns: [],
      refunds: [],
      remainder_release_requested_at: "2026-12-01T08:30:00.000Z",
      remainder_release_failed: RELEASE_REFUSED,
    },
  })
  ;(sandbox.avarda as unknown as { seedMyPages(fixture: unknown): unknown }).seedMyPages({
    identificationNumber: "198005012003",
    market: "SE",
    purchaseIds: [PURCHASE, UNPROVEN_PURCHASE],
    accounts: [
      { id: "7400000001", type: "Invoice", amount: 1249, dueInDays: 20, description: "Winter jacket", orderReference: "WEB-1" },
      { id: "7400000009", type: "Invoice", amount: 180, accountDate: new Date(Date.now() - 100 * 86_400_000).toISOString(), dueInDays: 28, description: "Uma's scarf", orderReference: "WEB-9", purchaseId: UNPROVEN_PURCHASE },
      { id: "7400000002", type: "Invoice", amount: 399.5, accountDate: new Date(Date.now() - 40 * 86_400_000).toISOString(), dueInDays: -10, description: "Running shoes" },
      { id: "7400000003", type: "DirectInvoice", amount: 500, paid: 500, accountDate: new Date(Date.now() - 70 * 86_400_000).toISOString(), dueInDays: -40 },
    ],
  })
  ;(sandbox.avarda as unknown as { seedMyPages(fixture: unknown): unknown }).seedMyPages({
    identificationNumber: "198005203008",
    market: "SE",
    purchaseIds: [LOAN_PURCHASE],
    accounts: [
      { id: "7500000001", type: "Invoice", amount: 250, dueInDays: 25, description: "Lamp" },
      { id: "7500000002", type: "Loan", amount: 12000, months: 36, dueInDays: 10, description: "Sofa" },
    ],
  })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
  await sandbox?.stop()
})

/** The widget or panel alone (the dashboard scrolls inside its own container, so full-page shots cut it). */
async function screenshotOf(locator: Locator, name: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded()
  await locator.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
}

/** A page of the admin at `viewport`, logged in, closed after `use` however it ends. */
async function asAdmin(viewport: { width: number; height: number }, use: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser!.newPage({ viewport, locale: "en-US" })
  try {
    await logIn(page)
    await use(page)
  } finally {
    await page.close()
  }
}

async function logIn(page: Page): Promise<void> {
  await page.goto(`${app!.backendUrl}/app/login`)
  await page.locator('input[name="email"]').fill(app!.admin.email)
  await page.locator('input[name="password"]').fill(app!.admin.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 120_000 })
}

it("shows the customer's Avarda invoices and the order's payment panel in the admin", () =>
  asAdmin({ width: 1440, height: 1100 }, async (page) => {
    await page.goto(`${app!.backendUrl}/app/customers/${customer.id}`)
    const widget = page.getByTestId("avarda-customer-invoices")
    await widget.waitFor({ timeout: 180_000 })
    const openRow = page.getByTestId("avarda-account-7400000001")
    await openRow.waitFor({ timeout: 60_000 })
    await screenshot(page, "avarda-customer-invoices")
    await screenshotOf(widget, "avarda-customer-invoices-widget")

    const rows = await widget.locator('[data-testid^="avarda-account-"]').evaluateAll((elements) => elements.map((e) => e.getAttribute("data-testid")))
    // Ingrid proved to be the person: she sees all of the person's accounts, Uma's purchase on her number too.
    expect(rows).toEqual(["avarda-account-7400000001", "avarda-account-7400000002", "avarda-account-7400000003", "avarda-account-7400000009"])
    expect(await widget.getByTestId("avarda-identity-not-proven").count()).toBe(0)
    expect(await openRow.innerText()).toMatch(/Invoice[\s\S]*Unpaid[\s\S]*SEK\s?1,249\.00[\s\S]*SEK\s?1,249\.00[\s\S]*SEK\s?125\.00/)
    expect(await page.getByTestId("avarda-account-7400000002").innerText()).toMatch(/Overdue[\s\S]*SEK\s?399\.50/)
    expect(await page.getByTestId("avarda-account-7400000003").innerText()).toMatch(/Direct invoice[\s\S]*Paid[\s\S]*SEK\s?0\.00/)

    await openRow.getByRole("button", { name: "Transactions" }).click()
    const transactions = page.getByTestId("avarda-transactions-7400000001")
    await transactions.waitFor({ timeout: 60_000 })
    expect(await transactions.innerText()).toMatch(/Purchase[\s\S]*Winter jacket[\s\S]*WEB-1[\s\S]*SEK\s?1,249\.00/)
    await screenshotOf(widget, "avarda-customer-invoices-transactions")
    expect(await widget.getByTestId("avarda-strong-authentication").count()).toBe(0)

    await page.goto(`${app!.backendUrl}/app/customers/${loanCustomer.id}`)
    const explanation = page.getByTestId("avarda-strong-authentication")
    await explanation.waitFor({ timeout: 120_000 })
    expect(await explanation.innerText()).toMatch(/strong authentication[\s\S]*identified/)
    expect(await page.getByTestId("avarda-account-7500000001").innerText()).toMatch(/Invoice[\s\S]*Unpaid[\s\S]*SEK\s?250\.00/)
    expect(await page.getByTestId("avarda-account-7500000002").count()).toBe(0)
    await screenshotOf(page.getByTestId("avarda-customer-invoices"), "avarda-customer-invoices-strong-authentication")

    await page.goto(`${app!.backendUrl}/app/orders/${orderId}`)
    const panel = page.getByTestId("order-payment-panel")
    await panel.waitFor({ timeout: 180_000 })
    await panel.getByText("Authorization id").waitFor({ timeout: 60_000 })
    await screenshot(page, "order-payment-panel")
    await screenshotOf(panel, "order-payment-panel-widget")
    const text = await panel.innerText()
    expect(text).toContain("Avarda")
    expect(text).toContain("Invoice")
    expect(await panel.getByTestId("payment-panel-status").innerText()).toBe("Authorized")
    expect(await panel.getByTestId("payment-panel-vendor-status").innerText()).toBe("Approved")
    expect(text).toContain(PURCHASE)
    expect(text).toMatch(/Authorized[\s\S]*SEK\s?548\.00/)
    expect(text).toMatch(/Captured[\s\S]*SEK\s?0\.00/)
    expect(text).toContain("History")
  })
)

/** Elements of `container` that stick out of its right edge or make it scroll sideways (none when it fits). */
async function overflowOf(container: Locator): Promise<string[]> {
  return container.evaluate((root) => {
    const right = root.getBoundingClientRect().right
    const problems: string[] = []
    if (root.scrollWidth > root.clientWidth) problems.push(`scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`)
    for (const element of Array.from(root.querySelectorAll("*"))) {
      const box = element.getBoundingClientRect()
      if (box.width > 0 && box.right > right + 0.5) problems.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 30)}" ends at ${box.right} > ${right}`)
    }
    return problems
  })
}

/** Holds the matching admin API calls until `release()`; the widget shows its loading state meanwhile. */
async function holdRequests(page: Page, pattern: RegExp): Promise<{ release: () => void }> {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(pattern, async (route) => {
    await released
    await route.continue()
  })
  return { release }
}

it("a customer who has not proven their identity: the widget shows only their own purchase, as they see it", () =>
  asAdmin({ width: 1440, height: 1100 }, async (page) => {
    await page.goto(`${app!.backendUrl}/app/customers/${unprovenCustomer.id}`)
    const widget = page.getByTestId("avarda-customer-invoices")
    const notice = page.getByTestId("avarda-identity-not-proven")
    await notice.waitFor({ timeout: 180_000 })
    expect(await notice.innerText()).toMatch(/not proven[\s\S]*only their own purchases/)
    const rows = await widget.locator('[data-testid^="avarda-account-7"]').evaluateAll((elements) => elements.map((e) => e.getAttribute("data-testid")))
    expect(rows).toEqual(["avarda-account-7400000009"])
    const row = page.getByTestId("avarda-account-7400000009")
    expect(await row.innerText()).toMatch(/Invoice[\s\S]*Own purchase only/)
    expect(await widget.innerText()).not.toMatch(/1,249|399\.50|Winter jacket|SEK\s?180\.00/)
    await row.getByRole("button", { name: "Transactions" }).click()
    const transactions = page.getByTestId("avarda-transactions-7400000009")
    await transactions.waitFor({ timeout: 60_000 })
    expect(await transactions.innerText()).toMatch(/Uma's scarf[\s\S]*WEB-9[\s\S]*SEK\s?180\.00/)
    await screenshotOf(widget, "avarda-customer-invoices-identity-not-proven")
  })
)

it("the customer widget fits its card at 1280 px, expanded rows keep their padding", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    await page.goto(`${app!.backendUrl}/app/customers/${customer.id}`)
    const widget = page.getByTestId("avarda-customer-invoices")
    await page.getByTestId("avarda-account-7400000001").waitFor({ timeout: 180_000 })
    expect(await overflowOf(widget)).toEqual([])

    await page.getByTestId("avarda-account-7400000001").getByRole("button", { name: "Transactions" }).click()
    await page.getByTestId("avarda-transactions-7400000001").waitFor({ timeout: 60_000 })
    expect(await overflowOf(widget)).toEqual([])
    const details = page.getByTestId("avarda-account-details-7400000001")
    const padding = await details.evaluate((element) => {
      const style = getComputedStyle(element)
      return [style.paddingLeft, style.paddingRight, style.paddingTop, style.paddingBottom]
    })
    expect(padding).toEqual(["24px", "24px", "16px", "16px"])
    // The transactions' text starts inside that padding, not at the card's edge.
    const [cardLeft, textLeft] = await Promise.all([
      widget.evaluate((element) => element.getBoundingClientRect().left),
      page.getByTestId("avarda-transactions-7400000001").evaluate((element) => element.getBoundingClientRect().left),
    ])
    expect(textLeft - cardLeft).toBeGreaterThanOrEqual(24)
    await screenshotOf(widget, "avarda-customer-invoices-1280")
  })
)

it("the customer widget shows its loading, empty and error states", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    // Loading: the answer is held back until the loading state has been seen.
    const held = await holdRequests(page, /\/admin\/avarda\/customers\/[^/]+\/accounts(\?|$)/)
    await page.goto(`${app!.backendUrl}/app/customers/${customer.id}`)
    await page.getByTestId("avarda-customer-invoices-loading").waitFor({ timeout: 180_000 })
    expect(await page.getByTestId("avarda-customer-invoices-loading").innerText()).toContain("Loading from Avarda")
    held.release()
    await page.getByTestId("avarda-account-7400000001").waitFor({ timeout: 60_000 })
    expect(await page.getByTestId("avarda-customer-invoices-loading").count()).toBe(0)
    await page.unroute(/\/admin\/avarda\/customers\//)

    // Empty: a customer without Avarda purchases.
    await page.goto(`${app!.backendUrl}/app/customers/${newCustomer.id}`)
    const empty = page.getByTestId("avarda-customer-invoices-empty")
    await empty.waitFor({ timeout: 120_000 })
    expect(await empty.innerText()).toBe("No Avarda invoices or accounts for this customer.")
    await screenshotOf(page.getByTestId("avarda-customer-invoices"), "avarda-customer-invoices-empty")

    // Error: Avarda's My Pages is down; "Try again" once it is back shows the invoices.
    const fault = sandbox!.faults.add({ route: "avarda.mypages.accounts.list", kind: "status", status: 503 })
    await page.goto(`${app!.backendUrl}/app/customers/${customer.id}`)
    const error = page.getByTestId("avarda-customer-invoices-error")
    await error.waitFor({ timeout: 120_000 })
    expect(await error.innerText()).toContain("Avarda's My Pages is not available right now")
    await screenshotOf(page.getByTestId("avarda-customer-invoices"), "avarda-customer-invoices-error")
    sandbox!.faults.remove(fault)
    await page.getByTestId("avarda-customer-invoices").getByRole("button", { name: "Try again" }).click()
    await page.getByTestId("avarda-account-7400000001").waitFor({ timeout: 60_000 })
    expect(await error.count()).toBe(0)
  })
)

it("the order payment panel shows its loading, empty and error states", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    const panelCall = /\/admin\/avarda-avirato\/orders\/[^/]+\/payments/

    const held = await holdRequests(page, panelCall)
    await page.goto(`${app!.backendUrl}/app/orders/${orderId}`)
    const panel = page.getByTestId("order-payment-panel")
    await panel.getByText("Loading payment details…").waitFor({ timeout: 180_000 })
    held.release()
    await panel.getByText("Authorization id").waitFor({ timeout: 60_000 })
    expect(await panel.getByText("Loading payment details…").count()).toBe(0)
    await page.unroute(panelCall)

    // Error: the panel's own route fails; the panel says so instead of showing nothing.
    await page.route(panelCall, (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ type: "unknown_error", message: "Database unavailable" }) }))
    await page.goto(`${app!.backendUrl}/app/orders/${orderId}`)
    await panel.getByText("Database unavailable").waitFor({ timeout: 180_000 })
    await screenshotOf(panel, "order-payment-panel-error")
    await page.unroute(panelCall)

    // Empty: an order paid with another provider has no panel at all.
    const answered = page.waitForResponse((response) => panelCall.test(response.url()) && response.url().includes(systemOrderId), { timeout: 180_000 })
    await page.goto(`${app!.backendUrl}/app/orders/${systemOrderId}`)
    const response = await answered
    expect(await response.json()).toEqual({ payments: [] })
    await page.getByText("Payments", { exact: true }).first().waitFor({ timeout: 60_000 })
    expect(await panel.count()).toBe(0)
  })
)

it("an uncaptured Avirato pre-authorisation is Authorized in the panel, as Medusa says, not Paid", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    await page.goto(`${app!.backendUrl}/app/orders/${preauthOrderId}`)
    const panel = page.getByTestId("order-payment-panel")
    await panel.getByText("Payment reference").waitFor({ timeout: 180_000 })
    expect(await panel.getByTestId("payment-panel-status").innerText()).toBe("Authorized")
    expect(await panel.getByTestId("payment-panel-vendor-status").innerText()).toBe("Pre-authorised · AUTHORISED")
    expect(await panel.innerText()).toMatch(/Captured[\s\S]*SEK\s?0\.00/)
    expect(await panel.innerText()).not.toContain("Paid")
    await screenshotOf(panel, "order-payment-panel-preauth")
  })
)

it("the panel's Extend button extends the pre-authorisation at Avirato once, under the key the panel names", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    const extendCall = /\/admin\/avirato\/payments\/([^/]+)\/extend$/
    const expiresBefore = new Date(sandbox!.avirato.payment(extendable.paymentReference)!.authorisationExpiresAt!).getTime()
    await page.goto(`${app!.backendUrl}/app/orders/${extendable.orderId}`)
    const button = page.getByTestId("order-payment-panel").getByRole("button", { name: "Extend pre-authorisation" })
    await button.waitFor({ timeout: 180_000 })
    const sent = page.waitForRequest((request) => extendCall.test(request.url()) && request.method() === "POST", { timeout: 60_000 })
    const answered = page.waitForResponse((response) => extendCall.test(response.url()), { timeout: 60_000 })
    await button.click()
    const request = await sent
    const paymentId = extendCall.exec(request.url())![1]
    expect(request.headers()["idempotency-key"]).toBe(`extend:${paymentId}:1`)
    expect((await answered).status()).toBe(200)
    // The toast's title (the panel's history, reloaded meanwhile, reads "… · Extension requested" too).
    await page.getByText("Extension requested", { exact: true }).waitFor({ timeout: 60_000 })

    const extensions = sandbox!.journal
      .entries({ route: "avirato.test.payment.extend" })
      .filter((entry) => (entry.body as { paymentReference?: string }).paymentReference === extendable.paymentReference)
    expect(extensions.map((entry) => entry.body)).toEqual([{ webcode: "SHOP01", paymentReference: extendable.paymentReference }])
    expect(new Date(sandbox!.avirato.payment(extendable.paymentReference)!.authorisationExpiresAt!).getTime()).toBeGreaterThan(expiresBefore)
  })
)

it("the panel's capture-attention button resolves the case once: the card goes, the history says so, and a second request does nothing", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    const resolveCall = /\/admin\/avarda-avirato\/payments\/([^/]+)\/capture-attention\/([^/]+)\/resolve$/
    await page.goto(`${app!.backendUrl}/app/orders/${giftCardsOrderId}`)
    const panel = page.getByTestId("order-payment-panel")
    const card = panel.getByTestId(`capture-attention-${GIFT_CARDS_CASE.id}`)
    await card.waitFor({ timeout: 180_000 })
    expect(await card.innerText()).toContain(GIFT_CARDS_CASE.reason)
    await screenshotOf(card, "order-payment-panel-capture-attention")

    const answered = page.waitForResponse((response) => resolveCall.test(response.url()) && response.request().method() === "POST", { timeout: 60_000 })
    await card.getByRole("button", { name: "Mark resolved" }).click()
    const response = await answered
    expect(resolveCall.exec(response.url())![2]).toBe(GIFT_CARDS_CASE.id)
    expect(response.status()).toBe(200)
    expect(await response.json()).toMatchObject({
      already_resolved: false,
      capture: null,
      attention: { id: GIFT_CARDS_CASE.id, resolution: "marked resolved", resolved_by: expect.stringMatching(/^user_/), resolved_at: expect.any(String) },
    })
    await page.getByText("Resolved", { exact: true }).waitFor({ timeout: 60_000 })
    // The panel reads the payment again: the case is no longer open, and its history tells what was done.
    await card.waitFor({ state: "detached", timeout: 60_000 })
    await panel.getByText("Capture attention resolved").waitFor({ timeout: 60_000 })

    // Another admin's tab still showing the button: the server does nothing twice.
    const again = await page.request.post(response.url(), { data: {} })
    expect(again.status()).toBe(200)
    expect(await again.json()).toMatchObject({ already_resolved: true, capture: null, attention: { id: GIFT_CARDS_CASE.id, resolution: "marked resolved" } })
  })
)

it("the panel shows a cancel the reconciliation job keeps trying after the order's cancellation, with its count and last error", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    await page.goto(`${app!.backendUrl}/app/orders/${cancelRetryOrderId}`)
    const alert = page.getByTestId("order-payment-panel").getByTestId("payment-panel-cancel_retrying")
    await alert.waitFor({ timeout: 180_000 })
    const text = await alert.innerText()
    expect(text).toContain("Not released at Avarda yet")
    expect(text).toContain("The reconciliation job keeps trying.")
    expect(text).toMatch(/3 failed attempts since Dec 1, 2026/)
    expect(text).toContain("last error: Avarda answered 503")
    await screenshotOf(alert, "order-payment-panel-cancel-retrying")
  })
)

it("the panel shows a return Avarda never answered, which the reconciliation job sends again", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    await page.goto(`${app!.backendUrl}/app/orders/${unconfirmedReturnOrderId}`)
    const alert = page.getByTestId("order-payment-panel").getByTestId("payment-panel-unconfirmed-call")
    await alert.waitFor({ timeout: 180_000 })
    const text = await alert.innerText()
    expect(text).toContain("Return not confirmed by Avarda yet")
    expect(text).toMatch(/SEK\s?200\.00 · /)
    expect(text).toContain("The reconciliation job sends it again with the same key")
    // Two attempts as recorded, or more if the job re-sent it before the page was opened.
    expect(text).toMatch(/\b([2-9]|\d{2,}) attempts since Dec 1, 2026/)
    expect(text).toMatch(/last error: avarda\.authorization\.return: /)
    await screenshotOf(alert, "order-payment-panel-unconfirmed-return")
  })
)

it("the panel's button asks Avarda again for a rest it refused to release, and says what Avarda answered", () =>
  asAdmin({ width: 1280, height: 900 }, async (page) => {
    const releaseCall = /\/admin\/avarda-avirato\/payments\/([^/]+)\/release-remainder$/
    await page.goto(`${app!.backendUrl}/app/orders/${releaseRefusedOrderId}`)
    const alert = page.getByTestId("order-payment-panel").getByTestId("payment-panel-remainder_not_released")
    await alert.waitFor({ timeout: 180_000 })
    expect(await alert.innerText()).toContain("10099 The purchase cannot be changed.); the reconciliation job does not ask Avarda again. Ask Avarda again here")
    await screenshotOf(alert, "order-payment-panel-release-refused")

    // Avarda refuses once more: the answer reaches the admin, and the panel, read again, still shows the rest.
    const fault = sandbox!.faults.add({ route: "avarda.checkout2.refund-remaining", kind: "status", status: 400, body: [{ ErrorCode: "10099", ErrorMessage: "The purchase cannot be changed." }], times: 1 })
    const answered = page.waitForResponse((response) => releaseCall.test(response.url()) && response.request().method() === "POST", { timeout: 60_000 })
    await alert.getByRole("button", { name: "Ask Avarda again" }).click()
    const response = await answered
    sandbox!.faults.remove(fault)
    expect(response.status()).toBe(200)
    expect(await response.json()).toEqual({ outcome: "refused", reason: expect.stringContaining("10099 The purchase cannot be changed.") })
    await page.getByText("Avarda refused it again", { exact: true }).waitFor({ timeout: 60_000 })
    expect(sandbox!.journal.entries({ route: "avarda.checkout2.refund-remaining" }).map((e) => (e.body as { ExternalId: string }).ExternalId)).toEqual(["M0000000000000000000000000000011"])
    await alert.waitFor({ timeout: 60_000 })
  })
)
