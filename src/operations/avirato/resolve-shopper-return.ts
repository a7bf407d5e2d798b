import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AviratoApiError, sessionOutcome, verifyReturnToken, type AviratoSession, type SessionOutcome } from "../../lib/avirato"
import {
  aviratoProvider,
  configuredAviratoProviderIds,
  isAviratoProviderId,
} from "../../providers/avirato/core/configured-providers"
import type { AviratoOptions } from "../../providers/avirato/core/options"
import { readPaymentData, type SessionConfirmation } from "../../providers/avirato/core/payment-data"
import { settleDiscardedPayment } from "../../workflows/avirato/settle-discarded-payment"
import { completeCartForPaymentSession, type CartCompletion } from "../shared/complete-cart-for-payment-session"
import { findPaymentSession, type SessionWithCart } from "../shared/find-payment-session"
import { releaseSupersededAviratoSession } from "./release-superseded-session"
import { placedOrder, resolveShopperReturn, sessionCartOf, type ShopperReturnFlow } from "../shared/shopper-return"

/** Why the shopper is sent to the storefront's failure page (the `reason` query parameter). */
export type ReturnFailureReason =
  /** The card was declined: try again with a new payment session. */
  | "declined"
  /** Avirato's processor failed: try again with a new payment session. */
  | "processor_error"
  /** The shopper cancelled on the payment page. */
  | "cancelled"
  /** The payment page timed out. */
  | "expired"
  /** Avirato does not report a payment for this session (yet). */
  | "not_paid"
  /**
   * The return could not be verified — no valid `state` of this session's flow, or a bad or missing
   * `data` token: nothing was completed here.
   */
  | "verification_failed"
  /** Paid, but Medusa could not place the order (e.g. stock); Medusa gave the payment back. */
  | "order_failed"
  /** Paid on a checkout session Medusa had discarded (cart changed): the payment was voided/refunded. */
  | "session_replaced"
  /** No such checkout session. */
  | "unknown_session"
  /** Avirato could not be reached to confirm: the order may still be placed by the webhook. */
  | "temporarily_unavailable"
  /**
   * Paid; another completion of this cart (the webhook, the job) holds its lock and is placing the
   * order. The payment stays authorized: nothing was given back.
   */
  | "order_processing"

export type ShopperReturn =
  | { kind: "success"; orderId: string; cartId: string; options: AviratoOptions }
  | { kind: "failure"; reason: ReturnFailureReason; cartId?: string; paymentSessionId?: string; options?: AviratoOptions }

export interface ShopperReturnInput {
  paymentSessionId?: string
  /** The `data` JWT Avirato adds to urlOk. */
  token?: string
  /** "ko" when Avirato used urlKo. */
  result?: string
  /** The plugin's signed state from the return URL. */
  state?: string
}

/**
 * What to do when the shopper's browser comes back from Avirato's page (the steps every vendor
 * shares are in ../shared/shopper-return.ts). The redirect alone proves nothing. Two proofs, each
 * for its own question, and Avirato is asked exactly once per return:
 * - whose flow this is: the plugin's own `state` on urlOk and urlKo, bound to the Medusa session.
 *   Without it the shopper gets a generic failure (no cart id, no order id, no session id) and
 *   nothing is looked up or done; the webhook and the reconciliation job place paid orders anyway.
 *   Avirato's `data` JWT does not answer this: it names the session and amount, but urlKo has none,
 *   its lifetime is undocumented, and its key is shared with the vendor.
 * - whether it was paid: on urlOk the `data` JWT must verify (HS256, a configured secret, this
 *   session, this amount); then the cart is completed, and Medusa's authorisation step asks Avirato
 *   (the provider's authorizePayment reads GET payment/session and checks reference and amount). Only
 *   a paid session becomes an order; when it is not paid, the outcome that step recorded on the
 *   payment session tells the shopper why. On urlKo (or a urlOk whose authorisation never reached
 *   Avirato) GET payment/session here decides; a session paid after all is completed like any other.
 */
export function resolveAviratoReturn(container: MedusaContainer, input: ShopperReturnInput): Promise<ShopperReturn> {
  return resolveShopperReturn(container, aviratoReturnFlow(container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)), input)
}

