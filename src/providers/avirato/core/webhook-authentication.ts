import {
  headerValue,
  isTestLayout,
  readWebhookReceipt,
  stampWebhookReceipt,
  verifyWebhookSignature,
  WEBHOOK_RECEIPT_HEADER,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookSignatureResult,
} from "../../../lib/avirato"
import type { AviratoOptions } from "./options"

export type WebhookAuthentication = WebhookSignatureResult | { valid: true; unsigned: true }

type WebhookPayload = { rawData?: unknown; headers?: Record<string, unknown> }
type WebhookSecrets = Pick<AviratoOptions, "clientSecrets" | "acceptUnsignedTestWebhooks" | "baseUrl">

/**
 * Checks a webhook when it is processed (Medusa's webhook subscriber, often in the worker and after
 * a queue delay). Processed within the window of its own timestamp (the usual case), it is judged
 * against `nowSeconds` and the receipt changes nothing (the middleware stamps only webhooks that were
 * authentic when they arrived). Only a webhook whose timestamp is stale by now is judged against the
 * receipt time the route middleware stamped on it (`authenticateWebhookAtReceipt`), when that stamp
 * is genuine. An unsigned webhook (no signature header at all) passes only when
 * `acceptUnsignedTestWebhooks` is on, which options validation allows for the Test layout only.
 */
export function authenticateWebhook(
  payload: WebhookPayload,
  options: WebhookSecrets,
  nowSeconds: number = Math.floor(Date.now() / 1000)
): WebhookAuthentication {
  const atProcessing = authenticate(payload, options, nowSeconds)
  if (atProcessing.valid || atProcessing.reason !== "stale_timestamp") return atProcessing
  const receivedAt = readWebhookReceipt({
    stamp: headerValue(payload.headers, WEBHOOK_RECEIPT_HEADER),
    signatureHeader: signatureHeaderOf(payload),
    secrets: options.clientSecrets,
  })
  // A receipt cannot lie in the future of its processing.
  if (receivedAt === undefined || receivedAt > nowSeconds + WEBHOOK_TOLERANCE_SECONDS) return atProcessing
  return authenticate(payload, options, receivedAt)
}

/**
 * Checks a webhook as it arrives (the route middleware, before Medusa answers 200) against the
 * time of arrival, ignoring any receipt header the request brought along. When it is authentic,
 * returns the receipt header to write onto the request for the processing.
 */
export function authenticateWebhookAtReceipt(
  payload: WebhookPayload,
  options: WebhookSecrets,
  receivedAt: number = Math.floor(Date.now() / 1000)
): { authentication: WebhookAuthentication; receipt?: string } {
  const authentication = authenticate(payload, options, receivedAt)
  if (!authentication.valid) return { authentication }
  const receipt = stampWebhookReceipt({ signatureHeader: signatureHeaderOf(payload), secret: options.clientSecrets[0], receivedAt })
  return { authentication, receipt }
}

function authenticate(payload: WebhookPayload, options: WebhookSecrets, now: number): WebhookAuthentication {
  const signatureHeader = headerValue(payload.headers, "x-avirato-signature")
  if (signatureHeader === undefined && options.acceptUnsignedTestWebhooks && isTestLayout(options.baseUrl)) {
    return { valid: true, unsigned: true }
  }
  return verifyWebhookSignature({
    rawBody: rawBodyOf(payload.rawData),
    signatureHeader,
    timestampHeader: headerValue(payload.headers, "x-avirato-timestamp"),
    secrets: options.clientSecrets,
    now,
  })
}

function signatureHeaderOf(payload: WebhookPayload): string | undefined {
  const value = headerValue(payload.headers, "x-avirato-signature")
  return Array.isArray(value) ? value[0] : value
}

/** Medusa passes the raw body as a Buffer, or as `{type:"Buffer",data:[…]}` after a trip through Redis. */
export function rawBodyOf(rawData: unknown): Buffer | string {
  if (Buffer.isBuffer(rawData)) return rawData
  if (typeof rawData === "string") return rawData
  const serialized = rawData as { type?: string; data?: number[] } | undefined
  if (serialized?.type === "Buffer" && Array.isArray(serialized.data)) return Buffer.from(serialized.data)
  return ""
}
