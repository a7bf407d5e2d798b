import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"

/**
 * Spread into src/api/middlewares.ts. The store route works for guests and, like Medusa's own
 * payment-session route, links a logged-in customer. The electronic-ID return route needs nothing:
 * a browser redirect from Avarda carries no key, and the route trusts nothing it is given.
 */
export const avardaStandaloneMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/avarda-standalone/payment-sessions",
    method: ["POST"],
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })],
  },
]
