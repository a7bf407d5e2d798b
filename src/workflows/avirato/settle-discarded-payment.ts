import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { minorToDecimalString } from "../../lib/money/minor-units"
import {
  decideDiscardedPayment,
  isMedusaPaymentSessionId,
  sessionOutcome,
  type AviratoSession,
  type CheckoutSessionState,
  type DiscardedCheckoutState,
} from "../../lib/avirato"
import { returnStateKeyOfContainer } from "../../lib/return-state/server-key"
import { AVIRATO_SETTLEMENTS_MODULE, type AviratoSettlementsService } from "../../modules/avirato-settlements"
import { aviratoProvider } from "../../providers/avirato/core/configured-providers"
import { isReturnUrlOf } from "../../providers/avirato/core/return-urls"
import { findPaymentSession } from "../../operations/shared/find-payment-session"
import { isSuperseded } from "../../operations/shared/release-superseded-session"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"
import { alertAdmin } from "../../operations/shared/alert-admin"

/** `kept`: paid, but Medusa may still turn it into an order (or it is not this store's): left alone. */
export type DiscardedPaymentSettlement = "voided" | "refunded" | "not_paid" | "kept"

export type DiscardedPaymentDetection = "webhook" | "return" | "reconciliation"

/** The lock every path takes for one Avirato session, so its payment is given back at most once. */
export function discardedPaymentLockId(aviratoSessionId: string): string {
  return `avirato-session:${aviratoSessionId}`
}

interface SettleDiscardedInput {
  provider_id: string
  session: AviratoSession
  detected_by: DiscardedPaymentDetection
}

/** What the decide step found: the settlement already recorded or left alone, or the money to give back. */
interface SettlementDecision {
  settlement: DiscardedPaymentSettlement
  give_back?: { action: "voided" | "refunded"; payment_reference: string; checkout: DiscardedCheckoutState }
}

/**
 * Under the session's lock: the settlement already recorded (a second run, process or webhook), or
 * what Medusa holds for the session now, and so whether and how the money goes back.
 */
export const decideDiscardedPaymentStep = createStep("decide-discarded-avirato-payment", async (input: SettleDiscardedInput, { container }) => {
  const recorded = await container.resolve<AviratoSettlementsService>(AVIRATO_SETTLEMENTS_MODULE).settlementOf(input.session.sessionId)
  if (recorded) return new StepResponse<SettlementDecision>({ settlement: recorded.action })
  const { session } = input
  const checkout = isMedusaPaymentSessionId(session.customReference) ? await checkoutSessionState(container, session.customReference) : "deleted"
  // A session Medusa does not have may be another store's on the same Avirato account (its webhooks
  // come here too, and the job sees every session of the account): given back only when its return
  // URL proves this store created it.
  const madeByThisStore = checkout !== "deleted" || provesOrigin(container, session)
  const decision = decideDiscardedPayment({ session, checkout, madeByThisStore, alreadySettled: false })
  if (decision.action === "leave") return new StepResponse<SettlementDecision>({ settlement: decision.reason === "not_paid" ? "not_paid" : "kept" })
  const action = decision.action === "void" ? "voided" : "refunded"
  return new StepResponse<SettlementDecision>({ settlement: action, give_back: { action, payment_reference: decision.paymentReference, checkout: decision.checkout } })
})

/**
 * Voids or refunds at Avirato with a key derived from the Avirato session, so every path and every
 * retry asks for the same one. Money given back cannot be taken back: no compensation.
 */
export const giveBackDiscardedPaymentStep = createStep(
  "give-back-discarded-avirato-payment",
  async ({ input, decision }: { input: SettleDiscardedInput; decision: SettlementDecision }, { container }) => {
    const giveBack = decision.give_back
    if (!giveBack) return new StepResponse(undefined)
    const provider = aviratoProvider(container, input.provider_id)
    if (!provider) throw new Error(`Avirato: provider ${input.provider_id} is not configured`)
    const idempotencyKey = `discarded:${input.session.sessionId}`
    if (giveBack.action === "voided") {
      await provider.client.cancel({ paymentReference: giveBack.payment_reference }, idempotencyKey)
    } else {
      await provider.client.refund({ paymentReference: giveBack.payment_reference, amount: input.session.amount, reason: "OTHER" }, idempotencyKey)
    }
    return new StepResponse(undefined)
  }
)

/** Why no order will use the payment, as the admin's alert says it. */
const DISCARDED_BECAUSE: Record<DiscardedCheckoutState, string> = {
  deleted: "which Medusa had already discarded because the cart changed",
  cart_completed_without_it: "whose cart was completed with another payment",
  order_canceled: "whose cart's order was cancelled before the payment arrived",
  collection_canceled: "whose payment collection Medusa had cancelled (its order was cancelled, or a new collection replaced it for the order's amount due)",
  collection_amount_changed: "whose payment collection asks another amount since the shopper opened the page (an order edit changed the amount due)",
}

/**
 * Records the settlement (so no path gives the money back twice) and tells the admin. A record that
 * fails is logged and not undone: Avirato accepted it, the same key answers the same again, and the
 * next run records it.
 */
