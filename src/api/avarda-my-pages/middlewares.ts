/**
 * Authentication of the My Pages routes, spread into src/api/middlewares.ts. Medusa already
 * requires a customer on /store/customers/me* and a user on /admin/*; declared here as well so the
 * routes stay protected whatever the core does.
 */
import { authenticate, type MedusaNextFunction, type MedusaRequest, type MedusaResponse, type MiddlewareRoute } from "@medusajs/framework/http"

/**
 * A customer's authentication that trusts what Medusa's own authentication of /store/customers/me*
 * already established for this request (a customer's auth context, which only Medusa's
 * `authenticate` sets) instead of verifying the same token a second time; without it, it
 * authenticates the request itself.
 */
export function authenticateCustomerOnce() {
  const authenticateCustomer = authenticate("customer", ["session", "bearer"])
  return function authenticateCustomerOnce(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const auth = (req as MedusaRequest & { auth_context?: { actor_id?: string; actor_type?: string } }).auth_context
    if (auth?.actor_type === "customer" && auth.actor_id) return next()
    return authenticateCustomer(req, res, next)
  }
}

export const avardaMyPagesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/avarda*",
    middlewares: [authenticateCustomerOnce()],
  },
  {
    matcher: "/admin/avarda/customers*",
    middlewares: [authenticate("user", ["session", "bearer", "api-key"])],
  },
  {
    matcher: "/admin/avarda-avirato/orders*",
    middlewares: [authenticate("user", ["session", "bearer", "api-key"])],
  },
]
