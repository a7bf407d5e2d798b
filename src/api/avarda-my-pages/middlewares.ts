/**
 * Authentication of the My Pages routes, spread into src/api/middlewares.ts. Medusa already
 * requires a customer on /store/customers/me* and a user on /admin/*; declared here as well so the
 * routes stay protected whatever the core does.
 */
import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"

export const avardaMyPagesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/avarda*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
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
