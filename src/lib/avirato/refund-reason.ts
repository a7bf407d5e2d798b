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
