import { createHmac, randomBytes } from "node:crypto"
import type { AviratoEnvironment } from "./environment"
import { sessionIdMarker } from "./environment"

const REFERENCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

/** 16 uppercase alphanumerics, like `KVGQSN3K2SKFNVNS` (an Adyen pspReference). */
export function newPaymentReference(): string {
  const bytes = randomBytes(16)
  let reference = ""
  for (const byte of bytes) reference += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]
  return reference
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url")
}

/** Per simulator instance: session ids and page tokens. */
export class ReferenceFactory {
  private lastStamp = 0
  private readonly pageTokenKey = randomBytes(32)

  /** `{webcode}-EXT-{timestamp}`: the ms timestamp with one extra digit, strictly increasing. */
  sessionId(webcode: string, environment: AviratoEnvironment, now: Date): string {
    this.lastStamp = Math.max(now.getTime() * 10, this.lastStamp + 1)
    return `${webcode}-${sessionIdMarker(environment)}-${this.lastStamp}`
  }

  /** A JWT-looking opaque token for `pay-external/<token>`; clients must never parse it. */
  pageToken(): string {
    const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))
    const payload = base64url(JSON.stringify({ ref: randomBytes(12).toString("hex") }))
    const signature = createHmac("sha256", this.pageTokenKey).update(`${header}.${payload}`).digest("base64url")
    return `${header}.${payload}.${signature}`
  }
}
