import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto"

/** Allowed clock difference between Avirato's timestamp and ours (vendor value unknown). */
export const WEBHOOK_TOLERANCE_SECONDS = 300

const SIGNATURE_HEADER_FORMAT = /^t=(\d+),v1=([a-f0-9]+)$/

export interface WebhookSignatureInput {
  /** The exact bytes received; never re-serialised JSON. */
  rawBody: Buffer | string
  /** `X-Avirato-Signature`: `t={unix seconds},v1={lowercase hex HMAC-SHA256}` */
  signatureHeader: string | string[] | undefined
  /** `X-Avirato-Timestamp`: must equal `t` when present. */
  timestampHeader: string | string[] | undefined
  /** Current secret first, then previous ones still accepted during a rotation. */
  secrets: readonly string[]
  /** Unix seconds. */
  now: number
  toleranceSeconds?: number
}

export type WebhookSignatureResult =
  | { valid: true; timestamp: number; signature: string; secretIndex: number }
  | {
      valid: false
      reason: "missing_signature" | "malformed_signature" | "timestamp_mismatch" | "stale_timestamp" | "signature_mismatch"
    }

/**
 * Avirato webhook signature: lowercase hex HMAC-SHA256 over `t + "." + rawBody` keyed
 * with the environment's client secret, compared in constant time against every configured secret,
 * and only within ±300 s of `now`.
 */
export function verifyWebhookSignature(input: WebhookSignatureInput): WebhookSignatureResult {
  const header = single(input.signatureHeader)
  if (!header) return { valid: false, reason: "missing_signature" }
  const match = SIGNATURE_HEADER_FORMAT.exec(header.trim())
  if (!match) return { valid: false, reason: "malformed_signature" }
  const [, t, v1] = match
  const timestampHeader = single(input.timestampHeader)
  if (timestampHeader !== undefined && timestampHeader.trim() !== t) return { valid: false, reason: "timestamp_mismatch" }
  const timestamp = Number(t)
  if (Math.abs(input.now - timestamp) > (input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) {
    return { valid: false, reason: "stale_timestamp" }
  }
  // A SHA-256 HMAC is 64 hex digits; the format allows lowercase hex only, so the bytes compared
  // stand for exactly the text sent.
  if (v1.length !== SIGNATURE_HEX_LENGTH) return { valid: false, reason: "signature_mismatch" }
  const received = Buffer.from(v1, "hex")
  // Every secret is tried (no early exit) so timing does not reveal which one matched.
  let matched = -1
  for (let index = 0; index < input.secrets.length; index++) {
    if (timingSafeEqual(signatureDigest(input.secrets[index], t, input.rawBody), received) && matched === -1) matched = index
  }
  if (matched === -1) return { valid: false, reason: "signature_mismatch" }
  return { valid: true, timestamp, signature: v1, secretIndex: matched }
}

const SIGNATURE_HEX_LENGTH = 64

/** The signature as lowercase hex, as Avirato sends it. */
export function computeWebhookSignature(secret: string, timestamp: string | number, rawBody: Buffer | string): string {
  return signatureDigest(secret, timestamp, rawBody).toString("hex")
}

function signatureDigest(secret: string, timestamp: string | number, rawBody: Buffer | string): Buffer {
  return createHmac("sha256", hmacKey(secret)).update(`${timestamp}.`, "utf8").update(rawBody).digest()
}

/**
 * The secret as a key object, made once per secret: every webhook is checked against every
 * configured secret as it arrives, and importing the key is most of an HMAC's cost on a short body.
 * Keyed by the secret's value, so a changed configuration simply brings new keys.
 */
const hmacKeys = new Map<string, KeyObject>()
export function hmacKey(secret: string): KeyObject {
  let key = hmacKeys.get(secret)
  if (!key) hmacKeys.set(secret, (key = createSecretKey(Buffer.from(secret, "utf8"))))
  return key
}

/** Header lookup that ignores case (Node lower-cases incoming headers; tests may not). */
export function headerValue(
  headers: Record<string, unknown> | undefined,
  name: string
): string | string[] | undefined {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  // Node's own spelling first (it lower-cases incoming headers); any other spelling by a scan.
  const direct = headers[wanted]
  if (typeof direct === "string" || Array.isArray(direct)) return direct as string | string[]
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && (typeof value === "string" || Array.isArray(value))) return value as string | string[]
  }
  return undefined
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
