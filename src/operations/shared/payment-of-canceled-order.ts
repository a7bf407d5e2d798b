/**
 * Whether a payment belongs to an order that is cancelled: the test every settling of a cancelled
 * order's payment makes (its cancel, its refund, the admin's refund of it, an Avirato cancellation
 * Medusa did not ask for), read under the payment's lock where money is decided.
 */

/** The field a payment is read with for `isPaymentOfCanceledOrder`. */
export const PAYMENT_ORDER_STATUS_FIELD = "payment_collection.order.status"

export interface PaymentWithOrderStatus {
  payment_collection?: { order?: { status?: string } | null } | null
}

/** False for a payment without an order (a cart's, before the order is placed). */
export function isPaymentOfCanceledOrder(payment: PaymentWithOrderStatus | null | undefined): boolean {
  return payment?.payment_collection?.order?.status === "canceled"
}
