/**
 * The Authorization API's side of an Avarda credit payment: `POST /authorization/{product}`, `GET
 * /authorization/{id}`, `/order` (capture, only once Avarda set `inBackOffice`), `/return` (credit
 * with rows per VAT rate) and `/cancel`. It has no call that releases the uncaptured rest of a partly
 * captured authorization.
 */
import type { CapturePaymentInput, InitiatePaymentOutput, Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AuthorizationApiClient } from "../../../lib/avarda/authorization-api/client"
import { buildCreateAuthorizationRequest, type ShopRequestFields } from "../../../lib/avarda/authorization-api/create-request"
import { creditDecision, decisionOfStatus, type CreditDecision } from "../../../lib/avarda/authorization-api/credit-decision"
import { AvardaOrderManagementError, refundOutcomeUnknown } from "../../../lib/avarda/authorization-api/errors"
import { toAvardaItems, type AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { assertValidCreateRequest, CreditRequestInvalidError, itemIssues } from "../../../lib/avarda/authorization-api/request-validation"
import { capturedMinor, refundableByTaxRate, returnedMinor, type CapturePlan, type UnconfirmedCall } from "../../../lib/avarda/credit-ledger"
import { CREDIT_REQUEST_REF_KEY, creditRequestHandoff, type CreditRequestHandoff } from "../../../lib/avarda/credit-request-handoff"
import { localeOf } from "../../../lib/avarda/markets"
import { shopperLanguageOfLocale, shopperMessage, type ShopperMessageKey } from "../../../lib/avarda/shopper-messages"
import { rowsPerTaxRate } from "../../../lib/avarda/vat-rate-rows"
import { isAmbiguous, VendorConnectError, VendorError } from "../../../lib/http/errors"
import type { AuthorizeCreditInput, AvardaCreditAdapter, CreditApiFacts, RefundCall } from "../../avarda-credit/credit-api-adapter"
import { AvardaNotReadyError, AvardaOutcomeUnknownError } from "../../avarda-credit/credit-errors"
import { isoNow } from "../../avarda-credit/credit-policies"
import { idValidationReturnUrl } from "./id-validation-return"
import type { AvardaOptions } from "./options"
import { readAvardaPaymentData, type AvardaPaymentData } from "./payment-data"

export interface AuthorizationApiAdapterDeps {
  client: AuthorizationApiClient
  options: AvardaOptions
  logger: Logger | undefined
  /** Product-specific request fields; `paymentTerms` is the validated term for loan / part-payment. */
  productFields: (paymentTerms: number | undefined) => Partial<ShopRequestFields>
}

const AUTHORIZATION_API: CreditApiFacts = { label: "Avarda", creditNoun: "authorization", sessionRoute: "/store/avarda/payment-sessions", expiryFamily: "avarda" }

export class AuthorizationApiAdapter implements AvardaCreditAdapter<AvardaPaymentData, CreditRequestHandoff> {
  readonly facts = AUTHORIZATION_API
  readonly takeHandoff = (ref: unknown) => creditRequestHandoff().take(ref)
  readonly readData = (data: Record<string, unknown> | null | undefined) => readAvardaPaymentData(data ?? undefined)
  readonly creditIdOf = (data: AvardaPaymentData) => data.authorization_id

  constructor(private readonly deps: AuthorizationApiAdapterDeps) {}

  async authorize({ sessionId, product, handoff, ledger, paymentTerms, returnStateKey }: AuthorizeCreditInput<AuthorizationProduct, CreditRequestHandoff>): Promise<InitiatePaymentOutput> {
    const { options, logger, client } = this.deps
    const { application, personalIdNumber } = handoff
    const request = buildCreateAuthorizationRequest(application, personalIdNumber, {
      orderReference: sessionId,
      posId: options.posId,
      idValidationCallbackUrl: idValidationReturnUrl(options.backendUrl, sessionId, returnStateKey),
      ...(options.emailInvoice !== undefined ? { emailInvoice: options.emailInvoice } : {}),
      ...(options.forcedDistributionMethod !== undefined ? { forcedDistributionMethod: options.forcedDistributionMethod } : {}),
      ...this.deps.productFields(paymentTerms),
    })
    try {
      assertValidCreateRequest(product, request)
    } catch (error) {
      if (error instanceof CreditRequestInvalidError) throw new MedusaError(MedusaError.Types.INVALID_DATA, error.message)
      throw error
    }

    const language = localeOf(application.market)
    const text = (key: ShopperMessageKey) => shopperMessage(key, shopperLanguageOfLocale(language))
    const base: AvardaPaymentData = {
      vendor: "avarda-authorization-api",
      product,
      ...ledger,
      decision: creditDecision("unknown"),
      ...(paymentTerms !== undefined ? { payment_terms: paymentTerms } : {}),
      language,
      id_validation: "not_required",
      [CREDIT_REQUEST_REF_KEY]: null,
    }
    const session = (id: string, status: PaymentSessionStatus, data: AvardaPaymentData): InitiatePaymentOutput => ({ id, status, data: data as unknown as Record<string, unknown> })
    let outcome
    try {
      outcome = await client.createAuthorization(product, request)
    } catch (error) {
      const unknown = !(error instanceof VendorConnectError)
      logger?.warn(
        `Avarda ${product}: creating the authorization for session ${sessionId} failed (${(error as Error).message}); ` +
          (unknown ? "Avarda may have created it: look it up by orderReference" : "the request never reached Avarda")
      )
      const message = text(unknown ? "unknown_decision" : "unreachable")
      return session(sessionId, PaymentSessionStatus.ERROR, { ...base, decision: creditDecision(unknown ? "unknown" : "failed", { message }) })
    }

    switch (outcome.kind) {
      case "approved":
        logger?.info(`Avarda ${product}: authorization ${outcome.authorizationId} approved for session ${sessionId}`)
        return session(outcome.authorizationId, PaymentSessionStatus.PENDING, {
          ...base,
          authorization_id: outcome.authorizationId,
          decision: creditDecision("approved"),
        })
      case "id_validation_required":
        logger?.info(`Avarda ${product}: authorization ${outcome.authorizationId} needs ID validation (session ${sessionId})`)
        return session(outcome.authorizationId, PaymentSessionStatus.REQUIRES_MORE, {
          ...base,
          authorization_id: outcome.authorizationId,
          redirect_url: outcome.redirectUrl,
          id_validation: "required",
          decision: creditDecision("pending_id_validation", { in_back_office: false }),
        })
      case "rejected":
        logger?.info(`Avarda ${product}: credit rejected for session ${sessionId} (errorCode ${outcome.errorCode ?? "?"}, authorization ${outcome.authorizationId ?? "-"})`)
        // authorization_id always written (undefined when Avarda gave none): a key the storefront
        // slipped into the session's data must never survive as this session's authorization.
        return session(outcome.authorizationId ?? sessionId, PaymentSessionStatus.ERROR, {
          ...base,
          authorization_id: outcome.authorizationId,
          decision: creditDecision("rejected", { error_code: outcome.errorCode ?? null, message: outcome.errorMessage ?? text("credit_not_approved") }),
        })
      case "technical_error":
        logger?.warn(
          `Avarda ${product}: technical error (HTTP ${outcome.status}, errorCode ${outcome.errorCode ?? "?"}) for session ${sessionId}, authorization ${outcome.authorizationId ?? "-"}`
        )
        return session(outcome.authorizationId ?? sessionId, PaymentSessionStatus.ERROR, {
          ...base,
          authorization_id: outcome.authorizationId,
          decision: creditDecision("failed", { error_code: outcome.errorCode ?? null, message: text("technical_error") }),
        })
      case "invalid_request": {
        const details = Object.entries(outcome.errors)
          .map(([field, messages]) => `${field}: ${messages.join(" ")}`)
          .join("; ")
        logger?.error(`Avarda ${product}: request for session ${sessionId} refused as invalid (HTTP 400): ${details}`)
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda refused the credit request as invalid (HTTP 400): ${details || outcome.title || "no details"}`)
      }
    }
  }

  async readDecision(data: AvardaPaymentData): Promise<CreditDecision> {
    return decisionOfStatus(await this.deps.client.getAuthorization(data.authorization_id!))
  }

  /** Captures once Avarda's background processing is done; resolves with the decision it read. */
  async capture(data: AvardaPaymentData, plan: CapturePlan, _context: CapturePaymentInput["context"]): Promise<Partial<AvardaPaymentData>> {
    const authorizationId = data.authorization_id!
    const items = toAvardaItems(plan.rows, data.currency_code)
    const issues = itemIssues(items)
    if (issues.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Avarda capture ${plan.tran_id}: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`)
    let decision: CreditDecision
    try {
      decision = await this.readDecision(data)
    } catch (error) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Avarda: cannot read authorization ${authorizationId} (${(error as Error).message}): the capture was not sent and can be retried`
      )
    }
    if (decision.outcome !== "approved") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Avarda authorization ${authorizationId} is not approved (${decision.outcome}): nothing can be captured`)
    }
    if (!decision.in_back_office) throw new AvardaNotReadyError(authorizationId)
    try {
      await this.deps.client.captureOrder(authorizationId, {
        items,
        orderReference: plan.order_reference,
        tranId: plan.tran_id,
        posId: this.deps.options.posId,
        ...(plan.tracking_code ? { trackingCode: plan.tracking_code } : {}),
      })
    } catch (error) {
      throw this.failure("capture", plan.tran_id, authorizationId, error)
    }
    return { decision }
  }

  refundableMinor(data: AvardaPaymentData): number {
    return capturedMinor(data) - returnedMinor(data)
  }

  creditCount(data: AvardaPaymentData): number {
    return data.returns.length
  }

  /** `/return` with one row per VAT rate of what was captured and not yet returned. */
  async refund(data: AvardaPaymentData, { amountMinor, tranId, orderReference, refundId }: RefundCall): Promise<AvardaPaymentData> {
    const authorizationId = data.authorization_id!
    const rows = rowsPerTaxRate(amountMinor, refundableByTaxRate(data), { kind: "refund", description: "Refund" })
    let unconfirmed: UnconfirmedCall | undefined
    try {
      await this.deps.client.returnItems(authorizationId, { items: toAvardaItems(rows, data.currency_code), orderReference, tranId, posId: this.deps.options.posId })
      this.deps.logger?.info(`Avarda: returned ${amountMinor} minor units of ${authorizationId} (tranId ${tranId})`)
    } catch (error) {
      // Only a refusal (4xx) means nothing was done: without a readable answer the refund stands in
      // Medusa as unconfirmed, for this amount and tranId, and the reconciliation job re-sends it.
      if (!refundOutcomeUnknown(error)) throw this.failure("refund", tranId, authorizationId, error)
      unconfirmed = { since: isoNow(), attempts: 1, last_error: (error as Error).message }
      this.deps.logger?.warn(
        `Avarda refund of authorization ${authorizationId} (tranId ${tranId}): no readable answer (${unconfirmed.last_error}); ` +
          `recorded as unconfirmed, the reconciliation job re-sends it with the same tranId`
      )
    }
    const entry = {
      tran_id: tranId,
      ...(refundId ? { refund_id: refundId } : {}),
      order_reference: orderReference,
      amount_minor: amountMinor,
      rows,
      returned_at: isoNow(),
      ...(unconfirmed ? { unconfirmed } : {}),
    }
    return { ...data, returns: [...data.returns, entry] }
  }

  /** `/cancel`; refused because nothing is reserved any more (rejected, timed out, cancelled) counts as done. */
  async cancel(data: AvardaPaymentData): Promise<AvardaPaymentData> {
    const authorizationId = data.authorization_id!
    const reason = "Order canceled in Medusa"
    try {
      await this.cancelReservation(data, reason)
    } catch (error) {
      if (error instanceof AvardaOrderManagementError && !(await this.stillReserved(data))) {
        return { ...data, cancellation: { canceled_at: isoNow(), reason: "nothing reserved at Avarda" } }
      }
      throw this.failure("cancel", undefined, authorizationId, error)
    }
    this.deps.logger?.info(`Avarda: cancelled authorization ${authorizationId}`)
    return { ...data, cancellation: { canceled_at: isoNow(), reason } }
  }

  /**
   * Refused: the Authorization API cannot release the rest of a partly captured authorization. It
   * stays authorized for the order's coming shipments; when the order is cancelled the order-cancel
   * subscriber records it for the admin. Medusa logs the refusal and goes on.
   */
  async release(data: AvardaPaymentData): Promise<AvardaPaymentData> {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Avarda: authorization ${data.authorization_id} is partly captured; its rest stays authorized for the order's coming shipments`
    )
  }

  async cancelReservation(data: AvardaPaymentData, reason: string): Promise<void> {
    await this.deps.client.cancel(data.authorization_id!, reason)
  }

  captureClosedReason(): string | undefined {
    return undefined
  }

  private async stillReserved(data: AvardaPaymentData): Promise<boolean> {
    try {
      return (await this.readDecision(data)).outcome === "approved"
    } catch {
      return true
    }
  }

  private failure(action: "capture" | "refund" | "cancel", tranId: string | undefined, authorizationId: string, error: unknown): Error {
    const subject = `Avarda ${action} of authorization ${authorizationId}${tranId ? ` (tranId ${tranId})` : ""}`
    if (isAmbiguous(error)) {
      const message = `${subject}: no answer in time, Avarda may have processed it. Retrying is safe: the retry sends the same tranId.`
      this.deps.logger?.warn(message)
      return new AvardaOutcomeUnknownError(message)
    }
    if (error instanceof AvardaOrderManagementError) return new MedusaError(MedusaError.Types.NOT_ALLOWED, `${subject} was refused: ${error.message}`)
    if (error instanceof VendorError) return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${subject} failed: ${error.message}`)
    return error instanceof Error ? error : new Error(String(error))
  }
}
