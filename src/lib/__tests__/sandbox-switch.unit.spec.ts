// The sandbox switch: one variable points every vendor API of the plugin at a running sandbox, with
// the sandbox's credentials, for the providers, the My Pages module, the admin page and the go-live
// check alike — and a production process refuses it unless told otherwise.
import { resolveMyPagesOptions } from "../../modules/avarda-my-pages/options"
import { parseStandaloneOptions, standaloneBaseUrlOf } from "../../providers/avarda-standalone/core/options"
import { parseAvardaOptions, paymentWidgetEndpointsOf } from "../../providers/avarda/core/options"
import { parseAviratoOptions } from "../../providers/avirato/core/options"
import { startSandbox, type Sandbox } from "../../sandbox"
import { PaymentWidgetClient } from "../avarda/payment-widget/client"
import { MyPagesClient } from "../avarda/my-pages/client"
import { connectionCheckInputOf } from "../plugin-settings/connection-check-input"
import { checkVendorConnection } from "../plugin-settings/connection-checks"
import { describeVendorConfigurations } from "../plugin-settings/vendor-configuration"
import { sandboxProviderOptions, sandboxSwitch, SandboxSwitchError, sandboxVendors } from "../sandbox-switch"

// What a store owner's medusa-config.ts passes (README "Install") before having any vendor credentials:
// every credential variable unset, environments as the snippet defaults them.
const storefront = { successUrl: "https://shop.example/order/confirmed", failureUrl: "https://shop.example/checkout?step=payment" }
const readmeEntries = [
  {
    resolve: "medusa-plugin-avarda-avirato/providers/avarda",
    id: "avarda",
    options: {
      environment: "test",
      clientId: undefined,
      clientSecret: undefined,
      backendUrl: "https://api.shop.example",
      storefront,
      partPayment: { paymentTerms: [12, 24, 36], accountClassCode: Number(undefined) },
      paymentWidget: { enabled: true },
    },
  },
  {
    resolve: "medusa-plugin-avarda-avirato/providers/avarda-standalone",
    id: "avarda-standalone",
    options: { environment: "test", siteCode: undefined, sitePassword: undefined, backendUrl: "https://api.shop.example", storefront },
  },
  {
    resolve: "medusa-plugin-avarda-avirato/providers/avirato",
    id: "avirato",
    options: {
      environment: "test",
      apiKey: undefined,
      webcode: undefined,
      clientSecrets: undefined,
      captureMode: "preauth",
      backendUrl: "https://api.shop.example",
      storefrontSuccessUrl: storefront.successUrl,
      storefrontFailureUrl: storefront.failureUrl,
    },
  },
]
const [avardaEntry, standaloneEntry, aviratoEntry] = readmeEntries

const SWITCH = { AVARDA_AVIRATO_SANDBOX_URL: "http://localhost:4010/" }

describe("sandboxVendors", () => {
  it("maps a sandbox origin to every vendor API's base URL and the sandbox's credentials", () => {
    expect(sandboxVendors("http://localhost:4010/anything?x=1")).toEqual({
      origin: "http://localhost:4010",
      authorizationApi: {
        baseUrl: "http://localhost:4010/avarda/authorization-api/",
        clientId: "sandbox-avarda-client-id",
        clientSecret: "sandbox-avarda-client-secret",
        partPaymentAccountClassCode: 1,
      },
      standalone: { baseUrl: "http://localhost:4010/avarda/checkout2", siteCode: "SANDBOXSITE", sitePassword: "sandbox-site-password" },
      myPages: {
        baseUrl: "http://localhost:4010/avarda/mypages",
        clientId: "sandbox-avarda-client-id",
        clientSecret: "sandbox-avarda-client-secret",
        payPageUrl: "http://localhost:4010/avarda/pages/mypages-pay",
      },
      paymentWidget: { checkoutApiUrl: "http://localhost:4010/avarda/checkout-api", scriptUrl: "http://localhost:4010/avarda/payment-widget/cdn/payment-widget.js" },
      avirato: { baseUrl: "http://localhost:4010/avirato/external/v1/test/", apiKey: "sandbox_test_api_key", webcode: "SHOP01", clientSecrets: ["sandbox_test_client_secret"] },
    })
  })

  it.each(["localhost:4010", "ftp://localhost:4010", "sandbox"])("refuses %s, naming the variable", (value) => {
    expect(() => sandboxVendors(value)).toThrow(SandboxSwitchError)
    expect(() => sandboxVendors(value)).toThrow(/AVARDA_AVIRATO_SANDBOX_URL must be the absolute http\(s\) URL of a running sandbox/)
  })
})

