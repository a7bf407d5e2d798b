import { AVIRATO_REFUND_REASONS, type AviratoRefundReason } from "./schemas"

/**
 * Avirato's refund reason for a store's own reason code, when the code names one of Avirato's five
 * values in any common spelling: "fraud", "customer_request", "customer-request", "Customer Request"
 * → "CUSTOMER REQUEST" (with the space Avirato requires). Anything else → undefined.
 */
export function aviratoRefundReasonFor(code: string | null | undefined): AviratoRefundReason | undefined {
  if (!code) return undefined
  const normalized = code.trim().toUpperCase().replace(/[\s_-]+/g, " ")
  return (AVIRATO_REFUND_REASONS as readonly string[]).includes(normalized) ? (normalized as AviratoRefundReason) : undefined
}

/**
 * The reason sent with the refunds Medusa makes when an order is cancelled and the admin named no
 * reason: Avirato accepts only its five values, and `OTHER` keeps these refunds apart from the ones
 * made at a customer's request (the usual default reason).
 */
export const ORDER_CANCELLATION_REFUND_REASON: AviratoRefundReason = "OTHER"
