import type { AviratoAmount } from "./schemas"

/**
 * Avirato's webhook schema is not documented; events look Adyen-like:
 * `{ eventId?, event_code, success?, data: { sessionId, paymentReference, customReference, amount,
 * paymentStatus, reason?, modificationReference? } }`. The parser reads the event name from
 * `event_code | eventCode | event | type` and each field from the top level or from `data`, and
 * never throws: anything it cannot use becomes `undefined` (→ "not supported", answered 2xx).
 */
export type AviratoEventKind = "authorisation" | "capture" | "cancellation" | "refund" | "extension" | "chargeback" | "other"

export interface AviratoWebhookEvent {
  eventId?: string
  /** Upper-cased, e.g. "AUTHORISATION", "CAPTURE_FAILED". */
  eventCode: string
  kind: AviratoEventKind
  /** false for failures (`*_FAILED`, `success:false`); undefined when the event does not say. */
  success?: boolean
  sessionId?: string
  paymentReference?: string
  customReference?: string
  amount?: AviratoAmount
  paymentStatus?: string
  reason?: string
  modificationReference?: string
  isPreAuth?: boolean
}

const KINDS: Record<string, AviratoEventKind> = {
  AUTHORISATION: "authorisation",
  AUTHORIZATION: "authorisation",
  CAPTURE: "capture",
  CAPTURE_FAILED: "capture",
  CANCELLATION: "cancellation",
  CANCEL: "cancellation",
  CANCEL_OR_REFUND: "cancellation",
  REFUND: "refund",
  REFUND_FAILED: "refund",
  REFUNDED_REVERSED: "refund",
  AUTHORISATION_ADJUSTMENT: "extension",
  EXTEND: "extension",
  CHARGEBACK: "chargeback",
  NOTIFICATION_OF_CHARGEBACK: "chargeback",
  CHARGEBACK_REVERSED: "chargeback",
}

const FAILURE_CODES = new Set(["CAPTURE_FAILED", "REFUND_FAILED", "REFUNDED_REVERSED"])

export function parseWebhookEvent(body: unknown): AviratoWebhookEvent | undefined {
  const root = asRecord(typeof body === "string" || Buffer.isBuffer(body) ? safeJson(body.toString()) : body)
  if (!root) return undefined
  const data = asRecord(root.data) ?? asRecord(root.payload) ?? {}
  const field = (...names: string[]): unknown => {
    for (const name of names) {
      if (data[name] !== undefined && data[name] !== null) return data[name]
      if (root[name] !== undefined && root[name] !== null) return root[name]
    }
    return undefined
  }
  const eventCode = asString(root.event_code ?? root.eventCode ?? root.event ?? root.type)?.trim().toUpperCase()
  if (!eventCode) return undefined
  const paymentStatus = asString(field("paymentStatus", "payment_status", "status"))
  return {
    eventId: asString(field("eventId", "event_id")),
    eventCode,
    kind: KINDS[eventCode] ?? "other",
    success: successOf(eventCode, root.success ?? data.success, paymentStatus),
    sessionId: asString(field("sessionId", "session_id")),
    paymentReference: asString(field("paymentReference", "payment_reference", "pspReference")),
    customReference: asString(field("customReference", "custom_reference", "merchantReference")),
    amount: amountOf(field("amount"), field("currency")),
    paymentStatus,
    reason: asString(field("reason", "failureReason", "refusalReason")),
    modificationReference: asString(field("modificationReference", "modification_reference")),
    isPreAuth: typeof field("isPreAuth") === "boolean" ? (field("isPreAuth") as boolean) : undefined,
  }
}

/**
 * A key that is the same for redeliveries of one event (event id when Avirato sends one, else
 * type + references + amount + outcome).
 */
export function webhookEventKey(event: AviratoWebhookEvent): string {
  if (event.eventId) return `evt:${event.eventId}`
  return [
    event.eventCode,
    event.paymentReference ?? event.sessionId ?? "",
    event.modificationReference ?? "",
    event.amount ? `${event.amount.value}${event.amount.currency}` : "",
    String(event.success),
  ].join(":")
}

function successOf(eventCode: string, flag: unknown, paymentStatus: string | undefined): boolean | undefined {
  if (FAILURE_CODES.has(eventCode)) return false
  if (typeof flag === "boolean") return flag
  if (flag === "true") return true
  if (flag === "false") return false
  if (KINDS[eventCode] === "authorisation" && paymentStatus) return paymentStatus.toUpperCase() === "AUTHORISED"
  return undefined
}

function amountOf(amount: unknown, currency: unknown): AviratoAmount | undefined {
  const record = asRecord(amount)
  if (record && Number.isInteger(record.value) && typeof record.currency === "string") {
    return { value: record.value as number, currency: record.currency.toUpperCase() }
  }
  if (Number.isInteger(amount) && typeof currency === "string") return { value: amount as number, currency: currency.toUpperCase() }
  return undefined
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function asString(value: unknown): string | undefined {
  if (typeof value === "string" && value.length > 0) return value
  if (typeof value === "number" && Number.isFinite(value)) return String(value)
  return undefined
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
