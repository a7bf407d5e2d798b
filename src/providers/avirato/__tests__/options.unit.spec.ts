import { AviratoCardService } from "../services/avirato-card"
import { parseAviratoOptions } from "../core/options"
import { AVIRATO_SANDBOX_OPTIONS } from "./sandbox-options"

const VALID = AVIRATO_SANDBOX_OPTIONS

describe("Avirato provider options", () => {
  it("applies the documented defaults", () => {
    expect(parseAviratoOptions(VALID)).toMatchObject({
      environment: "sandbox",
      captureMode: "auto",
      countryCode: "ES",
      shopperLocale: "es-ES",
      defaultRefundReason: "CUSTOMER REQUEST",
      acceptUnsignedTestWebhooks: false,
      captureOnShipment: true,
      timeoutMs: 10_000,
      maxAttempts: 3,
      backendUrl: "http://localhost:9000",
    })
  })

  it.each([
    ["live", undefined, "https://aviratopayments.com/external/v1/"],
    ["test", undefined, "https://aviratopayments.com/external/v1/test/"],
    ["sandbox", undefined, "http://localhost:4010/avirato/external/v1/test/"],
    ["sandbox", "http://127.0.0.1:5555/avirato/external/v1/test", "http://127.0.0.1:5555/avirato/external/v1/test/"],
  ])("environment %s with baseUrl %s → %s", (environment, baseUrl, expected) => {
    expect(parseAviratoOptions({ ...VALID, environment, baseUrl }).baseUrl).toBe(expected)
  })

  it("reads a comma-separated secret list (current first)", () => {
    expect(parseAviratoOptions({ ...VALID, clientSecrets: "new_secret_1, old_secret_2" }).clientSecrets).toEqual([
      "new_secret_1",
      "old_secret_2",
    ])
  })

  it.each([
    ["apiKey missing", { apiKey: undefined }, "`apiKey` is required"],
    ["webcode empty", { webcode: "" }, "`webcode` is required"],
    ["no client secret", { clientSecrets: [] }, "`clientSecrets` at least one client secret is required"],
    ["short client secret", { clientSecrets: ["short"] }, "`clientSecrets.0` each client secret must have at least 8 characters"],
    ["unknown environment", { environment: "prod" }, "`environment` must be one of sandbox, test, live"],
    ["capture mode", { captureMode: "manual" }, "`captureMode` must be auto or preauth"],
    ["refund reason with underscore", { defaultRefundReason: "CUSTOMER_REQUEST" }, "`defaultRefundReason` must be one of FRAUD, CUSTOMER REQUEST, RETURN, DUPLICATE, OTHER"],
    ["backend URL", { backendUrl: "localhost:9000" }, "`backendUrl` must be an http(s) URL"],
    ["success URL", { storefrontSuccessUrl: "ftp://x/y" }, "`storefrontSuccessUrl` must be an http(s) URL"],
    ["country code", { countryCode: "es" }, "`countryCode` must be an ISO 3166-1 alpha-2 code"],
    ["locale too long", { shopperLocale: "es-ES-valencia" }, "`shopperLocale` must be at most 10 characters"],
    ["timeout", { timeoutMs: 10 }, "`timeoutMs` must be at least 100"],
    ["live with the test layout", { environment: "live", baseUrl: "https://aviratopayments.com/external/v1/test/" }, "`baseUrl` points at the Test layout"],
    ["test env with the live layout", { environment: "test", baseUrl: "https://aviratopayments.com/external/v1/" }, "`baseUrl` must use the Test layout"],
    ["unsigned webhooks in live", { environment: "live", baseUrl: undefined, acceptUnsignedTestWebhooks: true }, "`acceptUnsignedTestWebhooks` is only allowed with the test or sandbox environment"],
  ])("rejects %s, naming the option", (_name, overrides, message) => {
    expect(() => parseAviratoOptions({ ...VALID, ...overrides })).toThrow(message)
  })

  it("never echoes a secret value in its errors", () => {
    expect(() => parseAviratoOptions({ ...VALID, clientSecrets: ["tiny"], apiKey: "" })).toThrow(/^(?!.*tiny).*$/)
  })

  it("is the provider's static validateOptions (Medusa calls it at boot)", () => {
    expect(() => AviratoCardService.validateOptions({ ...VALID, apiKey: "" })).toThrow("`apiKey` is required")
    expect(() => AviratoCardService.validateOptions(VALID)).not.toThrow()
    expect(AviratoCardService.identifier).toBe("avirato-card")
  })
})
