// "Check connection" against the sandbox: right credentials pass, wrong credentials and a base URL
// that points somewhere else fail (a bare 404 must never count as "credentials accepted").
import { startSandbox, type Sandbox } from "../../../sandbox"
import { checkVendorConnection, type ConnectionCheckInput } from "../connection-checks"

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox()
})

afterAll(async () => {
  await sandbox.stop()
})

function inputs(): Record<string, ConnectionCheckInput> {
  const { avarda, avirato } = sandbox.settings
  return {
    avarda: { vendor: "avarda", baseUrl: sandbox.urls.avardaAuthorizationApi, clientId: avarda.clientId, clientSecret: avarda.clientSecret },
    avirato: { vendor: "avirato", baseUrl: sandbox.urls.aviratoTest, apiKey: avirato.testApiKey, webcode: avirato.webcode },
    standalone: { vendor: "avarda-standalone", baseUrl: sandbox.urls.avardaCheckout2, siteCode: avarda.siteCode, sitePassword: avarda.sitePassword },
  }
}

it.each(["avarda", "avirato", "standalone"])("%s: the configured credentials are accepted", async (vendor) => {
  const result = await checkVendorConnection(inputs()[vendor])
  expect(result).toMatchObject({ ok: true })
})

it.each([
  ["avarda", { clientSecret: "wrong" }],
  ["avirato", { apiKey: "wrong" }],
  ["standalone", { sitePassword: "wrong" }],
])("%s: wrong credentials are reported", async (vendor, change) => {
  const result = await checkVendorConnection({ ...inputs()[vendor], ...change } as ConnectionCheckInput)
  expect(result.ok).toBe(false)
  expect(result.message).toMatch(/credentials/)
})

it.each(["avarda", "avirato", "standalone"])("%s: a base URL that is not the vendor's API is not taken for success", async (vendor) => {
  const result = await checkVendorConnection({ ...inputs()[vendor], baseUrl: `${sandbox.origin}/not-the-api/` })
  expect(result.ok).toBe(false)
})
