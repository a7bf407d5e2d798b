// The demo storefront (storefront/, built with esbuild and served as `npm run demo` serves it) driven
// by headless Chromium against the real Medusa app and the vendor sandbox: every payment flow a
// shopper can click through — Avarda invoice, ID validation (identify / cancel), a rejection and then
// another method, part payment with a term, Standalone Credit invoice, Avirato paid / declined /
// pre-authorised, and the waiting page of a paid cart whose order another request is placing — Avarda's monthly-cost and APR widgets with the Swedish cost notice, and My Pages
// with the identity step (strong authentication) and paying an invoice. Screenshots are kept in test-results/screenshots/.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { buildStorefront, startStorefrontServer, type StorefrontServer } from "../../scripts/demo/storefront"
import { INVOICE_FEE_MINOR, LOAN_INTEREST_PERCENT } from "../../src/sandbox/avarda/my-pages/accounts"
import { aprDataOf } from "../../src/sandbox/avarda/my-pages/apr"
import { registerCustomer } from "../support/actors"
import { AVARDA_PROVIDERS, AVARDA_TEST_IDENTITIES } from "../support/avarda"
import { AVIRATO_PROVIDER_ID, AVIRATO_WEBHOOK_PATH, payOnHostedPage, QUICK_SUCCESS_CARD } from "../support/avirato"
import { launchBrowser, screenshot } from "../support/browser"
import { orderIdsOfCart } from "../support/queries"
import { startSandboxEnv, useSandboxEnv } from "../support/sandbox-env"
import { useShop } from "../support/shop"
import { SPAIN, SWEDEN } from "../support/store-fixtures"


jest.setTimeout(20 * 60_000)

const SE = AVARDA_TEST_IDENTITIES.SE
const STANDALONE_INVOICE = "pp_avarda-standalone-invoice_avarda-standalone"

let storefront: StorefrontServer
let buildDir: string

// The storefront's origin must be known before the app boots: it is where the providers send
// shoppers back and the origin the store API accepts (CORS).
const env = useSandboxEnv(async () => {
  buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "storefront-"))
  await buildStorefront({ outDir: buildDir })
  storefront = await startStorefrontServer({ dir: buildDir, port: 0 })
  return startSandboxEnv(
    {
      STOREFRONT_URL: storefront.url,
      STORE_CORS: storefront.url,
      AUTH_CORS: storefront.url,
      PAYMENT_WEBHOOK_DELAY_MS: "1",
      AVARDA_AMOUNT_LIMITS: JSON.stringify({ loan: { min: 1000 } }),
      AVARDA_RECONCILE_GRACE_MINUTES: "0",
    },
    (backendUrl) => ({ avirato: { webhookDelayMs: 20, webhookRetryBaseMs: 100, testWebhookUrl: `${backendUrl}${AVIRATO_WEBHOOK_PATH}` } })
  )
})

afterAll(async () => {
  await storefront?.close()
  if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true })
})

