// Routes of the "Avarda & Avirato" admin settings page. /admin/* already requires a logged-in
// admin user (Medusa applies authenticate("user", …) to every admin route); this list adds body
// validation. Spread into src/api/middlewares.ts.
import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import { connectionCheckBodySchema } from "./validators"

export const pluginSettingsMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/plugin-settings/connection-check",
    method: ["POST"],
    middlewares: [validateAndTransformBody(connectionCheckBodySchema)],
  },
]
