/**
 * Everything Avarda's two credit APIs (Authorization API, Standalone Credit) do alike, as a Medusa
 * payment provider; the API-specific calls come from an `AvardaCreditAdapter`. Subclasses only say
 * which product they sell and which terms they offer (Stripe style).
 *
 * Lifecycle:
 * - initiatePayment: takes the server-built credit request from the one-time hand-off (the store
 *   route), checks product, cart and amount limits, and lets the adapter ask Avarda with the
 *   session id as order reference. Approved → pending; electronic ID needed → requires_more with
 *   the redirect URL; rejected or failed → error with the shopper's message.
 * - authorizePayment / updatePayment / getPaymentStatus / retrievePayment: re-read Avarda's decision;
 *   never trust what the storefront or the redirect says.
 * - capturePayment: the capture plan in payment data (rows of a shipment, or of an admin amount), or
 *   Medusa's own capture of the rest, with a tranId that stays the same across retries.
 * - refundPayment: credits what was captured; an answer lost stays recorded as unconfirmed.
 * - cancelPayment / deletePayment: drop the reservation while nothing was captured; after a partial
 *   capture the adapter decides what happens to the rest.
 */
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  PaymentSessionStatus as PaymentSessionStatusType,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, MedusaError, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { withAuthorizationExpiry } from "../../lib/authorization-expiry"
import { activeCapturePlan, remainingCapturePlan, remainingToCaptureMinor, withoutCapturePlan, type CaptureRecord } from "../../lib/avarda/credit-ledger"
import { CREDIT_REQUEST_REF_KEY, type CreditRequestHandoff } from "../../lib/avarda/credit-request-handoff"
import type { ElectronicIdProofData } from "../../lib/avarda/electronic-id-proof-data"
import type { ReturnStateKey } from "../../lib/return-state/return-state"
import { requireReturnStateKey, returnStateKeyOfCradle } from "../../lib/return-state/server-key"
import { assertAmountWithinLimits, assertProductOffered, chooseOfferedPaymentTerm, type AmountLimits } from "../shared/credit-offer"
import { medusaAmountToMinor } from "../shared/medusa-amount"
import { validateProviderOptions } from "../shared/provider-options"
import type { AvardaCreditAdapter, CreditPaymentData } from "./credit-api-adapter"
import { assertCartUnchanged, isCaptureRecorded, orderReferenceForManagement, ownCaptureTranId, refundTranId, sessionStatusOfOutcome } from "./credit-policies"

export type CreditCradle = { logger?: Logger } & Record<string, unknown>
type Data = Record<string, unknown>

/** Options both APIs have. */
export interface CreditProviderOptions {
  products: readonly string[]
  amountLimits?: AmountLimits
}

const asData = (data: CreditPaymentData): Data => data as unknown as Data

export abstract class AvardaCreditBase<
  O extends CreditProviderOptions,
  D extends CreditPaymentData,
  H extends CreditRequestHandoff,
