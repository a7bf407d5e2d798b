/**
 * Whether an Avirato payment belongs to a checkout Medusa has given up on, and so must be given back.
 * Medusa sets each Avirato session's `customReference` to its own payment session id; a shopper can
 * still pay an Avirato session after Medusa deleted that payment session (the cart changed, another
 * method was chosen), after the cart was completed with another payment or its order was cancelled,
 * or on a payment collection Medusa cancelled (an order's, when the order was cancelled or its amount
 * due changed). No order will ever hold such a payment: a pre-authorisation is voided, a captured
 * payment refunded in full. Anything Medusa may still turn into an order is left alone. No Medusa
 * imports here.
 */
import type { AviratoSession } from "./schemas"
import { sessionOutcome } from "./session-status"

/** What Medusa holds for the payment session an Avirato payment was made for. */
export type CheckoutSessionState =
  /** No such payment session: Medusa deleted it. */
  | "deleted"
  /** A Medusa payment was made from it: an order holds it, or completing the cart will. */
  | "paid_in_medusa"
  /**
   * No payment yet, and its cart is still open — or its cart's order holds no payment at all (a
   * completion under way, or one that stopped before the payment): the return, the webhook or the
   * pending-session job completes the cart or records the payment on that order.
   */
  | "open"
  /**
   * No payment, and its cart's order holds another session's live payment (or only cancelled ones,
   * and the completion records no payment on such an order): nothing will ever use it.
   */
  | "cart_completed_without_it"
  /** No payment, and its cart's order was cancelled: a cancelled order takes no payment. */
  | "order_canceled"
  /** No payment and no cart (another payment collection, e.g. an order's): the pending-session job handles it. */
  | "no_cart"
  /**
   * No payment, no cart, and its payment collection was cancelled (its order was cancelled, or Medusa
   * replaced the collection when the order's amount due changed): nothing will ever be paid through it.
   */
  | "collection_canceled"
  /**
   * No payment, no cart, and its payment collection now asks another amount (an order edit changed
   * the amount due in place after the page was opened): what was paid is not what the order is owed.
   */
  | "collection_amount_changed"

/** For each checkout state, whether no order will ever use its payment (so it goes back). */
const GIVEN_BACK = {
  deleted: true,
  paid_in_medusa: false,
  open: false,
  cart_completed_without_it: true,
  order_canceled: true,
  no_cart: false,
  collection_canceled: true,
  collection_amount_changed: true,
} as const satisfies Record<CheckoutSessionState, boolean>

/** The checkout states whose payment no order will ever use. */
export type DiscardedCheckoutState = { [S in CheckoutSessionState]: (typeof GIVEN_BACK)[S] extends true ? S : never }[CheckoutSessionState]

const isDiscardedCheckout = (checkout: CheckoutSessionState): checkout is DiscardedCheckoutState => GIVEN_BACK[checkout]

export interface DiscardedPaymentFacts {
  session: Pick<AviratoSession, "status" | "paymentStatus" | "paymentReference" | "attempts" | "customReference" | "isPreAuth">
  checkout: CheckoutSessionState
  /**
   * The session's return URL carries a state this store signed for `customReference`. Only asked
   * when the Medusa session is gone: another store on the same Avirato account cannot be told apart
   * from a deleted session otherwise, and its payments are not ours to give back.
   */
  madeByThisStore: boolean
  /** A settlement of this Avirato session was already recorded. */
  alreadySettled: boolean
}

export type LeaveReason =
  | "not_paid"
  | "not_a_medusa_checkout"
  | "already_settled"
  | "live_in_medusa"
  | "not_made_by_this_store"

export type DiscardedPaymentDecision =
  | { action: "void"; paymentReference: string; checkout: DiscardedCheckoutState }
  | { action: "refund"; paymentReference: string; checkout: DiscardedCheckoutState }
  | { action: "leave"; reason: LeaveReason }

/** Medusa payment session ids: what the plugin sends as `customReference`. */
const MEDUSA_PAYMENT_SESSION_ID = /^payses_[A-Za-z0-9]+$/

export function isMedusaPaymentSessionId(reference: string | null | undefined): reference is string {
  return !!reference && MEDUSA_PAYMENT_SESSION_ID.test(reference)
}

export function decideDiscardedPayment({ session, checkout, madeByThisStore, alreadySettled }: DiscardedPaymentFacts): DiscardedPaymentDecision {
  const outcome = sessionOutcome(session)
  if (outcome.kind !== "paid") return { action: "leave", reason: "not_paid" }
  if (!isMedusaPaymentSessionId(session.customReference)) return { action: "leave", reason: "not_a_medusa_checkout" }
  if (alreadySettled) return { action: "leave", reason: "already_settled" }
  if (!isDiscardedCheckout(checkout)) return { action: "leave", reason: "live_in_medusa" }
  if (checkout === "deleted" && !madeByThisStore) return { action: "leave", reason: "not_made_by_this_store" }
  // Without `isPreAuth` Avirato's default applies: captured at authorisation.
  return session.isPreAuth === true
    ? { action: "void", paymentReference: outcome.paymentReference, checkout }
    : { action: "refund", paymentReference: outcome.paymentReference, checkout }
}
