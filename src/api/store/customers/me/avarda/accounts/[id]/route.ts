// GET /store/customers/me/avarda/accounts/:id — one invoice or account with transactions and APR data;
// without proof of identity, only the customer's own purchases' transactions on it.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { authenticatedCustomerId, identityRequired, notFound, withCustomerMyPages } from "../../../../../../avarda-my-pages/handlers"
import { accountDetailJson, strongAuthenticationJson } from "../../../../../../avarda-my-pages/serializers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await withCustomerMyPages(
    req,
    res,
    authenticatedCustomerId(req),
    async ({ myPages, scope }) => {
      const result = await myPages.account(scope, req.params.id!)
      if (result.kind === "not_found") return notFound(res)
      if (result.kind === "identity_required") return identityRequired(res)
      if (result.kind === "strong_authentication_required") {
        res.status(202).json({ strong_authentication: strongAuthenticationJson(result.redirectUrl, "customer") })
        return
      }
      res.json({ account: accountDetailJson(result.item, result.detail, result.access, scope.orderReferences) })
    },
    { returnUrl: req.query.return_url, readAhead: (myPages, previousScope) => myPages.account(previousScope, req.params.id!) }
  )
}
