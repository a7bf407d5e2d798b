/**
 * The server-side path of a Standalone Credit checkout (used by `POST /store/avarda-standalone/payment-sessions`):
 * load the cart and build the shared credit application (rows, addresses, contact data), check every
 * CheckOut2 rule before any vendor call, hand the application, the personal ID number and the
 * company name to the provider through the one-time hand-off, and create the session with Medusa's
 * own workflow. Only an opaque reference passes through Medusa.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { buildStandaloneAuthorizeRequest } from "../../lib/avarda/standalone/build-request"
import { standaloneCreditRequestHandoff } from "../../lib/avarda/standalone/credit-request-handoff"
import { userLanguageCodeFor } from "../../lib/avarda/standalone/languages"
import { authorizeRequestIssues } from "../../lib/avarda/standalone/request-validation"
import { standaloneOfferedTerms } from "../../providers/avarda-standalone/core/options"
import { parseStandaloneProviderId, STANDALONE_IDENTIFIERS } from "../../providers/avarda-standalone/core/provider-ids"
import { isStandaloneProviderConfigured, standaloneOptionsFor } from "../../providers/avarda-standalone/core/runtime-config"
import { creditOfferIssues } from "../../providers/shared/credit-offer"
import { buildCreditApplication } from "../credit/credit-application"
import { loadCreditCheckout } from "../credit/load-credit-checkout"
import { createSessionThroughHandoff, UNCONFIGURED_PROVIDER, type StartCreditSessionInput, type StartCreditSessionResult } from "../credit/start-credit-session"
import { cartFieldOfStandalone } from "./cart-field-of"

export async function startStandaloneCreditSession(container: MedusaContainer, input: StartCreditSessionInput): Promise<StartCreditSessionResult> {
  if (!isStandaloneProviderConfigured(container, input.providerId)) return UNCONFIGURED_PROVIDER
  const checkout = await loadCreditCheckout(container, input.cartId)
  if (!checkout) return { kind: "cart_not_found" }
  const built = buildCreditApplication(checkout)
  if (!("application" in built)) return { kind: "invalid", issues: built.issues }

  const product = parseStandaloneProviderId(input.providerId)!.method
  const options = standaloneOptionsFor(container, input.providerId)
  const company = (checkout.billingAddress as { company?: string | null } | undefined)?.company?.trim() || undefined
  const companyName = options.b2b.allowed ? company : undefined

  // The cart-derived request and the personal ID number, checked before a session exists.
  const draft = buildStandaloneAuthorizeRequest(built.application, input.personalIdNumber, {
    orderReference: "draft",
    userLanguageCode: userLanguageCodeFor(product, built.application.market, options.language),
    ...(companyName ? { companyName } : {}),
    // The provider checks the term against the offered ones; here only its presence matters.
    ...(input.paymentTerms !== undefined ? { paymentTerms: input.paymentTerms } : product === "loan" || product === "part-payment" ? { paymentTerms: 1 } : {}),
  })
  const issues = authorizeRequestIssues(draft, { product, market: built.application.market, b2bAllowed: options.b2b.allowed })
  if (issues.length) return { kind: "invalid", issues: issues.map((issue) => ({ field: cartFieldOfStandalone(issue.field), message: issue.message })) }

  // The store's offer (product, amount limits, the shopper's term), with the settings saved now.
  const offerIssues = creditOfferIssues({
    identifier: STANDALONE_IDENTIFIERS[product],
    products: options.products,
    product,
    amountLimits: options.amountLimits,
    amountMinor: built.application.amountMinor,
    currency: built.application.currency,
    offeredTerms: product === "loan" || product === "part-payment" ? await standaloneOfferedTerms(options, product) : [],
    requestedTerm: input.paymentTerms,
  })
  if (offerIssues.length) return { kind: "invalid", issues: offerIssues }

  const session = await createSessionThroughHandoff(container, input, checkout.paymentCollectionId, standaloneCreditRequestHandoff(), {
    application: built.application,
    personalIdNumber: input.personalIdNumber,
    ...(input.paymentTerms !== undefined ? { paymentTerms: input.paymentTerms } : {}),
    ...(companyName ? { companyName } : {}),
  })
  return { kind: "session", session }
}
