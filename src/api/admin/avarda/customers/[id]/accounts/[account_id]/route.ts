// GET /admin/avarda/customers/:id/accounts/:account_id — one invoice or account with transactions, as
// the customer would see it (limited to their own purchases until they prove their identity).
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { identityRequired, notFound } from "../../../../../../avarda-my-pages/handlers"
import { withAdminCustomerMyPages } from "../../../../../../avarda-my-pages/admin-handlers"
import { accountDetailJson, strongAuthenticationJson } from "../../../../../../avarda-my-pages/serializers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await withAdminCustomerMyPages(req, res, async ({ myPages, scope }) => {
    const result = await myPages.account(scope, req.params.account_id!)
    if (result.kind === "not_found") return notFound(res)
    if (result.kind === "identity_required") return identityRequired(res, "admin")
    if (result.kind === "strong_authentication_required") {
      res.status(202).json({ strong_authentication: strongAuthenticationJson(result.redirectUrl, "admin") })
      return
    }
    res.json({ account: accountDetailJson(result.item, result.detail, result.access, scope.orderReferences) })
  })
}
