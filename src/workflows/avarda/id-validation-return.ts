/**
 * What happens when Avarda sends the shopper's browser back after ID validation
 * (`GET /avarda/id-validation/return?state=…&authorizationId=…&orderId=…[&errorCode=…]`). Avarda's
 * part of the redirect is not signed, so nothing in it is trusted. First the plugin's own `state` must
 * prove the browser belongs to the flow of the session named by `orderId` (our orderReference);
 * without that proof the shopper gets a generic failure — no cart id, no order id — and nothing is
 * looked up or done (the reconciliation job places approved orders anyway). With it, the session
 * must hold that authorization, its status is re-read at Avarda, and only an approval completes the cart.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { shopperLanguageOfPurchase, shopperMessage, type ShopperMessageKey } from "../../lib/avarda/shopper-messages"
import { completeCartForPaymentSession } from "../helpers/complete-cart-for-payment-session"
import { findPaymentSession } from "../credit/find-payment-session"
import { releaseDeletedSessionAuthorization } from "./release-orphaned-authorizations"
import { refreshPaymentSession } from "../credit/refresh-payment-session"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { anyAvardaOptions, avardaOptionsFor } from "../../providers/avarda/core/runtime-config"
import type { ReturnStateFailure } from "../../lib/return-state/return-state"
import { returnProof } from "../helpers/return-proof"

export type ReturnOutcome =
  | { kind: "success"; orderId: string }
  | { kind: "failure"; reason: "unknown_session" | "pending" | "rejected" | "timed_out" | "failed" | "completion_failed"; message: string; cartId?: string }
  /** The request does not prove it belongs to this session's flow: a generic failure, nothing else. */
  | { kind: "unverified"; reason: "verification_failed"; proof: ReturnStateFailure }

export interface ReturnParams {
  authorizationId?: string
  orderId?: string
  /** The plugin's signed state from the return URL. */
  state?: string
}

/** The plugin's texts for each failure (in the purchase's language, see shopper-messages.ts). */
const MESSAGES: Record<"unknown_session" | "pending" | "unconfirmed" | "failed" | "completion_failed", ShopperMessageKey> = {
  unknown_session: "session_no_longer_valid",
  pending: "identification_processing",
  unconfirmed: "payment_unconfirmed",
  failed: "payment_not_completed",
  completion_failed: "order_not_created",
}

export async function resolveIdValidationReturn(container: MedusaContainer, params: ReturnParams): Promise<{ outcome: ReturnOutcome; location: string }> {
  const proof = returnProof(container, "avarda-id-validation-return", params.orderId, params.state)
  if (!proof.valid) {
    const options = anyAvardaOptions(container)
    if (!options) throw new Error("No Avarda provider is configured")
    const url = new URL(options.storefront.failureUrl)
    url.searchParams.set("reason", "verification_failed")
    return { outcome: { kind: "unverified", reason: "verification_failed", proof: proof.reason }, location: url.toString() }
  }
  const outcome = await decide(container, params)
  return { outcome, location: await locationFor(container, params, outcome) }
}

async function decide(container: MedusaContainer, { authorizationId, orderId }: ReturnParams): Promise<Exclude<ReturnOutcome, { kind: "unverified" }>> {
  const session = orderId ? await findPaymentSession(container, orderId) : undefined
  const stored = readAvardaPaymentData(session?.data ?? undefined)
  const text = (reason: keyof typeof MESSAGES) => shopperMessage(MESSAGES[reason], shopperLanguageOfPurchase(stored))
  if (
    !session ||
    !isAvardaProviderId(session.provider_id) ||
    !stored?.authorization_id ||
    !authorizationId ||
    stored.authorization_id.toLowerCase() !== authorizationId.toLowerCase()
  ) {
    // A session deleted while the shopper identified: its authorization is now approved and must go.
    if (!session && orderId && authorizationId) {
      await releaseDeletedSessionAuthorization(container, orderId, authorizationId).catch(() => false) // the job retries
    }
    return { kind: "failure", reason: "unknown_session", message: text("unknown_session"), ...(session?.cartId ? { cartId: session.cartId } : {}) }
  }
  if (session.orderId) return { kind: "success", orderId: session.orderId }

  let refreshed
  try {
    refreshed = await refreshPaymentSession(container, session)
  } catch {
    // Avarda could not be asked now; the reconciliation job completes the order once it can.
    return { kind: "failure", reason: "pending", message: text("unconfirmed"), ...(session.cartId ? { cartId: session.cartId } : {}) }
  }
  const decision = readAvardaPaymentData(refreshed.data)?.decision
  const cart = session.cartId ? { cartId: session.cartId } : {}
  if (refreshed.status === "authorized") {
    const completion = await completeCartForPaymentSession(container, session.id)
    if (completion.outcome !== "failed") return { kind: "success", orderId: completion.orderId }
    return { kind: "failure", reason: "completion_failed", message: text("completion_failed"), ...cart }
  }
  if (refreshed.status === "requires_more") return { kind: "failure", reason: "pending", message: text("pending"), ...cart }
  const reason = decision?.outcome === "rejected" || decision?.outcome === "timed_out" ? decision.outcome : "failed"
  return { kind: "failure", reason, message: decision?.message ?? text("failed"), ...cart }
}

async function locationFor(container: MedusaContainer, { orderId }: ReturnParams, outcome: Exclude<ReturnOutcome, { kind: "unverified" }>): Promise<string> {
  const session = orderId ? await findPaymentSession(container, orderId).catch(() => undefined) : undefined
  const options = session && isAvardaProviderId(session.provider_id) ? avardaOptionsFor(container, session.provider_id) : anyAvardaOptions(container)
  if (!options) throw new Error("No Avarda provider is configured")
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
