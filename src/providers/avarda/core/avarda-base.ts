/**
 * All logic of the Avarda Authorization API providers (invoice, part-payment, loan, direct invoice).
 * Subclasses only say which product they are and which product fields they add (Stripe style).
 *
 * Lifecycle (spec §3.10, contract §A):
 * - initiatePayment: takes the server-built credit request from the one-time hand-off (store route
 *   `POST /store/avarda/payment-sessions`), creates the authorization with orderReference = session
 *   id, returns public-safe data. 201 → pending (ready), 202 → requires_more + redirect_url,
 *   422/500/timeout → error with the authorization id where known, 400 → thrown developer error.
 * - authorizePayment / updatePayment / getPaymentStatus: re-read `GET /authorization/{id}`; never
 *   trust what the storefront or the redirect says.
 * - capturePayment: runs the capture plan in payment data (rows of a shipment, or of an admin
 *   amount) with a tranId stable across retries, after Avarda set `inBackOffice`.
 * - refundPayment: `/return` with rows per VAT rate. cancelPayment / deletePayment: `/cancel` while
 *   nothing was captured; a partly captured authorization is refused (its rest stays for the coming
 *   shipments; when the order is cancelled the rest is recorded for the admin).
 */
import { withAuthorizationExpiry } from "../../../lib/authorization-expiry"
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
import { isAmbiguous, VendorConnectError, VendorError } from "../../../lib/http/errors"
import type { AuthorizationApiClient } from "../../../lib/avarda/authorization-api/client"
import { buildCreateAuthorizationRequest, type ShopRequestFields } from "../../../lib/avarda/authorization-api/create-request"
import { creditDecision, decisionOfStatus, type CreditDecision } from "../../../lib/avarda/authorization-api/credit-decision"
import { authorizationApiBaseUrl } from "../../../lib/avarda/authorization-api/environments"
import { AvardaOrderManagementError, refundOutcomeUnknown } from "../../../lib/avarda/authorization-api/errors"
import { toAvardaItems, type AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { assertValidCreateRequest, CreditRequestInvalidError, itemIssues } from "../../../lib/avarda/authorization-api/request-validation"
import { sharedAuthorizationApiClient } from "../../../lib/avarda/authorization-api/shared-client"
import {
  activeCapturePlan,
  capturedMinor,
  refundableByTaxRate,
  remainingCapturePlan,
  remainingToCaptureMinor,
  withoutCapturePlan,
  type UnconfirmedCall,
} from "../../../lib/avarda/credit-ledger"
import { CREDIT_REQUEST_REF_KEY, creditRequestHandoff } from "../../../lib/avarda/credit-request-handoff"
import { localeOf } from "../../../lib/avarda/markets"
import { shopperLanguageOfLocale, shopperMessage, type ShopperMessageKey } from "../../../lib/avarda/shopper-messages"
import { rowsPerTaxRate } from "../../../lib/avarda/vat-rate-rows"
import { assertAmountWithinLimits, assertProductOffered, chooseOfferedPaymentTerm } from "../../shared/credit-offer"
import { medusaAmountToMinor } from "../../shared/medusa-amount"
import { validateProviderOptions } from "../../shared/provider-options"
import { operationalSettingsOf, parseAvardaOptions, type AvardaOperationalSettings, type AvardaOptions } from "./options"
import { requireReturnStateKey, returnStateKeyOfCradle } from "../../../lib/return-state/server-key"
import type { ReturnStateKey } from "../../../lib/return-state/return-state"
import { idValidationReturnUrl } from "./id-validation-return"
import { readAvardaPaymentData, type AvardaPaymentData } from "./payment-data"
import { avardaTranId, tranIdOf } from "./tran-id"

type Cradle = { logger?: Logger } & Record<string, unknown>

export { ID_VALIDATION_RETURN_PATH } from "./id-validation-return"

export abstract class AvardaBase extends AbstractPaymentProvider<AvardaOptions> {
  protected readonly options_: AvardaOptions
  protected readonly logger_: Logger | undefined
  protected readonly client_: AuthorizationApiClient
  /** Signs the `state` of return URLs; undefined when Medusa's config holds no secret (sessions needing ID validation then fail). */
  protected readonly returnStateKey_: ReturnStateKey | undefined

  /** Which credit product this provider sells. */
  protected abstract readonly product: AuthorizationProduct

  static override validateOptions(options: Record<string, unknown>): void {
    validateProviderOptions(parseAvardaOptions, options)
  }

  constructor(cradle: Cradle, options: Record<string, unknown>) {
    super(cradle, options as AvardaOptions)
    this.options_ = parseAvardaOptions(options)
    this.logger_ = cradle.logger
    this.returnStateKey_ = returnStateKeyOfCradle(cradle)
    this.client_ = sharedAuthorizationApiClient({
      baseUrl: authorizationApiBaseUrl(this.options_.environment),
      clientId: this.options_.clientId,
      clientSecret: this.options_.clientSecret,
      timeouts: { createMs: this.options_.timeouts.createAuthorizationMs, requestMs: this.options_.timeouts.requestMs },
    })
  }

  /** Settings a store owner may change at run time, as stored now: always read them through here. */
  protected operationalSettings(): Promise<AvardaOperationalSettings> {
    return operationalSettingsOf(this.options_)
  }

  /** Product-specific request fields; `paymentTerms` is the validated term for loan / part-payment. */
  protected productFields(_paymentTerms: number | undefined): Partial<ShopRequestFields> {
    return {}
  }

  /** Terms this product offers, empty when it has none. */
  protected async offeredPaymentTerms(): Promise<number[]> {
    return []
  }

  // ---------------------------------------------------------------- checkout

  async initiatePayment({ data, amount, currency_code }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = String(data?.session_id ?? "")
    const handoff = creditRequestHandoff().take(data?.[CREDIT_REQUEST_REF_KEY])
    if (!handoff) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${this.getIdentifier()}: create Avarda payment sessions with POST /store/avarda/payment-sessions ` +
          "{ cart_id, provider_id, personal_id_number, payment_terms? }: the credit request is built on the server from the cart " +
          "(a missing, expired or reused credit_request_ref ends here)"
      )
    }
    assertProductOffered(this.getIdentifier(), this.options_.products, this.product)
    const { application, personalIdNumber } = handoff
    if (application.currency !== currency_code?.toLowerCase() || application.amountMinor !== medusaAmountToMinor(amount, currency_code)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The cart changed while the Avarda payment session was created: create it again")
    }
    assertAmountWithinLimits(this.getIdentifier(), this.options_.amountLimits, this.product, application.amountMinor, application.currency)
    const paymentTerms = chooseOfferedPaymentTerm(this.product, await this.offeredPaymentTerms(), handoff.paymentTerms)
    const request = buildCreateAuthorizationRequest(application, personalIdNumber, {
      orderReference: sessionId,
      posId: this.options_.posId,
      idValidationCallbackUrl: idValidationReturnUrl(this.options_.backendUrl, sessionId, requireReturnStateKey(this.returnStateKey_)),
      ...(this.options_.emailInvoice !== undefined ? { emailInvoice: this.options_.emailInvoice } : {}),
      ...(this.options_.forcedDistributionMethod !== undefined ? { forcedDistributionMethod: this.options_.forcedDistributionMethod } : {}),
      ...this.productFields(paymentTerms),
    })
    try {
      assertValidCreateRequest(this.product, request)
    } catch (error) {
      if (error instanceof CreditRequestInvalidError) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
      throw error
    }

    const language = localeOf(application.market)
    const text = (key: ShopperMessageKey) => shopperMessage(key, shopperLanguageOfLocale(language))
    const base: AvardaPaymentData = {
      vendor: "avarda-authorization-api",
      product: this.product,
      order_reference: sessionId,
      currency_code: application.currency,
      amount_minor: application.amountMinor,
      rows: application.rows,
      captures: [],
      returns: [],
      decision: creditDecision("unknown"),
      ...(paymentTerms !== undefined ? { payment_terms: paymentTerms } : {}),
      language,
      id_validation: "not_required",
      [CREDIT_REQUEST_REF_KEY]: null,
    }
    let outcome
    try {
      outcome = await this.client_.createAuthorization(this.product, request)
    } catch (error) {
      const unknown = !(error instanceof VendorConnectError)
      this.logger_?.warn(
        `Avarda ${this.product}: creating the authorization for session ${sessionId} failed (${(error as Error).message}); ` +
          (unknown ? "Avarda may have created it: look it up by orderReference" : "the request never reached Avarda")
      )
      const message = text(unknown ? "unknown_decision" : "unreachable")
      return { id: sessionId, status: PaymentSessionStatus.ERROR, data: { ...base, decision: creditDecision(unknown ? "unknown" : "failed", { message }) } }
    }

    switch (outcome.kind) {
      case "approved":
        this.logger_?.info(`Avarda ${this.product}: authorization ${outcome.authorizationId} approved for session ${sessionId}`)
        return {
          id: outcome.authorizationId,
          status: PaymentSessionStatus.PENDING,
          data: {
            ...base,
            authorization_id: outcome.authorizationId,
            decision: creditDecision("approved", { credit_limit: outcome.creditLimit ?? null }),
          },
        }
      case "id_validation_required":
        this.logger_?.info(`Avarda ${this.product}: authorization ${outcome.authorizationId} needs ID validation (session ${sessionId})`)
        return {
          id: outcome.authorizationId,
          status: PaymentSessionStatus.REQUIRES_MORE,
          data: {
            ...base,
            authorization_id: outcome.authorizationId,
            redirect_url: outcome.redirectUrl,
            id_validation: "required",
            decision: creditDecision("pending_id_validation", { in_back_office: false }),
          },
        }
      case "rejected":
        this.logger_?.info(`Avarda ${this.product}: credit rejected for session ${sessionId} (errorCode ${outcome.errorCode ?? "?"}, authorization ${outcome.authorizationId ?? "-"})`)
        return {
          id: outcome.authorizationId ?? sessionId,
          status: PaymentSessionStatus.ERROR,
          data: {
            ...base,
            // Always written (undefined when Avarda gave none): a key the storefront slipped into
            // the session's data must never survive as this session's authorization.
            authorization_id: outcome.authorizationId,
            decision: creditDecision("rejected", {
              error_code: outcome.errorCode ?? null,
              message: outcome.errorMessage ?? text("credit_not_approved"),
            }),
          },
        }
      case "technical_error":
        this.logger_?.warn(
          `Avarda ${this.product}: technical error (HTTP ${outcome.status}, errorCode ${outcome.errorCode ?? "?"}) for session ${sessionId}, authorization ${outcome.authorizationId ?? "-"}`
        )
        return {
          id: outcome.authorizationId ?? sessionId,
          status: PaymentSessionStatus.ERROR,
          data: {
            ...base,
            // Always written (undefined when Avarda gave none): a key the storefront slipped into
            // the session's data must never survive as this session's authorization.
            authorization_id: outcome.authorizationId,
            decision: creditDecision("failed", {
              error_code: outcome.errorCode ?? null,
              message: text("technical_error"),
            }),
          },
        }
      case "invalid_request": {
        const details = Object.entries(outcome.errors)
          .map(([field, messages]) => `${field}: ${messages.join(" ")}`)
          .join("; ")
        this.logger_?.error(`Avarda ${this.product}: request for session ${sessionId} refused as invalid (HTTP 400): ${details}`)
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Avarda refused the credit request as invalid (HTTP 400): ${details || outcome.title || "no details"}`
        )
      }
    }
  }

  async authorizePayment({ data }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return this.refresh(data)
  }

  /**
   * Core never calls this (contract §A.3). The plugin uses it, through the Payment Module's
   * `updatePaymentSession`, to re-read the authorization (return route, reconciliation job); an
   * Avarda authorization cannot change its amount.
   */
  async updatePayment({ data, amount, currency_code }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const stored = readAvardaPaymentData(data)
    if (stored && amount !== undefined && medusaAmountToMinor(amount, currency_code) !== stored.amount_minor) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "An Avarda authorization cannot change its amount: create a new payment session")
    }
    return this.refresh(data)
  }

  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const stored = readAvardaPaymentData(data)
    if (stored?.cancellation) return { status: PaymentSessionStatus.CANCELED, data: stored as unknown as Record<string, unknown> }
    const refreshed = await this.refresh(data)
    if (stored && refreshed.status === PaymentSessionStatus.AUTHORIZED && stored.amount_minor > 0 && remainingToCaptureMinor(stored) <= 0) {
      return { ...refreshed, status: PaymentSessionStatus.CAPTURED }
    }
    return refreshed
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: (await this.refresh(data)).data }
  }

  /** Re-reads the authorization at Avarda and maps it to a session status. */
  protected async refresh(data: Record<string, unknown> | undefined): Promise<{ status: PaymentSessionStatusType; data: Record<string, unknown> }> {
    const stored = readAvardaPaymentData(data)
    if (!stored?.authorization_id) return { status: PaymentSessionStatus.ERROR, data: data ?? {} }
    const decision = decisionOfStatus(await this.readStatus(stored.authorization_id))
    // An approved reservation lapses unless captured: its expiry is recorded when first seen approved.
    const updated: AvardaPaymentData = decision.outcome === "approved" ? withAuthorizationExpiry({ ...stored, decision }, "avarda", new Date()) : { ...stored, decision }
    return { status: sessionStatusOf(decision), data: updated as unknown as Record<string, unknown> }
  }

  private async readStatus(authorizationId: string) {
    try {
      return await this.client_.getAuthorization(authorizationId)
    } catch (error) {
      throw new Error(`Avarda: cannot read authorization ${authorizationId} (${(error as Error).message})`)
    }
  }

  // ---------------------------------------------------------------- after the order

  async capturePayment({ data, context }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const stored = this.requireData(data, "capture")
    const plan =
      activeCapturePlan(stored) ??
      remainingCapturePlan(stored, { tranId: avardaTranId(stored.order_reference, "c", stored.captures.length + 1), orderReference: stored.order_reference })
    if (!plan || plan.amount_minor <= 0) return { data: withoutCapturePlan(stored, plan) as unknown as Record<string, unknown> }
    if (plan.amount_minor > remainingToCaptureMinor(stored)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avarda capture ${plan.tran_id}: ${plan.amount_minor} minor units exceed the ${remainingToCaptureMinor(stored)} still authorized`
      )
    }
    const issues = itemIssues(toAvardaItems(plan.rows, stored.currency_code))
    if (issues.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda capture ${plan.tran_id}: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`)

    let decision: CreditDecision
    try {
      decision = decisionOfStatus(await this.readStatus(stored.authorization_id!))
    } catch (error) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${(error as Error).message}: the capture was not sent and can be retried`)
    }
    if (decision.outcome !== "approved") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Avarda authorization ${stored.authorization_id} is not approved (${decision.outcome}): nothing can be captured`)
    }
    if (!decision.in_back_office) {
      throw new AvardaNotReadyError(stored.authorization_id!)
    }
    try {
      await this.client_.captureOrder(stored.authorization_id!, {
        items: toAvardaItems(plan.rows, stored.currency_code),
        orderReference: plan.order_reference,
        tranId: plan.tran_id,
        posId: this.options_.posId,
        ...(plan.tracking_code ? { trackingCode: plan.tracking_code } : {}),
      })
    } catch (error) {
      throw this.orderManagementFailure("capture", plan.tran_id, stored.authorization_id!, error)
    }
    this.logger_?.info(`Avarda: captured ${plan.amount_minor} minor units of ${stored.authorization_id} (tranId ${plan.tran_id})`)
    const updated: AvardaPaymentData = {
      ...withoutCapturePlan(stored, plan),
      decision,
      captures: [
        ...stored.captures,
        {
          tran_id: plan.tran_id,
          ...(context?.idempotency_key ? { capture_id: context.idempotency_key } : {}),
          source: plan.source,
          order_reference: plan.order_reference,
          ...(plan.fulfillment_id ? { fulfillment_id: plan.fulfillment_id } : {}),
          amount_minor: plan.amount_minor,
          rows: plan.rows,
          lines: plan.lines,
          includes_order_level: plan.includes_order_level,
          captured_at: new Date().toISOString(),
        },
      ],
    }
    return { data: updated as unknown as Record<string, unknown> }
  }

  async refundPayment({ data, amount, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const stored = this.requireData(data, "refund")
    const amountMinor = medusaAmountToMinor(amount, stored.currency_code)
    const refundable = capturedMinor(stored) - stored.returns.reduce((sum, r) => sum + r.amount_minor, 0)
    if (amountMinor <= 0) return { data: stored as unknown as Record<string, unknown> }
    if (amountMinor > refundable) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Avarda refund: ${amountMinor} minor units exceed the ${refundable} captured and not yet returned`)
    }
    const rows = rowsPerTaxRate(amountMinor, refundableByTaxRate(stored), { kind: "refund", description: "Refund" })
    // Medusa's refund id: two refunds clicked at once are two refunds at Avarda, and a refund whose
    // answer was lost stays recorded (unconfirmed) and is re-sent with this same id, never retried anew.
    const tranId = tranIdOf(context?.idempotency_key) ?? avardaTranId(stored.order_reference, "r", stored.returns.length + 1)
    let unconfirmed: UnconfirmedCall | undefined
    try {
      await this.client_.returnItems(stored.authorization_id!, {
        items: toAvardaItems(rows, stored.currency_code),
        orderReference: this.orderReferenceForManagement(stored),
        tranId,
        posId: this.options_.posId,
      })
    } catch (error) {
      // One rule for refunds on both Avarda APIs: only a refusal (4xx) means nothing was done. Without
      // a readable answer the refund stands in Medusa as unconfirmed, for this amount and tranId, and
      // the reconciliation job re-sends exactly it; a retry with another amount can no longer reuse it.
      if (!refundOutcomeUnknown(error)) throw this.orderManagementFailure("refund", tranId, stored.authorization_id!, error)
      unconfirmed = { since: new Date().toISOString(), attempts: 1, last_error: (error as Error).message }
      this.logger_?.warn(
        `Avarda refund of authorization ${stored.authorization_id} (tranId ${tranId}): no readable answer (${unconfirmed.last_error}); ` +
          `recorded as unconfirmed, the reconciliation job re-sends it with the same tranId`
      )
    }
    if (!unconfirmed) this.logger_?.info(`Avarda: returned ${amountMinor} minor units of ${stored.authorization_id} (tranId ${tranId})`)
    const updated: AvardaPaymentData = {
      ...stored,
      returns: [
        ...stored.returns,
        {
          tran_id: tranId,
          ...(context?.idempotency_key ? { refund_id: context.idempotency_key } : {}),
          amount_minor: amountMinor,
          rows,
          returned_at: new Date().toISOString(),
          ...(unconfirmed ? { unconfirmed } : {}),
        },
      ],
    }
    return { data: updated as unknown as Record<string, unknown> }
  }

  async cancelPayment({ data }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const stored = readAvardaPaymentData(data)
    if (!stored?.authorization_id || stored.cancellation) return { data: data ?? {} }
    if (stored.captures.length > 0) {
      // Medusa cancels the uncaptured payments of an order whose collection it re-creates after an
      // order change (a return, an exchange, an edit), and never a partly captured one when the
      // order is cancelled (the order-cancel subscriber records its rest). Refusing keeps the rest
      // authorized for the order's coming shipments; Medusa logs the refusal and goes on.
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avarda: authorization ${stored.authorization_id} is partly captured; its rest stays authorized for the order's coming shipments`
      )
    }
    const reason = "Order canceled in Medusa"
    try {
      await this.client_.cancel(stored.authorization_id, reason)
    } catch (error) {
      // Refused because nothing is reserved (rejected, timed out, already cancelled) is a success.
      if (error instanceof AvardaOrderManagementError && !(await this.stillReserved(stored.authorization_id))) {
        return { data: { ...stored, cancellation: { canceled_at: new Date().toISOString(), reason: "nothing reserved at Avarda" } } as unknown as Record<string, unknown> }
      }
      throw this.orderManagementFailure("cancel", undefined, stored.authorization_id, error)
    }
    this.logger_?.info(`Avarda: cancelled authorization ${stored.authorization_id}`)
    return { data: { ...stored, cancellation: { canceled_at: new Date().toISOString(), reason } } }
  }

  /**
   * Medusa deletes sessions when the cart total changes or another method is chosen: release the
   * reservation so a changed cart never completes with the old authorization. Never throws: a cart
   * update must not fail because Avarda is slow; the session is gone either way.
   */
  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const stored = readAvardaPaymentData(data)
    if (!stored?.authorization_id || stored.captures.length > 0 || stored.cancellation) return { data: data ?? {} }
    if (stored.decision.outcome !== "approved" && stored.decision.outcome !== "pending_id_validation") return { data: data ?? {} }
    try {
      await this.client_.cancel(stored.authorization_id, "Payment session deleted (cart changed or another payment method chosen)")
      this.logger_?.info(`Avarda: cancelled authorization ${stored.authorization_id} of deleted session ${stored.order_reference}`)
      return { data: { ...stored, cancellation: { canceled_at: new Date().toISOString(), reason: "session deleted" } } }
    } catch (error) {
      this.logger_?.warn(
        `Avarda: could not cancel authorization ${stored.authorization_id} of deleted session ${stored.order_reference} (${(error as Error).message}); ` +
          "it cannot be used by any order and lapses at Avarda"
      )
      return { data: data ?? {} }
    }
  }

  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    // The Authorization API sends no webhooks: the return route and the reconciliation job poll.
    return { action: PaymentActions.NOT_SUPPORTED }
  }

  // ---------------------------------------------------------------- helpers

  private requireData(data: Record<string, unknown> | undefined, action: string): AvardaPaymentData {
    const stored = readAvardaPaymentData(data)
    if (!stored?.authorization_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda ${action}: the payment has no Avarda authorization id`)
    }
    return stored
  }

  /** The order's reference used by the captures (its display id), else the session id. */
  private orderReferenceForManagement(stored: AvardaPaymentData): string {
    return stored.captures.at(-1)?.order_reference ?? stored.order_reference
  }

  private async stillReserved(authorizationId: string): Promise<boolean> {
    try {
      return decisionOfStatus(await this.client_.getAuthorization(authorizationId)).outcome === "approved"
    } catch {
      return true
    }
  }

  private orderManagementFailure(action: "capture" | "refund" | "cancel", tranId: string | undefined, authorizationId: string, error: unknown): Error {
    const subject = `Avarda ${action} of authorization ${authorizationId}${tranId ? ` (tranId ${tranId})` : ""}`
    if (isAmbiguous(error)) {
      const message = `${subject}: no answer in time, Avarda may have processed it. Retrying is safe: the retry sends the same tranId.`
      this.logger_?.warn(message)
      return new AvardaOutcomeUnknownError(message)
    }
    if (error instanceof AvardaOrderManagementError) {
      return new MedusaError(MedusaError.Types.NOT_ALLOWED, `${subject} was refused: ${error.message}`)
    }
    if (error instanceof VendorError) return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${subject} failed: ${error.message}`)
    return error instanceof Error ? error : new Error(String(error))
  }
}

/** Avarda's background processing is not done (`inBackOffice` false): capture later. */
export class AvardaNotReadyError extends MedusaError {
  constructor(readonly authorizationId: string) {
    super(
      MedusaError.Types.NOT_ALLOWED,
      `Avarda is still processing authorization ${authorizationId} (inBackOffice is false): the capture can be made in a few minutes`
    )
  }
}

/** The vendor may or may not have done it; retrying with the same tranId is safe. */
export class AvardaOutcomeUnknownError extends MedusaError {
  readonly outcomeUnknown = true

  constructor(message: string) {
    super(MedusaError.Types.UNEXPECTED_STATE, message)
  }
}

function sessionStatusOf(decision: CreditDecision): PaymentSessionStatusType {
  switch (decision.outcome) {
    case "approved":
      return PaymentSessionStatus.AUTHORIZED
    case "pending_id_validation":
      return PaymentSessionStatus.REQUIRES_MORE
    default:
      return PaymentSessionStatus.ERROR
  }
}
