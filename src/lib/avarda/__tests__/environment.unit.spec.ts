// One `environment` grammar for every Avarda API of the plugin: the Authorization API providers,
// the Standalone Credit providers and the My Pages module accept and refuse the same values, and
// a URL inherited through AVARDA_ENVIRONMENT places My Pages where it can.
import { resolveMyPagesOptions } from "../../../modules/avarda-my-pages/options"
import { parseStandaloneOptions } from "../../../providers/avarda-standalone/core/options"
import { parseAvardaOptions } from "../../../providers/avarda/core/options"
import { environmentOfAvardaUrl, myPagesLocation, parseAvardaEnvironment } from "../environment"

const shop = { backendUrl: "https://api.shop.example", storefront: { successUrl: "https://shop.example/ok", failureUrl: "https://shop.example/ko" } }
const avardaOptions = (environment: string) => ({ ...shop, environment, clientId: "c", clientSecret: "s", partPayment: { accountClassCode: 1782 } })
const standaloneOptions = (environment: string) => ({ ...shop, environment, siteCode: "SITE", sitePassword: "pw" })
const myPagesOptions = (environment: string) => ({ environment, clientId: "c", clientSecret: "s", customerTokenSecret: "x".repeat(32), checkoutScriptUrl: "https://cdn.example/main.js" })

const accepted = (parse: () => unknown): string => {
  try {
    parse()
    return "accepted"
  } catch (error) {
    const message = (error as Error).message
    return /must be one of sandbox, test, production or an absolute http\(s\) base URL/.test(message) ? "refused with the rule" : `other error: ${message}`
  }
}

describe("parseAvardaEnvironment", () => {
  it.each([
    ["sandbox", { name: "sandbox" }],
    ["test", { name: "test" }],
    ["production", { name: "production" }],
    ["http://localhost:4010/avarda/authorization-api/", { baseUrl: "http://localhost:4010/avarda/authorization-api/" }],
    ["https://proxy.example/avarda", { baseUrl: "https://proxy.example/avarda" }],
    ["staging", undefined],
    ["live", undefined],
    ["localhost:4010", undefined],
    ["ftp://avarda.example", undefined],
    ["", undefined],
  ])("%j → %j", (value, expected) => {
    expect(parseAvardaEnvironment(value)).toEqual(expected)
  })
})

describe("every Avarda API takes the same environment forms", () => {
  it.each([
    ["sandbox", "accepted"],
    ["test", "accepted"],
    ["production", "accepted"],
    ["http://localhost:4010/avarda/authorization-api/", "accepted"],
    ["https://proxy.example/avarda/", "accepted"],
    ["staging", "refused with the rule"],
    ["localhost:4010", "refused with the rule"],
  ])("%j: %s by the Authorization API, Standalone Credit and My Pages", (environment, verdict) => {
    expect({
      authorizationApi: accepted(() => parseAvardaOptions(avardaOptions(environment), {})),
      standalone: accepted(() => parseStandaloneOptions(standaloneOptions(environment), {})),
      myPages: accepted(() => resolveMyPagesOptions(myPagesOptions(environment), {})),
    }).toEqual({ authorizationApi: verdict, standalone: verdict, myPages: verdict })
  })
})

describe("environmentOfAvardaUrl", () => {
  it.each([
    ["https://stage.authorization-api.avarda.com/", { name: "test" }],
    ["https://stage.avarda360-api.avarda.com", { name: "test" }],
    ["https://stage.avarda.org/CheckOut2", { name: "test" }],
    ["https://authorization-api.avarda.com", { name: "production" }],
    ["https://online.avarda.org/CheckOut2", { name: "production" }],
    ["http://localhost:4999/avarda/authorization-api/", { name: "sandbox", sandboxOrigin: "http://localhost:4999" }],
    ["http://sandbox.internal:4010/Avarda/checkout2", { name: "sandbox", sandboxOrigin: "http://sandbox.internal:4010" }],
    ["https://proxy.example/avarda-api/", undefined],
    ["https://proxy.example/avarda/", undefined],
    ["http://localhost:4010/avirato/external/v1/test/", undefined],
    ["https://proxy.example/", undefined],
  ])("%s → %j", (url, expected) => {
    expect(environmentOfAvardaUrl(url)).toEqual(expected)
  })
})