/** Text as a shopper reads it (Intl puts narrow or non-breaking spaces into amounts). */
const plain = (text: string) => text.replace(/\s+/gu, " ").trim()
const kronor = (amount: number) => plain(new Intl.NumberFormat("sv-SE", { style: "currency", currency: "SEK" }).format(amount))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const shop = useShop(getContainer, [
      { ...SWEDEN, paymentProviders: [...Object.values(AVARDA_PROVIDERS), STANDALONE_INVOICE] },
      { ...SPAIN, paymentProviders: [AVIRATO_PROVIDER_ID] },
    ])
    let browser: Browser
    let context: BrowserContext
    let page: Page

    beforeAll(async () => {
      storefront.setConfig({ backendUrl: api.defaults.baseURL, publishableKey: shop.store.publishableKey })
      browser = await launchBrowser()
    })

    afterAll(async () => {
      await browser?.close()
    })

    beforeEach(async () => {
      env.sandbox.reset()
      // Each shopper starts with an empty browser: no cart, no login.
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "sv-SE" })
      page = await context.newPage()
    })

    afterEach(async () => {
      await context?.close()
    })

    /** Product page → cart → checkout with address and shipping, up to the payment methods. */
    async function shopToPayment(region: "Sweden" | "Spain", quantity = 1) {
      await page.goto(storefront.url)
      await page.getByTestId("region-select").selectOption({ label: `${region} (${region === "Sweden" ? "SEK" : "EUR"})` })
      await page.getByTestId("product-wool-socks").click()
      await page.getByTestId("quantity").fill(String(quantity))
      await page.getByTestId("add-to-cart").click()
      await page.getByTestId("added").waitFor()
      await page.getByTestId("nav-cart").click()
      await page.getByTestId("to-checkout").click()
      await page.getByTestId("fill-test-details").click()
      await page.getByTestId("save-address").click()
      await page.getByTestId("shipping-option").first().click()
      await page.getByTestId("payment-step").locator("input[type=radio]").first().waitFor()
    }

    async function payWithAvarda(method: string, ssn: string, term?: number) {
      await page.getByTestId(`payment-option-${method}`).check()
      await page.getByTestId("personal-id").fill(ssn)
      if (term) await page.getByTestId("payment-term").selectOption(String(term))
      await page.getByTestId("pay").click()
    }

    /** The confirmation page's order, checked against the database; returns its id. */
    async function confirmedOrder(expectedPaymentStatus: string): Promise<string> {
      const confirmation = page.getByTestId("order-confirmation")
      await confirmation.waitFor({ timeout: 120_000 })
      expect(await page.getByTestId("order-payment-status").getAttribute("data-status")).toBe(expectedPaymentStatus)
      const orderId = new URL(page.url()).searchParams.get("order_id")!
      expect(orderId).toMatch(/^order_/)
      return orderId
    }

    async function providerOfOrder(orderId: string): Promise<string> {
      const { data: [order] } = await getContainer().resolve("query").graph({ entity: "order", fields: ["payment_collections.payments.provider_id"], filters: { id: orderId } })
      return order.payment_collections[0].payments[0].provider_id
    }

    it("shows Avarda's monthly cost on the product page, and the APR and the cost notice next to part payment and loan at checkout", async () => {
      await page.goto(`${storefront.url}/products/wool-socks`)
      const widget = page.locator("avarda-payment-widget")
      await widget.locator(".lead").waitFor()
      expect(await widget.getAttribute("price")).toBe("499.00")
      expect(await widget.getAttribute("data-state")).toBe("ready")
      // The sandbox's loan terms: 19.95 %, the longest term (72 months) gives the lowest monthly cost.
      const loan = aprDataOf({ creditAmountMinor: 49_900, months: 72, interestRatePercent: LOAN_INTEREST_PERCENT.loan, invoiceFeeMinor: INVOICE_FEE_MINOR.SEK })
      expect(plain(await widget.locator(".lead").innerText())).toBe(`Dela upp från ${kronor(loan.perMonth)}/mån`)
      expect(await widget.locator(".badge").innerText()).toMatch(/Avarda sandbox/)
      expect(await page.getByTestId("monthly-cost").getByTestId("cost-notice").innerText()).toBe("Att låna pengar kostar pengar!")
      await screenshot(page, "storefront-product-monthly-cost")

      await page.getByTestId("language-select").selectOption("en")
      await page.locator("avarda-payment-widget .lead").getByText(/^Split the payment from/).waitFor()

      await page.getByTestId("language-select").selectOption("sv")
      await shopToPayment("Sweden", 2)
      for (const method of ["part-payment", "loan"]) {
        await page.getByTestId(`payment-option-avarda-${method}`).check()
        const terms = page.getByTestId(`credit-terms-${method}`)
        const apr = terms.locator("avarda-apr-widget")
        await apr.locator("li").first().waitFor()
        expect(await apr.getAttribute("price")).toBe("1047.00")
        expect(await apr.getAttribute("payment-method")).toBe("loan")
        expect(plain(await apr.locator("ul").innerText())).toMatch(/Effektiv ränta: [\d.]+ % Nominell ränta: [\d.]+ %[\s\S]*Kreditbelopp: 1 047,00 kr/)
        expect(await terms.getByTestId("cost-notice").innerText()).toBe("Att låna pengar kostar pengar!")
        await screenshot(page, `storefront-checkout-apr-${method}`)
      }
      // Part payment is a loan with the store's account class (Avarda's widget attribute).
      await page.getByTestId("payment-option-avarda-part-payment").check()
      expect(await page.locator("avarda-apr-widget").getAttribute("account-class")).toBe("1782")
      // An invoice is no credit with a cost: its APR list, no notice.
      await page.getByTestId("payment-option-avarda-invoice").check()
      await page.getByTestId("credit-terms-invoice").locator("avarda-apr-widget li").first().waitFor()
      expect(await page.getByTestId("credit-terms-invoice").getByTestId("cost-notice").count()).toBe(0)
      // Every view shared one widget session.
      expect(env.sandbox.journal.entries({ route: "avarda.paymentwidget.init" }).length).toBeLessThanOrEqual(1)
    })

    it("Avarda invoice, approved: the order is placed and confirmed", async () => {
      await shopToPayment("Sweden")
      // Loans start at 1 000 SEK in this shop: a 548 SEK cart shows it, and cannot choose it.
      const loan = page.getByTestId("payment-option-avarda-loan")
      expect(await loan.isDisabled()).toBe(true)
      expect(plain(await page.locator(".payment-option", { has: loan }).innerText())).toContain("Från 1 000,00 kr")
      await screenshot(page, "storefront-checkout-methods")
      await payWithAvarda("avarda-invoice", SE.approved)
      const orderId = await confirmedOrder("authorized")
      expect(await providerOfOrder(orderId)).toBe(AVARDA_PROVIDERS.invoice)
      expect(plain(await page.getByTestId("order-total").innerText())).toBe(kronor(548))
      await screenshot(page, "storefront-order-confirmed")
    })

    it("Avarda ID validation: the shopper identifies at Avarda and comes back to the confirmation", async () => {
      await shopToPayment("Sweden")
      await payWithAvarda("avarda-invoice", SE.idValidationRequired)
      await page.waitForURL(/\/avarda\/pages\/id-validation\//)
      await screenshot(page, "storefront-avarda-id-validation")
      await page.getByRole("button", { name: "Identify", exact: true }).click()
      const orderId = await confirmedOrder("authorized")
      expect(await providerOfOrder(orderId)).toBe(AVARDA_PROVIDERS.invoice)
    })

    it("Avarda unreachable when the shopper comes back from ID validation: a waiting page, not a failure, then the order", async () => {
      await shopToPayment("Sweden")
      await payWithAvarda("avarda-invoice", SE.idValidationRequired)
      await page.waitForURL(/\/avarda\/pages\/id-validation\//)
      // The return route's status read fails once; the storefront's next completion reads it again.
      env.sandbox.faults.add({ route: "avarda.authorization.status", kind: "status", status: 500, times: 1 })
      await page.getByRole("button", { name: "Identify", exact: true }).click()
      await page.getByTestId("payment-pending").waitFor({ timeout: 60_000 })
      expect(await page.getByTestId("failure-reason").getAttribute("data-reason")).toBe("pending")
      expect(await page.getByTestId("try-another-method").count()).toBe(0)
      const cartId = new URL(page.url()).searchParams.get("cart_id")!
      expect(cartId).toMatch(/^cart_/)
      const orderId = await confirmedOrder("authorized")
      expect(await orderIdsOfCart(getContainer(), cartId)).toEqual([orderId])
      expect(await providerOfOrder(orderId)).toBe(AVARDA_PROVIDERS.invoice)
    })

    it("Avarda ID validation cancelled: the failure page in Swedish, then another method for the same cart", async () => {
      await shopToPayment("Sweden")
      await payWithAvarda("avarda-invoice", SE.idValidationRequired)
      await page.waitForURL(/\/avarda\/pages\/id-validation\//)
      await page.getByRole("button", { name: "Cancel" }).click()
      await page.getByTestId("payment-failed").waitFor()
      const cartId = new URL(page.url()).searchParams.get("cart_id")!
      expect(cartId).toMatch(/^cart_/)
      // A cancelled identification is Avarda's status 1 with errorCode 51, and Avarda's Swedish text.
      expect(await page.getByTestId("failure-reason").getAttribute("data-reason")).toBe("rejected")
      expect(await page.getByTestId("failure-reason").innerText()).toBe("Avarda godkände inte betalningen.")
      expect(await page.getByTestId("failure-message").innerText()).toBe("ID-valideringen misslyckades")
      await screenshot(page, "storefront-payment-failed")

      await page.getByTestId("try-another-method").click()
      await page.getByTestId("payment-step").locator("input[type=radio]").first().waitFor()
      await payWithAvarda("avarda-part-payment", SE.approved, 12)
      const orderId = await confirmedOrder("authorized")
      expect(await orderIdsOfCart(getContainer(), cartId)).toEqual([orderId])
    })

    it("Avarda rejection: Avarda's message at checkout, then another method", async () => {
      await shopToPayment("Sweden")
      await payWithAvarda("avarda-invoice", SE.rejectedCreditNotApproved)
      const error = page.getByTestId("payment-error")
      await error.waitFor()
      expect(await error.innerText()).toMatch(/Krediten beviljades inte/)
      await screenshot(page, "storefront-credit-rejected")
      await payWithAvarda("avarda-standalone-invoice", SE.approved)
      const orderId = await confirmedOrder("authorized")
      expect(await providerOfOrder(orderId)).toBe(STANDALONE_INVOICE)
    })

    it("Avarda part payment with the shopper's term", async () => {
      await shopToPayment("Sweden")
      expect(await page.getByTestId("payment-option-avarda-part-payment").isEnabled()).toBe(true)
      await page.getByTestId("payment-option-avarda-part-payment").check()
      expect(await page.getByTestId("payment-term").locator("option").allInnerTexts()).toEqual(["12 månader", "24 månader", "36 månader"])
      await payWithAvarda("avarda-part-payment", SE.approved, 24)
      const orderId = await confirmedOrder("authorized")
      expect(await providerOfOrder(orderId)).toBe(AVARDA_PROVIDERS.partPayment)
      const [created] = env.sandbox.journal.entries({ route: "avarda.authorization.create.part-payment" })
      expect(created!.body).toMatchObject({ paymentTerms: 24, accountClassCode: 1782 })
    })

    it("Avarda Standalone Credit invoice", async () => {
      await shopToPayment("Sweden")
      await payWithAvarda("avarda-standalone-invoice", SE.approved)
      const orderId = await confirmedOrder("authorized")
      expect(await providerOfOrder(orderId)).toBe(STANDALONE_INVOICE)
      expect(env.sandbox.avarda.listStandalonePurchases()).toHaveLength(1)
    })

    async function payOnAviratoPage(holderName: string) {
      await page.getByTestId("payment-option-avirato-card").check()
      await page.getByTestId("pay").click()
      await page.waitForURL(/\/avirato\//)
      await page.fill("#cardNumber", QUICK_SUCCESS_CARD.cardNumber)
      await page.fill("#expiry", QUICK_SUCCESS_CARD.expiry)
      await page.fill("#cvc", QUICK_SUCCESS_CARD.cvc)
      await page.fill("#holderName", holderName)
      await page.getByRole("button", { name: /^Pay / }).click()
    }

    it("Avirato card, paid: the hosted page, then the confirmation with the payment captured", async () => {
      await shopToPayment("Spain")
      expect(await page.getByTestId("payment-option-avirato-card").isEnabled()).toBe(true)
      await payOnAviratoPage("Test User")
      const orderId = await confirmedOrder("captured")
      expect(await providerOfOrder(orderId)).toBe(AVIRATO_PROVIDER_ID)
      await screenshot(page, "storefront-avirato-paid")
    })

    it("Avirato card paid while another request is still placing the order: the waiting page, then the confirmation once the order exists", async () => {
      await shopToPayment("Spain")
      const cartId = await page.evaluate(() => localStorage.getItem("storefront.cart_id"))
      expect(cartId).toMatch(/^cart_/)
      // Avirato takes the payment, but neither the return nor the webhook places the order: the
      // shopper is where a return lands when another completion holds the cart (reason
      // order_processing), and only the waiting page's own completions can place it. The hosted page
      // is paid outside the browser, so its redirect to the return route is not followed.
      env.sandbox.avirato.disableWebhooks()
      const nonVendor = [new URL(api.defaults.baseURL!).origin, new URL(storefront.url).origin]
      const hostedPageUrl = new Promise<string>((resolve) => {
        void page.route(
          (url) => !nonVendor.includes(url.origin) && url.pathname.includes("/avirato/"),
          async (route) => {
            resolve(route.request().url())
            await route.fulfill({ status: 200, contentType: "text/html", body: "<p>Avirato's hosted page, paid elsewhere</p>" })
          }
        )
      })
      await page.getByTestId("payment-option-avirato-card").check()
      await page.getByTestId("pay").click()
      const noHostedPage = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the storefront never opened Avirato's hosted page")), 60_000).unref())
      const paymentUrl = await Promise.race([hostedPageUrl, noHostedPage])
      await page.waitForURL(paymentUrl)
      await payOnHostedPage(paymentUrl)
      expect(await orderIdsOfCart(getContainer(), cartId!)).toEqual([])

      await page.goto(`${storefront.url}/checkout/payment-failed?reason=order_processing&cart_id=${encodeURIComponent(cartId!)}`)
      await page.getByTestId("order-processing").waitFor()
      expect(await page.getByTestId("failure-reason").getAttribute("data-reason")).toBe("order_processing")
      expect(await page.getByTestId("try-another-method").count()).toBe(0)
      const orderId = await confirmedOrder("captured")
      expect(await orderIdsOfCart(getContainer(), cartId!)).toEqual([orderId])
      expect(await providerOfOrder(orderId)).toBe(AVIRATO_PROVIDER_ID)
    })

    it("Avirato card, declined: the failure page, and the same cart can pay again", async () => {
      await shopToPayment("Spain")
      await payOnAviratoPage("DECLINED")
      await page.getByTestId("payment-failed").waitFor({ timeout: 120_000 })
      expect(await page.getByTestId("failure-reason").getAttribute("data-reason")).toBe("declined")
      expect(await page.getByTestId("failure-reason").innerText()).toBe("Kortbetalningen nekades.")
      const cartId = new URL(page.url()).searchParams.get("cart_id")!
      expect(await orderIdsOfCart(getContainer(), cartId)).toEqual([])
      await page.getByTestId("try-another-method").click()
      await payOnAviratoPage("Test User")
      const orderId = await confirmedOrder("captured")
      expect(await orderIdsOfCart(getContainer(), cartId)).toEqual([orderId])
    })

    it("Avirato pre-authorisation: the confirmation says authorized, nothing is captured", async () => {
      const saved = await api.post("/admin/plugin-settings", { avirato: { captureMode: "preauth" } }, { headers: shop.admin.headers })
      expect(saved.status).toBe(200)
      try {
        await shopToPayment("Spain")
        await payOnAviratoPage("Test User")
        const orderId = await confirmedOrder("authorized")
        const { data: [order] } = await getContainer().resolve("query").graph({
          entity: "order",
          fields: ["payment_collections.payments.captured_at", "payment_collections.payments.data"],
          filters: { id: orderId },
        })
        expect(order.payment_collections[0].payments[0]).toMatchObject({ captured_at: null, data: { mode: "preauth" } })
      } finally {
        await api.post("/admin/plugin-settings", {}, { headers: shop.admin.headers })
      }
    })

    it("My Pages: the customer logs in, proves their identity, sees the loan and pays an open invoice", async () => {
      const customer = await registerCustomer(api, shop.store.publishableKey, { email: "maja@example.com", first_name: "Maja", last_name: "Månsson" })
      await page.goto(`${storefront.url}/account/login`)
      await page.locator("input[name=email]").fill(customer.email)
      await page.locator("input[name=password]").fill(customer.password)
      await page.getByTestId("login").click()
      await page.waitForURL(/\/account\/invoices$/)
      await page.getByTestId("no-accounts").waitFor()

      // A purchase on invoice makes the customer an Avarda shopper; earlier purchases of the same
      // person (personal ID number) are in Avarda's My Pages too: an open invoice and a loan.
      await shopToPayment("Sweden")
      await payWithAvarda("avarda-invoice", SE.approved)
      await confirmedOrder("authorized")
      env.sandbox.avarda.seedMyPages({
        identificationNumber: SE.approved,
        market: "SE",
        purchaseIds: ["earlier-purchase-1"],
        accounts: [
          { id: "7600000001", type: "Invoice", amount: 349, dueInDays: 12, description: "Wool hat", orderReference: "EARLIER-1" },
          { id: "7600000002", type: "Loan", amount: 9600, months: 24, dueInDays: 18, description: "Bicycle", orderReference: "EARLIER-2" },
        ],
      })

      // The purchase was approved without electronic ID: it does not prove that Maja is the person,
      // so none of the person's earlier accounts show until she identifies (the identity step).
      await page.getByTestId("nav-account").click()
      await page.getByTestId("identity-needed").waitFor()
      expect(await page.getByTestId("account-7600000001").count()).toBe(0)
      expect(await page.getByTestId("account-7600000002").count()).toBe(0)
      await screenshot(page, "storefront-my-pages-before-identification")
      await page.getByTestId("identify-person").click()
      await page.waitForURL(/\/avarda\/pages\//)
      await page.getByRole("button", { name: "Identify", exact: true }).click()
      await page.waitForURL(/\/account\/invoices/)
      await page.getByTestId("account-7600000002").waitFor()
      await page.getByTestId("account-7600000001").waitFor()
      expect(await page.getByTestId("identity-needed").count()).toBe(0)
      expect(await page.getByTestId("strong-authentication").count()).toBe(0)
      await screenshot(page, "storefront-my-pages")

      await page.getByTestId("open-7600000001").click()
      const detail = page.getByTestId("account-detail")
      await detail.waitFor()
      expect(plain(await page.getByTestId("transactions").innerText())).toContain("Wool hat")
      expect(plain(await page.getByTestId("account-balance").innerText())).toBe(kronor(349))
      await page.getByTestId("pay-invoice").click()
      await page.waitForURL(/\/avarda\/pages\/mypages-pay/)
      await page.getByRole("button", { name: "Complete payment" }).click()
      const result = page.getByTestId("payment-result")
      await result.waitFor({ timeout: 60_000 })
      expect(await result.getAttribute("data-outcome")).toBe("paid")
      await page.waitForFunction(() => document.querySelector("[data-testid=account-balance]")?.textContent?.startsWith("0,00"))
      await screenshot(page, "storefront-my-pages-paid")
    })
  },
})
