// /store/customers/me/avarda/strong-authentication — the customer's proof of identity at Avarda.
// GET: whether the customer has proven to be an Avarda person (`identity`).
// POST { return_url? }: starts My Pages strong authentication for a customer without proof: 202 with
// the `redirect_url` to send them to (Avarda sends them back to return_url, where the next My Pages
// call completes the proof); 200 when already proven; 409 avarda_identification_unavailable when
// Avarda offers no identification step for the customer's purchases.
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { authenticatedCustomerId, withCustomerMyPages } from "../../../../../avarda-my-pages/handlers"
import { identityJson, strongAuthenticationJson } from "../../../../../avarda-my-pages/serializers"

/** Checked by the plugin's request-validation middleware before the route runs (one 400 shape). */
interface StartBody {
  /** Storefront page Avarda sends the customer back to (default: the My Pages page). */
  return_url?: string
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await withCustomerMyPages(req, res, authenticatedCustomerId(req), async ({ scope }) => {
    res.json({ identity: identityJson(scope.identity, scope.purchaseIds.length > 0) })
  })
}

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const body = (req.body ?? {}) as StartBody
  await withCustomerMyPages(
    req,
    res,
    authenticatedCustomerId(req),
    async ({ myPages, scope }) => {
      const result = await myPages.startStrongAuthentication(scope)
      if (result.kind === "already_verified") {
        res.json({ identity: identityJson(result.identity, false), strong_authentication: strongAuthenticationJson(null, "customer") })
        return
      }
      if (result.kind === "unavailable") {
        res.status(409).json({
          type: "not_allowed",
          code: "avarda_identification_unavailable",
          message:
            "Avarda offers no identification for your purchases right now. Your own purchases stay visible; pay with electronic ID (e.g. BankID) at your next purchase to see everything.",
          identity: identityJson(null, false),
        })
        return
      }
      res.status(202).json({
        identity: identityJson(null, true),
        strong_authentication: {
          required: true,
          redirect_url: result.redirectUrl,
          message: "Identify yourself with Avarda (e.g. with BankID) to see all your invoices and accounts. Follow redirect_url; you will come back here afterwards.",
        },
      })
    },
    { returnUrl: body.return_url }
  )
}
