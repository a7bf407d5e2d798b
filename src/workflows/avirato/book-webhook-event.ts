import type { ICartModuleService, IPaymentModuleService, Logger, MedusaContainer, UpdatePaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { minorToDecimalString } from "../../lib/money/minor-units"
import { AviratoApiError, webhookEventKey, type AviratoClient, type AviratoWebhookEvent } from "../../lib/avirato"
import { readPaymentData, settleModification, type ModificationHistory, type ModificationRecord } from "../../providers/avirato/core/payment-data"
import { FAILED_MODIFICATION_NEXT_STEP, MODIFICATION_LABEL } from "../../providers/avirato/core/failed-modifications"
import { alertAdmin } from "../../operations/shared/alert-admin"
import { settleDiscardedPayment } from "./settle-discarded-payment"
import { authorizeSessionWithoutCart } from "../../operations/shared/authorize-session-without-cart"
import { completeCartForPaymentSession, type SessionCart } from "../../operations/shared/complete-cart-for-payment-session"
import { releaseSupersededAviratoSession } from "../../operations/avirato/release-superseded-session"
import { createPaymentLockedWorkflow } from "../shared/payment-lock-steps"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { isPaymentOfCanceledOrder, PAYMENT_ORDER_STATUS_FIELD, type PaymentWithOrderStatus } from "../../operations/shared/payment-of-canceled-order"

const HISTORY_BY_KIND: Partial<Record<AviratoWebhookEvent["kind"], ModificationHistory>> = {
  capture: "captures",
  refund: "refunds",
  cancellation: "cancellations",
  extension: "extensions",
}

/** Avirato's reason when a pre-authorisation it already captured is captured again. */
const ALREADY_CAPTURED = /already (been )?captured/i

/**
 * What an authenticated Avirato webhook does (the provider's getWebhookActionAndData leaves every
 * event to this, so Medusa's generic handling does nothing):
 * - a modification's outcome (CAPTURE, REFUND, CANCELLATION, AUTHORISATION_ADJUSTMENT and their
 *   failures) is booked on the payment's history; every failure also alerts the admin;
 * - a successful AUTHORISATION for a Medusa session whose cart is not an order yet places the order,
 *   and one whose order does not hold its payment yet records it (waiting its turn while the cart is
 *   busy with the shopper's return or with a completion that stopped); one whose order holds another
 *   session's payment, or whose Medusa session no longer exists, is voided/refunded; one for a
 *   session no cart holds (an order's own payment collection) authorises it;
 * - a successful REFUND that matches no refund Medusa recorded or awaits the answer of alerts the
 *   admin (see `refundMedusaDoesNotKnow`), and so does a successful CANCELLATION of a payment Medusa
 *   still holds (see `cancellationMedusaDoesNotKnow`);
 * - a successful CAPTURE of another amount than the capture Medusa recorded for the payment (a
 *   capture whose answer was lost, made again for another amount and refused by Avirato) alerts the
 *   admin with both amounts;
 * - a chargeback alerts the admin.
 * Every step is idempotent, so duplicates, replays and out-of-order deliveries change nothing.
 */
export async function bookWebhookEvent(
  container: MedusaContainer,
  provider: { id: string; client: AviratoClient },
  event: AviratoWebhookEvent,
  { settleWaitMs = 3000 }: { settleWaitMs?: number } = {}
): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  if (event.kind === "authorisation") {
    if (event.success === false || !event.customReference?.startsWith("payses_") || !event.sessionId) return
    const stored = await findSession(container, event.customReference)
    if (stored) {
      if (stored.toComplete) await completeSession(container, event.customReference, stored.toComplete.cart, logger)
      else if (stored.toAuthorize) await authorizeWithoutCart(container, event.customReference, logger)
      return
    }
    const session = await provider.client.getSession(event.sessionId).catch((error: unknown) => {
      if (error instanceof AviratoApiError && error.status === 404) return undefined // not a session of this account
      throw error
    })
    if (!session || session.customReference !== event.customReference) return
    await settleDiscardedPayment(container, provider.id, session, "webhook")
    return
  }
  if (event.kind === "chargeback") {
    await alertAdmin(container, {
      key: `avirato:${webhookEventKey(event)}`,
      title: `Avirato ${event.eventCode.toLowerCase().replace(/_/g, " ")}`,
      description: `${describe(event)}. Check the payment in the Avirato dashboard.`,
    })
    return
  }
  const history = HISTORY_BY_KIND[event.kind]
  if (!history || event.success === undefined) return

  // A capture refused because the pre-authorisation was already captured is Medusa's retry of a
  // capture whose answer was lost: the money was taken once, so the retry's record is a success.
  const alreadyCaptured = history === "captures" && event.success === false && ALREADY_CAPTURED.test(event.reason ?? "")
  const payment = event.customReference ? await findPayment(container, event.customReference) : undefined
  if (payment && event.modificationReference) {
    const booked = await bookOnPayment(container, payment.id, history, alreadyCaptured ? { ...event, success: true } : event, settleWaitMs)
    if (!booked) logger.warn(`Avirato: ${event.eventCode} ${event.modificationReference} matches no ${MODIFICATION_LABEL[history]} of payment ${payment.id}`)
    const recordedInstead = !booked && history === "captures" && event.success === true ? await captureRecordedForAnotherAmount(container, payment.id, event) : undefined
    if (recordedInstead && event.amount) {
      const recorded = `${minorToDecimalString(recordedInstead.amount!, event.amount.currency)} ${event.amount.currency}`
      await alertAdmin(container, {
        key: `avirato:${webhookEventKey(event)}`,
        title: `Avirato captured another amount than Medusa recorded, order ${payment.orderLabel}`,
        description:
          `${describe(event)}: Avirato took this capture (an earlier attempt whose answer was lost), but payment ${payment.id} records a ` +
          `capture of ${recorded} — the attempt made after it, which Avirato refused because a pre-authorisation is captured once. ` +
          `The customer was charged the amount of this webhook, not the one Medusa shows: correct the order's payment (refund what was ` +
          `taken too much, or collect what is missing another way).`,
        data: { payment_id: payment.id },
      })
    }
    if (!booked && history === "refunds" && event.success === true && (await refundMedusaDoesNotKnow(container, payment.id, event.modificationReference))) {
      await alertAdmin(container, {
        key: `avirato:${webhookEventKey(event)}`,
        title: `Avirato refund Medusa has no record of, order ${payment.orderLabel}`,
        description:
          `${describe(event)}: Avirato refunded it, but payment ${payment.id} holds no refund with this reference and none awaiting ` +
          `Avirato's answer — a refund made in Avirato's dashboard, or one Medusa failed to record after Avirato made it. The customer ` +
          `has this money back, and the refunded amount Medusa shows for the order does not include it: do not refund it again from Medusa.`,
        data: { payment_id: payment.id },
      })
    }
    if (!booked && history === "cancellations" && event.success === true) {
      const unknown = await cancellationMedusaDoesNotKnow(container, payment.id)
      if (unknown) {
        await alertAdmin(container, {
          key: `avirato:${webhookEventKey(event)}`,
          title: `Avirato cancellation Medusa has no record of, order ${payment.orderLabel}`,
          description:
            `${describe(event)}: Avirato cancelled the payment, but payment ${payment.id} holds no cancellation Medusa asked for and ` +
            `neither it nor its order is cancelled — a cancellation made in Avirato's dashboard, or one whose answer Medusa never received. ` +
            (unknown.captured
              ? `Medusa still shows the payment as captured: check in the Avirato dashboard whether the customer has the money back before refunding anything.`
              : `The card is no longer reserved and capturing this payment will fail: ask the customer to pay again, or cancel the order.`),
          data: { payment_id: payment.id },
        })
      }
    }
  }
  if (event.success === false) {
    const order = payment ? ` of order ${payment.orderLabel}` : ""
    if (alreadyCaptured) {
      await alertAdmin(container, {
        key: `avirato:${webhookEventKey(event)}`,
        title: `Avirato capture already made${order}`,
        description:
          `${describe(event)}: Avirato did not capture again because the pre-authorisation was already captured ` +
          `(by an earlier attempt whose answer was lost). The money was taken once, and Medusa records this attempt's amount for it: ` +
          `check in the Avirato dashboard that the earlier capture took that amount — an attempt made for another amount after the ` +
          `lost answer shows a different one (a second notification names it once Avirato's webhook of the earlier capture came), and ` +
          `the order's captured amount then needs correcting.`,
      })
      return
    }
    await alertAdmin(container, {
      key: `avirato:${webhookEventKey(event)}`,
      title: `Avirato ${MODIFICATION_LABEL[history]} failed${order}`,
      description:
        `${describe(event)}: Avirato reported the ${MODIFICATION_LABEL[history]} as failed` +
        `${event.reason ? ` (${event.reason})` : ""}. ${FAILED_MODIFICATION_NEXT_STEP[history]}`,
    })
  }
}

