/**
 * The one way a shopper's browser coming back from a vendor's page is handled, for every vendor
 * (credit: credit/shopper-return.ts, Avirato: avirato/resolve-shopper-return.ts). The redirect
 * itself proves nothing; each vendor's flow says only what differs — which sessions are its own,
 * what it answers, what a return for a session Medusa no longer has means, and how it confirms a
 * payment with the vendor. In order:
 *
 * 1. The plugin's own signed `state` must prove the browser belongs to the flow of the session it
 *    names. Without that proof the answer is generic and nothing is looked up or done (webhooks and
 *    the reconciliation jobs place paid orders anyway).
 * 2. The session is read once, with its cart, order and payment. One that Medusa no longer has, or
 *    that is not the flow's own (another vendor's, or not holding the purchase the return names), is
 *    the flow's `withoutSession` (e.g. a payment made on a discarded checkout is given back).
 * 3. A session whose order holds its payment is done: the shopper is sent to that order and the
 *    vendor is not asked again. An order *without* the session's payment — a completion stopped
 *    before authorizing the session — is not done: the flow confirms the payment with the vendor,
 *    and completing the cart records the payment on that order.
 * 4. Otherwise the flow confirms with the vendor and completes the cart (`settle`); what the
 *    completion placed is read the same way for every vendor (`placedOrder`).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { ReturnStateFailure, ReturnStatePurpose } from "../../lib/return-state/return-state"
import type { CartCompletion } from "./complete-cart-for-payment-session"
import { findPaymentSession, type SessionWithCart } from "./find-payment-session"
import { returnProof } from "./return-proof"

export interface ShopperReturnFlow<Input, Outcome> {
  /** The purpose the signed `state` on this flow's return URL is bound to. */
  purpose: ReturnStatePurpose
  /** The payment session the return names and the plugin's signed state from its URL. */
  subjectOf(input: Input): { sessionId?: string; state?: string }
  /** Whether the session is this flow's own and the one the return is for (e.g. holds the purchase it names). */
  isOwnSession(session: SessionWithCart, input: Input): boolean
  /** The answer to a return without proof of the shopper's flow: generic, nothing looked up. */
  unverified(reason: ReturnStateFailure): Outcome
  /** A return for a session Medusa no longer has (`session` undefined) or that is not the flow's own. */
  withoutSession(container: MedusaContainer, input: Input, session: SessionWithCart | undefined): Promise<Outcome>
  /** The shopper's order, placed with this session's payment. */
  placed(container: MedusaContainer, session: SessionWithCart, orderId: string): Outcome
  /** Confirms the payment with the vendor and, when it is paid or approved, completes the cart. */
  settle(container: MedusaContainer, session: SessionWithCart, input: Input): Promise<Outcome>
}

export async function resolveShopperReturn<Input, Outcome>(container: MedusaContainer, flow: ShopperReturnFlow<Input, Outcome>, input: Input): Promise<Outcome> {
  const { sessionId, state } = flow.subjectOf(input)
  const proof = returnProof(container, flow.purpose, sessionId, state)
  if (!proof.valid) return flow.unverified(proof.reason)
  const session = sessionId ? await findPaymentSession(container, sessionId) : undefined
  if (!session || !flow.isOwnSession(session, input)) return flow.withoutSession(container, input, session)
  if (session.orderId && session.paymentId) return flow.placed(container, session, session.orderId)
  return flow.settle(container, session, input)
}

/**
 * What a completion of a confirmed payment's cart gave the shopper: the order, or why there is none.
 * `order_processing`: another completion (a webhook, the job, a second return) holds the cart and is
 * placing the order — the payment stands and nothing was given back. `completion_failed`: Medusa
 * could not place the order (and gave the payment back).
 */
export type PlacedOrder =
  | { placed: true; orderId: string; cartId: string }
  | { placed: false; reason: "order_processing" | "completion_failed"; message: string; cartId?: string }

export function placedOrder(completion: CartCompletion): PlacedOrder {
  if (completion.outcome !== "failed") return { placed: true, orderId: completion.orderId, cartId: completion.cartId }
  return { placed: false, reason: completion.contended ? "order_processing" : "completion_failed", message: completion.message, cartId: completion.cartId }
}

/** The session's cart as just read, so that completing it need not read it again. */
export function sessionCartOf(session: SessionWithCart): { id: string; orderId?: string } | undefined {
  return session.cartId ? { id: session.cartId, ...(session.orderId ? { orderId: session.orderId } : {}) } : undefined
}
