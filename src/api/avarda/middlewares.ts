/** Route configuration of the Avarda Authorization API feature, spread into src/api/middlewares.ts. */
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { planAdminCapture } from "./plan-admin-capture"

export const avardaMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/payments/:id/capture",
    method: ["POST"],
    middlewares: [planAdminCapture],
  },
]
