import type { AviratoEnvironment } from "./environment"
import type { ACCEPTED_CURRENCIES } from "./schemas"

export interface Money {
  value: number
  currency: (typeof ACCEPTED_CURRENCIES)[number]
}

/** Where a payment session is in its life: open, paid, cancelled by the shopper, failed or timed out. */
export type SessionStatus = "pending" | "completed" | "cancelled" | "failed" | "expired"
/** `attempts[].status` (lowercase). */
export type AttemptStatus = "authorised" | "refused" | "error"

export interface PaymentAttempt {
  paymentReference: string
  status: AttemptStatus
  createdAt: Date
  /** Why a refused/error attempt failed (test holder name table). */
  reason?: string
  holderName: string
  cardLast4: string
}

export interface AviratoSession {
  environment: AviratoEnvironment
  sessionId: string
  webcode: string
  amount: Money
  urlOk: string
  urlKo: string
  countryCode: string
  shopperLocale: string
  deliverAt: string | null
  description: string | null
  customReference: string | null
  isPreAuth: boolean
  createdAt: Date
  status: SessionStatus
  /** Opaque token of the hosted payment page URL. */
  pageToken: string
  /** When the payment page was first opened: the 5-minute limit runs from here. */
  pageOpenedAt?: Date
  attempts: PaymentAttempt[]
  paymentReference?: string
  completedAt?: Date
  paymentStatus?: "AUTHORISED"
}

/**
 * `paymentStatus` values the sandbox uses in webhooks (Adyen-style, assumption A31). GET session
 * keeps "AUTHORISED": the session is frozen once completed (assumption A20).
 */
export type PaymentStatus = "AUTHORISED" | "REFUSED" | "ERROR" | "CAPTURED" | "PARTIALLY_REFUNDED" | "REFUNDED" | "CANCELLED"

/** The payment created by the authorised attempt; modifications act on it. */
export interface AviratoPayment {
  environment: AviratoEnvironment
  paymentReference: string
  sessionId: string
  webcode: string
  customReference: string | null
  currency: Money["currency"]
  isPreAuth: boolean
  authorisedAmount: number
  capturedAmount: number
  refundedAmount: number
  cancelled: boolean
  authorisedAt: Date
  /** Pre-auth validity (assumption: 7 days, renewed by extend). */
  authorisationExpiresAt: Date
}

export type ModificationType = "refund" | "capture" | "cancel" | "extend"
export const MODIFICATION_TYPES: readonly ModificationType[] = ["refund", "capture", "cancel", "extend"]

export interface AviratoModification {
  environment: AviratoEnvironment
  modificationReference: string
  type: ModificationType
  paymentReference: string
  amount?: Money
  reason?: string
  createdAt: Date
  /** Decided when the request is accepted; reported only by the webhook. */
  success: boolean
  failureReason?: string
  eventCode: string
}
