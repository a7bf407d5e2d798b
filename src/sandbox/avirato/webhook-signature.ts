import { createHmac } from "node:crypto"

/** Lowercase hex HMAC-SHA256(clientSecret, `${timestamp}.${rawBody}`). */
export function signWebhookPayload(clientSecret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", Buffer.from(clientSecret, "utf8")).update(`${timestamp}.${rawBody}`, "utf8").digest("hex")
}

/** The two headers Avirato sends with every webhook. */
export function webhookSignatureHeaders(clientSecret: string, timestamp: number, rawBody: string): Record<string, string> {
  return {
    "X-Avirato-Timestamp": String(timestamp),
    "X-Avirato-Signature": `t=${timestamp},v1=${signWebhookPayload(clientSecret, timestamp, rawBody)}`,
  }
}