describe("My Pages' location", () => {
  it("follows AVARDA_ENVIRONMENT when it is the sandbox's Authorization API URL (the sandbox at that origin, its credentials)", () => {
    const resolved = resolveMyPagesOptions({}, { AVARDA_ENVIRONMENT: "http://localhost:4999/avarda/authorization-api/" })
    expect(resolved).toMatchObject({
      environment: "sandbox",
      baseUrl: "http://localhost:4999/avarda/mypages",
      clientId: "sandbox-avarda-client-id",
      checkoutScriptUrl: null,
      sandboxPayPageUrl: "http://localhost:4999/avarda/pages/mypages-pay",
    })
  })

  it("follows AVARDA_ENVIRONMENT when it is Avarda's stage Authorization API URL", () => {
    const resolved = resolveMyPagesOptions({}, { AVARDA_ENVIRONMENT: "https://stage.authorization-api.avarda.com/", AVARDA_CLIENT_ID: "id", AVARDA_CLIENT_SECRET: "s", AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET: "y".repeat(32) })
    expect(resolved).toMatchObject({ environment: "test", baseUrl: "https://stage.avarda360-api.avarda.com", checkoutScriptUrl: "https://stage.checkout-cdn.avarda.com/cdn/static/js/main.js" })
  })

  it("says which variable to set when AVARDA_ENVIRONMENT is a URL that does not place it", () => {
    const env = { AVARDA_ENVIRONMENT: "https://proxy.example/avarda/", AVARDA_CLIENT_ID: "id", AVARDA_CLIENT_SECRET: "s", AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET: "y".repeat(32) }
    expect(() => resolveMyPagesOptions({}, env)).toThrow(/AVARDA_ENVIRONMENT is a base URL of the Authorization API .*set AVARDA_MY_PAGES_BASE_URL/)
    expect(() => resolveMyPagesOptions({}, { ...env, AVARDA_MY_PAGES_BASE_URL: "https://proxy.example/mypages" })).toThrow(/checkoutScriptUrl is required/)
    expect(resolveMyPagesOptions({ checkoutScriptUrl: "https://cdn.example/main.js" }, { ...env, AVARDA_MY_PAGES_BASE_URL: "https://proxy.example/mypages/" })).toMatchObject({
      environment: "custom",
      baseUrl: "https://proxy.example/mypages",
      checkoutScriptUrl: "https://cdn.example/main.js",
      sandboxPayPageUrl: null,
    })
  })

  it("takes its own URL environment as its base URL, and an explicit baseUrl over everything", () => {
    expect(myPagesLocation({ own: "https://proxy.example/mypages", sandboxUrl: "http://localhost:4010" })).toEqual({
      environment: "custom",
      baseUrl: "https://proxy.example/mypages",
      checkoutScriptUrl: undefined,
    })
    expect(myPagesLocation({ own: "http://localhost:4999/avarda/mypages", sandboxUrl: "http://localhost:4010" })).toEqual({
      environment: "sandbox",
      baseUrl: "http://localhost:4999/avarda/mypages",
      checkoutScriptUrl: null,
    })
    expect(myPagesLocation({ own: "test", baseUrl: "https://mypages.proxy.example", sandboxUrl: "http://localhost:4010" })).toMatchObject({
      environment: "test",
      baseUrl: "https://mypages.proxy.example",
    })
    expect(myPagesLocation({ sandboxUrl: "http://localhost:4010/" })).toEqual({ environment: "sandbox", baseUrl: "http://localhost:4010/avarda/mypages", checkoutScriptUrl: null })
  })
})
