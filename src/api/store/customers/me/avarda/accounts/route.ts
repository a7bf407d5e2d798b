// GET /store/customers/me/avarda/accounts — the customer's Avarda invoices and accounts, newest first.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { authenticatedCustomerId, withCustomerMyPages } from "../../../../../avarda-my-pages/handlers"
import { overviewJson } from "../../../../../avarda-my-pages/serializers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await withCustomerMyPages(
    req,
    res,
    authenticatedCustomerId(req),
    async ({ myPages, scope }) => {
      res.json(overviewJson(await myPages.overview(scope), "customer"))
    },
    { returnUrl: req.query.return_url, readAhead: (myPages, previousScope) => myPages.overview(previousScope) }
  )
}
