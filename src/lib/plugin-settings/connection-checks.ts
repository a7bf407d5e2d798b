// "Check connection" on the settings page: proves the configured credentials work right now with a
// call that changes nothing at the vendor. Runs on the server; results never contain a credential.
import { randomUUID } from "node:crypto"
import { AuthorizationApiClient } from "../avarda/authorization-api/client"
import { StandaloneCreditClient } from "../avarda/standalone/client"
import { StandaloneApiError } from "../avarda/standalone/errors"
import { AviratoClient } from "../avirato/client"
import { AviratoApiError } from "../avirato/errors"
import { VendorConnectError, VendorHttpError, VendorTimeoutError } from "../http/errors"
import type { PluginVendor } from "./plugin-payment-methods"

export interface ConnectionCheckResult {
  vendor: PluginVendor
  ok: boolean
  /** What was tried and what happened, for the store owner. */
  message: string
  durationMs: number
  checkedAt: string
}

/** Plain inputs (read from the provider options by the caller). */
export type ConnectionCheckInput =
  | { vendor: "avarda"; baseUrl: string; clientId: string; clientSecret: string }
  | { vendor: "avirato"; baseUrl: string; apiKey: string; webcode: string }
  | { vendor: "avarda-standalone"; baseUrl: string; siteCode: string; sitePassword: string }

const TIMEOUT_MS = 10_000

function describeFailure(error: unknown, where: string): string {
  if (error instanceof VendorHttpError && (error.status === 401 || error.status === 403)) {
    return `${where} refused the credentials (HTTP ${error.status}${error instanceof AviratoApiError && error.code ? `, code ${error.code}` : ""}). Check the credentials in your environment.`
  }
  if (error instanceof VendorHttpError && error.status === 400) return `${where} refused the credentials (HTTP 400). Check the credentials in your environment.`
  if (error instanceof VendorHttpError) return `${where} answered HTTP ${error.status}: the service may be down; try again later.`
  if (error instanceof VendorTimeoutError) return `${where} did not answer within ${TIMEOUT_MS / 1000} s.`
  if (error instanceof VendorConnectError) return `Cannot reach ${where}: ${error.message}`
  return `${where}: ${error instanceof Error ? error.message : String(error)}`
}

/** Avarda Authorization API: fetch an OAuth2 token with the client credentials. */
async function checkAvarda(input: Extract<ConnectionCheckInput, { vendor: "avarda" }>): Promise<Pick<ConnectionCheckResult, "ok" | "message">> {
  const client = new AuthorizationApiClient({ baseUrl: input.baseUrl, clientId: input.clientId, clientSecret: input.clientSecret, timeouts: { tokenMs: TIMEOUT_MS } })
  try {
    const token = await client.fetchToken()
    const minutes = Math.max(0, Math.round((token.expiresAt - Date.now()) / 60000))
    return { ok: true, message: `Avarda issued an access token (valid for ${minutes} min) at ${new URL(input.baseUrl).host}.` }
  } catch (error) {
    return { ok: false, message: describeFailure(error, `Avarda (${new URL(input.baseUrl).host})`) }
  } finally {
    await client.close().catch(() => undefined)
  }
}

/**
 * Avirato: read a payment session that does not exist. The API checks the key and webcode first
 * (403 when wrong); "not found" means both were accepted.
 */
async function checkAvirato(input: Extract<ConnectionCheckInput, { vendor: "avirato" }>): Promise<Pick<ConnectionCheckResult, "ok" | "message">> {
  const client = new AviratoClient({ baseUrl: input.baseUrl, apiKey: input.apiKey, webcode: input.webcode, timeoutMs: TIMEOUT_MS, maxAttempts: 1 })
  const where = `Avirato (${new URL(input.baseUrl).host})`
  try {
    await client.getSession(`connection-check-${randomUUID()}`)
    return { ok: true, message: `${where} accepted the API key and webcode.` }
  } catch (error) {
    // Only Avirato's own "not found" envelope (code 10404) proves the key and webcode were accepted;
    // a bare 404 means the base URL points somewhere else.
    if (error instanceof AviratoApiError && error.status === 404 && error.code === 10404) {
      return { ok: true, message: `${where} accepted the API key and webcode.` }
    }
    return { ok: false, message: describeFailure(error, where) }
  } finally {
    await client.close().catch(() => undefined)
  }
}

/**
 * Standalone Credit (CheckOut2Api, HTTP Basic): ask the status of a purchase that does not exist.
 * Basic auth is checked first (401 when wrong); CheckOut2's own error array for the unknown purchase
 * means the site code was accepted (a bare 404 means the base URL points somewhere else).
 */
async function checkStandalone(input: Extract<ConnectionCheckInput, { vendor: "avarda-standalone" }>): Promise<Pick<ConnectionCheckResult, "ok" | "message">> {
  const client = new StandaloneCreditClient({ baseUrl: input.baseUrl, siteCode: input.siteCode, sitePassword: input.sitePassword, timeouts: { requestMs: TIMEOUT_MS } })
  const where = `Avarda Standalone Credit (${new URL(input.baseUrl).host})`
  try {
    await client.getPaymentStatus(`connection-check-${randomUUID()}`)
    return { ok: true, message: `${where} accepted the site code and password.` }
  } catch (error) {
    if (error instanceof StandaloneApiError && error.status === 400) {
      return { ok: true, message: `${where} accepted the site code and password.` }
    }
    return { ok: false, message: describeFailure(error, where) }
  } finally {
    await client.close().catch(() => undefined)
  }
}

export async function checkVendorConnection(input: ConnectionCheckInput): Promise<ConnectionCheckResult> {
  const startedAt = Date.now()
  const outcome =
    input.vendor === "avarda" ? await checkAvarda(input) : input.vendor === "avirato" ? await checkAvirato(input) : await checkStandalone(input)
  return { vendor: input.vendor, ...outcome, durationMs: Date.now() - startedAt, checkedAt: new Date().toISOString() }
}
