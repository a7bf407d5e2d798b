/** Route configuration for Medusa's own admin payment routes, spread into src/api/middlewares.ts. */
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { holdPaymentLockDuringRefund, holdPaymentLocksDuringOrderCancel } from "./hold-lock-during-refund"
import { planAdminCapture } from "./plan-admin-capture"
import { refundCanceledOrderPaymentForAdmin } from "./refund-canceled-order-payment"

export const adminPaymentMiddlewares: MiddlewareRoute[] = [
  // The admin's amount as the plan of the capture, under the payment's lock held until the route has answered.
  { matcher: "/admin/payments/:id/capture", method: ["POST"], middlewares: [planAdminCapture] },
  // Before the vendors' refund middlewares: what they plan for the refund is written under this lock.
  { matcher: "/admin/payments/:id/refund", method: ["POST"], middlewares: [holdPaymentLockDuringRefund] },
  { matcher: "/admin/orders/:id/cancel", method: ["POST"], middlewares: [holdPaymentLocksDuringOrderCancel] },
]

/** Spread last: the refund of a cancelled order's payment is made after the vendors have planned theirs, under the lock above. */
export const adminCanceledOrderRefundMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/payments/:id/refund", method: ["POST"], middlewares: [refundCanceledOrderPaymentForAdmin] },
]
