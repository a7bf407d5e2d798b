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
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, MedusaError, PaymentActions } from "@medusajs/framework/utils"
import { isAmbiguous, VendorProtocolError } from "../../../lib/http/errors"
import { minorToDecimalString } from "../../../lib/money/minor-units"
import {
  AviratoApiError,
  AviratoClient,
  isAviratoCurrency,
  sessionOutcome,
  toMedusaSessionStatus,
  type AviratoSession,
  type MedusaSessionStatus,
} from "../../../lib/avirato"
import { medusaAmountToMinor, minorToMedusaAmount } from "../../shared/medusa-amount"
import { withAuthorizationExpiry } from "../../../lib/authorization-expiry"
import { plannedCaptureAmount, withoutCaptureAmountPlan } from "./capture-amount-plan"
import { plannedRefundReason } from "./refund-plan"
import { parseAviratoOptions, resolveOperationalSettings, type AviratoOperationalSettings, type AviratoOptions, type AviratoOptionsInput } from "./options"
import { activeTotal, readPaymentData, type AviratoPaymentData, type ModificationRecord } from "./payment-data"
import { returnUrls } from "./return-urls"
import { requireReturnStateKey, returnStateKeyOfCradle } from "../../../lib/return-state/server-key"
import type { ReturnStateKey } from "../../../lib/return-state/return-state"
import { authenticateWebhook } from "./webhook-authentication"

const MEDUSA_SESSION_ID = /^payses_[0-9A-Za-z]+$/

/**
 * Avirato card payments on the hosted payment page. All logic lives here; each payment method is a
 * thin subclass that only sets `identifier` (Stripe style).
 *
 * Flow: initiatePayment creates an Avirato session (customReference = Medusa payment session id) and
 * hands `payment_url` to the storefront; the shopper pays on Avirato's page and returns through the
 * plugin's return route, and/or Avirato's webhook arrives; both confirm with GET payment/session
 * before Medusa authorises. Captures, cancellations, extensions and refunds act on the
 * paymentReference, are accepted with 202 and finish by webhook.
 */
export abstract class AviratoBase extends AbstractPaymentProvider<AviratoOptionsInput> {
  protected readonly options_: AviratoOptions
  protected readonly client_: AviratoClient
  protected readonly logger_: Logger
  /** Signs the `state` of return URLs; undefined when Medusa's config holds no secret (sessions then fail to start). */
  protected readonly returnStateKey_: ReturnStateKey | undefined

  static override validateOptions(options: Record<string, unknown>): void {
    parseAviratoOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: AviratoOptionsInput) {
    super(cradle, options)
    this.options_ = parseAviratoOptions(options)
    this.logger_ = cradle.logger as Logger
    this.returnStateKey_ = returnStateKeyOfCradle(cradle)
    this.client_ = this.createClient(this.options_)
  }

  /** Overridable for tests. */
  protected createClient(options: AviratoOptions): AviratoClient {
    return new AviratoClient({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      webcode: options.webcode,
      timeoutMs: options.timeoutMs,
      maxAttempts: options.maxAttempts,
      onRetry: ({ operation, attempt, error }) =>
        this.logger_.warn(`Avirato: retrying ${operation} (attempt ${attempt + 1}) after: ${error.message}`),
    })
  }