> extends AbstractPaymentProvider<O> {
  protected readonly options_: O
  protected readonly logger_: Logger | undefined
  /** Signs the `state` of return URLs; undefined when Medusa's config holds no secret (sessions needing the electronic ID then fail). */
  protected readonly returnStateKey_: ReturnStateKey | undefined

  /** Which credit product this provider sells. */
  protected abstract readonly product: D["product"]
  /** The API's calls and data keys. */
  protected abstract readonly adapter: AvardaCreditAdapter<D, H>

  /** The API's options schema, set by each API's base: the entry is checked with it at boot and parsed with it when built. */
  protected static parseOptions: (options: Record<string, unknown>) => CreditProviderOptions

  static override validateOptions(options: Record<string, unknown>): void {
    validateProviderOptions(this.parseOptions, options)
  }

  /** Medusa builds the provider with its medusa-config entry's options, parsed here with the API's schema. */
  constructor(cradle: CreditCradle, options: Record<string, unknown>) {
    const parsed = (new.target as unknown as { parseOptions(raw: Record<string, unknown>): O }).parseOptions(options)
    super(cradle, parsed)
    this.options_ = parsed
    this.logger_ = cradle.logger
    this.returnStateKey_ = returnStateKeyOfCradle(cradle)
  }

  /** Instalment terms this product offers (loan, part payment); empty when it has none. */
  protected async offeredPaymentTerms(): Promise<number[]> {
    return []
  }

  // ---------------------------------------------------------------- checkout

  async initiatePayment({ data, amount, currency_code, context }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const handoff = this.adapter.takeHandoff(data?.[CREDIT_REQUEST_REF_KEY])
    if (!handoff) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${this.getIdentifier()}: create ${this.adapter.facts.label} payment sessions with POST ${this.adapter.facts.sessionRoute} ` +
          "{ cart_id, provider_id, personal_id_number, payment_terms? }: the credit request is built on the server from the cart " +
          "(a missing, expired or reused credit_request_ref ends here)"
      )
    }
    assertProductOffered(this.getIdentifier(), this.options_.products, this.product)
    // Before Avarda is asked: a credit must never be created that the shopper could not return from.
    const returnStateKey = requireReturnStateKey(this.returnStateKey_)
    const { application } = handoff
    assertCartUnchanged(application, amount, currency_code)
    assertAmountWithinLimits(this.getIdentifier(), this.options_.amountLimits, this.product, application.amountMinor, application.currency)
    const paymentTerms = chooseOfferedPaymentTerm(this.product, await this.offeredPaymentTerms(), handoff.paymentTerms)
    const sessionId = String(data?.session_id ?? "")
    const ledger = { order_reference: sessionId, currency_code: application.currency, amount_minor: application.amountMinor, rows: application.rows, captures: [], returns: [] }
    const started = await this.adapter.authorize({ sessionId, product: this.product, handoff, ledger, paymentTerms, returnStateKey })
    // Who started the session, when a customer was logged in (Medusa passes the customer it linked):
    // an electronic-ID validation of this purchase proves that customer to be the person, and no
    // one else — Medusa also files a guest's order under a registered customer with the same e-mail.
    // Written on every session, so a value from anywhere else never survives.
    const shopper: Pick<ElectronicIdProofData, "shopper_customer_id"> = { shopper_customer_id: context?.customer?.id ?? null }
    return { ...started, data: { ...started.data, ...shopper } }
  }

  async authorizePayment({ data }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return this.refresh(data)
  }

  /**
   * Medusa's checkout never calls this. The plugin uses it, through the Payment Module's
   * `updatePaymentSession`, to re-read the credit (return route, reconciliation job); an Avarda
   * credit cannot change its amount.
   */
  async updatePayment({ data, amount, currency_code }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const stored = this.adapter.readData(data)
    if (stored && amount !== undefined && medusaAmountToMinor(amount, currency_code) !== stored.amount_minor) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `An Avarda ${this.adapter.facts.creditNoun} cannot change its amount: create a new payment session`)
    }
    return this.refresh(data)
  }

  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const stored = this.adapter.readData(data)
    if (stored?.cancellation) return { status: PaymentSessionStatus.CANCELED, data: asData(stored) }
    const refreshed = await this.refresh(data)
    if (stored && refreshed.status === PaymentSessionStatus.AUTHORIZED && stored.amount_minor > 0 && remainingToCaptureMinor(stored) <= 0) {
      return { ...refreshed, status: PaymentSessionStatus.CAPTURED }
    }
    return refreshed
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: (await this.refresh(data)).data }
  }

  /** Re-reads the credit at Avarda and maps its decision to a session status. */
  protected async refresh(data: Data | undefined): Promise<{ status: PaymentSessionStatusType; data: Data }> {
    const stored = this.adapter.readData(data)
    const creditId = stored && this.adapter.creditIdOf(stored)
    if (!stored || !creditId) return { status: PaymentSessionStatus.ERROR, data: data ?? {} }
    let decision: D["decision"]
    try {
      decision = await this.adapter.readDecision(stored)
    } catch (error) {
      throw new Error(`${this.adapter.facts.label}: cannot read ${this.adapter.facts.creditNoun} ${creditId} (${(error as Error).message})`)
    }
    // An approved reservation lapses unless captured: its expiry is recorded when first seen approved.
    const updated = decision.outcome === "approved" ? withAuthorizationExpiry(asData({ ...stored, decision }), this.adapter.facts.expiryFamily, new Date()) : asData({ ...stored, decision })
    return { status: sessionStatusOfOutcome(decision.outcome), data: updated }
  }

  // ---------------------------------------------------------------- after the order

  async capturePayment({ data, context }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const stored = this.requireData(data, "capture")
    const closed = stored.cancellation ? `the ${this.adapter.facts.creditNoun} was cancelled` : this.adapter.captureClosedReason(stored)
    if (closed) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Avarda ${this.adapter.facts.creditNoun} ${this.adapter.creditIdOf(stored)}: ${closed}, nothing more can be captured`)
    const plan =
      activeCapturePlan(stored) ?? remainingCapturePlan(stored, { tranId: ownCaptureTranId(stored), orderReference: orderReferenceForManagement(stored) })
    if (!plan || plan.amount_minor <= 0 || isCaptureRecorded(stored, plan)) return { data: asData(withoutCapturePlan(stored, plan)) }
    if (plan.amount_minor > remainingToCaptureMinor(stored)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avarda capture ${plan.tran_id}: ${plan.amount_minor} minor units exceed the ${remainingToCaptureMinor(stored)} still authorized`
      )
    }
    const learned = await this.adapter.capture(stored, plan, context)
    this.logger_?.info(`${this.adapter.facts.label}: captured ${plan.amount_minor} minor units of ${this.adapter.facts.creditNoun} ${this.adapter.creditIdOf(stored)} (tranId ${plan.tran_id})`)
    const capture: CaptureRecord & { tracking_code?: string } = {
      tran_id: plan.tran_id,
      ...(context?.idempotency_key ? { capture_id: context.idempotency_key } : {}),
      source: plan.source,
      order_reference: plan.order_reference,
      ...(plan.fulfillment_id ? { fulfillment_id: plan.fulfillment_id } : {}),
      ...(plan.tracking_code ? { tracking_code: plan.tracking_code } : {}),
      amount_minor: plan.amount_minor,
      rows: plan.rows,
      lines: plan.lines,
      includes_order_level: plan.includes_order_level,
      captured_at: new Date().toISOString(),
    }
    return { data: asData({ ...withoutCapturePlan(stored, plan), ...learned, captures: [...stored.captures, capture] }) }
  }

  async refundPayment({ data, amount, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const stored = this.requireData(data, "refund")
    const amountMinor = medusaAmountToMinor(amount, stored.currency_code)
    if (amountMinor <= 0) return { data: asData(stored) }
    const refundable = this.adapter.refundableMinor(stored)
    if (amountMinor > refundable) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Avarda refund: ${amountMinor} minor units exceed the ${refundable} captured and not yet credited`)
    }
    const tranId = refundTranId(stored, context?.idempotency_key, this.adapter.creditCount(stored))
    const refunded = await this.adapter.refund(stored, { amountMinor, tranId, orderReference: orderReferenceForManagement(stored), refundId: context?.idempotency_key })
    return { data: asData(refunded) }
  }

  async cancelPayment({ data, context }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const stored = this.adapter.readData(data)
    if (!stored || !this.adapter.creditIdOf(stored) || stored.cancellation || this.adapter.captureClosedReason(stored)) return { data: data ?? {} }
    // A shipment's capture waiting for the job (Avarda failed it, or its answer was lost) is owed for
    // goods that left: neither cancelling nor releasing the rest may take it away. Medusa's order
    // change or cancel that asked fails with this; it goes through once the capture is made, or
    // withdrawn with its fulfillment.
    const waiting = stored.pending_captures ?? []
    if (waiting.length > 0) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avarda ${this.adapter.facts.creditNoun} ${this.adapter.creditIdOf(stored)}: capture ${waiting.map((plan) => plan.tran_id).join(", ")} of shipped goods is still to be made; ` +
          `it cannot be cancelled before that capture is made or withdrawn`
      )
    }
    // Medusa cancels the uncaptured payments of an order whose collection it re-creates after an
    // order change (a return, an exchange, an edit): a partly captured credit's rest is then still
    // owed for the order's coming shipments, and the adapter decides whether it may go.
    if (stored.captures.length > 0) return { data: asData(await this.adapter.release(stored, context)) }
    return { data: asData(await this.adapter.cancel(stored, context)) }
  }

  /**
   * Medusa deletes sessions when the cart total changes or another method is chosen: release the
   * reservation so a changed cart never completes with the old credit. Never throws: a cart update
   * must not fail because Avarda is slow; the session is gone either way.
   */
  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const stored = this.adapter.readData(data)
    const creditId = stored && this.adapter.creditIdOf(stored)
    if (!stored || !creditId || stored.captures.length > 0 || stored.cancellation) return { data: data ?? {} }
    if (stored.decision.outcome !== "approved" && stored.decision.outcome !== "pending_id_validation") return { data: data ?? {} }
    const subject = `${this.adapter.facts.creditNoun} ${creditId} of deleted session ${stored.order_reference}`
    try {
      await this.adapter.cancelReservation(stored, "Payment session deleted (cart changed or another payment method chosen)")
      this.logger_?.info(`${this.adapter.facts.label}: cancelled ${subject}`)
      return { data: asData({ ...stored, cancellation: { canceled_at: new Date().toISOString(), reason: "session deleted" } }) }
    } catch (error) {
      this.logger_?.warn(`${this.adapter.facts.label}: could not cancel ${subject} (${(error as Error).message}); no order can use it and it lapses at Avarda`)
      return { data: data ?? {} }
    }
  }

  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    // Neither credit API sends webhooks: the return route and the reconciliation job poll.
    return { action: PaymentActions.NOT_SUPPORTED }
  }

  private requireData(data: Data | undefined, action: string): D {
    const stored = this.adapter.readData(data)
    if (!stored || !this.adapter.creditIdOf(stored)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda ${action}: the payment has no Avarda ${this.adapter.facts.creditNoun} id`)
    }
    return stored
  }
}
