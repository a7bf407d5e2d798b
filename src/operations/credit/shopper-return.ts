/**
 * What happens when Avarda sends the shopper's browser back from its identification page (ID
 * validation of the Authorization API, the electronic-ID page of Standalone Credit), as the credit
 * APIs' part of the steps every vendor shares (../shared/shopper-return.ts). Avarda's part of the
 * redirect is not signed, so nothing in it is trusted. First the plugin's own `state` must prove
 * the browser belongs to the flow of the session it names; without that proof the shopper gets a
 * generic failure — no cart id, no order id — and nothing is looked up or done (the reconciliation
 * job places approved orders anyway). With it, the session must hold the purchase the redirect
 * names; unless its order already holds its payment, the purchase is re-read at Avarda through the
 * provider, and only an approval completes the cart (or records the payment on an order a stopped
 * completion left without it).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { shopperMessage, type ShopperMessageKey } from "../../lib/avarda/shopper-messages"
import { isProviderIdOf } from "../../lib/plugin-vendors"
import type { ReturnStateFailure } from "../../lib/return-state/return-state"
import { completeCartForPaymentSession } from "../shared/complete-cart-for-payment-session"
import { releaseIfSuperseded } from "../shared/release-superseded-session"
import type { SessionWithCart } from "../shared/find-payment-session"
import { refreshPaymentSession } from "../shared/refresh-payment-session"
import { placedOrder, resolveShopperReturn, sessionCartOf, type ShopperReturnFlow } from "../shared/shopper-return"
import type { CreditVendor, CreditVendorOptions } from "./credit-vendors"

export type CreditReturnFailureReason = "unknown_session" | "pending" | "cancelled" | "rejected" | "timed_out" | "failed" | "completion_failed" | "order_processing"

export type CreditReturnOutcome =
  | { kind: "success"; orderId: string }
  | { kind: "failure"; reason: CreditReturnFailureReason; message: string; cartId?: string }
  /** The request does not prove it belongs to this session's flow: a generic failure, nothing else. */
  | { kind: "unverified"; reason: "verification_failed"; proof: ReturnStateFailure }

export interface CreditReturnParams {
  /** The Medusa payment session the return URL names (Avarda's orderReference / our returnUrl's session). */
  sessionId?: string
  /** The purchase Avarda says the shopper identified for. */
  purchaseId?: string
  /** The plugin's signed state from the return URL. */
  state?: string
}

type Decided = Exclude<CreditReturnOutcome, { kind: "unverified" }>

/** The plugin's texts for the failures every credit API shares (in the purchase's language). */
const MESSAGES: Record<"unknown_session" | "cancelled" | "failed" | "completion_failed" | "order_processing", ShopperMessageKey> = {
  unknown_session: "session_no_longer_valid",
  order_processing: "order_being_placed",
  cancelled: "identification_cancelled",
  failed: "payment_not_completed",
  completion_failed: "order_not_created",
}

export async function resolveCreditReturn(
  container: MedusaContainer,
  vendor: CreditVendor,
  params: CreditReturnParams
): Promise<{ outcome: CreditReturnOutcome; location: string }> {
  let ownSession: SessionWithCart | undefined
  const outcome = await resolveShopperReturn(container, creditReturnFlow(vendor, (session) => (ownSession = session)), params)
  if (outcome.kind === "unverified") {
    const url = new URL(requireOptions(vendor, vendor.anyOptions(container)).storefront.failureUrl)
    url.searchParams.set("reason", "verification_failed")
    return { outcome, location: url.toString() }
  }
  const options = requireOptions(vendor, ownSession ? vendor.optionsFor(container, ownSession.provider_id) : vendor.anyOptions(container))
  return { outcome, location: storefrontLocation(options, outcome) }
}

