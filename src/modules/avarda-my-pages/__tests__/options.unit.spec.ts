import { MyPagesOptionsError, resolveMyPagesOptions } from "../options"

const productionSecrets = {
  clientId: "cid",
  clientSecret: "csecret",
  customerTokenSecret: "x".repeat(32),
}

describe("resolveMyPagesOptions", () => {
  it("defaults to the sandbox at SANDBOX_URL with the sandbox credentials", () => {
    const resolved = resolveMyPagesOptions({}, { SANDBOX_URL: "http://localhost:4999/" })
    expect(resolved).toMatchObject({
      environment: "sandbox",
      baseUrl: "http://localhost:4999/avarda/mypages",
      clientId: "sandbox-avarda-client-id",
      clientSecret: "sandbox-avarda-client-secret",
      storefrontUrl: "http://localhost:8000",
      storefrontPath: "/account/invoices",
      checkoutScriptUrl: null,
      sandboxPayPageUrl: "http://localhost:4999/avarda/pages/mypages-pay",
      defaultLanguage: 0,
      timeoutMs: 15_000,
      identityLinkDays: 90,
      usesSandboxDefaults: true,
    })
  })

  it.each([
    ["test", "https://stage.avarda360-api.avarda.com", "https://stage.checkout-cdn.avarda.com/cdn/static/js/main.js"],
    ["production", "https://avarda360-api.avarda.com", "https://checkout-cdn.avarda.com/cdn/static/js/main.js"],
  ] as const)("uses Avarda's %s hosts", (environment, baseUrl, script) => {
    const resolved = resolveMyPagesOptions({ environment, ...productionSecrets }, {})
    expect(resolved).toMatchObject({ baseUrl, checkoutScriptUrl: script, sandboxPayPageUrl: null, usesSandboxDefaults: false })
  })

  it("prefers module options over the environment, and My Pages variables over the shared Avarda ones", () => {
    const env = {
      AVARDA_ENVIRONMENT: "production",
      AVARDA_CLIENT_ID: "shared-id",
      AVARDA_CLIENT_SECRET: "shared-secret",
      AVARDA_MY_PAGES_CLIENT_ID: "mypages-id",
      AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET: "y".repeat(40),
      STOREFRONT_URL: "https://shop.example/",
      AVARDA_MY_PAGES_TIMEOUT_MS: "5000",
    }
    expect(resolveMyPagesOptions({}, env)).toMatchObject({
      environment: "production",
      clientId: "mypages-id",
      clientSecret: "shared-secret",
      storefrontUrl: "https://shop.example",
      timeoutMs: 5000,
    })
    expect(resolveMyPagesOptions({ clientId: "from-options", storefrontPath: "/me/avarda", defaultLanguage: "sv-SE" }, env)).toMatchObject({
      clientId: "from-options",
      storefrontPath: "/me/avarda",
      defaultLanguage: 1,
    })
  })

  it("takes the identity-link lifetime from the options, else the environment", () => {
    expect(resolveMyPagesOptions({ identityLinkDays: 30 }, { AVARDA_MY_PAGES_IDENTITY_LINK_DAYS: "7" }).identityLinkDays).toBe(30)
    expect(resolveMyPagesOptions({}, { AVARDA_MY_PAGES_IDENTITY_LINK_DAYS: "7" }).identityLinkDays).toBe(7)
  })

  it("reads plugin-level options under `myPages`", () => {
    expect(resolveMyPagesOptions({ myPages: { storefrontUrl: "https://shop.example" }, avirato: {} }, {}).storefrontUrl).toBe("https://shop.example")
  })

  it.each([
    ["no credentials outside the sandbox", { environment: "production", customerTokenSecret: "x".repeat(32) }, /clientId is required/],
    ["no customer-token secret outside the sandbox", { environment: "test", clientId: "a", clientSecret: "b" }, /customerTokenSecret is required/],
    ["a short customer-token secret", { ...productionSecrets, customerTokenSecret: "short" }, /at least 32 characters/],
    ["an unknown environment", { environment: "staging" }, /environment must be one of sandbox, test, production/],
    ["a storefront URL that is not a URL", { storefrontUrl: "shop" }, /storefrontUrl must be/],
    ["a storefront path without /", { storefrontPath: "account" }, /storefrontPath must start with \//],
    ["a language Avarda does not offer", { defaultLanguage: "fr" }, /defaultLanguage/],
    ["an identity link of part of a day", { identityLinkDays: 1.5 }, /identityLinkDays must be a whole number of days/],
    ["an identity link of no days", { identityLinkDays: 0 }, /identityLinkDays/],
  ])("refuses %s", (_label, options, message) => {
    expect(() => resolveMyPagesOptions(options, {})).toThrow(MyPagesOptionsError)
    expect(() => resolveMyPagesOptions(options, {})).toThrow(message)
  })
})
