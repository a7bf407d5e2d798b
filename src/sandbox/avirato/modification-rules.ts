import type { AviratoModification, AviratoPayment, Money, ModificationType } from "./model"

/** Pre-authorisation validity; extend renews it from "now" (Avirato does not document the lifetime: assumption A28). */
export const AUTHORISATION_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000

export const EVENT_CODES: Record<ModificationType, { success: string; failure: string }> = {
  refund: { success: "REFUND", failure: "REFUND_FAILED" },
  capture: { success: "CAPTURE", failure: "CAPTURE_FAILED" },
  cancel: { success: "CANCELLATION", failure: "CANCELLATION" },
  extend: { success: "AUTHORISATION_ADJUSTMENT", failure: "AUTHORISATION_ADJUSTMENT" },
}

export interface ModificationOutcome {
  success: boolean
  failureReason?: string
}

/** Why this modification cannot be applied to the payment now, or undefined if it can. */
function refusal(type: ModificationType, payment: AviratoPayment, amount: Money | undefined, now: Date): string | undefined {
  const capturable = payment.isPreAuth && payment.capturedAmount === 0
  switch (type) {
    case "capture":
      if (payment.cancelled) return "The authorisation was cancelled"
      if (!payment.isPreAuth) return "The payment was captured at authorisation (isPreAuth false)"
      if (payment.capturedAmount > 0) return "The authorisation has already been captured"
      if (now > payment.authorisationExpiresAt) return "The authorisation has expired"
      if (amount && amount.value > payment.authorisedAmount) return "The capture amount exceeds the authorised amount"
      return undefined
    case "cancel":
      if (payment.cancelled) return "The authorisation was already cancelled"
      if (!capturable) return "The payment has been captured; refund it instead"
      return undefined
    case "extend":
      if (payment.cancelled) return "The authorisation was cancelled"
      if (!capturable) return "Only an uncaptured pre-authorisation can be extended"
      if (now > payment.authorisationExpiresAt) return "The authorisation has expired"
      return undefined
    case "refund":
      if (payment.cancelled) return "The authorisation was cancelled"
      if (amount && amount.value > payment.capturedAmount - payment.refundedAmount) {
        return "The refund amount exceeds the captured amount not yet refunded"
      }
      return undefined
  }
}

function apply(type: ModificationType, payment: AviratoPayment, amount: Money | undefined, now: Date): void {
  switch (type) {
    case "capture":
      payment.capturedAmount = amount?.value ?? payment.authorisedAmount
      return
    case "cancel":
      payment.cancelled = true
      return
    case "extend":
      payment.authorisationExpiresAt = new Date(now.getTime() + AUTHORISATION_VALIDITY_MS)
      if (amount) payment.authorisedAmount = amount.value
      return
    case "refund":
      payment.refundedAmount += amount?.value ?? 0
      return
  }
}

/**
 * Decide a modification when it is accepted (202) and apply it to the payment at once, so the
 * next request sees the new amounts; the webhook reports the outcome later. A `forcedFailure`
 * (test control) fails it without touching the payment.
 */
export function decideModification(
  type: ModificationType,
  payment: AviratoPayment,
  amount: Money | undefined,
  now: Date,
  forcedFailure?: string,
): ModificationOutcome {
  const reason = forcedFailure ?? refusal(type, payment, amount, now)
  if (reason !== undefined) return { success: false, failureReason: reason }
  apply(type, payment, amount, now)
  return { success: true }
}

export function eventCodeFor(modification: Pick<AviratoModification, "type" | "success">): string {
  const codes = EVENT_CODES[modification.type]
  return modification.success ? codes.success : codes.failure
}
