// GET /store/customers/me/avarda/strong-authentication — whether Avarda wants the customer to
// identify before it shows all accounts: 202 with the redirect_url to send them to, else 200.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { authenticatedCustomerId, withCustomerMyPages } from "../../../../../avarda-my-pages/handlers"
import { strongAuthenticationJson } from "../../../../../avarda-my-pages/serializers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await withCustomerMyPages(
    req,
    res,
    authenticatedCustomerId(req),
    async ({ myPages, scope }) => {
      const overview = await myPages.overview(scope)
      const redirectUrl = overview.strongAuthentication?.redirectUrl ?? null
      res.status(redirectUrl ? 202 : 200).json({ strong_authentication: strongAuthenticationJson(redirectUrl, "customer") })
    },
    req.query.return_url
  )
}
