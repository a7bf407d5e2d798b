/**
 * All logic of the Avarda Standalone Credit providers (CheckOut2Api: invoice, direct invoice, loan,
 * part payment). Subclasses only say which product they are and which terms they offer.
 *
 * Lifecycle (spec §4, contract §A):
 * - initiatePayment: takes the server-built credit request from the one-time hand-off (store route
 *   `POST /store/avarda-standalone/payment-sessions`), checks every vendor rule locally, calls
 *   `Authorize…EID` with OrderReference = session id. Approved → pending (ready to complete);
 *   `IsElectronicValidationNeeded` → requires_more + the CheckOut2ElectronicId URL; rejected →
 *   error with Avarda's localized message; a validation answer → a thrown developer error.
 * - authorizePayment / updatePayment / getPaymentStatus: `GetPaymentStatus`; only State 2 counts.
 * - capturePayment: `PurchaseOrder` with the rows of the capture plan (a shipment) or the rest.
 * - refundPayment: `ReturnOrder` with the rows of a received return of exactly that amount, else
 *   `Refund` of the amount. cancelPayment: `CancelPayment` before any delivery, `RefundRemaining`
 *   after one when the plugin asked for it (order cancelled). TranIds are Medusa's ids (fulfillment / capture / refund / payment id).
 * - A commerce call without a readable answer is recorded as unconfirmed and re-sent with the same
 *   TranId by the reconciliation job (Avarda applies a TranId once): never lost, never doubled.
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
import { VendorConnectError } from "../../../lib/http/errors"
import { minorToDecimalNumber } from "../../../lib/money/minor-units"
import { activeCapturePlan, remainingCapturePlan, remainingToCaptureMinor, withoutCapturePlan } from "../../../lib/avarda/credit-ledger"
import { CREDIT_REQUEST_REF_KEY } from "../../../lib/avarda/credit-request-handoff"
import { buildStandaloneAuthorizeRequest } from "../../../lib/avarda/standalone/build-request"
import type { StandaloneCreditClient } from "../../../lib/avarda/standalone/client"
import { standaloneCreditRequestHandoff } from "../../../lib/avarda/standalone/credit-request-handoff"
import { electronicIdUrl } from "../../../lib/avarda/standalone/environments"
import { commerceFailureKind, StandaloneApiError } from "../../../lib/avarda/standalone/errors"
import { userLanguageCodeFor } from "../../../lib/avarda/standalone/languages"
import { shopperLanguageOfLocale, shopperLanguageOfPurchase, shopperMessage, type ShopperMessageKey } from "../../../lib/avarda/shopper-messages"
import { decisionOfState, errorCodeValue, type StandaloneDecision } from "../../../lib/avarda/standalone/purchase-state"
import { toStandaloneItems, type StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { authorizeRequestIssues, orderRequestIssues, refundRequestIssues } from "../../../lib/avarda/standalone/request-validation"
import { avardaTranId, tranIdOf } from "../../avarda/core/tran-id"
import { assertAmountWithinLimits, assertProductOffered, chooseOfferedPaymentTerm } from "../../shared/credit-offer"
import { medusaAmountToMinor } from "../../shared/medusa-amount"
import { validateProviderOptions } from "../../shared/provider-options"
import { electronicIdReturnUrl } from "./electronic-id-return"
import { requireReturnStateKey, returnStateKeyOfCradle } from "../../../lib/return-state/server-key"
import type { ReturnStateKey } from "../../../lib/return-state/return-state"
import { parseStandaloneOptions, standaloneBaseUrlOf, type StandaloneOptions } from "./options"
import {
  creditableMinor,
  readStandalonePaymentData,
  STANDALONE_VENDOR,
  type StandaloneCaptureRecord,
  type StandalonePaymentData,
  type Unconfirmed,
} from "./payment-data"
import { clientOf } from "./runtime-config"

type Cradle = { logger?: Logger } & Record<string, unknown>
type Data = Record<string, unknown>

const asData = (data: StandalonePaymentData): Data => data as unknown as Data
const now = () => new Date().toISOString()

export abstract class StandaloneBase extends AbstractPaymentProvider<StandaloneOptions> {
  protected readonly options_: StandaloneOptions
  protected readonly logger_: Logger | undefined
  /** Signs the `state` of return URLs; undefined when Medusa's config holds no secret (sessions needing the electronic ID then fail). */
  protected readonly returnStateKey_: ReturnStateKey | undefined
  protected readonly client_: StandaloneCreditClient

  /** Which credit product this provider sells. */
  protected abstract readonly product: StandaloneProduct

  static override validateOptions(options: Record<string, unknown>): void {
    validateProviderOptions(parseStandaloneOptions, options)
  }

  constructor(cradle: Cradle, options: Record<string, unknown>) {
    super(cradle, options as StandaloneOptions)
    this.options_ = parseStandaloneOptions(options)
    this.logger_ = cradle.logger
    this.returnStateKey_ = returnStateKeyOfCradle(cradle)
    this.client_ = clientOf(this.options_)
  }

  /** Instalment terms this product offers (loan, part payment); empty when it has none. */
  protected async offeredPaymentTerms(): Promise<number[]> {
    return []
  }

  // ---------------------------------------------------------------- checkout

  async initiatePayment({ data, amount, currency_code }: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = String(data?.session_id ?? "")
    const handoff = standaloneCreditRequestHandoff().take(data?.[CREDIT_REQUEST_REF_KEY])
    if (!handoff) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${this.getIdentifier()}: create Avarda Standalone Credit payment sessions with POST /store/avarda-standalone/payment-sessions ` +
          "{ cart_id, provider_id, personal_id_number, payment_terms? }: the credit request is built on the server from the cart " +
          "(a missing, expired or reused credit_request_ref ends here)"
      )
    }
    assertProductOffered(this.getIdentifier(), this.options_.products, this.product)
    // Before Avarda is asked: a purchase must never be created that could not be returned from.
    const returnStateKey = requireReturnStateKey(this.returnStateKey_)
    const { application, personalIdNumber } = handoff
    if (application.currency !== currency_code?.toLowerCase() || application.amountMinor !== medusaAmountToMinor(amount, currency_code)) {
      throw new MedusaError(MedusaError.Types.CONFLICT, "The cart changed while the Avarda payment session was created: create it again")
    }
    assertAmountWithinLimits(this.getIdentifier(), this.options_.amountLimits, this.product, application.amountMinor, application.currency)
    const paymentTerms = chooseOfferedPaymentTerm(this.product, await this.offeredPaymentTerms(), handoff.paymentTerms)
    const companyName = this.options_.b2b.allowed ? handoff.companyName?.trim() || undefined : undefined
    const request = buildStandaloneAuthorizeRequest(application, personalIdNumber, {
      orderReference: sessionId,
      userLanguageCode: userLanguageCodeFor(this.product, application.market, this.options_.language),
      ...(companyName ? { companyName } : {}),
      ...(this.options_.emailInvoice !== undefined ? { emailInvoice: this.options_.emailInvoice } : {}),
      ...(paymentTerms !== undefined ? { paymentTerms } : {}),
    })
    const issues = authorizeRequestIssues(request, { product: this.product, market: application.market, b2bAllowed: this.options_.b2b.allowed })
    if (issues.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid Avarda Standalone Credit request: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`)
    }

    const text = (key: ShopperMessageKey) => shopperMessage(key, shopperLanguageOfLocale(request.UserLanguageCode))
    const base: StandalonePaymentData = {
      vendor: STANDALONE_VENDOR,
      product: this.product,
      order_reference: sessionId,
      currency_code: application.currency,
      amount_minor: application.amountMinor,
      rows: application.rows,
      captures: [],
      returns: [],
      refunds: [],
      decision: { outcome: "unknown", checked_at: now() },
      ...(paymentTerms !== undefined ? { payment_terms: paymentTerms } : {}),
      ...(companyName ? { company_name: companyName } : {}),
      language: request.UserLanguageCode,
      id_validation: "not_required",
      [CREDIT_REQUEST_REF_KEY]: null,
    }
    const failed = (decision: Omit<StandaloneDecision, "checked_at">, purchaseId?: string): InitiatePaymentOutput => ({
      id: purchaseId ?? sessionId,
      status: PaymentSessionStatus.ERROR,
      // purchase_id always written (undefined when none): a key the storefront slipped into the
      // session's data must never survive as this session's purchase.
      data: asData({ ...base, purchase_id: purchaseId, decision: { ...decision, checked_at: now() } }),
    })

    let outcome
    try {
      outcome = await this.client_.authorize(this.product, request)
    } catch (error) {
      if (error instanceof StandaloneApiError && error.status === 401) {
        this.logger_?.error(`Avarda Standalone ${this.product}: the site code or site password was refused (HTTP 401): check the provider options siteCode / sitePassword`)
        return failed({ outcome: "failed", message: text("method_unavailable") })
      }
      const unknown = !(error instanceof VendorConnectError)
      this.logger_?.warn(
        `Avarda Standalone ${this.product}: authorizing session ${sessionId} failed (${(error as Error).message}); ` +
          (unknown ? "Avarda may have created a purchase with this OrderReference" : "the request never reached Avarda")
      )
      return failed({
        outcome: unknown ? "unknown" : "failed",
        message: text(unknown ? "unknown_decision" : "unreachable"),
      })
    }

    switch (outcome.kind) {
      case "approved":
        this.logger_?.info(`Avarda Standalone ${this.product}: purchase ${outcome.externalId} approved for session ${sessionId}`)
        return {
          id: outcome.externalId,
          status: PaymentSessionStatus.PENDING,
          data: asData({
            ...base,
            purchase_id: outcome.externalId,
            decision: { outcome: "approved", ...(outcome.creditLimit !== undefined ? { credit_limit: outcome.creditLimit } : {}), checked_at: now() },
          }),
        }
      case "electronic_id_required": {
        const returnUrl = electronicIdReturnUrl(this.options_.backendUrl, sessionId, returnStateKey)
        this.logger_?.info(`Avarda Standalone ${this.product}: purchase ${outcome.externalId} needs the electronic ID (session ${sessionId})`)
        return {
          id: outcome.externalId,
          status: PaymentSessionStatus.REQUIRES_MORE,
          data: asData({
            ...base,
            purchase_id: outcome.externalId,
            redirect_url: electronicIdUrl(standaloneBaseUrlOf(this.options_), outcome.externalId, returnUrl),
            id_validation: "required",
            decision: { outcome: "pending_id_validation", checked_at: now() },
          }),
        }
      }
      case "rejected": {
        const { error } = outcome
        this.logger_?.info(`Avarda Standalone ${this.product}: credit rejected for session ${sessionId} (${error.code ?? "?"} ${error.userErrorMessage ?? ""})`)
        const hint = error.merchantHint()
        if (hint) this.logger_?.error(`Avarda Standalone ${this.product}: ${hint}`)
        return failed({
          outcome: "rejected",
          ...(error.code ? { error_code: errorCodeValue(error.code) } : {}),
          message: error.localizedMessage ?? text("credit_not_approved"),
        })
      }
      case "technical_error":
        this.logger_?.warn(`Avarda Standalone ${this.product}: technical error for session ${sessionId} (${outcome.error.message})`)
        return failed({
          outcome: "failed",
          ...(outcome.error.code ? { error_code: errorCodeValue(outcome.error.code) } : {}),
          message: outcome.error.localizedMessage ?? text("technical_error"),
        })
      case "invalid_request": {
        const { error } = outcome
        const hint = error.merchantHint()
        const details = error.entries.map((e) => e.message ?? e.code).filter(Boolean).join("; ") || error.message
        this.logger_?.error(`Avarda Standalone ${this.product}: request for session ${sessionId} refused as invalid: ${details}${hint ? ` (${hint})` : ""}`)
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda refused the credit request as invalid: ${details}${hint ? ` (${hint})` : ""}`)
      }
    }
  }

  async authorizePayment({ data }: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return this.refresh(data)
  }

  /**
   * Core never calls this (contract §A.3). The plugin uses it through the Payment Module's
   * `updatePaymentSession` to re-read the purchase (return route, reconciliation job); a purchase
   * cannot change its amount.
   */
  async updatePayment({ data, amount, currency_code }: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const stored = readStandalonePaymentData(data)
    if (stored && amount !== undefined && medusaAmountToMinor(amount, currency_code) !== stored.amount_minor) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "An Avarda purchase cannot change its amount: create a new payment session")
    }
    return this.refresh(data)
  }

  async getPaymentStatus({ data }: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const stored = readStandalonePaymentData(data)
    if (stored?.cancellation) return { status: PaymentSessionStatus.CANCELED, data: asData(stored) }
    const refreshed = await this.refresh(data)
    if (stored && refreshed.status === PaymentSessionStatus.AUTHORIZED && remainingToCaptureMinor(stored) <= 0) {
      return { ...refreshed, status: PaymentSessionStatus.CAPTURED }
    }
    return refreshed
  }

  async retrievePayment({ data }: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: (await this.refresh(data)).data }
  }

  /** Re-reads the purchase at Avarda (`GetPaymentStatus`) and maps its State to a session status. */
  protected async refresh(data: Data | undefined): Promise<{ status: PaymentSessionStatusType; data: Data }> {
    const stored = readStandalonePaymentData(data)
    if (!stored?.purchase_id) return { status: PaymentSessionStatus.ERROR, data: data ?? {} }
    let state: number
    try {
      state = (await this.client_.getPaymentStatus(stored.purchase_id)).State
    } catch (error) {
      throw new Error(`Avarda Standalone: cannot read the status of purchase ${stored.purchase_id} (${(error as Error).message})`)
    }
    const decision: StandaloneDecision = {
      ...decisionOfState(state, shopperLanguageOfPurchase(stored)),
      ...(stored.decision.credit_limit !== undefined ? { credit_limit: stored.decision.credit_limit } : {}),
    }
    const status =
      decision.outcome === "approved"
        ? PaymentSessionStatus.AUTHORIZED
        : decision.outcome === "pending_id_validation"
          ? PaymentSessionStatus.REQUIRES_MORE
          : PaymentSessionStatus.ERROR
    // An approved purchase lapses unless captured: its expiry is recorded when first seen approved.
    const updated = decision.outcome === "approved" ? withAuthorizationExpiry({ ...stored, decision }, "avarda-standalone", new Date()) : { ...stored, decision }
    return { status, data: asData(updated) }
  }

  // ---------------------------------------------------------------- after the order

  async capturePayment({ data, context }: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const stored = this.requireData(data, "capture")
    if (stored.cancellation || stored.remainder_released) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Avarda purchase ${stored.purchase_id}: the undelivered rest was already released, nothing more can be invoiced`)
    }
    const plan =
      activeCapturePlan(stored) ??
      // Medusa's own capture of the whole payment: TranId = Medusa's capture id where it fits.
      remainingCapturePlan(stored, {
        tranId: tranIdOf(context?.idempotency_key) ?? avardaTranId(stored.order_reference, "c", stored.captures.length + 1),
        orderReference: this.orderReferenceForManagement(stored),
      })
    if (!plan || plan.amount_minor <= 0) return { data: asData(withoutCapturePlan(stored, plan)) }
    if (stored.captures.some((c) => c.tran_id === plan.tran_id)) return { data: asData(withoutCapturePlan(stored, plan)) } // already done
    if (plan.amount_minor > remainingToCaptureMinor(stored)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avarda PurchaseOrder ${plan.tran_id}: ${plan.amount_minor} minor units exceed the ${remainingToCaptureMinor(stored)} still authorized`
      )
    }
    const body = {
      ExternalId: stored.purchase_id!,
      OrderReference: plan.order_reference,
      TranId: plan.tran_id,
      ...(plan.tracking_code ? { TrackingCode: plan.tracking_code } : {}),
      Items: toStandaloneItems(plan.rows, stored.currency_code),
    }
    this.assertNoIssues(`PurchaseOrder ${plan.tran_id}`, orderRequestIssues(body))
    const unconfirmed = await this.commerce("PurchaseOrder", stored, plan.tran_id, () => this.client_.purchaseOrder(body))
    const capture: StandaloneCaptureRecord = {
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
      captured_at: now(),
      ...(unconfirmed ? { unconfirmed } : {}),
    }
    this.logger_?.info(`Avarda Standalone: PurchaseOrder of ${plan.amount_minor} minor units on purchase ${stored.purchase_id} (TranId ${plan.tran_id})${unconfirmed ? " – unconfirmed" : ""}`)
    return { data: asData({ ...withoutCapturePlan(stored, plan), captures: [...stored.captures, capture] }) }
  }

  async refundPayment({ data, amount, context }: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const stored = this.requireData(data, "refund")
    const amountMinor = medusaAmountToMinor(amount, stored.currency_code)
    if (amountMinor <= 0) return { data: asData(stored) }
    const creditable = creditableMinor(stored)
    if (amountMinor > creditable) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avarda refund: ${amountMinor} minor units exceed the ${creditable} invoiced and not yet credited (Avarda credits only delivered goods)`
      )
    }
    const tranId = tranIdOf(context?.idempotency_key) ?? avardaTranId(stored.order_reference, "r", stored.returns.length + stored.refunds.length + 1)
    const orderReference = this.orderReferenceForManagement(stored)
    const plan = (stored.return_plans ?? []).find((p) => p.amount_minor === amountMinor)
    const refundId = context?.idempotency_key ? { refund_id: context.idempotency_key } : {}

    if (plan) {
      const body = { ExternalId: stored.purchase_id!, OrderReference: orderReference, TranId: tranId, Items: toStandaloneItems(plan.rows, stored.currency_code) }
      this.assertNoIssues(`ReturnOrder ${tranId}`, orderRequestIssues(body))
      const unconfirmed = await this.commerce("ReturnOrder", stored, tranId, () => this.client_.returnOrder(body), [], { refund: true })
      this.logger_?.info(`Avarda Standalone: ReturnOrder of return ${plan.return_id} (${amountMinor} minor units) on purchase ${stored.purchase_id} (TranId ${tranId})`)
      return {
        data: asData({
          ...stored,
          return_plans: (stored.return_plans ?? []).filter((p) => p !== plan),
          returns: [
            ...stored.returns,
            {
              tran_id: tranId,
              ...refundId,
              return_id: plan.return_id,
              order_reference: orderReference,
              amount_minor: amountMinor,
              rows: plan.rows,
              lines: plan.lines,
              returned_at: now(),
              ...(unconfirmed ? { unconfirmed } : {}),
            },
          ],
        }),
      }
    }

    const body = { ExternalId: stored.purchase_id!, Amount: minorToDecimalNumber(amountMinor, stored.currency_code), OrderReference: orderReference, TranId: tranId }
    this.assertNoIssues(`Refund ${tranId}`, refundRequestIssues(body))
    const unconfirmed = await this.commerce("Refund", stored, tranId, () => this.client_.refund(body), [], { refund: true })
    this.logger_?.info(`Avarda Standalone: Refund of ${amountMinor} minor units on purchase ${stored.purchase_id} (TranId ${tranId})`)
    return {
      data: asData({
        ...stored,
        refunds: [
          ...stored.refunds,
          { tran_id: tranId, ...refundId, order_reference: orderReference, amount_minor: amountMinor, refunded_at: now(), ...(unconfirmed ? { unconfirmed } : {}) },
        ],
      }),
    }
  }

  /**
   * Order cancelled: before any delivery `CancelPayment` drops the reservation; after a partial
   * delivery `RefundRemaining` releases what was never delivered (the invoiced part is refunded by
   * Medusa's own cancel flow). Nothing reserved any more counts as done.
   */
  async cancelPayment({ data, context }: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const stored = readStandalonePaymentData(data)
    if (!stored?.purchase_id || stored.cancellation || stored.remainder_released) return { data: data ?? {} }
    if (stored.captures.length > 0) {
      const remaining = remainingToCaptureMinor(stored)
      if (remaining <= 0) return { data: asData(stored) }
      // Medusa cancels the uncaptured payments of an order whose collection it re-creates after an
      // order change (a return, an exchange, an edit): the rest is still owed for the order's coming
      // shipments. Only the plugin's own request (the order was cancelled) releases it; Medusa logs
      // the refusal and goes on.
      if (!stored.remainder_release_requested_at) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Avarda Standalone: purchase ${stored.purchase_id} is partly invoiced; its rest stays reserved for the order's coming shipments`
        )
      }
      const orderReference = this.orderReferenceForManagement(stored)
      const tranId = tranIdOf(context?.idempotency_key) ?? `${stored.purchase_id.slice(0, 32)}-rr`
      // 10016 "nothing remaining": released already.
      const unconfirmed = await this.commerce(
        "RefundRemaining",
        stored,
        tranId,
        () => this.client_.refundRemaining({ ExternalId: stored.purchase_id!, OrderReference: orderReference, TranId: tranId }),
        ["10016"]
      )
      this.logger_?.info(`Avarda Standalone: RefundRemaining released ${remaining} minor units of purchase ${stored.purchase_id} (TranId ${tranId})`)
      return {
        data: asData({ ...stored, remainder_released: { amount_minor: remaining, tran_id: tranId, order_reference: orderReference, released_at: now(), ...(unconfirmed ? { unconfirmed } : {}) } }),
      }
    }
    if (stored.decision.outcome !== "approved" && stored.decision.outcome !== "pending_id_validation") {
      return { data: asData({ ...stored, cancellation: { canceled_at: now(), reason: `nothing reserved at Avarda (${stored.decision.outcome})` } }) }
    }
    const reason = "Order canceled in Medusa"
    // 10014 "cancelled": cancelled already.
    const unconfirmed = await this.commerce("CancelPayment", stored, undefined, () => this.client_.cancelPayment({ ExternalId: stored.purchase_id!, Reason: reason }), ["10014"])
    this.logger_?.info(`Avarda Standalone: CancelPayment for purchase ${stored.purchase_id}`)
    return { data: asData({ ...stored, cancellation: { canceled_at: now(), reason, ...(unconfirmed ? { unconfirmed } : {}) } }) }
  }

  /**
   * Medusa deletes sessions when the cart total changes or another method is chosen: release the
   * reservation so a changed cart never completes with the old purchase. Never throws.
   */
  async deletePayment({ data }: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const stored = readStandalonePaymentData(data)
    if (!stored?.purchase_id || stored.captures.length > 0 || stored.cancellation) return { data: data ?? {} }
    if (stored.decision.outcome !== "approved" && stored.decision.outcome !== "pending_id_validation") return { data: data ?? {} }
    try {
      await this.client_.cancelPayment({ ExternalId: stored.purchase_id, Reason: "Payment session deleted (cart changed or another payment method chosen)" })
      this.logger_?.info(`Avarda Standalone: cancelled purchase ${stored.purchase_id} of deleted session ${stored.order_reference}`)
      return { data: asData({ ...stored, cancellation: { canceled_at: now(), reason: "session deleted" } }) }
    } catch (error) {
      this.logger_?.warn(
        `Avarda Standalone: could not cancel purchase ${stored.purchase_id} of deleted session ${stored.order_reference} (${(error as Error).message}); ` +
          "no order can use it"
      )
      return { data: data ?? {} }
    }
  }

  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    // CheckOut2Api sends no webhooks: the return route and the reconciliation job poll GetPaymentStatus.
    return { action: PaymentActions.NOT_SUPPORTED }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Runs a commerce call. Returns undefined when Avarda confirmed it, an Unconfirmed marker when the
   * answer never came (re-sent later with the same TranId), and throws a clear admin-visible error
   * when Avarda refused it or could not be reached.
   */
  private async commerce(
    operation: string,
    stored: StandalonePaymentData,
    tranId: string | undefined,
    call: () => Promise<void>,
    alreadyDoneCodes: string[] = [],
    { refund = false }: { refund?: boolean } = {}
  ): Promise<Unconfirmed | undefined> {
    const subject = `Avarda ${operation}${tranId ? ` (TranId ${tranId})` : ""} on purchase ${stored.purchase_id}`
    try {
      await call()
      return undefined
    } catch (error) {
      const message = (error as Error).message
      switch (commerceFailureKind(error)) {
        case "outcome_unknown":
          this.logger_?.warn(`${subject}: no readable answer (${message}); recorded as unconfirmed, the reconciliation job re-sends it with the same TranId`)
          return { since: now(), attempts: 1, last_error: message }
        case "refused": {
          const apiError = error as StandaloneApiError
          if (alreadyDoneCodes.some((code) => apiError.hasCode(code))) return undefined
          const hint = apiError.merchantHint()
          throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${subject} was refused by Avarda: ${apiError.message.replace(/^[^:]+: /, "")}${hint ? ` (${hint})` : ""}`)
        }
        case "failed":
          // One rule for refunds on both Avarda APIs: a server error may come after the refund was
          // applied, so it is unconfirmed (re-sent with the same TranId), never retried with a new one.
          if (refund && error instanceof StandaloneApiError && error.status >= 500) {
            this.logger_?.warn(`${subject}: ${message}; recorded as unconfirmed, the reconciliation job re-sends it with the same TranId`)
            return { since: now(), attempts: 1, last_error: message }
          }
          throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${subject} failed, nothing was done at Avarda: ${message}. Try again later.`)
      }
    }
  }

  private assertNoIssues(subject: string, issues: Array<{ field: string; message: string }>): void {
    if (issues.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda ${subject}: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`)
  }

  private requireData(data: Data | undefined, action: string): StandalonePaymentData {
    const stored = readStandalonePaymentData(data)
    if (!stored?.purchase_id) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda ${action}: the payment has no Avarda purchase id`)
    return stored
  }

  /** The order's reference used by the deliveries (its display id), else the session id. */
  private orderReferenceForManagement(stored: StandalonePaymentData): string {
    return stored.captures.at(-1)?.order_reference ?? stored.order_reference
  }
}
