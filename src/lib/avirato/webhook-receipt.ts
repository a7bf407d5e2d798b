import { createHmac, timingSafeEqual } from "node:crypto"
import { hmacKey } from "./webhook-signature"

/**
 * When a webhook is received, the plugin's route middleware checks its signature and timestamp
 * window and then writes this header onto the request; Medusa hands the headers to the processing
 * (often later, in the worker, after a queue backlog), which judges the timestamp window against the
 * receipt time it carries instead of its own clock.
 *
 * The stamp is `t={unix seconds of receipt},v1={hex HMAC-SHA256}` over the receipt time and the
 * webhook's own signature header, keyed with the Avirato client secret: a client cannot send one
 * (the middleware always overwrites it, and without the secret it cannot be made), and a genuine
 * stamp cannot be moved onto another webhook.
 */
export const WEBHOOK_RECEIPT_HEADER = "x-avarda-avirato-webhook-received"

const RECEIPT_FORMAT = /^t=(\d+),v1=([a-f0-9]{64})$/

function receiptMac(secret: string, receivedAt: number, signatureHeader: string): string {
  return createHmac("sha256", hmacKey(secret))
    .update(`medusa-plugin-avarda-avirato.webhook-received.${receivedAt}.${signatureHeader}`, "utf8")
    .digest("hex")
}

/** The header value recording that this webhook (by its signature header) was verified at `receivedAt`. */
export function stampWebhookReceipt(input: { signatureHeader: string | undefined; secret: string; receivedAt: number }): string {
  return `t=${input.receivedAt},v1=${receiptMac(input.secret, input.receivedAt, input.signatureHeader ?? "")}`
}

/**
 * The receipt time (unix seconds) of a stamp made with one of `secrets` for this signature header,
 * or undefined when there is no stamp or it is not genuine. Compared in constant time, every secret tried.
 */
export function readWebhookReceipt(input: {
  stamp: string | string[] | undefined
  signatureHeader: string | undefined
  secrets: readonly string[]
}): number | undefined {
  const stamp = Array.isArray(input.stamp) ? input.stamp[0] : input.stamp
  const match = stamp ? RECEIPT_FORMAT.exec(stamp.trim()) : null
  if (!match) return undefined
  const receivedAt = Number(match[1])
  const received = Buffer.from(match[2], "utf8")
  let genuine = false
  for (const secret of input.secrets) {
    const expected = Buffer.from(receiptMac(secret, receivedAt, input.signatureHeader ?? ""), "utf8")
    if (timingSafeEqual(expected, received)) genuine = true
  }
  return genuine ? receivedAt : undefined
}