interface BookOutcomeInput {
  payment_id: string
  outcome: LoggedOutcome
  event: AviratoWebhookEvent
  /** The wait for the modification's record is over: book what can be booked without it. */
  last_attempt: boolean
}

/**
 * Under the payment's lock, with the payment read again. The outcome is first appended to
 * `metadata.avirato_outcomes`, which nothing else writes, then every logged outcome is projected
 * onto the histories in `data` — so an outcome that a concurrent provider call overwrote in `data`
 * is restored by the next booking. Without the modification's record (not saved yet: the 202
 * answer and the webhook race) nothing is written, unless it is the last attempt: then a successful
 * capture nobody recorded is booked as observed, and any other outcome is kept in the log (a refund
 * recorded as unconfirmed learns its reference later, and projectLoggedOutcomes then books it).
 */
export const bookWebhookOutcomeStep = createStep("write-avirato-webhook-outcome", async (input: BookOutcomeInput, { container }) => {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const { payment_id: paymentId, outcome } = input
  const payment = await paymentModule.retrievePayment(paymentId, { select: ["id", "data", "metadata"] })
  const data = (payment.data ?? {}) as Record<string, unknown>
  const metadata = ((payment as { metadata?: Record<string, unknown> | null }).metadata ?? {}) as Record<string, unknown>
  const log = Array.isArray(metadata.avirato_outcomes) ? (metadata.avirato_outcomes as LoggedOutcome[]) : []
  const known = log.some((o) => o.reference === outcome.reference && o.success === outcome.success)
  const logIt = async () => {
    if (!known) await paymentModule.updatePayment({ id: paymentId, metadata: { ...metadata, avirato_outcomes: [...log, outcome] } } as UpdatePaymentDTO)
  }
  if (readPaymentData(data)[outcome.history].some((r) => r.reference === outcome.reference)) {
    await logIt()
    await writeProjectedOutcomes(paymentModule, paymentId, data, { avirato_outcomes: known ? log : [...log, outcome] })
    return new StepResponse(true)
  }
  if (!input.last_attempt) return new StepResponse(false)
  if (outcome.history === "captures" && outcome.success) {
    const observed = observedCapture(data, outcome, input.event)
    if (observed) {
      await writePaymentData(paymentModule, paymentId, observed)
      container
        .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
        .warn(`Avirato: ${describe(input.event)} answers a capture whose answer was lost; recorded on payment ${paymentId} for the admin's retry to adopt`)
      return new StepResponse(true)
    }
  }
  await logIt()
  return new StepResponse(false)
})

