import type { AviratoSandboxSettings } from "../core/types"

/** Live and Test are fully separate: own keys, own client secret, own data. */
export type AviratoEnvironment = "live" | "test"
export const AVIRATO_ENVIRONMENTS: readonly AviratoEnvironment[] = ["live", "test"]

/** `https://aviratopayments.com/external/v1/` becomes `${origin}/avirato/external/v1/`. */
export function apiBasePath(environment: AviratoEnvironment): string {
  return environment === "live" ? "/avirato/external/v1" : "/avirato/external/v1/test"
}

/** `https://aviratopayments.com/pay-external/<token>` becomes `${origin}/avirato/pay-external/<token>`. */
export const PAYMENT_PAGE_PATH = "/avirato/pay-external"

export function apiKeyFor(settings: AviratoSandboxSettings, environment: AviratoEnvironment): string {
  return environment === "live" ? settings.apiKey : settings.testApiKey
}

export function clientSecretFor(settings: AviratoSandboxSettings, environment: AviratoEnvironment): string {
  return environment === "live" ? settings.clientSecret : settings.testClientSecret
}

/** `{webcode}-EXT-{timestamp}` (Live) / `{webcode}-EXTT-{timestamp}` (Test). */
export function sessionIdMarker(environment: AviratoEnvironment): string {
  return environment === "live" ? "EXT" : "EXTT"
}

/** The environment a session id belongs to, read from its marker; undefined if it has neither. */
export function environmentOfSessionId(sessionId: string): AviratoEnvironment | undefined {
  if (/-EXTT-\d+$/.test(sessionId)) return "test"
  if (/-EXT-\d+$/.test(sessionId)) return "live"
  return undefined
}
