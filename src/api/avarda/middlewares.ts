/** Route configuration of the Avarda Authorization API feature, spread into src/api/middlewares.ts. */
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { storeSessionCustomerMiddleware } from "../credit/store-session-customer"
import { planAdminCapture } from "./plan-admin-capture"

export const avardaMiddlewares: MiddlewareRoute[] = [
  // Works for guests; links a logged-in customer as the Standalone route and Medusa's own do.
  storeSessionCustomerMiddleware("/store/avarda/payment-sessions"),
  {
    matcher: "/admin/payments/:id/capture",
    method: ["POST"],
    middlewares: [planAdminCapture],
  },
]
