// GET /store/customers/me/avarda/accounts/:id/payments/:purchase_id — the state of a payment started
// with POST …/pay (Avarda `POST /Pay/Status`). Avarda sends no notification, so storefronts poll
// until `final` is true.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { authenticatedCustomerId, identityRequired, notFound, withCustomerMyPages } from "../../../../../../../../avarda-my-pages/handlers"
import { paymentStatusJson, strongAuthenticationJson } from "../../../../../../../../avarda-my-pages/serializers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const accountId = req.params.id!
  const purchaseId = req.params.purchase_id!
  await withCustomerMyPages(req, res, authenticatedCustomerId(req), async ({ myPages, scope }) => {
    const result = await myPages.paymentStatus(scope, accountId, purchaseId)
    if (result.kind === "not_found") return notFound(res)
    if (result.kind === "identity_required") return identityRequired(res)
    if (result.kind === "strong_authentication_required") {
      res.status(202).json({ strong_authentication: strongAuthenticationJson(result.redirectUrl, "customer") })
      return
    }
    res.json({ payment: paymentStatusJson(accountId, purchaseId, result.status) })
  })
}