/** One booking attempt: the payment's lock (compensation releases it), book, unlock. */
export const bookWebhookOutcomeWorkflow = createPaymentLockedWorkflow(
  "book-avirato-webhook-outcome",
  (input: BookOutcomeInput) => input.payment_id,
  bookWebhookOutcomeStep
)

/**
 * Books the outcome (webhooks for one payment may be processed at once, in several processes),
 * trying again for `settleWaitMs` while the modification's record is not saved yet.
 */
async function bookOnPayment(
  container: MedusaContainer,
  paymentId: string,
  history: ModificationHistory,
  event: AviratoWebhookEvent,
  settleWaitMs: number
): Promise<boolean> {
  const outcome: LoggedOutcome = {
    history,
    reference: event.modificationReference!,
    success: event.success === true,
    ...(event.reason ? { reason: event.reason } : {}),
    at: new Date().toISOString(),
  }
  const deadline = Date.now() + settleWaitMs
  for (;;) {
    const lastAttempt = Date.now() >= deadline
    const { result: booked } = await bookWebhookOutcomeWorkflow(container).run({ input: { payment_id: paymentId, outcome, event, last_attempt: lastAttempt } })
    if (booked || lastAttempt) return booked
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/**
 * A successful CAPTURE no capture of the payment asked for: the call that made it lost its answer
 * after every retry, so Medusa recorded nothing. It is booked as it happened (money was taken once),
 * for the admin's retry to adopt rather than ask Avirato for a second capture. Undefined when a
 * capture Medusa asked for already stands for it (Avirato captures once): nothing to adopt.
 */
function observedCapture(data: Record<string, unknown>, outcome: LoggedOutcome, event: AviratoWebhookEvent): Record<string, unknown> | undefined {
  const captures = readPaymentData(data).captures
  if (captures.some((r) => r.status !== "failed")) return undefined
  const record: ModificationRecord = {
    idempotency_key: `webhook:${outcome.reference}`,
    reference: outcome.reference,
    ...(event.amount ? { amount: event.amount.value } : {}),
    status: "succeeded",
    requested_at: outcome.at,
    settled_at: outcome.at,
    observed_from_webhook: true,
  }
  return { ...data, captures: [...captures, record] }
}

/**
 * The capture Medusa recorded on the payment when a successful CAPTURE matching none of its captures
 * took another amount: the capture of an attempt whose answer was lost, next to the record of the
 * retry Avirato refused (it captures a pre-authorisation once). Undefined when the amounts agree or
 * nothing else is recorded.
 */
async function captureRecordedForAnotherAmount(container: MedusaContainer, paymentId: string, event: AviratoWebhookEvent): Promise<ModificationRecord | undefined> {
  if (!event.amount) return undefined
  const payment = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(paymentId, { select: ["id", "data"] })
  const recorded = readPaymentData((payment.data ?? {}) as Record<string, unknown>).captures.find(
    (capture) => capture.status !== "failed" && capture.reference !== event.modificationReference
  )
  return recorded?.amount !== undefined && recorded.amount !== event.amount.value ? recorded : undefined
}

/**
 * Books every outcome logged in `metadata.avirato_outcomes` onto the payment's histories (call under
 * the payment's lock). Returns the data to write, or undefined when nothing changes.
 */
export function projectLoggedOutcomes(data: Record<string, unknown>, metadata: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  const log = Array.isArray(metadata?.avirato_outcomes) ? (metadata!.avirato_outcomes as LoggedOutcome[]) : []
  let projected = data
  for (const logged of log) projected = settleModification(projected, logged.history, logged.reference, logged) ?? projected
  return projected === data ? undefined : projected
}

/**
 * Books on the payment what Avirato reported before Medusa recorded the call it answers (a call
 * whose answer was lost, made again with its key): call under the payment's lock, after the
 * provider call's data was written.
 */
export async function bookLoggedOutcomes(container: MedusaContainer, paymentId: string): Promise<void> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await paymentModule.retrievePayment(paymentId, { select: ["id", "data", "metadata"] })
  await writeProjectedOutcomes(paymentModule, paymentId, (payment.data ?? {}) as Record<string, unknown>, (payment as { metadata?: Record<string, unknown> | null }).metadata)
}

/** Writes the payment's data with its logged outcomes booked, when that changes anything. */
async function writeProjectedOutcomes(
  paymentModule: IPaymentModuleService,
  paymentId: string,
  data: Record<string, unknown>,
  metadata: Record<string, unknown> | null | undefined
): Promise<void> {
  const projected = projectLoggedOutcomes(data, metadata)
  if (projected) await writePaymentData(paymentModule, paymentId, projected)
}

/** One webhook outcome as logged in `payment.metadata.avirato_outcomes`. */
interface LoggedOutcome {
  history: ModificationHistory
  reference: string
  success: boolean
  reason?: string
  at: string
}

/**
 * Whether the Medusa payment session still has a completion to go (`toComplete`); undefined when
 * the session is gone. A session Medusa authorized is done: its payment is the order's (Medusa sets
 * `authorized_at` in the transaction that creates the payment; the status alone does not say it for
 * every provider). Otherwise the
 * cart is read: one not completed yet is handed over as it is (Medusa's cart completion sets the
 * cart's `completed_at` in the workflow that creates the order, so the cart's own column answers
 * without following its link to the order; a completion started in the moment between the two is
 * harmless, since Medusa's completion of a cart that already has an order returns that order), and
 * a completed one without the cart, for the completion to find its order and record the payment
 * there. A session no cart holds is to be authorised (`toAuthorize`).
 */
async function findSession(
  container: MedusaContainer,
  id: string
): Promise<{ toComplete?: { cart?: SessionCart }; toAuthorize?: true } | undefined> {
  const [session] = await container
    .resolve<IPaymentModuleService>(Modules.PAYMENT)
    .listPaymentSessions({ id }, { select: ["id", "status", "authorized_at", "payment_collection_id"] })
  if (!session) return undefined
  if (session.authorized_at || session.status === "canceled") return {}
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [link] } = await query.graph({ entity: "cart_payment_collection", fields: ["cart_id"], filters: { payment_collection_id: session.payment_collection_id } })
  const cartId = (link as { cart_id?: string } | undefined)?.cart_id
  if (!cartId) return { toAuthorize: true }
  const [cart] = await container.resolve<ICartModuleService>(Modules.CART).listCarts({ id: cartId }, { select: ["id", "completed_at"] })
  if (!cart) return {}
  return { toComplete: cart.completed_at ? {} : { cart: { id: cart.id } } }
}

