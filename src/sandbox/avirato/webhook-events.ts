import type { AviratoEnvironment } from "./environment"
import type { AviratoModification, AviratoPayment, AviratoSession, PaymentAttempt, PaymentStatus } from "./model"

/**
 * Webhook body (Avirato does not publish it; Adyen-style, assumption A30):
 * `{ eventId, event_code, success, createdAt, webcode, data: { sessionId, paymentReference,
 *   customReference, amount: { value, currency }, paymentStatus, isPreAuth, reason?, modificationReference? } }`
 */
export interface AviratoWebhookBody {
  eventId: string
  event_code: AviratoEventCode
  success: boolean
  createdAt: string
  webcode: string
  data: {
    sessionId: string
    paymentReference: string
    customReference: string | null
    amount: { value: number; currency: string }
    paymentStatus: PaymentStatus
    isPreAuth: boolean
    reason?: string
    modificationReference?: string
  }
}

export type AviratoEventCode =
  | "AUTHORISATION"
  | "CAPTURE"
  | "CAPTURE_FAILED"
  | "CANCELLATION"
  | "REFUND"
  | "REFUND_FAILED"
  | "AUTHORISATION_ADJUSTMENT"

/** An event before it gets an id and a timestamp. */
export interface PendingWebhookEvent {
  environment: AviratoEnvironment
  body: Omit<AviratoWebhookBody, "eventId" | "createdAt">
}

export function authorisationEvent(session: AviratoSession, attempt: PaymentAttempt): PendingWebhookEvent {
  const authorised = attempt.status === "authorised"
  return {
    environment: session.environment,
    body: {
      event_code: "AUTHORISATION",
      success: authorised,
      webcode: session.webcode,
      data: {
        sessionId: session.sessionId,
        paymentReference: attempt.paymentReference,
        customReference: session.customReference,
        amount: { value: session.amount.value, currency: session.amount.currency },
        paymentStatus: authorised ? "AUTHORISED" : attempt.status === "error" ? "ERROR" : "REFUSED",
        isPreAuth: session.isPreAuth,
        ...(attempt.reason ? { reason: attempt.reason } : {}),
      },
    },
  }
}

/** The payment's state after its modifications, as reported in modification webhooks. */
export function paymentStatusOf(payment: AviratoPayment): PaymentStatus {
  if (payment.cancelled) return "CANCELLED"
  if (payment.refundedAmount > 0) return payment.refundedAmount >= payment.capturedAmount ? "REFUNDED" : "PARTIALLY_REFUNDED"
  if (payment.capturedAmount > 0) return "CAPTURED"
  return "AUTHORISED"
}

export function modificationEvent(payment: AviratoPayment, modification: AviratoModification): PendingWebhookEvent {
  const amount = modification.amount ?? {
    value: modification.type === "capture" ? payment.capturedAmount || payment.authorisedAmount : payment.authorisedAmount,
    currency: payment.currency,
  }
  return {
    environment: payment.environment,
    body: {
      event_code: modification.eventCode as AviratoEventCode,
      success: modification.success,
      webcode: payment.webcode,
      data: {
        sessionId: payment.sessionId,
        paymentReference: payment.paymentReference,
        customReference: payment.customReference,
        amount: { value: amount.value, currency: amount.currency },
        paymentStatus: paymentStatusOf(payment),
        isPreAuth: payment.isPreAuth,
        modificationReference: modification.modificationReference,
        ...(modification.failureReason ? { reason: modification.failureReason } : modification.reason ? { reason: modification.reason } : {}),
      },
    },
  }
}
