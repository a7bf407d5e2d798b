/** Route configuration of the Avarda Authorization API feature, spread into src/api/middlewares.ts. */
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { storeSessionCustomerMiddleware } from "../credit/store-session-customer"

export const avardaMiddlewares: MiddlewareRoute[] = [
  // Works for guests; links a logged-in customer as the Standalone route and Medusa's own do.
  storeSessionCustomerMiddleware("/store/avarda/payment-sessions"),
]
