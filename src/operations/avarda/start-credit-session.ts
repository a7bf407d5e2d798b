/**
 * The server-side path of an Avarda checkout (used by `POST /store/avarda/payment-sessions`):
 * load the cart, build and validate the credit request before any vendor call, hand the request
 * and the personal ID number to the provider through the one-time hand-off, and create the payment
 * session with Medusa's own workflow. Only an opaque reference passes through Medusa.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { buildCreateAuthorizationRequest } from "../../lib/avarda/authorization-api/create-request"
import { customerIssues, itemIssues, type ValidationIssue } from "../../lib/avarda/authorization-api/request-validation"
import { creditRequestHandoff } from "../../lib/avarda/credit-request-handoff"
import { operationalSettingsOf } from "../../providers/avarda/core/options"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { AVARDA_IDENTIFIERS, parseAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { avardaOptionsFor, isAvardaProviderConfigured } from "../../providers/avarda/core/runtime-config"
import { creditOfferIssues } from "../../providers/shared/credit-offer"
import { buildCreditApplication, type CartFieldIssue } from "../credit/credit-application"
import { loadCreditCheckout } from "../credit/load-credit-checkout"
import { followIdValidationAuthorization } from "../../workflows/avarda/release-orphaned-authorizations"
import { createSessionThroughHandoff, UNCONFIGURED_PROVIDER, type StartCreditSessionInput, type StartCreditSessionResult } from "../credit/start-credit-session"

const ADDRESS_FIELDS: Record<string, string> = {
  firstName: "first_name",
  lastName: "last_name",
  addressLine1: "address_1",
  addressLine2: "address_2",
  city: "city",
  zip: "postal_code",
  country: "country_code",
}

/** Names an issue by what the storefront can fix: the body field or the cart field it came from. */
export function cartFieldOf(requestField: string): string {
  if (requestField === "customer.identificationNumber") return "personal_id_number"
  if (requestField === "customer.phone") return "billing_address.phone"
  if (requestField === "customer.email") return "email"
  if (requestField === "customer.userLanguageCode") return "billing_address.country_code"
  const address = /^(invoicingAddress|deliveryAddress)(?:\.(\w+))?$/.exec(requestField)
  if (address) {
    const prefix = address[1] === "invoicingAddress" ? "billing_address" : "shipping_address"
    return address[2] ? `${prefix}.${ADDRESS_FIELDS[address[2]] ?? address[2]}` : prefix
  }
  return `items (invoice row ${requestField})`
}

function toCartIssues(issues: ValidationIssue[]): CartFieldIssue[] {
  return issues.map((issue) => ({ field: cartFieldOf(issue.field), message: issue.message }))
}

export async function startAvardaCreditSession(container: MedusaContainer, input: StartCreditSessionInput): Promise<StartCreditSessionResult> {
  if (!isAvardaProviderConfigured(container, input.providerId)) return UNCONFIGURED_PROVIDER
  const checkout = await loadCreditCheckout(container, input.cartId)
  if (!checkout) return { kind: "cart_not_found" }
  const built = buildCreditApplication(checkout)
  if (!("application" in built)) return { kind: "invalid", issues: built.issues }

  // The cart-derived part of the request and the personal ID number, checked before a session exists.
  const draft = buildCreateAuthorizationRequest(built.application, input.personalIdNumber, { orderReference: "draft", posId: "0" })
  const issues = toCartIssues([...customerIssues(draft), ...itemIssues(draft.items)])
  if (issues.length) return { kind: "invalid", issues }

  // The store's offer (product, amount limits, the shopper's term), with the settings saved now.
  const { method: product } = parseAvardaProviderId(input.providerId)!
  const options = avardaOptionsFor(container, input.providerId)
  const { paymentTerms } = await operationalSettingsOf(options)
  const offerIssues = creditOfferIssues({
    identifier: AVARDA_IDENTIFIERS[product],
    products: options.products,
    product,
    amountLimits: options.amountLimits,
    amountMinor: built.application.amountMinor,
    currency: built.application.currency,
    offeredTerms: product === "loan" ? paymentTerms.loan : product === "part-payment" ? paymentTerms.partPayment : [],
    requestedTerm: input.paymentTerms,
  })
  if (offerIssues.length) return { kind: "invalid", issues: offerIssues }

  const session = await createSessionThroughHandoff(container, input, checkout.paymentCollectionId, creditRequestHandoff(), {
    application: built.application,
    personalIdNumber: input.personalIdNumber,
    ...(input.paymentTerms !== undefined ? { paymentTerms: input.paymentTerms } : {}),
  })
  // Avarda waits for the shopper's electronic ID: follow the authorization, so that it is released
  // even if Medusa deletes this session (the cart changes) before the shopper has identified.
  const stored = readAvardaPaymentData(session.data as Record<string, unknown> | undefined)
  if (stored?.authorization_id && stored.decision.outcome === "pending_id_validation") {
    await followIdValidationAuthorization(container, { authorization_id: stored.authorization_id, checkout_session_id: session.id, provider_id: input.providerId })
  }
  return { kind: "session", session }
}