export const recordDiscardedPaymentStep = createStep(
  "record-discarded-avirato-payment",
  async ({ input, decision }: { input: SettleDiscardedInput; decision: SettlementDecision }, { container }) => {
    const giveBack = decision.give_back
    if (!giveBack) return new StepResponse(undefined)
    const { session, detected_by: detectedBy } = input
    const { action, payment_reference: reference, checkout } = giveBack
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    await container
      .resolve<AviratoSettlementsService>(AVIRATO_SETTLEMENTS_MODULE)
      .createDiscardedPaymentSettlements({
        avirato_session_id: session.sessionId,
        payment_reference: reference,
        checkout_session_id: session.customReference ?? null,
        action,
        amount: session.amount.value,
        currency_code: session.amount.currency,
        detected_by: detectedBy,
      })
      .catch((error: unknown) => {
        logger.error(`Avirato: could not record that payment ${reference} was ${action}: ${(error as Error).message}`)
      })
    logger.warn(`Avirato: payment ${reference} on discarded checkout session ${session.customReference ?? "?"} ${action} (${detectedBy})`)
    const amount = `${minorToDecimalString(session.amount.value, session.amount.currency)} ${session.amount.currency}`
    const why = DISCARDED_BECAUSE[checkout]
    // The webhook and the return give back a paid deleted session themselves: the job finding one
    // means both were missed.
    const missed = checkout === "deleted" ? ": Avirato's webhook and the shopper's return were both missed" : ""
    const found = detectedBy === "reconciliation" ? ` Found by the reconciliation job${missed}.` : ""
    await alertAdmin(container, {
      key: `avirato:discarded:${reference}`,
      title: `Avirato payment ${action} automatically`,
      description:
        `A shopper paid ${amount} (Avirato payment ${reference}, session ${session.sessionId}) on checkout session ` +
        `${session.customReference ?? "?"}, ${why}. No order uses it, so the payment was ` +
        `${action === "voided" ? "voided (pre-authorisation cancelled)" : "refunded in full"}.${found} ` +
        `Check that the shopper completed the order with a new payment.`,
    })
    return new StepResponse(undefined)
  }
)

/**
 * Gives back the payment of one paid Avirato session, as a workflow: take the session's lock
 * (compensation releases it), decide, void or refund at Avirato, record and alert, release.
 */
export const settleDiscardedPaymentWorkflow = createWorkflow("settle-discarded-avirato-payment", (input: SettleDiscardedInput) => {
  const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: discardedPaymentLockId(input.session.sessionId) })))
  const decision = decideDiscardedPaymentStep(input)
  giveBackDiscardedPaymentStep({ input, decision })
  recordDiscardedPaymentStep({ input, decision })
  releasePaymentLockStep(lock)
  return new WorkflowResponse(transform({ decision }, ({ decision }) => decision.settlement))
})

/**
 * A shopper paid on an Avirato session whose Medusa payment session no longer exists (the cart
 * changed and Medusa replaced the session, or the shopper paid an old page twice), whose cart was
 * completed with another payment, or whose payment collection Medusa cancelled. Medusa will never turn it into an order, so the money is given
 * back — a pre-authorisation is voided, an auto-captured payment refunded in full — and the admin is
 * told. The webhook handler, the return route and the reconciliation job all come here: under the
 * Avirato session's lock the stored settlement and Medusa's side are read again, the Idempotency-Key
 * is derived from the Avirato session id, and the settlement is recorded once Avirato accepted it,
 * so a second run, a second process or a redelivered webhook does nothing. `providerId` is the
 * Avirato provider whose account the session belongs to.
 */
export async function settleDiscardedPayment(
  container: MedusaContainer,
  providerId: string,
  session: AviratoSession,
  detectedBy: DiscardedPaymentDetection
): Promise<DiscardedPaymentSettlement> {
  if (sessionOutcome(session).kind !== "paid") return "not_paid"
  const { result } = await settleDiscardedPaymentWorkflow(container).run({
    input: { provider_id: providerId, session, detected_by: detectedBy },
  })
  return result
}

/**
 * What Medusa holds for a payment session, in the terms of the discarded-payment decision. It is
 * the pending-session loop's own judgement (isSuperseded): a session no order will ever use is
 * given back, and a session whose cart's order holds no payment at all is "open" — the completion
 * records its payment on that order (a completion under way, or one that stopped before the
 * payment), so giving it back here would take the money of an order the shopper was told is placed.
 * An order that holds only cancelled payments takes none from the completion (recordPaymentOnOrder):
 * what the shopper paid for it goes back.
 */
export async function checkoutSessionState(container: MedusaContainer, paymentSessionId: string): Promise<CheckoutSessionState> {
  const session = await findPaymentSession(container, paymentSessionId)
  if (!session) return "deleted"
  if (session.paymentId) return "paid_in_medusa"
  if (!session.cartId) return !isSuperseded(session) ? "no_cart" : session.collectionCanceled ? "collection_canceled" : "collection_amount_changed"
  if (!isSuperseded(session)) return session.orderId && session.othersPaymentsAllCanceled ? "cart_completed_without_it" : "open"
  return session.orderCanceled ? "order_canceled" : "cart_completed_without_it"
}

/** The session's urlOk is a return URL this store signed for its customReference. */
export function provesOrigin(container: MedusaContainer, session: Pick<AviratoSession, "urlOk" | "customReference">): boolean {
  const key = returnStateKeyOfContainer(container)
  return !!key && !!session.customReference && isReturnUrlOf(session.urlOk, session.customReference, key)
}
