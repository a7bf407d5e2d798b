/**
 * Where the Avirato External API lives. Live and Test are separate environments with their own keys
 * and client secrets; Test paths put `test/` right after `/v1/`. "sandbox" is this plugin's local
 * simulator, which serves the Test layout.
 */
export type AviratoEnvironment = "sandbox" | "test" | "live"

export const AVIRATO_ENVIRONMENTS: readonly AviratoEnvironment[] = ["sandbox", "test", "live"]

export const AVIRATO_LIVE_BASE_URL = "https://aviratopayments.com/external/v1/"
export const AVIRATO_TEST_BASE_URL = "https://aviratopayments.com/external/v1/test/"
export const AVIRATO_SANDBOX_BASE_URL = "http://localhost:4010/avirato/external/v1/test/"

export function defaultBaseUrl(environment: AviratoEnvironment): string {
  switch (environment) {
    case "live":
      return AVIRATO_LIVE_BASE_URL
    case "test":
      return AVIRATO_TEST_BASE_URL
    case "sandbox":
      return AVIRATO_SANDBOX_BASE_URL
  }
}

/** True when the URL uses the Test path layout (`.../external/v1/test/`). */
export function isTestLayout(baseUrl: string): boolean {
  return /\/v1\/test\/?$/.test(new URL(baseUrl).pathname)
}

/** The base URL with exactly one trailing slash, so relative paths append to it. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`
}
