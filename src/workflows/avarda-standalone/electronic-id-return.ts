/**
 * What happens when Avarda's electronic-ID page sends the shopper's browser back
 * (`GET /avarda-standalone/electronic-id/return?session_id=…&state=…&externalId=…&status=OK|Cancel`).
 * Avarda's part of the redirect is not signed, so nothing in it is trusted. First the plugin's own
 * `state` must prove the browser belongs to the flow of `session_id`; without that proof the shopper
 * gets a generic failure — no cart id, no order id — and nothing is looked up or done (the
 * reconciliation job places approved orders anyway). With it, the session must hold that purchase,
 * the purchase's State is re-read with GetPaymentStatus, and only State 2 (Completed) completes the cart.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { shopperLanguageOfPurchase, shopperMessage, type ShopperMessageKey } from "../../lib/avarda/shopper-messages"
import { completeCartForPaymentSession } from "../helpers/complete-cart-for-payment-session"
import { findPaymentSession } from "../credit/find-payment-session"
import { refreshPaymentSession } from "../credit/refresh-payment-session"
import { readStandalonePaymentData } from "../../providers/avarda-standalone/core/payment-data"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { anyStandaloneOptions, standaloneOptionsFor } from "../../providers/avarda-standalone/core/runtime-config"
import type { ReturnStateFailure } from "../../lib/return-state/return-state"
import { returnProof } from "../helpers/return-proof"

export type ElectronicIdFailureReason = "unknown_session" | "pending" | "cancelled" | "rejected" | "timed_out" | "failed" | "completion_failed"

export type ElectronicIdReturnOutcome =
  | { kind: "success"; orderId: string }
  | { kind: "failure"; reason: ElectronicIdFailureReason; message: string; cartId?: string }
  /** The request does not prove it belongs to this session's flow: a generic failure, nothing else. */
  | { kind: "unverified"; reason: "verification_failed"; proof: ReturnStateFailure }

export interface ElectronicIdReturnParams {
  sessionId?: string
  externalId?: string
  /** What the browser says ("OK" / "Cancel"): logged, never trusted. */
  status?: string
  /** The plugin's signed state from the return URL. */
  state?: string
}

/** The plugin's texts for each failure (in the purchase's language, see shopper-messages.ts). */
const MESSAGES: Record<"unknown_session" | "pending" | "cancelled" | "failed" | "completion_failed", ShopperMessageKey> = {
  unknown_session: "session_no_longer_valid",
  pending: "identification_unconfirmed",
  cancelled: "identification_cancelled",
  failed: "payment_not_completed",
  completion_failed: "order_not_created",
}

export async function resolveElectronicIdReturn(
  container: MedusaContainer,
  params: ElectronicIdReturnParams
): Promise<{ outcome: ElectronicIdReturnOutcome; location: string }> {
  const proof = returnProof(container, "avarda-standalone-electronic-id-return", params.sessionId, params.state)
  if (!proof.valid) {
    const options = anyStandaloneOptions(container)
    if (!options) throw new Error("No Avarda Standalone Credit provider is configured")
    const url = new URL(options.storefront.failureUrl)
    url.searchParams.set("reason", "verification_failed")
    return { outcome: { kind: "unverified", reason: "verification_failed", proof: proof.reason }, location: url.toString() }
  }
  const session = params.sessionId ? await findPaymentSession(container, params.sessionId) : undefined
  const outcome = await decide(container, params, session)
  const options = session && isStandaloneProviderId(session.provider_id) ? standaloneOptionsFor(container, session.provider_id) : anyStandaloneOptions(container)
  if (!options) throw new Error("No Avarda Standalone Credit provider is configured")
  if (outcome.kind === "success") {
    const url = new URL(options.storefront.successUrl)
    url.searchParams.set("order_id", outcome.orderId)
    return { outcome, location: url.toString() }
  }
  const url = new URL(options.storefront.failureUrl)
  if (outcome.cartId) url.searchParams.set("cart_id", outcome.cartId)
  url.searchParams.set("reason", outcome.reason)
  url.searchParams.set("message", outcome.message)
  return { outcome, location: url.toString() }
}

async function decide(
  container: MedusaContainer,
  { externalId }: ElectronicIdReturnParams,
  session: Awaited<ReturnType<typeof findPaymentSession>>
): Promise<Exclude<ElectronicIdReturnOutcome, { kind: "unverified" }>> {
  const stored = readStandalonePaymentData(session?.data ?? undefined)
  const text = (reason: keyof typeof MESSAGES) => shopperMessage(MESSAGES[reason], shopperLanguageOfPurchase(stored))
  if (!session || !isStandaloneProviderId(session.provider_id) || !stored?.purchase_id || !externalId || stored.purchase_id.toLowerCase() !== externalId.toLowerCase()) {
    return { kind: "failure", reason: "unknown_session", message: text("unknown_session"), ...(session?.cartId ? { cartId: session.cartId } : {}) }
  }
  if (session.orderId) return { kind: "success", orderId: session.orderId }
  const cart = session.cartId ? { cartId: session.cartId } : {}

  let refreshed
  try {
    refreshed = await refreshPaymentSession(container, session)
  } catch {
    // Avarda did not answer: the reconciliation job completes the order once it confirms State 2.
    return { kind: "failure", reason: "pending", message: text("pending"), ...cart }
  }
  if (refreshed.status === "authorized") {
    const completion = await completeCartForPaymentSession(container, session.id)
    if (completion.outcome !== "failed") return { kind: "success", orderId: completion.orderId }
    return { kind: "failure", reason: "completion_failed", message: text("completion_failed"), ...cart }
  }
  if (refreshed.status === "requires_more") return { kind: "failure", reason: "pending", message: text("pending"), ...cart }
  const decision = readStandalonePaymentData(refreshed.data)?.decision
  const outcome = decision?.outcome
  const reason: ElectronicIdFailureReason = outcome === "cancelled" || outcome === "rejected" || outcome === "timed_out" ? outcome : "failed"
  return { kind: "failure", reason, message: decision?.message ?? text(reason === "cancelled" ? "cancelled" : "failed"), ...cart }
}
