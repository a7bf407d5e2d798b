// Nothing the go-live check does may move real money: production URLs are refused unless the run is
// read-only, and a read-only run sends only token and read requests (the sandbox journal proves it).
import { AuthorizationApiClient } from "../../lib/avarda/authorization-api/client"
import { AVARDA_TEST_MARKETS } from "../../sandbox/avarda/test-identities"
import { startSandbox, type Sandbox } from "../../sandbox"
import { verifyCli } from "../cli"
import { classifyBaseUrl, guardBaseUrls, isReadOnlyRequest, ProductionRefusedError, ReadOnlyViolationError } from "../production-guard"
import { resolveVerifyTarget } from "../resolve-verify-target"
import { runVerify } from "../run-verify"
import { VendorTraffic } from "../vendor-traffic"

jest.setTimeout(60_000)

const PRODUCTION_ENV = {
  AVARDA_ENVIRONMENT: "production",
  AVARDA_CLIENT_ID: "live-client",
  AVARDA_CLIENT_SECRET: "live-secret",
  AVIRATO_ENVIRONMENT: "live",
  AVIRATO_API_KEY: "live-key",
  AVIRATO_WEBCODE: "SHOP01",
  AVIRATO_CLIENT_SECRETS: "live-client-secret",
}

describe("classifyBaseUrl", () => {
  it.each([
    ["https://stage.authorization-api.avarda.com/", "test"],
    ["https://stage.avarda.org/CheckOut2", "test"],
    ["https://stage.avarda.org/checkout2", "test"],
    ["https://stage.avarda360-api.avarda.com", "test"],
    ["https://stage.checkout-api.avarda.com", "test"],
    ["https://aviratopayments.com/external/v1/test/", "test"],
    ["https://authorization-api.avarda.com/", "production"],
    ["https://online.avarda.org/CheckOut2", "production"],
    ["https://avarda360-api.avarda.com", "production"],
    ["https://checkout-api.avarda.com", "production"],
    ["https://aviratopayments.com/external/v1/", "production"],
    // A URL the command cannot place is treated as production.
    ["https://proxy.example.com/avarda/", "production"],
    ["not a url", "production"],
    ["http://localhost:4010/avarda/authorization-api/", "sandbox"],
    ["http://127.0.0.1:4010/avirato/external/v1/test/", "sandbox"],
  ])("%s → %s", (url, kind) => {
    expect(classifyBaseUrl(url)).toBe(kind)
  })

  it("places the sandbox origin it was given as the sandbox", () => {
    expect(classifyBaseUrl("https://sandbox.shop.example/avarda/mypages", "https://sandbox.shop.example")).toBe("sandbox")
  })
})

