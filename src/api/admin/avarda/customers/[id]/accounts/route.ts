// GET /admin/avarda/customers/:id/accounts — the same list the customer sees (with the same proof of
// identity rule), for the admin widget.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { withAdminCustomerMyPages } from "../../../../../avarda-my-pages/admin-handlers"
import { overviewJson } from "../../../../../avarda-my-pages/serializers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await withAdminCustomerMyPages(req, res, async ({ myPages, scope }) => {
    res.json(overviewJson(await myPages.overview(scope), "admin"))
  })
}