/**
 * Completes the cart of a session Avirato reports as paid, or records the payment on the order a
 * stopped completion left without it. Completing asks Avirato again (the provider's
 * authorizePayment), so the webhook body decides nothing. A completion that fails is logged, not
 * thrown: a retry of the whole event could repeat an authorisation Medusa already gave back, and the
 * reconciliation job completes a paid session left waiting.
 */
async function completeSession(container: MedusaContainer, paymentSessionId: string, cart: SessionCart | undefined, logger: Logger): Promise<void> {
  const completion = await completeCartForPaymentSession(container, paymentSessionId, cart)
  if (completion.outcome === "failed") {
    logger.warn(
      `Avirato: the webhook for payment session ${paymentSessionId} left no order holding its payment (${completion.message}); the reconciliation job tries again`
    )
  } else if (completion.superseded) {
    await releaseSupersededAviratoSession(container, { id: paymentSessionId, cartId: completion.cartId }, "webhook")
  }
}

/**
 * Authorises a paid session that no cart holds (a payment collection of an order edit or a claim):
 * the payment module's authorisation asks Avirato again and creates the payment, once however many
 * deliveries and job runs get here at the same moment. A session whose collection Medusa cancelled,
 * or changed to another amount, is released instead, its payment given back. A failure is logged,
 * not thrown: the reconciliation job authorises (or releases) a paid session left waiting.
 */
