// GET /admin/avarda/customers/:id/accounts/:account_id — one invoice or account with transactions.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { notFound } from "../../../../../../avarda-my-pages/handlers"
import { withAdminCustomerMyPages } from "../../../../../../avarda-my-pages/admin-handlers"
import { accountDetailJson, strongAuthenticationJson } from "../../../../../../avarda-my-pages/serializers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await withAdminCustomerMyPages(req, res, async ({ myPages, scope }) => {
    const result = await myPages.account(scope, req.params.account_id!)
    if (result.kind === "not_found") return notFound(res)
    if (result.kind === "strong_authentication_required") {
      res.status(202).json({ strong_authentication: strongAuthenticationJson(result.redirectUrl, "admin") })
      return
    }
    res.json({ account: accountDetailJson(result.item, result.detail) })
  })
}
