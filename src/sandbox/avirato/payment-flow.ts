import type { AviratoDeps } from "./deps"
import { clientSecretFor } from "./environment"
import { checkCardForm, digitsOf, type CardInput } from "./card-form"
import type { AviratoPayment, AviratoSession, PaymentAttempt } from "./model"
import { AUTHORISATION_VALIDITY_MS } from "./modification-rules"
import { newPaymentReference } from "./references"
import { signReturnToken, urlWithData } from "./return-token"
import { settlePageTimeout } from "./session-lifecycle"
import { outcomeForHolder } from "./test-holders"
import { authorisationEvent } from "./webhook-events"

export type PaymentPageResult =
  | { kind: "redirect"; location: string; attempt?: PaymentAttempt }
  | { kind: "invalid"; errors: Record<string, string> }

/** Where a customer on a session that is no longer payable goes: urlOk (with data) if paid, else urlKo. */
async function closedSessionRedirect(deps: AviratoDeps, session: AviratoSession): Promise<PaymentPageResult> {
  if (session.status !== "completed") return { kind: "redirect", location: session.urlKo }
  return { kind: "redirect", location: await successLocation(deps, session) }
}

async function successLocation(deps: AviratoDeps, session: AviratoSession): Promise<string> {
  const secret = clientSecretFor(deps.ctx.options.avirato, session.environment)
  return urlWithData(session.urlOk, await signReturnToken(session, secret, deps.ctx.clock.now()))
}

function createPayment(session: AviratoSession, attempt: PaymentAttempt): AviratoPayment {
  return {
    environment: session.environment,
    paymentReference: attempt.paymentReference,
    sessionId: session.sessionId,
    webcode: session.webcode,
    customReference: session.customReference,
    currency: session.amount.currency,
    isPreAuth: session.isPreAuth,
    authorisedAmount: session.amount.value,
    // isPreAuth false = immediate capture at authorisation: no CAPTURE webhook follows.
    capturedAmount: session.isPreAuth ? 0 : session.amount.value,
    refundedAmount: 0,
    cancelled: false,
    authorisedAt: attempt.createdAt,
    authorisationExpiresAt: new Date(attempt.createdAt.getTime() + AUTHORISATION_VALIDITY_MS),
  }
}

/**
 * A card submitted on the payment page: checks the form, records an attempt whose outcome the
 * holder name decides, sends the AUTHORISATION webhook, and says where to redirect.
 * A refused attempt leaves the session `pending` (the page may be retried until its timer ends).
 */
export async function submitCard(deps: AviratoDeps, session: AviratoSession, form: unknown): Promise<PaymentPageResult> {
  const now = deps.ctx.clock.now()
  settlePageTimeout(session, now)
  if (session.status !== "pending") return closedSessionRedirect(deps, session)
  const checked = checkCardForm(form, now)
  if (!checked.ok) return { kind: "invalid", errors: checked.errors }
  const attempt = recordAttempt(session, checked.card, now)
  deps.webhooks.emit(authorisationEvent(session, attempt))
  if (attempt.status !== "authorised") return { kind: "redirect", location: session.urlKo, attempt }
  session.status = "completed"
  session.paymentReference = attempt.paymentReference
  session.completedAt = now
  session.paymentStatus = "AUTHORISED"
  deps.store.payments.set(attempt.paymentReference, createPayment(session, attempt))
  return { kind: "redirect", location: await successLocation(deps, session), attempt }
}

function recordAttempt(session: AviratoSession, card: CardInput, now: Date): PaymentAttempt {
  const outcome = outcomeForHolder(card.holderName)
  const attempt: PaymentAttempt = {
    paymentReference: newPaymentReference(),
    status: outcome.status,
    createdAt: now,
    reason: outcome.reason,
    holderName: card.holderName.trim(),
    cardLast4: digitsOf(card.cardNumber).slice(-4),
  }
  session.attempts.push(attempt)
  return attempt
}

/** The customer pressed "Cancel" on the page: a pending session becomes `cancelled` (no webhook). */
export async function cancelOnPage(deps: AviratoDeps, session: AviratoSession): Promise<PaymentPageResult> {
  settlePageTimeout(session, deps.ctx.clock.now())
  if (session.status === "pending") session.status = "cancelled"
  return closedSessionRedirect(deps, session)
}
