import type { MiddlewareRoute } from "@medusajs/framework/http"
import { storeSessionCustomerMiddleware } from "../credit/store-session-customer"

/**
 * Spread into src/api/middlewares.ts. The store route works for guests and links a logged-in
 * customer. The electronic-ID return route needs nothing: a browser redirect from Avarda carries no
 * key, and the route trusts nothing it is given.
 */
export const avardaStandaloneMiddlewares: MiddlewareRoute[] = [storeSessionCustomerMiddleware("/store/avarda-standalone/payment-sessions")]
