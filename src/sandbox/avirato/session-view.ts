import type { AviratoSession } from "./model"
import { formatAviratoTimestamp } from "./timestamps"

/** `data` of the 201 answer to POST payment/session. */
export function createdSessionView(session: AviratoSession, paymentUrl: string): Record<string, unknown> {
  return {
    sessionId: session.sessionId,
    paymentUrl,
    status: session.status,
    amount: { value: session.amount.value, currency: session.amount.currency },
    description: session.description,
    customReference: session.customReference,
    isPreAuth: session.isPreAuth,
    createdAt: formatAviratoTimestamp(session.createdAt),
  }
}

/** `data` of GET payment/session/{id}: payment fields only once completed. */
export function sessionView(session: AviratoSession): Record<string, unknown> {
  return {
    sessionId: session.sessionId,
    status: session.status,
    amount: { value: session.amount.value, currency: session.amount.currency },
    countryCode: session.countryCode,
    shopperLocale: session.shopperLocale,
    deliverAt: session.deliverAt,
    description: session.description,
    customReference: session.customReference,
    isPreAuth: session.isPreAuth,
    urlOk: session.urlOk,
    urlKo: session.urlKo,
    createdAt: formatAviratoTimestamp(session.createdAt),
    ...(session.status === "completed"
      ? {
          paymentReference: session.paymentReference,
          completedAt: session.completedAt ? formatAviratoTimestamp(session.completedAt) : undefined,
          paymentStatus: session.paymentStatus,
        }
      : {}),
    attempts: session.attempts.map((attempt) => ({
      paymentReference: attempt.paymentReference,
      status: attempt.status,
      createdAt: formatAviratoTimestamp(attempt.createdAt),
    })),
  }
}
