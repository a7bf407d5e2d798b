import { resolveVerifyTarget, baseUrlsOf } from "../resolve-verify-target"
import { maskBody } from "../vendor-traffic"

describe("resolveVerifyTarget", () => {
  it("points every API at the sandbox with its documented credentials when AVARDA_AVIRATO_SANDBOX_URL is set", () => {
    const target = resolveVerifyTarget({ AVARDA_AVIRATO_SANDBOX_URL: "http://localhost:4010/", AVARDA_CLIENT_ID: "ignored" })
    expect(target.kind).toBe("sandbox")
    expect(target.sandboxOrigin).toBe("http://localhost:4010")
    expect(target.authorizationApi).toMatchObject({ configured: true, baseUrl: "http://localhost:4010/avarda/authorization-api/", clientId: "sandbox-avarda-client-id" })
    expect(target.standalone).toMatchObject({ configured: true, baseUrl: "http://localhost:4010/avarda/checkout2", siteCode: "SANDBOXSITE" })
    expect(target.myPages).toMatchObject({ configured: true, baseUrl: "http://localhost:4010/avarda/mypages" })
    expect(target.avirato).toMatchObject({ configured: true, baseUrl: "http://localhost:4010/avirato/external/v1/test/", apiKey: "sandbox_test_api_key", clientSecrets: ["sandbox_test_client_secret"] })
    expect(target.paymentWidget).toEqual({ configured: true, baseUrl: "http://localhost:4010/avarda/checkout-api" })
  })

  it("reads the providers' environment variables (README install), defaulting to Avarda stage and Avirato Test", () => {
    const target = resolveVerifyTarget({
      AVARDA_CLIENT_ID: "id",
      AVARDA_CLIENT_SECRET: "secret",
      AVARDA_PART_PAYMENT_ACCOUNT_CLASS: "1782",
      AVARDA_SITE_CODE: "SITE",
      AVARDA_SITE_PASSWORD: "pw",
      AVIRATO_API_KEY: "key",
      AVIRATO_WEBCODE: "SHOP01",
      AVIRATO_CLIENT_SECRETS: "current, previous",
    })
    expect(target.kind).toBe("vendors")
    expect(target.authorizationApi).toEqual({ configured: true, baseUrl: "https://stage.authorization-api.avarda.com/", clientId: "id", clientSecret: "secret", partPaymentAccountClassCode: 1782 })
    expect(target.standalone).toMatchObject({ configured: true, baseUrl: "https://stage.avarda.org/CheckOut2" })
    expect(target.myPages).toMatchObject({ configured: true, baseUrl: "https://stage.avarda360-api.avarda.com", clientId: "id" })
    expect(target.paymentWidget).toEqual({ configured: true, baseUrl: "https://stage.checkout-api.avarda.com" })
    expect(target.avirato).toMatchObject({ configured: true, baseUrl: "https://aviratopayments.com/external/v1/test/", clientSecrets: ["current", "previous"] })
    expect(baseUrlsOf(target)).toHaveLength(5)
  })

  it("says which variables are missing instead of guessing credentials", () => {
    const target = resolveVerifyTarget({ AVARDA_ENVIRONMENT: "https://avarda.proxy.example/" , AVARDA_CLIENT_ID: "id", AVARDA_CLIENT_SECRET: "s" })
    expect(target.standalone).toEqual({ configured: false, reason: "set AVARDA_SITE_CODE and AVARDA_SITE_PASSWORD" })
    expect(target.avirato).toEqual({ configured: false, reason: "set AVIRATO_API_KEY and AVIRATO_WEBCODE and AVIRATO_CLIENT_SECRETS" })
    expect(target.myPages).toMatchObject({ configured: false, reason: expect.stringContaining("AVARDA_MY_PAGES_BASE_URL") })
    expect(target.authorizationApi).toMatchObject({ configured: true, baseUrl: "https://avarda.proxy.example/" })
  })
})

describe("maskBody", () => {
  it("keeps secrets and personal ID numbers out of the report", () => {
    expect(maskBody('{"customer":{"identificationNumber":"191704109279","phone":"0701"},"clientSecret":"s3"}')).toBe(
      '{"customer":{"identificationNumber":"***","phone":"0701"},"clientSecret":"***"}'
    )
    expect(maskBody("grant_type=client_credentials&client_id=abc&client_secret=s3")).toBe("grant_type=client_credentials&client_id=abc&client_secret=***")
    expect(maskBody('{"IdentificationNumber":"191704109279","access_token":"eyJ"}')).toBe('{"IdentificationNumber":"***","access_token":"***"}')
  })
})