describe("sandboxSwitch", () => {
  it("is off when the variable is unset or blank", () => {
    expect(sandboxSwitch({})).toBeUndefined()
    expect(sandboxSwitch({ AVARDA_AVIRATO_SANDBOX_URL: "  " })).toBeUndefined()
  })

  it("is on outside production", () => {
    expect(sandboxSwitch({ ...SWITCH, NODE_ENV: "development" })?.origin).toBe("http://localhost:4010")
    expect(sandboxSwitch({ ...SWITCH, NODE_ENV: "test" })?.origin).toBe("http://localhost:4010")
  })

  it("is refused when NODE_ENV=production unless AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION=true", () => {
    const production = { ...SWITCH, NODE_ENV: "production" }
    expect(() => sandboxSwitch(production)).toThrow(SandboxSwitchError)
    expect(() => sandboxSwitch(production)).toThrow(
      /AVARDA_AVIRATO_SANDBOX_URL is set while NODE_ENV=production.*Unset AVARDA_AVIRATO_SANDBOX_URL.*AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION=true/
    )
    expect(() => sandboxSwitch({ ...production, AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION: "yes" })).toThrow(SandboxSwitchError)
    expect(sandboxSwitch({ ...production, AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION: "true" })?.origin).toBe("http://localhost:4010")
  })

  it("refuses boot in production from every provider and the My Pages module", () => {
    const production = { ...SWITCH, NODE_ENV: "production" }
    expect(() => parseAvardaOptions(avardaEntry!.options, production)).toThrow(/NODE_ENV=production/)
    expect(() => parseStandaloneOptions(standaloneEntry!.options, production)).toThrow(/NODE_ENV=production/)
    expect(() => parseAviratoOptions(aviratoEntry!.options, production)).toThrow(/NODE_ENV=production/)
    expect(() => resolveMyPagesOptions({}, production)).toThrow(/NODE_ENV=production/)
  })
})

describe("the providers and My Pages with the switch on", () => {
  it("take the README's options without any vendor credential and talk to the sandbox", () => {
    const avarda = parseAvardaOptions(avardaEntry!.options, SWITCH)
    expect(avarda).toMatchObject({
      environment: "http://localhost:4010/avarda/authorization-api/",
      clientId: "sandbox-avarda-client-id",
      clientSecret: "sandbox-avarda-client-secret",
      partPayment: { paymentTerms: [12, 24, 36], accountClassCode: 1 },
      backendUrl: "https://api.shop.example",
      storefront,
    })
    expect(paymentWidgetEndpointsOf(avarda)).toEqual({
      checkoutApiUrl: "http://localhost:4010/avarda/checkout-api",
      scriptUrl: "http://localhost:4010/avarda/payment-widget/cdn/payment-widget.js",
    })

    const standalone = parseStandaloneOptions(standaloneEntry!.options, SWITCH)
    expect(standaloneBaseUrlOf(standalone)).toBe("http://localhost:4010/avarda/checkout2")
    expect(standalone).toMatchObject({ environment: "sandbox", siteCode: "SANDBOXSITE", sitePassword: "sandbox-site-password" })

    expect(parseAviratoOptions(aviratoEntry!.options, SWITCH)).toMatchObject({
      environment: "sandbox",
      baseUrl: "http://localhost:4010/avirato/external/v1/test/",
      apiKey: "sandbox_test_api_key",
      webcode: "SHOP01",
      clientSecrets: ["sandbox_test_client_secret"],
      captureMode: "preauth",
    })

    const myPages = resolveMyPagesOptions({ myPages: { customerTokenSecret: undefined } }, { ...SWITCH, AVARDA_ENVIRONMENT: "test", AVARDA_CLIENT_ID: "real-id" })
    expect(myPages).toMatchObject({
      environment: "sandbox",
      baseUrl: "http://localhost:4010/avarda/mypages",
      clientId: "sandbox-avarda-client-id",
      checkoutScriptUrl: null,
      sandboxPayPageUrl: "http://localhost:4010/avarda/pages/mypages-pay",
    })
  })

  it("keeps what is the store's own (products, terms, capture modes, URLs) and a configured account class", () => {
    const options = { ...avardaEntry!.options, products: ["invoice", "part-payment"], captureMode: "manual", partPayment: { paymentTerms: [24], accountClassCode: 1782 } }
    expect(sandboxProviderOptions("avarda", options, sandboxVendors(SWITCH.AVARDA_AVIRATO_SANDBOX_URL))).toMatchObject({
      products: ["invoice", "part-payment"],
      captureMode: "manual",
      partPayment: { paymentTerms: [24], accountClassCode: 1782 },
      paymentWidget: { enabled: true },
    })
  })

  it("leaves every option alone when the switch is off", () => {
    expect(() => parseAvardaOptions(avardaEntry!.options, {})).toThrow(/option "clientId" is required/)
    expect(parseAvardaOptions({ ...avardaEntry!.options, clientId: "c", clientSecret: "s", partPayment: { accountClassCode: 5 } }, {}).environment).toBe("test")
  })
})

