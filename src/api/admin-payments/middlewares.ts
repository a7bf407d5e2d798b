/** Route configuration for Medusa's own admin payment routes, spread into src/api/middlewares.ts. */
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { holdPaymentLockDuringRefund, holdPaymentLocksDuringOrderCancel } from "./hold-lock-during-refund"

export const adminPaymentMiddlewares: MiddlewareRoute[] = [
  // Before the vendors' refund middlewares: what they plan for the refund is written under this lock.
  { matcher: "/admin/payments/:id/refund", method: ["POST"], middlewares: [holdPaymentLockDuringRefund] },
  { matcher: "/admin/orders/:id/cancel", method: ["POST"], middlewares: [holdPaymentLocksDuringOrderCancel] },
]