  /**
   * Settings the store owner may change at run time. Read them only through this method: a later
   * issue lets the admin override them without a restart.
   */
  protected operationalSettings(): Promise<AviratoOperationalSettings> {
    return resolveOperationalSettings(this.options_)
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const currency = input.currency_code?.toUpperCase() ?? ""
    if (!isAviratoCurrency(currency)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Avirato: currency_code "${input.currency_code}" is not supported; Avirato accepts EUR, GBP and USD only`
      )
    }
    const amount = this.toMinor(input.amount, currency, "amount")
    if (amount <= 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Avirato: amount must be greater than 0")
    }
    const medusaSessionId = String(input.data?.session_id ?? input.context?.idempotency_key ?? "")
    if (!MEDUSA_SESSION_ID.test(medusaSessionId)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Avirato: data.session_id must be the Medusa payment session id")
    }
    const storefront = this.storefrontOverrides(input.data)
    const mode = (await this.operationalSettings()).captureMode
    const urls = returnUrls(this.options_.backendUrl, medusaSessionId, requireReturnStateKey(this.returnStateKey_))
    const session = await this.vendorCall("create the payment session", () =>
      this.client_.createSession(
        {
          amount: { value: amount, currency },
          urlOk: urls.ok,
          urlKo: urls.ko,
          isPreAuth: mode === "preauth",
          customReference: medusaSessionId,
          description: this.options_.paymentDescription,
          countryCode: storefront.countryCode ?? this.options_.countryCode,
          shopperLocale: storefront.shopperLocale ?? this.options_.shopperLocale,
        },
        input.context?.idempotency_key ?? medusaSessionId
      )
    )
    if (!session.paymentUrl) {
      throw new Error(`Avirato: session ${session.sessionId} was created without a paymentUrl`)
    }
    const data: AviratoPaymentData = {
      session_id: medusaSessionId,
      avirato_session_id: session.sessionId,
      payment_url: session.paymentUrl,
      environment: this.options_.environment,
      mode,
      amount,
      currency,
      session_status: session.status,
      captures: [],
      refunds: [],
      cancellations: [],
      extensions: [],
    }
    return { id: session.sessionId, status: "requires_more", data }
  }

  /** Sessions cannot be edited at Avirato: a new amount or currency needs a new session. */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = readPaymentData(input.data)
    const currency = input.currency_code?.toUpperCase() ?? data.currency ?? ""
    const amount = input.amount !== undefined && isAviratoCurrency(currency) ? this.toMinor(input.amount, currency, "amount") : data.amount
    if (data.avirato_session_id && amount === data.amount && currency === data.currency) return { data: input.data }
    const medusaSessionId = data.session_id ?? ""
    const replaced = await this.initiatePayment({
      amount: input.amount,
      currency_code: currency,
      data: { ...input.data, session_id: medusaSessionId },
      context: { ...input.context, idempotency_key: `${medusaSessionId}:${amount}:${currency}` },
    })
    return { data: replaced.data, status: replaced.status }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return this.readStatus(input.data)
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    return this.readStatus(input.data)
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = readPaymentData(input.data)
    if (!data.avirato_session_id) return { data: input.data }
    const session = await this.vendorCall("read the payment session", () => this.client_.getSession(data.avirato_session_id!))
    return { data: { ...input.data, session_status: session.status, payment_reference: session.paymentReference ?? data.payment_reference } }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = readPaymentData(input.data)
    // Auto-capture payments were captured by Avirato at authorisation.
    if (data.mode !== "preauth") return { data: input.data }
    const paymentReference = this.requirePaymentReference(data, "capture")
    const key = input.context?.idempotency_key ?? `capture:${paymentReference}`
    if (data.captures.some((c) => c.idempotency_key === key && c.status !== "failed")) return { data: input.data }
    const earlier = data.captures.find((c) => c.status !== "failed")
    if (earlier?.observed_from_webhook) return this.adoptObservedCapture(input, data, earlier, key)
    if (earlier) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avirato allows one capture per pre-authorisation: ${formatMinor(earlier.amount ?? 0, data.currency)} ` +
          `was already captured on ${paymentReference} and the rest of the authorisation was released`
      )
    }
    if (data.cancellations.some((c) => c.status !== "failed")) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Avirato: the pre-authorisation ${paymentReference} was cancelled`)
    }
    const amount = Math.min(plannedCaptureAmount(data, new Date()) ?? data.amount ?? 0, data.amount ?? 0)
    const accepted = await this.vendorCall("capture the payment", () =>
      this.client_.capture({ paymentReference, amount: { value: amount, currency: data.currency! } }, key)
    )
    return {
      data: {
        ...withoutCaptureAmountPlan(input.data ?? {}),
        captures: [...data.captures, this.record(key, accepted.modificationReference, { amount })],
      },
    }
  }

  /**
   * An earlier capture whose answer was lost did reach Avirato (its CAPTURE webhook said so): the
   * admin's retry, which Medusa sends with a new Idempotency-Key, records that capture instead of
   * asking Avirato again — Avirato would refuse a second capture and the admin would see a failure
   * for money that was taken.
   */
  private adoptObservedCapture(input: CapturePaymentInput, data: ReturnType<typeof readPaymentData>, observed: ModificationRecord, key: string): CapturePaymentOutput {
    const requested = Math.min(plannedCaptureAmount(data, new Date()) ?? data.amount ?? 0, data.amount ?? 0)
    if (observed.amount !== undefined && observed.amount !== requested) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avirato already captured ${formatMinor(observed.amount, data.currency)} on ${data.payment_reference} (an earlier attempt whose answer was lost): ` +
          `capture exactly that amount to record it`
      )
    }
    this.logger_?.info(`Avirato: capture ${observed.reference} of ${data.payment_reference} was already made; recorded for ${key}`)
    const adopted: ModificationRecord = { ...observed, idempotency_key: key, observed_from_webhook: false }
    return {
      data: { ...withoutCaptureAmountPlan(input.data ?? {}), captures: data.captures.map((c) => (c === observed ? adopted : c)) },
    }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = readPaymentData(input.data)
    if (!data.payment_reference) return { data: input.data } // nothing was paid: no vendor object to cancel
    const paymentReference = data.payment_reference
    const paymentId = input.context?.idempotency_key
    if (!paymentId) {
      // Medusa cancels without a payment when it could not record the authorisation it was just given
      // (its transaction failed and rolled back): its session is still open, and Avirato's session
      // stays paid for good. Giving the money back here would let the next completion of the cart
      // (the shopper's return, the webhook, the job) record a payment the shopper has back. It is
      // left: that completion records it, or, when no order will use it, the discarded-payment
      // settlement gives it back.
      this.logger_.warn(`Avirato: Medusa could not record the authorisation of ${paymentReference}; left paid for the cart's next completion or its settlement`)
      return { data: input.data }
    }
    if (data.cancellations.some((c) => c.status !== "failed")) return { data: input.data }
    if (data.mode !== "preauth") {
      // The money was taken at authorisation (Medusa cancels only when it could not keep the payment).
      return this.refundPayment({
        amount: minorToMedusaAmount((data.amount ?? 0) - activeTotal(data.refunds), data.currency ?? "EUR"),
        data: input.data,
        context: { ...input.context, idempotency_key: `cancel:${paymentId}` },
      })
    }
    if (data.captures.some((c) => c.status !== "failed")) return { data: input.data } // capture released the rest
    const key = paymentId
    const accepted = await this.vendorCall("cancel the pre-authorisation", () => this.client_.cancel({ paymentReference }, key))
    return { data: { ...input.data, cancellations: [...data.cancellations, this.record(key, accepted.modificationReference, {})] } }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = readPaymentData(input.data)
    const paymentReference = this.requirePaymentReference(data, "refund")
    const currency = data.currency ?? ""
    const amount = this.toMinor(input.amount, currency, "refund amount")
    if (amount <= 0) throw new MedusaError(MedusaError.Types.INVALID_DATA, "Avirato: the refund amount must be greater than 0")
    const key = input.context?.idempotency_key ?? `refund:${paymentReference}:${data.refunds.length + 1}`
    if (data.refunds.some((r) => r.idempotency_key === key && r.status !== "failed")) return { data: input.data }
    const reason = plannedRefundReason(data, new Date()) ?? (await this.operationalSettings()).defaultRefundReason
    let record: ModificationRecord
    try {
      const accepted = await this.client_.refund({ paymentReference, amount: { value: amount, currency }, reason }, key)
      record = this.record(key, accepted.modificationReference, { amount, reason })
    } catch (error) {
      // One rule for refunds on every vendor: without a readable answer the refund may have been made,
      // so it is recorded as unconfirmed (never failed, which would invite a retry under a new key).
      if (!refundOutcomeUnknown(error)) return this.vendorCall("refund the payment", () => Promise.reject(error))
      this.logger_.warn(`Avirato: refund ${key} of ${paymentReference} has no answer (${(error as Error).message}); recorded as unconfirmed, re-sent by the reconciliation job`)
      record = { ...this.record(key, undefined, { amount, reason }), unconfirmed: { since: new Date().toISOString(), attempts: 1, last_error: (error as Error).message } }
    }
    return {
      data: {
        ...input.data,
        refund_plan: null,
        refunds: [...data.refunds, record],
      },
    }
  }

  /**
   * Avirato has no endpoint to cancel a session: an unpaid one simply stays pending, so there is
   * nothing to call (and no vendor round-trip slowing down the cart update that discards it). A
   * session paid just before Medusa discarded it is voided/refunded by the webhook handler or the
   * return route, which can also tell the admin.
   */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data }
  }

  /**
   * Authenticates the webhook and leaves every event to the plugin's own subscriber
   * (subscribers/avirato-webhook-outcomes.ts), which handles the same queued event. Medusa's generic
   * handling of an `authorized` action would authorise the session onto its cart's order even when
   * that order already holds another session's payment (the shopper paid twice), and it would capture
   * or refund a second time for a modification's outcome. The plugin's subscriber places the order,
   * records a payment a stopped completion left out, gives back a payment no order will use, and
   * books modifications, each asking Avirato itself.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const authentication = authenticateWebhook(payload, this.options_)
    if (!authentication.valid) {
      // The route middleware already refused forged and stale webhooks with a 401; this second check
      // (against the receipt time it stamped) covers events that reach the queue another way.
      // Throwing makes Medusa log it and drop the event: they change nothing.
      throw new Error(`Avirato webhook rejected: ${authentication.reason}`)
    }
    if ("unsigned" in authentication) this.logger_.warn("Avirato: accepted an unsigned test webhook (acceptUnsignedTestWebhooks)")
    return { action: PaymentActions.NOT_SUPPORTED }
  }

  private async readStatus(raw: Record<string, unknown> | undefined): Promise<{ status: MedusaSessionStatus; data: Record<string, unknown> }> {
    const data = readPaymentData(raw)
    if (!data.avirato_session_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Avirato: the payment session has no avirato_session_id")
    }
    const session = await this.client_.getSession(data.avirato_session_id)
    this.assertSameSession(data, session)
    const outcome = sessionOutcome(session)
    const status = toMedusaSessionStatus(outcome, data.mode === "preauth" ? "preauth" : "auto")
    // A pre-authorisation lapses unless captured or extended: its expiry is recorded when first seen paid.
    const base = outcome.kind === "paid" && data.mode === "preauth" ? withAuthorizationExpiry({ ...raw }, "avirato-preauth", new Date()) : raw
    return {
      status,
      data: {
        ...base,
        session_status: session.status,
        confirmation: {
          outcome: outcome.kind,
          ...(outcome.kind === "awaiting_shopper" && outcome.lastAttemptStatus ? { last_attempt_status: outcome.lastAttemptStatus } : {}),
          at: new Date().toISOString(),
        },
        ...(outcome.kind === "paid" ? { payment_reference: outcome.paymentReference } : {}),
      },
    }
  }

  /** The session Avirato reports must be the one we created, for the amount we asked. */
  private assertSameSession(data: Partial<AviratoPaymentData>, session: AviratoSession): void {
    const sameReference = session.customReference === data.session_id
    const sameAmount = session.amount.value === data.amount && session.amount.currency.toUpperCase() === data.currency
    if (!sameReference || !sameAmount) {
      throw new Error(
        `Avirato: session ${session.sessionId} does not match payment session ${data.session_id} ` +
          `(${sameReference ? "amount" : "customReference"} differs)`
      )
    }
  }

  private requirePaymentReference(data: Partial<AviratoPaymentData>, operation: string): string {
    if (!data.payment_reference) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Avirato: cannot ${operation} a payment that has no paymentReference yet`)
    }
    return data.payment_reference
  }

  private record(key: string, reference: string | null | undefined, extra: Partial<ModificationRecord>): ModificationRecord {
    return {
      idempotency_key: key,
      ...extra,
      ...(reference ? { reference } : {}),
      status: "requested",
      requested_at: new Date().toISOString(),
    }
  }

  private toMinor(amount: unknown, currency: string, field: string): number {
    try {
      return medusaAmountToMinor(amount as Parameters<typeof medusaAmountToMinor>[0], currency)
    } catch (error) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avirato: ${field} ${(error as Error).message}`)
    }
  }

  /** Optional storefront hints in the session data, validated before use. */
  private storefrontOverrides(data: Record<string, unknown> | undefined): { countryCode?: string; shopperLocale?: string } {
    const country = typeof data?.country_code === "string" ? data.country_code.toUpperCase() : undefined
    const locale = typeof data?.shopper_locale === "string" ? data.shopper_locale : undefined
    if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Avirato: data.country_code must be an ISO 3166-1 alpha-2 code")
    }
    if (locale !== undefined && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(locale)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Avirato: data.shopper_locale must be a BCP-47 tag of at most 10 characters")
    }
    if (locale !== undefined && locale.length > 10) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Avirato: data.shopper_locale must be a BCP-47 tag of at most 10 characters")
    }
    return { countryCode: country, shopperLocale: locale }
  }

  /** Vendor refusals become clear Medusa errors (with Avirato's code and traceId); the rest is rethrown. */
  private async vendorCall<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      if (error instanceof AviratoApiError && !error.retryable) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avirato refused to ${what}: ${error.message}`)
      }
      if (isAmbiguous(error)) {
        this.logger_.error(`Avirato: could not ${what}, outcome unknown after retries: ${(error as Error).message}`)
      }
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Avirato: could not ${what}: ${(error as Error).message}`)
    }
  }
}

/** No answer, a lost connection, an unreadable answer or a server error after every retry: it may have been applied. */
export function refundOutcomeUnknown(error: unknown): boolean {
  return isAmbiguous(error) || error instanceof VendorProtocolError || (error instanceof AviratoApiError && error.status >= 500)
}

function formatMinor(minor: number, currency: string | undefined): string {
  return `${minorToDecimalString(minor, currency ?? "EUR")} ${currency ?? ""}`.trim()
}
