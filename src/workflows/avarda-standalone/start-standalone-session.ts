/**
 * The server-side path of a Standalone Credit checkout (used by `POST /store/avarda-standalone/payment-sessions`):
 * load the cart and build the shared credit application (rows, addresses, contact data), check every
 * CheckOut2 rule before any vendor call, hand the application, the personal ID number and the
 * company name to the provider through the one-time hand-off, and create the session with Medusa's
 * own workflow. Only an opaque reference passes through Medusa.
 */
import type { MedusaContainer, PaymentSessionDTO } from "@medusajs/framework/types"
import { createPaymentSessionsWorkflow } from "@medusajs/medusa/core-flows"
import { CREDIT_REQUEST_REF_KEY } from "../../lib/avarda/credit-request-handoff"
import { buildStandaloneAuthorizeRequest } from "../../lib/avarda/standalone/build-request"
import { standaloneCreditRequestHandoff } from "../../lib/avarda/standalone/credit-request-handoff"
import { userLanguageCodeFor } from "../../lib/avarda/standalone/languages"
import { authorizeRequestIssues } from "../../lib/avarda/standalone/request-validation"
import { parseStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { standaloneOptionsFor } from "../../providers/avarda-standalone/core/runtime-config"
import { buildCreditApplication, type CartFieldIssue } from "../credit/credit-application"
import { loadCreditCheckout } from "../credit/load-credit-checkout"
import { cartFieldOfStandalone } from "./cart-field-of"

export interface StartStandaloneSessionInput {
  cartId: string
  providerId: string
  personalIdNumber: string
  paymentTerms?: number
  /** Logged-in customer (Medusa then links an account holder, as the core route does). */
  customerId?: string
}

export type StartStandaloneSessionResult =
  | { kind: "cart_not_found" }
  | { kind: "invalid"; issues: CartFieldIssue[] }
  | { kind: "session"; session: PaymentSessionDTO }

export async function startStandaloneCreditSession(container: MedusaContainer, input: StartStandaloneSessionInput): Promise<StartStandaloneSessionResult> {
  const checkout = await loadCreditCheckout(container, input.cartId)
  if (!checkout) return { kind: "cart_not_found" }
  const built = buildCreditApplication(checkout)
  if (!("application" in built)) return { kind: "invalid", issues: built.issues }

  const product = parseStandaloneProviderId(input.providerId)!.product
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

  const handoff = standaloneCreditRequestHandoff()
  const ref = handoff.put({
    application: built.application,
    personalIdNumber: input.personalIdNumber,
    ...(input.paymentTerms !== undefined ? { paymentTerms: input.paymentTerms } : {}),
    ...(companyName ? { companyName } : {}),
  })
  try {
    const { result } = await createPaymentSessionsWorkflow(container).run({
      input: {
        payment_collection_id: checkout.paymentCollectionId,
        provider_id: input.providerId,
        ...(input.customerId ? { customer_id: input.customerId } : {}),
        data: { [CREDIT_REQUEST_REF_KEY]: ref },
      },
    })
    return { kind: "session", session: result }
  } finally {
    // Normally taken by the provider already; a failure before it ran must not leave it behind.
    handoff.discard(ref)
  }
}