async function authorizeWithoutCart(container: MedusaContainer, paymentSessionId: string, logger: Logger): Promise<void> {
  const authorization = await authorizeSessionWithoutCart(container, paymentSessionId).catch((error: Error) => {
    logger.warn(`Avirato: the webhook could not authorise payment session ${paymentSessionId} (${error.message}); the reconciliation job tries again`)
    return undefined
  })
  if (authorization === "superseded") await releaseSupersededAviratoSession(container, { id: paymentSessionId }, "webhook")
}

/**
 * A successful REFUND the booking could not place is one Medusa does not know of, unless the payment
 * holds it by now (booked by a later run) or holds a refund whose answer was lost (recorded without
 * a reference until the job's re-send learns it: that is the likely one, booked then).
 */
async function refundMedusaDoesNotKnow(container: MedusaContainer, paymentId: string, reference: string): Promise<boolean> {
  const payment = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(paymentId, { select: ["id", "data"] })
  const { refunds } = readPaymentData((payment.data ?? {}) as Record<string, unknown>)
  return !refunds.some((refund) => refund.reference === reference || (!refund.reference && refund.unconfirmed))
}

/**
 * A successful CANCELLATION the booking could not place is one Medusa did not make, unless the payment
 * holds a cancellation by now (booked by a later run) or Medusa gave the payment up itself — the payment
 * or its order cancelled (a cancel whose answer was lost, which the reconciliation repeats with its key).
 * Says whether Medusa shows the payment captured, for the admin's next step.
 */
async function cancellationMedusaDoesNotKnow(container: MedusaContainer, paymentId: string): Promise<{ captured: boolean } | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: rows } = await query.graph({
    entity: "payment",
    fields: ["id", "data", "canceled_at", "captured_at", PAYMENT_ORDER_STATUS_FIELD],
    filters: { id: paymentId },
  })
  const payment = rows[0] as (PaymentWithOrderStatus & { data?: Record<string, unknown> | null; canceled_at?: unknown; captured_at?: unknown }) | undefined
  if (!payment || payment.canceled_at || isPaymentOfCanceledOrder(payment)) return undefined
  const data = readPaymentData(payment.data ?? {})
  if (data.cancellations.some((cancellation) => cancellation.status !== "failed")) return undefined
  return { captured: Boolean(payment.captured_at) || data.mode !== "preauth" || data.captures.some((capture) => capture.status !== "failed") }
}

async function findPayment(container: MedusaContainer, paymentSessionId: string): Promise<{ id: string; orderLabel: string } | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment",
    fields: ["id", "payment_collection.order.id", "payment_collection.order.display_id"],
    filters: { payment_session_id: paymentSessionId },
  })
  const payment = data[0] as { id: string; payment_collection?: { order?: { id: string; display_id?: number } | null } | null } | undefined
  if (!payment) return undefined
  const order = payment.payment_collection?.order
  return { id: payment.id, orderLabel: order ? `#${order.display_id ?? "?"} (${order.id})` : "(no order)" }
}

function describe(event: AviratoWebhookEvent): string {
  const amount = event.amount ? `${minorToDecimalString(event.amount.value, event.amount.currency)} ${event.amount.currency}` : "an amount"
  return `Avirato ${event.eventCode} for ${amount} on payment ${event.paymentReference ?? "?"} (checkout session ${event.customReference ?? "?"})`
}
