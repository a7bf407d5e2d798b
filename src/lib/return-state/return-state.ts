/**
 * The `state` value the plugin adds to every URL a vendor sends the shopper's browser back to (Avarda
 * ID validation, Avarda Standalone electronic ID, Avirato's hosted page). The return routes put a cart
 * id, order id or payment session id into their redirect only when the request carries a state that
 * is valid for the route (its purpose) and the payment session the request names: the value is an
 * HMAC-SHA256 over purpose, session id and expiry with a key only the server knows, so it cannot be
 * guessed, reused for another session or another route, or kept beyond its lifetime.
 *
 * Format: `v1.<expiry, seconds since epoch in base 36>.<HMAC, base64url>` (about 52 characters: it
 * has to fit vendors' URL fields). No Medusa imports here.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto"

/** One value per return route: a state made for one route proves nothing on another. */
export type ReturnStatePurpose = "avarda-id-validation-return" | "avarda-standalone-electronic-id-return" | "avirato-hosted-page-return"

/** The query parameter that carries the state on every return URL. */
export const RETURN_STATE_PARAM = "state"

/**
 * How long a return URL keeps its proof. A shopper may open the vendor's page well after the session
 * was created (Avirato sessions have no server-side expiry) and reload the return page afterwards; a
 * day matches the reconciliation jobs, which place the order without the browser anyway.
 */
export const RETURN_STATE_LIFETIME_MS = 24 * 60 * 60_000

const VERSION = "v1"
const FORMAT = /^v1\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/

/** A key for return states, derived from a server secret (never the secret itself). */
export interface ReturnStateKey {
  readonly bytes: Buffer
}

/** The key derived from `secret` (Medusa's `http.jwtSecret`): HKDF-SHA256 with this use's own label. */
export function returnStateKey(secret: string): ReturnStateKey {
  if (!secret) throw new Error("returnStateKey: a server secret is required")
  return { bytes: Buffer.from(hkdfSync("sha256", secret, "", "medusa-plugin-avarda-avirato return state v1", 32)) }
}

export interface ReturnStateSubject {
  purpose: ReturnStatePurpose
  /** The Medusa payment session whose flow the return URL belongs to. */
  sessionId: string
}

export function signReturnState(key: ReturnStateKey, subject: ReturnStateSubject, now: number = Date.now(), lifetimeMs: number = RETURN_STATE_LIFETIME_MS): string {
  if (!subject.sessionId) throw new Error("signReturnState: a payment session id is required")
  const expiry = Math.floor((now + lifetimeMs) / 1000).toString(36)
  return `${VERSION}.${expiry}.${mac(key, subject, expiry)}`
}

export type ReturnStateFailure =
  /** No state on the request. */
  | "missing"
  /** Not a state this plugin makes. */
  | "malformed"
  /** Made with another key, or for another session or route, or altered. */
  | "not_for_this_session"
  | "expired"

export type ReturnStateCheck = { valid: true } | { valid: false; reason: ReturnStateFailure }

/** Whether `state` was made by this server for this purpose and session, and is still valid. Constant time. */
export function verifyReturnState(key: ReturnStateKey, state: string | undefined, subject: ReturnStateSubject, now: number = Date.now()): ReturnStateCheck {
  if (!state) return { valid: false, reason: "missing" }
  const match = FORMAT.exec(state)
  if (!match || !subject.sessionId) return { valid: false, reason: "malformed" }
  const [, expiry, signature] = match as unknown as [string, string, string]
  const expected = Buffer.from(mac(key, subject, expiry), "utf8")
  const given = Buffer.from(signature, "utf8")
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { valid: false, reason: "not_for_this_session" }
  // The expiry is read only after the signature proved it is ours.
  if (parseInt(expiry, 36) * 1000 <= now) return { valid: false, reason: "expired" }
  return { valid: true }
}

function mac(key: ReturnStateKey, { purpose, sessionId }: ReturnStateSubject, expiry: string): string {
  // Fields joined with a separator none of them can contain (purposes and ids are plain ASCII).
  return createHmac("sha256", key.bytes).update(`${VERSION}\n${purpose}\n${sessionId}\n${expiry}`, "utf8").digest("base64url")
}