describe("the admin settings page with the switch on", () => {
  it("shows sandbox for every vendor (Standalone included), with the sandbox's base URLs and no credential", () => {
    const vendors = describeVendorConfigurations(readmeEntries, "https://api.shop.example", SWITCH)
    expect(vendors.map((vendor) => [vendor.vendor, vendor.environment, vendor.baseUrl])).toEqual([
      ["avarda", "sandbox", "http://localhost:4010/avarda/authorization-api/"],
      ["avarda-standalone", "sandbox", "http://localhost:4010/avarda/checkout2"],
      ["avirato", "sandbox", "http://localhost:4010/avirato/external/v1/test/"],
    ])
    expect(JSON.stringify(vendors)).not.toMatch(/sandbox-avarda-client-secret|sandbox-site-password|sandbox_test_api_key/)
    // Without the switch the same entries are what they say: Avarda stage, Avirato Test.
    expect(describeVendorConfigurations(readmeEntries, "https://api.shop.example", {}).map((vendor) => vendor.environment)).toEqual(["test", "test", "test"])
  })
})

describe("against a running sandbox", () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
  })
  afterAll(() => sandbox.stop())

  it("is the sandbox's own route layout and credentials", () => {
    const vendors = sandboxVendors(sandbox.origin)
    expect(vendors.authorizationApi.baseUrl).toBe(sandbox.urls.avardaAuthorizationApi)
    expect(vendors.standalone.baseUrl).toBe(sandbox.urls.avardaCheckout2)
    expect(vendors.myPages.baseUrl).toBe(sandbox.urls.avardaMyPages)
    expect(vendors.paymentWidget).toEqual({ checkoutApiUrl: sandbox.urls.avardaCheckoutApi, scriptUrl: sandbox.urls.avardaPaymentWidgetScript })
    expect(vendors.avirato.baseUrl).toBe(sandbox.urls.aviratoTest)
    expect(vendors.authorizationApi).toMatchObject({ clientId: sandbox.settings.avarda.clientId, clientSecret: sandbox.settings.avarda.clientSecret })
    expect(vendors.standalone).toMatchObject({ siteCode: sandbox.settings.avarda.siteCode, sitePassword: sandbox.settings.avarda.sitePassword })
    expect(vendors.avirato).toMatchObject({ apiKey: sandbox.settings.avirato.testApiKey, clientSecrets: [sandbox.settings.avirato.testClientSecret] })
  })

  it("connects every vendor the admin's connection check knows, with the credentials the switch fills in", async () => {
    const env = { AVARDA_AVIRATO_SANDBOX_URL: sandbox.origin }
    const configurations = describeVendorConfigurations(readmeEntries, "https://api.shop.example", env)
    for (const [index, configuration] of configurations.entries()) {
      const prepared = connectionCheckInputOf(configuration, readmeEntries[index], env)
      if (!("input" in prepared)) throw new Error(`no connection check for ${configuration.vendor}: ${prepared.problem}`)
      const result = await checkVendorConnection(prepared.input)
      expect({ vendor: configuration.vendor, ok: result.ok }).toEqual({ vendor: configuration.vendor, ok: true })
    }
  })

  it("gets My Pages and payment-widget tokens with the switched options", async () => {
    const env = { AVARDA_AVIRATO_SANDBOX_URL: sandbox.origin }
    const myPagesOptions = resolveMyPagesOptions({}, env)
    const myPages = new MyPagesClient({ baseUrl: myPagesOptions.baseUrl, clientId: myPagesOptions.clientId, clientSecret: myPagesOptions.clientSecret })
    const avarda = parseAvardaOptions(avardaEntry!.options, env)
    const widget = new PaymentWidgetClient({ checkoutApiUrl: paymentWidgetEndpointsOf(avarda)!.checkoutApiUrl, clientId: avarda.clientId, clientSecret: avarda.clientSecret })
    try {
      // A purchase the sandbox does not know: My Pages answers for it only after accepting the partner token.
      const shopper = { customerAuthToken: "switch-test-shopper", customerAuthenticationReturnUrl: "https://shop.example/account" }
      await myPages.listInvoices("00000000-0000-0000-0000-000000000000", shopper).catch((error: unknown) => error)
      expect(sandbox.journal.entries({ route: "avarda.mypages.token" }).map((entry) => entry.status)).toEqual([200])
      await expect(widget.init()).resolves.toMatchObject({ paymentId: expect.any(String), widgetJwt: expect.any(String) })
    } finally {
      await Promise.all([myPages.close(), widget.close()])
    }
  })
})
