/**
 * Where the CheckOut2Api ("Standalone Credit") lives. Method paths are appended to the
 * base, e.g. `{base}/CheckOut2Api/v2/AuthorizeInvoiceEID`; the electronic-ID page is a browser URL
 * under the same base. "sandbox" is this plugin's local simulator (`npm run sandbox`).
 */
export type StandaloneEnvironment = "sandbox" | "test" | "production"

export const STANDALONE_ENVIRONMENTS: readonly StandaloneEnvironment[] = ["sandbox", "test", "production"]

export const STANDALONE_BASE_URLS: Record<StandaloneEnvironment, string> = {
  sandbox: "http://localhost:4010/avarda/checkout2",
  // Avarda's Magento module spells the path `CheckOut2` (the docs `checkout2`): the service ignores case.
  test: "https://stage.avarda.org/CheckOut2",
  production: "https://online.avarda.org/CheckOut2",
}

/** An environment name, or an explicit base URL (returned without a trailing slash). */
export function standaloneBaseUrl(environmentOrUrl: string): string {
  const url = STANDALONE_BASE_URLS[environmentOrUrl as StandaloneEnvironment] ?? environmentOrUrl
  return url.replace(/\/+$/, "")
}

/**
 * The electronic-ID page the shopper's browser is sent to. Avarda sends the
 * browser back to `returnUrl` with `externalId` and `status=OK|Cancel` appended.
 */
export function electronicIdUrl(baseUrl: string, externalId: string, returnUrl: string): string {
  const url = new URL(`${standaloneBaseUrl(baseUrl)}/CheckOut2ElectronicId/`)
  url.searchParams.set("externalId", externalId)
  url.searchParams.set("returnUrl", returnUrl)
  return url.toString()
}
