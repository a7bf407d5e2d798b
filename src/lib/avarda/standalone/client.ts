/**
 * Typed client of Avarda's CheckOut2Api "Standalone Credit": HTTP Basic with the
 * site code and password, PascalCase JSON, zod-parsed answers, the three error formats parsed into
 * one StandaloneApiError, per-call timeouts. It never retries: an authorize call is not idempotent,
 * and a commerce call is safe to repeat only with the same TranId, which is the caller's decision.
 */
import type { Dispatcher } from "undici"
import { parseJsonBody, tryParseJson, VendorHttpClient, type VendorRequest, type VendorResponse } from "../../http/vendor-http-client"
import { parseStandaloneError, STANDALONE_ERROR_CODES, StandaloneApiError, StandaloneUnreadableAnswerError } from "./errors"
import {
  AUTHORIZE_PATHS,
  type StandaloneAuthorizeRequest,
  type StandaloneCancelPaymentRequest,
  type StandaloneOrderRequest,
  type StandaloneProduct,
  type StandaloneRefundRemainingRequest,
  type StandaloneRefundRequest,
} from "./request"
import { authorizeSuccessSchema, paymentStatusSchema, type PaymentStatusBody } from "./schemas"

export interface StandaloneTimeouts {
  /** Credit decisions can be slow (assumption U21). Default 30 000 ms. */
  authorizeMs: number
  /** Status and commerce calls. Default 15 000 ms. */
  requestMs: number
}

export const DEFAULT_STANDALONE_TIMEOUTS: StandaloneTimeouts = { authorizeMs: 30_000, requestMs: 15_000 }

export interface StandaloneClientOptions {
  /** e.g. https://stage.avarda.org/CheckOut2 (see `standaloneBaseUrl`). */
  baseUrl: string
  siteCode: string
  sitePassword: string
  timeouts?: Partial<StandaloneTimeouts>
  /** For tests: a custom undici dispatcher. */
  dispatcher?: Dispatcher
}

export type StandaloneAuthorizeOutcome =
  | { kind: "approved"; externalId: string; creditLimit?: number; requireDeliveryAuthorization?: boolean }
  | { kind: "electronic_id_required"; externalId: string }
  /** Credit denied: show `error.localizedMessage` to the shopper. */
  | { kind: "rejected"; error: StandaloneApiError }
  /** Avarda found the request invalid (a developer / set-up problem). */
  | { kind: "invalid_request"; error: StandaloneApiError }
  /** HTTP 5xx: Avarda failed; nothing usable was created. */
  | { kind: "technical_error"; error: StandaloneApiError }

export type StandaloneCommerceOperation = "PurchaseOrder" | "ReturnOrder" | "Refund" | "RefundRemaining" | "CancelPayment"

const OPERATION_NAMES: Record<StandaloneCommerceOperation, string> = {
  PurchaseOrder: "avarda.checkout2.purchase-order",
  ReturnOrder: "avarda.checkout2.return-order",
  Refund: "avarda.checkout2.refund",
  RefundRemaining: "avarda.checkout2.refund-remaining",
  CancelPayment: "avarda.checkout2.cancel-payment",
}

export class StandaloneCreditClient {
  private readonly http: VendorHttpClient
  private readonly timeouts: StandaloneTimeouts
  private readonly authorization: string

  constructor(options: StandaloneClientOptions) {
    this.timeouts = { ...DEFAULT_STANDALONE_TIMEOUTS, ...options.timeouts }
    this.http = new VendorHttpClient({ baseUrl: options.baseUrl, timeoutMs: this.timeouts.requestMs, dispatcher: options.dispatcher })
    this.authorization = `Basic ${Buffer.from(`${options.siteCode}:${options.sitePassword}`, "utf8").toString("base64")}`
  }

  /** `AuthorizeInvoiceEID` and siblings: one attempt only. */
  async authorize(product: StandaloneProduct, request: StandaloneAuthorizeRequest): Promise<StandaloneAuthorizeOutcome> {
    const operation = `avarda.checkout2.authorize.${product}`
    const res = await this.send({ operation, method: "POST", path: AUTHORIZE_PATHS[product], json: request, timeoutMs: this.timeouts.authorizeMs })
    if (res.status >= 200 && res.status < 300) {
      const body = parseJsonBody(operation, res.text, authorizeSuccessSchema)
      if (body.IsElectronicValidationNeeded) return { kind: "electronic_id_required", externalId: body.ExternalId }
      return {
        kind: "approved",
        externalId: body.ExternalId,
        ...(body.CreditLimit !== undefined && body.CreditLimit !== null ? { creditLimit: body.CreditLimit } : {}),
        ...(typeof body.RequireDeliveryAuthorization === "boolean" ? { requireDeliveryAuthorization: body.RequireDeliveryAuthorization } : {}),
      }
    }
    const error = parseStandaloneError(operation, res.status, res.text, [request.IdentificationNumber])
    if (res.status === 401) throw error
    if (res.status >= 500) return { kind: "technical_error", error }
    if (error.format === "authorize" && !isValidationCode(error)) return { kind: "rejected", error }
    return { kind: "invalid_request", error }
  }

  /** `GetPaymentStatus`: the purchase's `State` (only 2 = Completed is approved). */
  async getPaymentStatus(purchaseId: string): Promise<PaymentStatusBody> {
    const operation = "avarda.checkout2.status"
    const res = await this.send({ operation, method: "POST", path: "CheckOut2Api/GetPaymentStatus", json: { PurchaseId: purchaseId } })
    if (res.status < 200 || res.status >= 300) throw parseStandaloneError(operation, res.status, res.text)
    return parseJsonBody(operation, res.text, paymentStatusSchema)
  }

  purchaseOrder(body: StandaloneOrderRequest): Promise<void> {
    return this.commerce("PurchaseOrder", body)
  }

  returnOrder(body: StandaloneOrderRequest): Promise<void> {
    return this.commerce("ReturnOrder", body)
  }

  refund(body: StandaloneRefundRequest): Promise<void> {
    return this.commerce("Refund", body)
  }

  refundRemaining(body: StandaloneRefundRemainingRequest): Promise<void> {
    return this.commerce("RefundRemaining", body)
  }

  cancelPayment(body: StandaloneCancelPaymentRequest): Promise<void> {
    return this.commerce("CancelPayment", body)
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  /** Commerce calls answer 200 with an empty body; errors are HTTP 400 with `[{ErrorCode, ErrorMessage}]`. */
  private async commerce(name: StandaloneCommerceOperation, json: unknown): Promise<void> {
    const operation = OPERATION_NAMES[name]
    const res = await this.send({ operation, method: "POST", path: `CheckOut2Api/Commerce/${name}`, json })
    if (res.status >= 200 && res.status < 300) {
      // A success is an empty body (or JSON): anything else means the answer was cut off, so we cannot tell.
      if (res.text.trim() && tryParseJson(res.text) === undefined) {
        throw new StandaloneUnreadableAnswerError(`${operation}: HTTP ${res.status} with an unreadable body (the call may have been processed)`, operation)
      }
      return
    }
    throw parseStandaloneError(operation, res.status, res.text)
  }

  private send(request: VendorRequest): Promise<VendorResponse> {
    return this.http.request({ ...request, headers: { ...request.headers, authorization: this.authorization } })
  }
}

/** Validation answers of the authorize calls are developer errors, not credit decisions. */
function isValidationCode(error: StandaloneApiError): boolean {
  return error.code === STANDALONE_ERROR_CODES.invalidRequest || /^InvalidRequest$/i.test(error.userErrorMessage ?? "")
}

