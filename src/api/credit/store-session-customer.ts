import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"

/**
 * The credit session routes (Authorization API and Standalone Credit) work for guests and, like
 * Medusa's own payment-session route, link a logged-in customer (session cookie or bearer token):
 * `startCreditSessionRoute` passes the customer to Medusa's payment-session workflow.
 */
export function storeSessionCustomerMiddleware(matcher: string): MiddlewareRoute {
  return {
    matcher,
    method: ["POST"],
    middlewares: [authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })],
  }
}
