/**
 * The Standalone Credit API's (CheckOut2Api) side of an Avarda credit payment: `Authorize…EID`,
 * `GetPaymentStatus` (only State 2 counts), `PurchaseOrder` (capture), `ReturnOrder` for a received
 * return of exactly the refunded amount else `Refund`, `CancelPayment` before any delivery and
 * `RefundRemaining` for the rest after one (only when the plugin asked for it: the order was
 * cancelled). A refund, release or cancel whose answer was lost is recorded as unconfirmed and
 * re-sent with the same TranId by the reconciliation job (Avarda applies a TranId once).
 */
import type { CancelPaymentInput, CapturePaymentInput, InitiatePaymentOutput, Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { remainingToCaptureMinor, type CapturePlan } from "../../../lib/avarda/credit-ledger"
import { CREDIT_REQUEST_REF_KEY } from "../../../lib/avarda/credit-request-handoff"
import { shopperLanguageOfLocale, shopperLanguageOfPurchase, shopperMessage, type ShopperMessageKey } from "../../../lib/avarda/shopper-messages"
import { buildStandaloneAuthorizeRequest } from "../../../lib/avarda/standalone/build-request"
import type { StandaloneCreditClient } from "../../../lib/avarda/standalone/client"
import { standaloneCreditRequestHandoff, type StandaloneCreditRequestHandoff } from "../../../lib/avarda/standalone/credit-request-handoff"
import { electronicIdUrl } from "../../../lib/avarda/standalone/environments"
import { commerceFailureKind, StandaloneApiError } from "../../../lib/avarda/standalone/errors"
import { userLanguageCodeFor } from "../../../lib/avarda/standalone/languages"
import { decisionOfState, errorCodeValue, type StandaloneDecision } from "../../../lib/avarda/standalone/purchase-state"
import { toStandaloneItems, type StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { authorizeRequestIssues, orderRequestIssues, refundRequestIssues } from "../../../lib/avarda/standalone/request-validation"
import { VendorConnectError } from "../../../lib/http/errors"
import { minorToDecimalNumber } from "../../../lib/money/minor-units"
import type { AuthorizeCreditInput, AvardaCreditAdapter, CreditApiFacts, RefundCall } from "../../avarda-credit/credit-api-adapter"
import { AvardaOutcomeUnknownError } from "../../avarda-credit/credit-errors"
import { isoNow, orderReferenceForManagement } from "../../avarda-credit/credit-policies"
import { electronicIdReturnUrl } from "./electronic-id-return"
import { standaloneBaseUrlOf, type StandaloneOptions } from "./options"
import { creditableMinor, readStandalonePaymentData, STANDALONE_VENDOR, type StandalonePaymentData, type Unconfirmed } from "./payment-data"
import { tranIdOf } from "../../avarda/core/tran-id"

export interface StandaloneAdapterDeps {
  client: StandaloneCreditClient
  options: StandaloneOptions
  logger: Logger | undefined
}

/** What a commerce call without a readable answer becomes: a typed error (Medusa records nothing) or an unconfirmed record. */
type WhenUnknown = "throw" | "record"

interface CommerceCall {
  operation: string
  tranId: string | undefined
  call: () => Promise<void>
  whenUnknown: WhenUnknown
  /** Avarda codes that mean the call was already made. */
  alreadyDoneCodes?: string[]
  /** A server error may come after the call was applied (refunds): unknown, not failed. */
  serverErrorIsUnknown?: boolean
}

const STANDALONE_API: CreditApiFacts = { label: "Avarda Standalone", creditNoun: "purchase", sessionRoute: "/store/avarda-standalone/payment-sessions", expiryFamily: "avarda-standalone" }

export class StandaloneAdapter implements AvardaCreditAdapter<StandalonePaymentData, StandaloneCreditRequestHandoff> {
  readonly facts = STANDALONE_API
  readonly takeHandoff = (ref: unknown) => standaloneCreditRequestHandoff().take(ref)
  readonly readData = readStandalonePaymentData
  readonly creditIdOf = (data: StandalonePaymentData) => data.purchase_id

  constructor(private readonly deps: StandaloneAdapterDeps) {}

  async authorize({ sessionId, product, handoff, ledger, paymentTerms, returnStateKey }: AuthorizeCreditInput<StandaloneProduct, StandaloneCreditRequestHandoff>): Promise<InitiatePaymentOutput> {
    const { options, logger, client } = this.deps
    const { application, personalIdNumber } = handoff
    const companyName = options.b2b.allowed ? handoff.companyName?.trim() || undefined : undefined
    const request = buildStandaloneAuthorizeRequest(application, personalIdNumber, {
      orderReference: sessionId,
      userLanguageCode: userLanguageCodeFor(product, application.market, options.language),
      ...(companyName ? { companyName } : {}),
      ...(options.emailInvoice !== undefined ? { emailInvoice: options.emailInvoice } : {}),
      ...(paymentTerms !== undefined ? { paymentTerms } : {}),
    })
    const issues = authorizeRequestIssues(request, { product, market: application.market, b2bAllowed: options.b2b.allowed })
    if (issues.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid Avarda Standalone Credit request: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`)
    }

    const text = (key: ShopperMessageKey) => shopperMessage(key, shopperLanguageOfLocale(request.UserLanguageCode))
    const base: StandalonePaymentData = {
      vendor: STANDALONE_VENDOR,
      product,
      ...ledger,
      refunds: [],
      decision: { outcome: "unknown", checked_at: isoNow() },
      ...(paymentTerms !== undefined ? { payment_terms: paymentTerms } : {}),
      ...(companyName ? { company_name: companyName } : {}),
      language: request.UserLanguageCode,
      id_validation: "not_required",
      [CREDIT_REQUEST_REF_KEY]: null,
    }
    const session = (id: string, status: PaymentSessionStatus, data: StandalonePaymentData): InitiatePaymentOutput => ({ id, status, data: data as unknown as Record<string, unknown> })
    // purchase_id always written (undefined when none): a key the storefront slipped into the
    // session's data must never survive as this session's purchase.
    const failed = (decision: Omit<StandaloneDecision, "checked_at">) =>
      session(sessionId, PaymentSessionStatus.ERROR, { ...base, purchase_id: undefined, decision: { ...decision, checked_at: isoNow() } })

    let outcome
    try {
      outcome = await client.authorize(product, request)
    } catch (error) {
      if (error instanceof StandaloneApiError && error.status === 401) {
        logger?.error(`Avarda Standalone ${product}: the site code or site password was refused (HTTP 401): check the provider options siteCode / sitePassword`)
        return failed({ outcome: "failed", message: text("method_unavailable") })
      }
      const unknown = !(error instanceof VendorConnectError)
      logger?.warn(
        `Avarda Standalone ${product}: authorizing session ${sessionId} failed (${(error as Error).message}); ` +
          (unknown ? "Avarda may have created a purchase with this OrderReference" : "the request never reached Avarda")
      )
      return failed({ outcome: unknown ? "unknown" : "failed", message: text(unknown ? "unknown_decision" : "unreachable") })
    }

    switch (outcome.kind) {
      case "approved":
        logger?.info(`Avarda Standalone ${product}: purchase ${outcome.externalId} approved for session ${sessionId}`)
        return session(outcome.externalId, PaymentSessionStatus.PENDING, {
          ...base,
          purchase_id: outcome.externalId,
          decision: { outcome: "approved", credit_limit: null, checked_at: isoNow() },
        })
      case "electronic_id_required": {
        const returnUrl = electronicIdReturnUrl(options.backendUrl, sessionId, returnStateKey)
        logger?.info(`Avarda Standalone ${product}: purchase ${outcome.externalId} needs the electronic ID (session ${sessionId})`)
        return session(outcome.externalId, PaymentSessionStatus.REQUIRES_MORE, {
          ...base,
          purchase_id: outcome.externalId,
          redirect_url: electronicIdUrl(standaloneBaseUrlOf(options), outcome.externalId, returnUrl),
          id_validation: "required",
          decision: { outcome: "pending_id_validation", checked_at: isoNow() },
        })
      }
      case "rejected": {
        const { error } = outcome
        logger?.info(`Avarda Standalone ${product}: credit rejected for session ${sessionId} (${error.code ?? "?"} ${error.userErrorMessage ?? ""})`)
        const hint = error.merchantHint()
        if (hint) logger?.error(`Avarda Standalone ${product}: ${hint}`)
        return failed({
          outcome: "rejected",
          ...(error.code ? { error_code: errorCodeValue(error.code) } : {}),
          message: error.localizedMessage ?? text("credit_not_approved"),
        })
      }
      case "technical_error":
        logger?.warn(`Avarda Standalone ${product}: technical error for session ${sessionId} (${outcome.error.message})`)
        return failed({
          outcome: "failed",
          ...(outcome.error.code ? { error_code: errorCodeValue(outcome.error.code) } : {}),
          message: outcome.error.localizedMessage ?? text("technical_error"),
        })
      case "invalid_request": {
        const { error } = outcome
        const hint = error.merchantHint()
        const details = error.entries.map((e) => e.message ?? e.code).filter(Boolean).join("; ") || error.message
        logger?.error(`Avarda Standalone ${product}: request for session ${sessionId} refused as invalid: ${details}${hint ? ` (${hint})` : ""}`)
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda refused the credit request as invalid: ${details}${hint ? ` (${hint})` : ""}`)
      }
    }
  }

  async readDecision(data: StandalonePaymentData): Promise<StandaloneDecision> {
    const { State } = await this.deps.client.getPaymentStatus(data.purchase_id!)
    return { ...decisionOfState(State, shopperLanguageOfPurchase(data)), credit_limit: null }
  }

  /** `PurchaseOrder` with the plan's rows. */
  async capture(data: StandalonePaymentData, plan: CapturePlan, _context: CapturePaymentInput["context"]): Promise<Partial<StandalonePaymentData>> {
    const body = {
      ExternalId: data.purchase_id!,
      OrderReference: plan.order_reference,
      TranId: plan.tran_id,
      ...(plan.tracking_code ? { TrackingCode: plan.tracking_code } : {}),
      Items: toStandaloneItems(plan.rows, data.currency_code),
    }
    this.assertNoIssues(`PurchaseOrder ${plan.tran_id}`, orderRequestIssues(body))
    await this.commerce(data, { operation: "PurchaseOrder", tranId: plan.tran_id, call: () => this.deps.client.purchaseOrder(body), whenUnknown: "throw" })
    return {}
  }

  refundableMinor(data: StandalonePaymentData): number {
    return creditableMinor(data)
  }

  creditCount(data: StandalonePaymentData): number {
    return data.returns.length + data.refunds.length
  }

  /** `ReturnOrder` with the rows of a received return of exactly this amount, else `Refund` of the amount. */
  async refund(data: StandalonePaymentData, { amountMinor, tranId, orderReference, refundId }: RefundCall): Promise<StandalonePaymentData> {
    const refundKey = refundId ? { refund_id: refundId } : {}
    const plan = (data.return_plans ?? []).find((p) => p.amount_minor === amountMinor)
    if (plan) {
      const body = { ExternalId: data.purchase_id!, OrderReference: orderReference, TranId: tranId, Items: toStandaloneItems(plan.rows, data.currency_code) }
      this.assertNoIssues(`ReturnOrder ${tranId}`, orderRequestIssues(body))
      const unconfirmed = await this.commerce(data, { operation: "ReturnOrder", tranId, call: () => this.deps.client.returnOrder(body), whenUnknown: "record", serverErrorIsUnknown: true })
      this.deps.logger?.info(`Avarda Standalone: ReturnOrder of return ${plan.return_id} (${amountMinor} minor units) on purchase ${data.purchase_id} (TranId ${tranId})`)
      const entry = { tran_id: tranId, ...refundKey, return_id: plan.return_id, order_reference: orderReference, amount_minor: amountMinor, rows: plan.rows, lines: plan.lines, returned_at: isoNow(), ...(unconfirmed ? { unconfirmed } : {}) }
      return { ...data, return_plans: (data.return_plans ?? []).filter((p) => p !== plan), returns: [...data.returns, entry] }
    }
    const body = { ExternalId: data.purchase_id!, Amount: minorToDecimalNumber(amountMinor, data.currency_code), OrderReference: orderReference, TranId: tranId }
    this.assertNoIssues(`Refund ${tranId}`, refundRequestIssues(body))
    const unconfirmed = await this.commerce(data, { operation: "Refund", tranId, call: () => this.deps.client.refund(body), whenUnknown: "record", serverErrorIsUnknown: true })
    this.deps.logger?.info(`Avarda Standalone: Refund of ${amountMinor} minor units on purchase ${data.purchase_id} (TranId ${tranId})`)
    const entry = { tran_id: tranId, ...refundKey, order_reference: orderReference, amount_minor: amountMinor, refunded_at: isoNow(), ...(unconfirmed ? { unconfirmed } : {}) }
    return { ...data, refunds: [...data.refunds, entry] }
  }

  /** `CancelPayment` before any delivery; nothing reserved any more counts as done. */
  async cancel(data: StandalonePaymentData): Promise<StandalonePaymentData> {
    if (data.decision.outcome !== "approved" && data.decision.outcome !== "pending_id_validation") {
      return { ...data, cancellation: { canceled_at: isoNow(), reason: `nothing reserved at Avarda (${data.decision.outcome})` } }
    }
    const reason = "Order canceled in Medusa"
    // 10014 "cancelled": cancelled already.
    const unconfirmed = await this.commerce(data, { operation: "CancelPayment", tranId: undefined, call: () => this.cancelReservation(data, reason), whenUnknown: "record", alreadyDoneCodes: ["10014"] })
    this.deps.logger?.info(`Avarda Standalone: CancelPayment for purchase ${data.purchase_id}`)
    return { ...data, cancellation: { canceled_at: isoNow(), reason, ...(unconfirmed ? { unconfirmed } : {}) } }
  }

  /**
   * After a partial delivery the rest is still owed for the order's coming shipments, unless the
   * plugin asked to release it (the order was cancelled): then `RefundRemaining` releases what was
   * never delivered (Medusa's own cancel flow refunds the invoiced part).
   */
  async release(data: StandalonePaymentData, context: CancelPaymentInput["context"]): Promise<StandalonePaymentData> {
    const remaining = remainingToCaptureMinor(data)
    if (remaining <= 0) return data
    if (!data.remainder_release_requested_at) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Avarda Standalone: purchase ${data.purchase_id} is partly invoiced; its rest stays reserved for the order's coming shipments`
      )
    }
    const orderReference = orderReferenceForManagement(data)
    const tranId = tranIdOf(context?.idempotency_key) ?? `${data.purchase_id!.slice(0, 32)}-rr`
    // 10016 "nothing remaining": released already.
    const unconfirmed = await this.commerce(data, {
      operation: "RefundRemaining",
      tranId,
      call: () => this.deps.client.refundRemaining({ ExternalId: data.purchase_id!, OrderReference: orderReference, TranId: tranId }),
      whenUnknown: "record",
      alreadyDoneCodes: ["10016"],
    })
    this.deps.logger?.info(`Avarda Standalone: RefundRemaining released ${remaining} minor units of purchase ${data.purchase_id} (TranId ${tranId})`)
    return { ...data, remainder_released: { amount_minor: remaining, tran_id: tranId, order_reference: orderReference, released_at: isoNow(), ...(unconfirmed ? { unconfirmed } : {}) } }
  }

  async cancelReservation(data: StandalonePaymentData, reason: string): Promise<void> {
    await this.deps.client.cancelPayment({ ExternalId: data.purchase_id!, Reason: reason })
  }

  captureClosedReason(data: StandalonePaymentData): string | undefined {
    return data.remainder_released ? "the undelivered rest was already released" : undefined
  }

  /**
   * Runs a commerce call. Resolves with undefined when Avarda confirmed it (or had made it already),
   * with an Unconfirmed marker when the answer never came and the call is recorded (re-sent later
   * with the same TranId), and throws when Avarda refused it, could not be reached, or the answer
   * never came for a call Medusa repeats itself (`AvardaOutcomeUnknownError`).
   */
  private async commerce(data: StandalonePaymentData, { operation, tranId, call, whenUnknown, alreadyDoneCodes = [], serverErrorIsUnknown = false }: CommerceCall): Promise<Unconfirmed | undefined> {
    const subject = `Avarda ${operation}${tranId ? ` (TranId ${tranId})` : ""} on purchase ${data.purchase_id}`
    try {
      await call()
      return undefined
    } catch (error) {
      const message = (error as Error).message
      const kind = commerceFailureKind(error)
      if (kind === "refused") {
        const apiError = error as StandaloneApiError
        if (alreadyDoneCodes.some((code) => apiError.hasCode(code))) return undefined
        const hint = apiError.merchantHint()
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${subject} was refused by Avarda: ${apiError.message.replace(/^[^:]+: /, "")}${hint ? ` (${hint})` : ""}`)
      }
      const unknown = kind === "outcome_unknown" || (serverErrorIsUnknown && error instanceof StandaloneApiError && error.status >= 500)
      if (!unknown) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${subject} failed, nothing was done at Avarda: ${message}. Try again later.`)
      if (whenUnknown === "throw") {
        const text = `${subject}: no readable answer (${message}), Avarda may have processed it. Retrying is safe: the retry sends the same TranId.`
        this.deps.logger?.warn(text)
        throw new AvardaOutcomeUnknownError(text)
      }
      this.deps.logger?.warn(`${subject}: no readable answer (${message}); recorded as unconfirmed, the reconciliation job re-sends it with the same TranId`)
      return { since: isoNow(), attempts: 1, last_error: message }
    }
  }

  private assertNoIssues(subject: string, issues: Array<{ field: string; message: string }>): void {
    if (issues.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda ${subject}: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`)
  }
}