function aviratoReturnFlow(logger: Logger): ShopperReturnFlow<ShopperReturnInput, ShopperReturn> {
  return {
    purpose: "avirato-hosted-page-return",
    subjectOf: ({ paymentSessionId, state }) => ({ sessionId: paymentSessionId, state }),
    isOwnSession: (session) => isAviratoProviderId(session.provider_id),
    unverified(reason) {
      logger.info(`Avirato: return without proof of the shopper's flow (${reason}); nothing looked up`)
      return { kind: "failure", reason: "verification_failed" }
    },
    withoutSession: (container, input) => discardedSessionReturn(container, input.paymentSessionId ?? "", input.token, logger),
    placed(container, session, orderId) {
      const options = aviratoProvider(container, session.provider_id)?.options
      return options ? { kind: "success", orderId, cartId: session.cartId!, options } : { kind: "failure", reason: "unknown_session" }
    },
    settle: (container, session, input) => confirmAndComplete(container, session, input, logger),
  }
}

/** Confirms with Avirato — through the completion's authorisation on urlOk, here on urlKo — and completes a paid session's cart. */
async function confirmAndComplete(container: MedusaContainer, stored: SessionWithCart, input: ShopperReturnInput, logger: Logger): Promise<ShopperReturn> {
  const sessionId = stored.id
  const provider = aviratoProvider(container, stored.provider_id)
  if (!provider) return { kind: "failure", reason: "unknown_session" }
  const { options, client } = provider
  const data = readPaymentData(stored.data ?? undefined)
  const cartId = stored.cartId
  // Read with the session just now: completing the cart need not read it again.
  const sessionCart = sessionCartOf(stored)
  const failure = (reason: ReturnFailureReason): ShopperReturn => ({ kind: "failure", reason, cartId, paymentSessionId: sessionId, options })
  // The cart's order: the shopper lands on it. When it holds another session's payment (the cart was
  // completed with another payment meanwhile), this session's payment is given back first.
  const placedWith = async (completion: Exclude<CartCompletion, { outcome: "failed" }>): Promise<ShopperReturn> => {
    if (completion.superseded) await releaseSupersededAviratoSession(container, { id: sessionId, cartId: completion.cartId }, "return")
    return { kind: "success", orderId: completion.orderId, cartId: completion.cartId, options }
  }
  if (!data.avirato_session_id) return failure("unknown_session")

  let failedCompletion: CartCompletion | undefined
  if (input.result !== "ko") {
    const verdict = input.token
      ? await verifyReturnToken(input.token, options.clientSecrets, {
          sessionId: data.avirato_session_id,
          customReference: sessionId,
          amount: data.amount !== undefined && data.currency ? { value: data.amount, currency: data.currency } : undefined,
        })
      : ({ valid: false, reason: "missing" } as const)
    if (!verdict.valid) {
      logger.warn(`Avirato: return for payment session ${sessionId} rejected (${verdict.reason}); nothing completed`)
      return failure("verification_failed")
    }
    const attemptStartedAt = Date.now()
    const completion = await completeCartForPaymentSession(container, sessionId, sessionCart)
    if (completion.outcome !== "failed") return placedWith(completion)
    // Contended: this return never got the cart's lock, so its authorisation never asked Avirato (a
    // confirmation recorded meanwhile is the holder's): ask below, and a paid session is being placed.
    const confirmation = completion.contended ? undefined : await confirmationSince(container, sessionId, attemptStartedAt)
    if (confirmation) {
      if (confirmation.outcome === "paid") return failure(paidButNoOrder(completion, sessionId, logger))
      return failure(failureReasonFor(outcomeOf(confirmation)))
    }
    // The authorisation step never got an answer from Avirato: ask here (the only answer of this return).
    failedCompletion = completion
  }

  let session: AviratoSession
  try {
    session = await client.getSession(data.avirato_session_id)
  } catch (error) {
    logger.error(`Avirato: could not confirm session ${data.avirato_session_id} on return: ${(error as Error).message}`)
    return failure(error instanceof AviratoApiError && error.status === 404 ? "unknown_session" : "temporarily_unavailable")
  }
  const outcome = sessionOutcome(session)
  if (outcome.kind !== "paid") return failure(failureReasonFor(outcome))
  const completion = failedCompletion ?? (await completeCartForPaymentSession(container, sessionId, sessionCart))
  if (completion.outcome === "failed") return failure(paidButNoOrder(completion, sessionId, logger))
  return placedWith(completion)
}