/** The credit API's part of the shopper's return; `seen` learns the session when it is the API's (its options choose the storefront). */
function creditReturnFlow(vendor: CreditVendor, seen: (session: SessionWithCart) => void): ShopperReturnFlow<CreditReturnParams, CreditReturnOutcome> {
  return {
    purpose: vendor.returnPurpose,
    subjectOf: ({ sessionId, state }) => ({ sessionId, state }),
    isOwnSession(session, { purchaseId }) {
      const stored = vendor.purchaseOf(session.data).purchaseId
      return isProviderIdOf(vendor.facts.vendor, session.provider_id) && !!stored && !!purchaseId && stored.toLowerCase() === purchaseId.toLowerCase()
    },
    unverified: (proof) => ({ kind: "unverified", reason: "verification_failed", proof }),
    async withoutSession(container, { sessionId, purchaseId }, session) {
      // The API's own session that does not hold the purchase named: its options still choose the storefront.
      if (session && isProviderIdOf(vendor.facts.vendor, session.provider_id)) seen(session)
      if (!session && sessionId && purchaseId && vendor.releaseDeletedSession) {
        await vendor.releaseDeletedSession(container, sessionId, purchaseId).catch(() => false) // the job retries
      }
      return unknownSession(vendor, session)
    },
    placed(_container, session, orderId) {
      seen(session)
      return { kind: "success", orderId }
    },
    settle(container, session) {
      seen(session)
      return confirmAndComplete(container, vendor, session)
    },
  }
}

function unknownSession(vendor: CreditVendor, session: SessionWithCart | undefined): Decided {
  const language = vendor.purchaseOf(session?.data).language
  return { kind: "failure", reason: "unknown_session", message: shopperMessage(MESSAGES.unknown_session, language), ...(session?.cartId ? { cartId: session.cartId } : {}) }
}

/** Re-reads the purchase at Avarda through the provider; only an approval completes the cart. */
async function confirmAndComplete(container: MedusaContainer, vendor: CreditVendor, session: SessionWithCart): Promise<Decided> {
  const text = (key: ShopperMessageKey) => shopperMessage(key, vendor.purchaseOf(session.data).language)
  const cart = session.cartId ? { cartId: session.cartId } : {}
  let refreshed
  try {
    refreshed = await refreshPaymentSession(container, session)
  } catch {
    // Avarda could not be asked now; the reconciliation job completes the order once it can.
    return { kind: "failure", reason: "pending", message: text(vendor.returnMessages.unreachable), ...cart }
  }
  // Deleted meanwhile (its cart was changed or paid another way): the session is no longer valid.
  if (!refreshed) return unknownSession(vendor, session)
  if (refreshed.status === "authorized") {
    const completion = await completeCartForPaymentSession(container, session.id, sessionCartOf(session))
    // The cart's order holds another session's payment: this credit is cancelled at once (deleting
    // the session cancels it at Avarda), and the shopper lands on that order.
    if (completion.outcome !== "failed" && completion.superseded) await releaseIfSuperseded(container, { id: session.id, cartId: completion.cartId })
    const placed = placedOrder(completion)
    if (placed.placed) return { kind: "success", orderId: placed.orderId }
    return { kind: "failure", reason: placed.reason, message: text(MESSAGES[placed.reason]), ...cart }
  }
  if (refreshed.status === "requires_more") return { kind: "failure", reason: "pending", message: text(vendor.returnMessages.pending), ...cart }
  const decision = vendor.purchaseOf(refreshed.data).decision
  const outcome = decision?.outcome
  const reason: CreditReturnFailureReason = outcome === "cancelled" || outcome === "rejected" || outcome === "timed_out" ? outcome : "failed"
  return { kind: "failure", reason, message: decision?.message ?? text(reason === "cancelled" ? MESSAGES.cancelled : MESSAGES.failed), ...cart }
}

function requireOptions(vendor: CreditVendor, options: CreditVendorOptions | undefined): CreditVendorOptions {
  if (!options) throw new Error(`No ${vendor.facts.name} provider is configured`)
  return options
}

/** The storefront's success page (`?order_id=`) or failure page (`?cart_id=&reason=&message=`). */
function storefrontLocation(options: CreditVendorOptions, outcome: Decided): string {
  if (outcome.kind === "success") {
    const url = new URL(options.storefront.successUrl)
    url.searchParams.set("order_id", outcome.orderId)
    return url.toString()
  }
  const url = new URL(options.storefront.failureUrl)
  if (outcome.cartId) url.searchParams.set("cart_id", outcome.cartId)
  url.searchParams.set("reason", outcome.reason)
  url.searchParams.set("message", outcome.message)
  return url.toString()
}
