/**
 * The partner token of Avarda's JSON APIs (My Pages `auth/token`, the checkout API's
 * `api/partner/tokens`): `{ token, tokenExpirationUtc }`, about an hour, reuse recommended.
 */
import { z } from "zod"
import type { AccessToken } from "../http/token-cache"
import type { VendorHttpClient } from "../http/vendor-http-client"

export const partnerTokenResponseSchema = z.object({
  token: z.string().min(1),
  tokenExpirationUtc: z.string().nullish(),
})

const TOKEN_LIFETIME_FALLBACK_MS = 60 * 60_000

/**
 * Epoch ms of an Avarda UTC timestamp (`2026-12-02T10:00:00.1234567Z`, sometimes without the
 * zone designator, which then still means UTC); NaN when it is not one.
 */
export function parseAvardaUtc(text: string): number {
  const trimmed = text.trim()
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i.test(trimmed)) return NaN
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(trimmed) ? trimmed : `${trimmed}Z`)
}

/** When a partner token expires: the stated expiry, else the JWT's `exp`, else an hour from now. */
export function partnerTokenExpiry(token: string, tokenExpirationUtc: string | null | undefined, now: number): number {
  const stated = tokenExpirationUtc ? parseAvardaUtc(tokenExpirationUtc) : NaN
  if (!Number.isNaN(stated)) return stated
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown }
    if (typeof payload.exp === "number") return payload.exp * 1000
  } catch {
    // not a JWT: fall back to the documented lifetime
  }
  return now + TOKEN_LIFETIME_FALLBACK_MS
}

/** `POST <path>` with the partner's client id and secret (JSON): the token and when it expires. */
export async function fetchPartnerToken(
  http: VendorHttpClient,
  request: { operation: string; path: string; clientId: string; clientSecret: string },
  now: number
): Promise<AccessToken> {
  const { data } = await http.requestJson(
    { operation: request.operation, method: "POST", path: request.path, json: { clientId: request.clientId, clientSecret: request.clientSecret } },
    partnerTokenResponseSchema
  )
  return { value: data.token, expiresAt: partnerTokenExpiry(data.token, data.tokenExpirationUtc, now) }
}
