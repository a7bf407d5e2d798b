import {
  headerValue,
  isTestLayout,
  verifyWebhookSignature,
  type WebhookSignatureResult,
} from "../../../lib/avirato"
import type { AviratoOptions } from "./options"

export type WebhookAuthentication = WebhookSignatureResult | { valid: true; unsigned: true }

/**
 * Checks an incoming webhook with the provider's secrets. An unsigned webhook (no signature header
 * at all) passes only when `acceptUnsignedTestWebhooks` is on, which options validation allows for
 * the Test layout only.
 */
export function authenticateWebhook(
  payload: { rawData?: unknown; headers?: Record<string, unknown> },
  options: Pick<AviratoOptions, "clientSecrets" | "acceptUnsignedTestWebhooks" | "baseUrl">,
  nowSeconds: number = Math.floor(Date.now() / 1000)
): WebhookAuthentication {
  const signatureHeader = headerValue(payload.headers, "x-avirato-signature")
  if (signatureHeader === undefined && options.acceptUnsignedTestWebhooks && isTestLayout(options.baseUrl)) {
    return { valid: true, unsigned: true }
  }
  return verifyWebhookSignature({
    rawBody: rawBodyOf(payload.rawData),
    signatureHeader,
    timestampHeader: headerValue(payload.headers, "x-avirato-timestamp"),
    secrets: options.clientSecrets,
    now: nowSeconds,
  })
}

/** Medusa passes the raw body as a Buffer, or as `{type:"Buffer",data:[…]}` after a trip through Redis. */
export function rawBodyOf(rawData: unknown): Buffer | string {
  if (Buffer.isBuffer(rawData)) return rawData
  if (typeof rawData === "string") return rawData
  const serialized = rawData as { type?: string; data?: number[] } | undefined
  if (serialized?.type === "Buffer" && Array.isArray(serialized.data)) return Buffer.from(serialized.data)
  return ""
}