/** The storefront URL the shopper is sent to. */
export function storefrontLocation(result: ShopperReturn, fallback: AviratoOptions | undefined): string | undefined {
  const options = result.options ?? fallback
  if (!options) return undefined
  if (result.kind === "success") {
    const url = new URL(options.storefrontSuccessUrl)
    url.searchParams.set("order_id", result.orderId)
    url.searchParams.set("cart_id", result.cartId)
    return url.toString()
  }
  const url = new URL(options.storefrontFailureUrl)
  url.searchParams.set("reason", result.reason)
  if (result.cartId) url.searchParams.set("cart_id", result.cartId)
  if (result.paymentSessionId) url.searchParams.set("payment_session_id", result.paymentSessionId)
  return url.toString()
}

/** Options of the first configured Avirato provider (for returns we cannot tie to a session). */
export function defaultAviratoOptions(container: MedusaContainer): AviratoOptions | undefined {
  const [first] = configuredAviratoProviderIds(container)
  return first ? aviratoProvider(container, first)?.options : undefined
}

/**
 * A paid session whose completion placed no order: still being placed when another completion holds
 * the cart (the payment stays authorized), else failed (Medusa gave the payment back).
 */
export function paidButNoOrder(completion: Extract<CartCompletion, { outcome: "failed" }>, sessionId: string, logger: Logger): ReturnFailureReason {
  const placed = placedOrder(completion)
  if (!placed.placed && placed.reason === "order_processing") {
    logger.warn(`Avirato: paid session ${sessionId} is being completed elsewhere (${completion.message}); the shopper is told the order is being placed`)
    return "order_processing"
  }
  logger.error(`Avirato: paid session ${sessionId} could not become an order: ${completion.message}`)
  return "order_failed"
}

function failureReasonFor(outcome: SessionOutcome): ReturnFailureReason {
  switch (outcome.kind) {
    case "awaiting_shopper":
      if (outcome.lastAttemptStatus === "error") return "processor_error"
      if (outcome.lastAttemptStatus === "refused") return "declined"
      return "not_paid"
    case "failed":
      return "declined"
    case "expired":
      return "expired"
    case "cancelled":
      return "cancelled"
    default:
      return "not_paid"
  }
}

/**
 * The Medusa session is gone (the cart changed while the shopper was paying). If the token proves a
 * payment for it, Avirato confirms it, and it really has no Medusa session, the money is given back.
 */
async function discardedSessionReturn(
  container: MedusaContainer,
  sessionId: string,
  token: string | undefined,
  logger: Logger
): Promise<ShopperReturn> {
  if (!token || !sessionId) return { kind: "failure", reason: "unknown_session" }
  for (const providerId of configuredAviratoProviderIds(container)) {
    const provider = aviratoProvider(container, providerId)
    if (!provider) continue
    const verdict = await verifyReturnToken(token, provider.options.clientSecrets, { customReference: sessionId })
    if (!verdict.valid || !verdict.claims.sessionId) continue
    try {
      const session = await provider.client.getSession(verdict.claims.sessionId)
      if (session.customReference !== sessionId) break
      const settlement = await settleDiscardedPayment(container, providerId, session, "return")
      return { kind: "failure", reason: settlement === "not_paid" ? "not_paid" : "session_replaced", options: provider.options }
    } catch (error) {
      logger.error(`Avirato: could not settle the payment of discarded session ${sessionId}: ${(error as Error).message}`)
      return { kind: "failure", reason: "temporarily_unavailable", options: provider.options }
    }
  }
  return { kind: "failure", reason: "unknown_session" }
}

/** The confirmation the provider recorded on the payment session at or after `since` (ms), if any. */
async function confirmationSince(container: MedusaContainer, paymentSessionId: string, since: number): Promise<SessionConfirmation | undefined> {
  const stored = await findPaymentSession(container, paymentSessionId)
  const confirmation = stored ? readPaymentData(stored.data ?? undefined).confirmation : undefined
  if (!confirmation || typeof confirmation.outcome !== "string") return undefined
  return Date.parse(confirmation.at) >= since ? confirmation : undefined
}

function outcomeOf(confirmation: SessionConfirmation): SessionOutcome {
  switch (confirmation.outcome) {
    case "awaiting_shopper":
      return { kind: "awaiting_shopper", failedAttempts: 0, lastAttemptStatus: confirmation.last_attempt_status }
    case "failed":
    case "expired":
    case "cancelled":
      return { kind: confirmation.outcome }
    default:
      return { kind: "unknown", status: confirmation.outcome }
  }
}
