// POST /store/customers/me/avarda/accounts/:id/pay — starts paying an open invoice or account
// (Avarda `POST /Pay`) and answers what the storefront needs to show Avarda's payment form. Needs
// proof that the customer is the account holder (403 avarda_identity_required otherwise).
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { authenticatedCustomerId, identityRequired, notFound, withCustomerMyPages } from "../../../../../../../avarda-my-pages/handlers"
import { accountJson, paymentFormJson, strongAuthenticationJson } from "../../../../../../../avarda-my-pages/serializers"
import { storefrontUrl } from "../../../../../../../request-validation/ids"
import { fieldErrorsOf, respondInvalidData } from "../../../../../../../request-validation/invalid-data"

const payBodySchema = z
  .object({
    /** Language of Avarda's form, e.g. "sv-SE" (default: the module's defaultLanguage). */
    locale: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'must be a language tag such as "sv-SE"').optional(),
    /** Storefront page the form returns to (default: the My Pages page). */
    return_url: storefrontUrl.optional(),
  })
  .strict()

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const body = payBodySchema.safeParse(req.body ?? {})
  if (!body.success) return respondInvalidData(res, fieldErrorsOf(body.error))
  await withCustomerMyPages(
    req,
    res,
    authenticatedCustomerId(req),
    async ({ myPages, scope }) => {
      const result = await myPages.startPayment(scope, req.params.id!, { locale: body.data.locale, returnUrl: scope.returnUrl })
      if (result.kind === "not_found") return notFound(res)
      if (result.kind === "identity_required") return identityRequired(res)
      if (result.kind === "strong_authentication_required") {
        res.status(202).json({ strong_authentication: strongAuthenticationJson(result.redirectUrl, "customer") })
        return
      }
      if (result.kind === "not_payable") {
        // Only a proven customer's (full access) account gets as far as "nothing to pay".
        const account = accountJson(result.item, "full")
        res.status(409).json({
          type: "not_allowed",
          code: "avarda_not_payable",
          message: `This ${account.type_label.toLowerCase()} is ${(account.state_label ?? "closed").toLowerCase()} and has nothing to pay now.`,
          account,
        })
        return
      }
      res.status(201).json({ payment: paymentFormJson(result.payment) })
    },
    { returnUrl: body.data.return_url }
  )
}
