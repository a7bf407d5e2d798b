import type { CardInput } from "./card-form"
import type { AviratoDeps } from "./deps"
import { clientSecretFor, environmentOfSessionId, type AviratoEnvironment } from "./environment"
import { MODIFICATION_TYPES, type AviratoPayment, type ModificationType, type PaymentAttempt, type PaymentStatus } from "./model"
import { makeModification } from "./make-modification"
import { cancelOnPage, submitCard } from "./payment-flow"
import { openPage, settlePageTimeout } from "./session-lifecycle"
import { sessionView } from "./session-view"
import type { ReleaseOrder } from "./webhook-dispatcher"
import { paymentStatusOf } from "./webhook-events"
import { signWebhookPayload } from "./webhook-signature"

export interface AviratoPayResult {
  /** Where the page would send the customer (urlOk?data=… or urlKo), or undefined if the card failed the checks. */
  location?: string
  attempt?: Pick<PaymentAttempt, "paymentReference" | "status" | "reason">
  /** Failed card checks by field, when the card did not pass them. */
  errors?: Record<string, string>
}

export interface AviratoPaymentView extends AviratoPayment {
  paymentStatus: PaymentStatus
}

/** The typed handle tests and the demo use (`sandbox.avirato`). */
export interface AviratoControl {
  /** Where webhooks of an environment go; undefined = none are sent (events are dropped). */
  setWebhookUrl(environment: AviratoEnvironment, url: string | undefined): void
  webhookUrl(environment: AviratoEnvironment): string | undefined
  /** The next event is delivered twice (same eventId and body). */
  duplicateNextWebhook(): void
  /** Keep events instead of sending them, until `releaseWebhooks`. */
  holdWebhooks(): void
  /** Send held events (newest first by default); resolves once each had its first attempt. */
  releaseWebhooks(order?: ReleaseOrder): Promise<void>
  heldWebhooks(): number
  /** Drop every event from now on (recorded as not delivered), as a disabled dashboard URL would. */
  disableWebhooks(): void
  enableWebhooks(): void
  /** Resolves when no webhook is waiting for its delay/backoff or being sent. */
  webhooksIdle(): Promise<void>
  /** The next modification of this type fails (202, then the failure webhook). */
  failNextModification(type: ModificationType, reason?: string): void
  /** A refund the merchant makes in Avirato's dashboard (not through the API): recorded and reported by webhook like any other; all that is left when no amount is given. */
  refundInDashboard(paymentReference: string, amountMinor?: number): { modificationReference: string; success: boolean }
  /** A pre-authorisation the merchant voids in Avirato's dashboard: recorded and reported by a CANCELLATION webhook like a cancel asked through the API. */
  cancelInDashboard(paymentReference: string): { modificationReference: string; success: boolean }
  /** As if the customer opened paymentUrl now: starts the 5-minute timer. */
  openPaymentPage(sessionId: string): void
  /** Submit the payment page without HTTP; defaults to the quick-success card. */
  pay(sessionId: string, card?: Partial<CardInput>): Promise<AviratoPayResult>
  /** Press "Cancel" on the payment page. */
  cancelPaymentPage(sessionId: string): Promise<{ location: string }>
  /** GET session's `data` for a session of either environment. */
  session(sessionId: string): Record<string, unknown> | undefined
  payment(paymentReference: string): AviratoPaymentView | undefined
  /** Hex signature the sandbox would send for this body (environment's client secret). */
  signWebhook(environment: AviratoEnvironment, timestamp: number, rawBody: string): string
}

/** Card the page accepts, valid until four years after the sandbox's current date. */
export function quickSuccessCard(now: Date): CardInput {
  const year = String((now.getUTCFullYear() + 4) % 100).padStart(2, "0")
  return { cardNumber: "4111 1111 1111 1111", expiry: `12/${year}`, cvc: "737", holderName: "Test User" }
}

export function createAviratoControl(deps: () => AviratoDeps): AviratoControl {
  const sessionOrThrow = (sessionId: string) => {
    const environment = environmentOfSessionId(sessionId)
    const session = environment ? deps().store.session(environment, sessionId) : undefined
    if (!session) throw new Error(`No Avirato session ${sessionId}`)
    return session
  }
  const paymentOrThrow = (paymentReference: string) => {
    const payment = deps().store.payments.get(paymentReference)
    if (!payment) throw new Error(`No Avirato payment ${paymentReference}`)
    return payment
  }
  return {
    setWebhookUrl: (environment, url) => deps().webhooks.setUrl(environment, url),
    webhookUrl: (environment) => deps().webhooks.url(environment),
    duplicateNextWebhook: () => deps().webhooks.duplicateNextEvent(),
    holdWebhooks: () => deps().webhooks.hold(),
    releaseWebhooks: (order) => deps().webhooks.release(order),
    heldWebhooks: () => deps().webhooks.heldCount(),
    disableWebhooks: () => deps().webhooks.setEnabled(false),
    enableWebhooks: () => deps().webhooks.setEnabled(true),
    webhooksIdle: () => deps().webhooks.idle(),
    failNextModification(type, reason) {
      if (!MODIFICATION_TYPES.includes(type)) throw new Error(`Unknown modification type ${type}`)
      deps().forcedFailures.failNext(type, reason)
    },
    refundInDashboard(paymentReference, amountMinor) {
      const payment = paymentOrThrow(paymentReference)
      const value = amountMinor ?? payment.capturedAmount - payment.refundedAmount
      const made = makeModification(deps(), payment.environment, payment, "refund", { amount: { value, currency: payment.currency }, reason: "OTHER" })
      return { modificationReference: made.modificationReference, success: made.success }
    },
    cancelInDashboard(paymentReference) {
      const payment = paymentOrThrow(paymentReference)
      const made = makeModification(deps(), payment.environment, payment, "cancel")
      return { modificationReference: made.modificationReference, success: made.success }
    },
    openPaymentPage(sessionId) {
      const session = sessionOrThrow(sessionId)
      const now = deps().ctx.clock.now()
      settlePageTimeout(session, now)
      openPage(session, now)
    },
    async pay(sessionId, card = {}) {
      const session = sessionOrThrow(sessionId)
      openPage(session, deps().ctx.clock.now())
      const result = await submitCard(deps(), session, { ...quickSuccessCard(deps().ctx.clock.now()), ...card })
      if (result.kind === "invalid") return { errors: result.errors }
      const attempt = result.attempt
      return {
        location: result.location,
        attempt: attempt && { paymentReference: attempt.paymentReference, status: attempt.status, reason: attempt.reason },
      }
    },
    async cancelPaymentPage(sessionId) {
      const result = await cancelOnPage(deps(), sessionOrThrow(sessionId))
      return { location: result.kind === "redirect" ? result.location : "" }
    },
    session(sessionId) {
      const environment = environmentOfSessionId(sessionId)
      const session = environment ? deps().store.session(environment, sessionId) : undefined
      if (!session) return undefined
      settlePageTimeout(session, deps().ctx.clock.now())
      return sessionView(session)
    },
    payment(paymentReference) {
      const payment = deps().store.payments.get(paymentReference)
      return payment && { ...payment, paymentStatus: paymentStatusOf(payment) }
    },
    signWebhook: (environment, timestamp, rawBody) =>
      signWebhookPayload(clientSecretFor(deps().ctx.options.avirato, environment), timestamp, rawBody),
  }
}
