// Headless Chromium logs into the real admin dashboard (served by the plugin's own dev app), opens
// a customer who bought on invoice and sees the Avarda widget's rows and transactions, then opens
// that order and sees the payment panel. Screenshots are kept in test-results/screenshots/.
import path from "node:path"
import axios from "axios"
import type { Browser, Locator, Page } from "playwright-core"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import { registerCustomer, type Customer } from "../support/actors"
import { startAdminApp, withDatabase, type AdminApp } from "../support/admin-app"
import { avardaInvoicePayment, relabelOrderPaymentsSql } from "../support/avarda-my-pages-orders"
import { launchBrowser, screenshot, SCREENSHOT_DIR } from "../support/browser"
import { checkout } from "../support/checkout"

jest.setTimeout(15 * 60_000)

const PURCHASE = "E0000000000000000000000000000005"
const LOAN_PURCHASE = "F0000000000000000000000000000006"

let sandbox: Sandbox | undefined
let app: AdminApp | undefined
let browser: Browser | undefined
let customer: Customer
let loanCustomer: Customer
let orderId: string

beforeAll(async () => {
  sandbox = await startSandbox()
  app = await startAdminApp({
    name: "avarda_my_pages_admin",
    seedScript: "./integration-tests/support/admin-app-seed.ts",
    env: { SANDBOX_URL: sandbox.origin, STOREFRONT_URL: "http://localhost:8000" },
  })
  const seed = app.seed as { publishableKey: string; regionId: string; variantId: string }
  const api = axios.create({ baseURL: app.backendUrl })
  const buyOnInvoice = async (buyer: Customer, purchaseId: string) => {
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
    await withDatabase(app!.database, (client) => relabelOrderPaymentsSql(client, id, avardaInvoicePayment(purchaseId)))
    return id
  }
  customer = await registerCustomer(api, seed.publishableKey, { email: "ingrid@example.com", first_name: "Ingrid", last_name: "Invoice" })
  loanCustomer = await registerCustomer(api, seed.publishableKey, { email: "lars@example.com", first_name: "Lars", last_name: "Loan" })
  orderId = await buyOnInvoice(customer, PURCHASE)
  await buyOnInvoice(loanCustomer, LOAN_PURCHASE)
  ;(sandbox.avarda as unknown as { seedMyPages(fixture: unknown): unknown }).seedMyPages({
    identificationNumber: "198005012003",
    market: "SE",
    purchaseIds: [PURCHASE],
    accounts: [
      { id: "7400000001", type: "Invoice", amount: 1249, dueInDays: 20, description: "Winter jacket", orderReference: "WEB-1" },
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

async function logIn(page: Page): Promise<void> {
  await page.goto(`${app!.backendUrl}/app/login`)
  await page.locator('input[name="email"]').fill(app!.admin.email)
  await page.locator('input[name="password"]').fill(app!.admin.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 120_000 })
}

it("shows the customer's Avarda invoices and the order's payment panel in the admin", async () => {
  const page = await browser!.newPage({ viewport: { width: 1440, height: 1100 }, locale: "en-US" })
  try {
    await logIn(page)

    await page.goto(`${app!.backendUrl}/app/customers/${customer.id}`)
    const widget = page.getByTestId("avarda-customer-invoices")
    await widget.waitFor({ timeout: 180_000 })
    const openRow = page.getByTestId("avarda-account-7400000001")
    await openRow.waitFor({ timeout: 60_000 })
    await screenshot(page, "avarda-customer-invoices")
    await screenshotOf(widget, "avarda-customer-invoices-widget")

    const rows = await widget.locator('[data-testid^="avarda-account-"]').evaluateAll((elements) => elements.map((e) => e.getAttribute("data-testid")))
    expect(rows).toEqual(["avarda-account-7400000001", "avarda-account-7400000002", "avarda-account-7400000003"])
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
    expect(text).toContain("Approved")
    expect(text).toContain(PURCHASE)
    expect(text).toMatch(/Authorized[\s\S]*SEK\s?548\.00/)
    expect(text).toMatch(/Captured[\s\S]*SEK\s?0\.00/)
    expect(text).toContain("History")
  } finally {
    await page.close()
  }
})