describe("the production guard", () => {
  it("refuses production base URLs before any call, naming them", async () => {
    const target = resolveVerifyTarget(PRODUCTION_ENV)
    await expect(runVerify({ target, settings: { shoppers: { invoice: "191704109279", loan: "198005012003" } } })).rejects.toThrow(ProductionRefusedError)
    expect(() => guardBaseUrls(["https://authorization-api.avarda.com/"], { productionReadOnly: false })).toThrow(/authorization-api\.avarda\.com.*--production-read-only/)
    expect(guardBaseUrls(["https://authorization-api.avarda.com/"], { productionReadOnly: true })).toEqual({ readOnly: true, productionUrls: ["https://authorization-api.avarda.com/"] })
    expect(guardBaseUrls(["https://stage.authorization-api.avarda.com/"], { productionReadOnly: false })).toEqual({ readOnly: false, productionUrls: [] })
  })

  it("makes the command exit 2 with the reason, and refuses --interactive with --production-read-only", async () => {
    const err: string[] = []
    const io = { out: () => undefined, err: (text: string) => void err.push(text) }
    expect(await verifyCli([], PRODUCTION_ENV, io)).toBe(2)
    expect(err.join("\n")).toMatch(/Refusing to run against production base URLs \(https:\/\/authorization-api\.avarda\.com\/, .*aviratopayments\.com\/external\/v1\/\)/)
    expect(await verifyCli(["--interactive", "--production-read-only"], PRODUCTION_ENV, io)).toBe(2)
    expect(err.join("\n")).toMatch(/cannot be combined with --production-read-only/)
  })

  it.each([
    ["POST", "/avarda/authorization-api/oauth2/token", true],
    ["GET", "/avarda/authorization-api/authorization/5c1b…", true],
    ["POST", "/avarda/mypages/auth/token", true],
    ["GET", "/avarda/mypages/Accounts?purchaseId=x", true],
    ["GET", "/avarda/mypages/Accounts/7000000001?purchaseId=x", true],
    ["POST", "/avarda/checkout2/CheckOut2Api/GetPaymentStatus", true],
    ["GET", "/avirato/external/v1/payment/session/SHOP01-EXT-1?webcode=SHOP01", true],
    ["GET", "/api/paymentwidget/partner/init", true],
    ["POST", "/api/partner/tokens", true],
    ["POST", "/avarda/authorization-api/authorization/invoice", false],
    ["POST", "/avarda/authorization-api/authorization/5c1b/order", false],
    ["POST", "/avarda/authorization-api/authorization/5c1b/cancel", false],
    ["POST", "/avarda/mypages/Pay", false],
    ["POST", "/avarda/checkout2/CheckOut2Api/v2/AuthorizeInvoiceEID", false],
    ["POST", "/avarda/checkout2/CheckOut2Api/Commerce/PurchaseOrder", false],
    ["POST", "/avirato/external/v1/payment/session", false],
    ["POST", "/avirato/external/v1/payment/refund", false],
  ])("read-only policy: %s %s → %s", (method, path, allowed) => {
    expect(isReadOnlyRequest(method, path)).toBe(allowed)
  })
})

describe("a read-only run against the sandbox", () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
  })
  afterAll(() => sandbox.stop())
  beforeEach(() => sandbox.reset())

  it("runs only the read-only checks and sends only token and read requests", async () => {
    const report = await runVerify({
      target: resolveVerifyTarget({ AVARDA_AVIRATO_SANDBOX_URL: sandbox.origin }),
      settings: { readOnly: true, paymentWidget: true, shoppers: { invoice: "191704109279", loan: "198005012003" }, pollIntervalMs: 20 },
    })
    expect(report.readOnly).toBe(true)
    expect(report.results.map((result) => result.assumption).sort()).toEqual(["A1", "D1", "D2", "D8", "U19", "U22", "U23", "U3"].sort())
    expect(report.results.filter((result) => result.assumption !== "U22").every((result) => result.verdict === "confirmed")).toBe(true)
    const sent = sandbox.journal.entries()
    expect(sent.length).toBeGreaterThan(5)
    expect(sent.filter((entry) => !isReadOnlyRequest(entry.method, entry.path)).map((entry) => `${entry.method} ${entry.path}`)).toEqual([])
  })

  it("refuses a write at the transport, before it leaves the process", async () => {
    const traffic = new VendorTraffic({ readOnly: true })
    const client = new AuthorizationApiClient({
      baseUrl: sandbox.urls.avardaAuthorizationApi,
      clientId: sandbox.settings.avarda.clientId,
      clientSecret: sandbox.settings.avarda.clientSecret,
      dispatcher: traffic.dispatcher,
    })
    try {
      const se = AVARDA_TEST_MARKETS.SE
      const address = { firstName: "A", lastName: "B", addressLine1: se.addressLine1, city: se.city, zip: se.zip, country: "SE" }
      const create = client.createAuthorization("invoice", {
        customer: { identificationNumber: "191704109279", userLanguageCode: 752, phone: se.phone, email: se.email },
        invoicingAddress: address,
        items: [{ description: "MockForTest", amount: 100, quantity: 1 }],
        orderReference: "read-only",
        posId: "0",
      })
      await expect(create).rejects.toThrow(ReadOnlyViolationError)
      expect(sandbox.journal.entries({ route: "avarda.authorization.create.*" })).toEqual([])
      // The token call it needed first was allowed.
      expect(sandbox.journal.entries({ route: "avarda.auth.token" })).toHaveLength(1)
    } finally {
      await client.close()
      await traffic.close()
    }
  })
})
