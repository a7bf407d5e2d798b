/**
 * The state of every credit authorization of one sandbox: creation outcome, ID validation,
 * time-out, inBackOffice, captures (`/order`), returns and cancel. Time comes from the sandbox
 * clock; time-outs are applied lazily whenever a record is read.
 */
import type { AvardaSandboxSettings } from "../../core/types"
import type { CreditDecision, IdValidationResult } from "../shared/credit-decision"
import { creditLimitMinorOf } from "../shared/credit-decision"
import { movementsInTimeOrder, shopperKeyOf, type CreditPurchaseView } from "../shared/credit-purchase"
import type { InvoiceRow } from "../shared/invoice-rows"
import { LANGUAGE_OF_USER_LANGUAGE_CODE, type Language, type UserLanguageCode } from "../shared/markets"
import { authorizationErrorMessage, type AuthorizationErrorCode } from "../shared/messages"
import { fromMinorUnits } from "../shared/money"
import type { Market } from "../shared/national-id"
import { ORDER_MANAGEMENT_ERRORS, type OrderManagementError } from "./order-management-errors"
import type { AuthorizationProduct } from "./request-schemas"
import type { ValidCreateRequest, ValidOrderManagementRequest } from "./rules"

/** 0 approved, 1 rejected, 2 cancelled (ID validation timed out), 3 failed (internal error). */
export type AuthorizationStatus = 0 | 1 | 2 | 3

export type IdValidationAction = "identify" | "cancel" | "someone-else"

export interface OrderManagementEntry {
  tranId?: string
  orderReference: string
  trackingCode?: string
  rows: InvoiceRow[]
  totalMinor: number
  at: Date
}

export interface AuthorizationRecord {
  authorizationId: string
  product: AuthorizationProduct
  createdAt: Date
  /** Copy of the request as received (plain JSON), returned by GET as `request`. */
  request: unknown
  orderReference: string
  market: Market
  language: Language
  identificationNumber: string
  canonicalIdentificationNumber: string
  firstName?: string
  lastName?: string
  paymentTerms?: number
  totalMinor: number
  creditLimitMinor: number
  idValidationCallbackUrl?: string
  /** Set while the shopper has not finished ID validation. */
  pendingIdValidation?: { identifyResult: IdValidationResult; expiresAt: Date }
  /** Set once the synchronous part (incl. ID validation) is over. */
  outcome?: { status: AuthorizationStatus; errorCode?: AuthorizationErrorCode; at: Date }
  approvedAt?: Date
  /** Control override of the inBackOffice delay. */
  inBackOfficeOverride?: boolean
  captures: OrderManagementEntry[]
  returns: OrderManagementEntry[]
  cancelled?: { reason: string; at: Date }
  /** "order:<tranId>" / "return:<tranId>" already applied (U11: same tranId = one operation). */
  appliedTranIds: Set<string>
}

export type OrderManagementResult = { ok: true; duplicate: boolean } | { ok: false; error: OrderManagementError }

export interface AuthorizationRegistryDeps {
  now(): Date
  settings(): AvardaSandboxSettings
  newAuthorizationId(): string
}

export class AuthorizationRegistry {
  private readonly records = new Map<string, AuthorizationRecord>()

  constructor(private readonly deps: AuthorizationRegistryDeps) {}

  reset(): void {
    this.records.clear()
  }

  create(valid: ValidCreateRequest, requestCopy: unknown, decision: CreditDecision): AuthorizationRecord {
    const now = this.deps.now()
    const record: AuthorizationRecord = {
      authorizationId: this.deps.newAuthorizationId(),
      product: valid.product,
      createdAt: now,
      request: requestCopy,
      orderReference: valid.input.orderReference!,
      market: valid.market,
      language: LANGUAGE_OF_USER_LANGUAGE_CODE[valid.userLanguageCode as UserLanguageCode] ?? "en",
      identificationNumber: valid.identificationNumber,
      canonicalIdentificationNumber: valid.canonicalIdentificationNumber,
      firstName: valid.input.invoicingAddress?.firstName,
      lastName: valid.input.invoicingAddress?.lastName,
      ...(valid.input.paymentTerms === undefined ? {} : { paymentTerms: valid.input.paymentTerms }),
      totalMinor: valid.totalMinor,
      creditLimitMinor: creditLimitMinorOf(valid.market),
      ...(valid.input.idValidationCallbackUrl ? { idValidationCallbackUrl: valid.input.idValidationCallbackUrl } : {}),
      captures: [],
      returns: [],
      appliedTranIds: new Set(),
    }
    switch (decision.kind) {
      case "approved":
        record.outcome = { status: 0, at: now }
        record.approvedAt = now
        break
      case "idValidation":
        record.pendingIdValidation = {
          identifyResult: decision.identifyResult,
          expiresAt: new Date(now.getTime() + this.deps.settings().idValidationTimeoutMs),
        }
        break
      case "rejected":
        record.outcome = { status: 1, errorCode: decision.errorCode, at: now }
        break
      case "technical":
        record.outcome = { status: 3, errorCode: decision.errorCode, at: now }
        break
    }
    this.records.set(record.authorizationId.toLowerCase(), record)
    return record
  }

  /** The record with time-outs applied; ids match case-insensitively (GUIDs). */
  get(authorizationId: string): AuthorizationRecord | undefined {
    const record = this.records.get(authorizationId.toLowerCase())
    if (record) this.settle(record)
    return record
  }

  list(): AuthorizationRecord[] {
    return [...this.records.values()].map((record) => (this.settle(record), record))
  }

  private settle(record: AuthorizationRecord): void {
    const pending = record.pendingIdValidation
    if (pending && this.deps.now() >= pending.expiresAt) {
      record.pendingIdValidation = undefined
      record.outcome = { status: 2, errorCode: 50, at: pending.expiresAt }
    }
  }

  isInBackOffice(record: AuthorizationRecord): boolean {
    if (record.outcome?.status !== 0 || !record.approvedAt) return false
    if (record.inBackOfficeOverride !== undefined) return record.inBackOfficeOverride
    return this.deps.now().getTime() - record.approvedAt.getTime() >= this.deps.settings().inBackOfficeDelayMs
  }

  errorMessageOf(record: AuthorizationRecord): string | undefined {
    const code = record.outcome?.errorCode
    return code === undefined ? undefined : authorizationErrorMessage(code, record.language)
  }

  /**
   * Body of `GET /authorization/{id}`. While ID validation is running there is no `status`
   * (assumption U5, the shape Magento treats as "still waiting").
   */
  statusBody(record: AuthorizationRecord): Record<string, unknown> {
    const outcome = record.outcome
    if (!outcome) {
      return { inBackOffice: false, authorizationId: record.authorizationId, request: record.request }
    }
    return {
      status: outcome.status,
      ...(outcome.status === 0 ? { creditLimit: fromMinorUnits(record.creditLimitMinor) } : {}),
      inBackOffice: this.isInBackOffice(record),
      ...(outcome.errorCode === undefined
        ? {}
        : { errorCode: outcome.errorCode, errorMessage: authorizationErrorMessage(outcome.errorCode, record.language) }),
      authorizationId: record.authorizationId,
      request: record.request,
    }
  }

  /** Finish a pending ID validation (the page's buttons or the control API). */
  completeIdValidation(
    authorizationId: string,
    action: IdValidationAction,
  ): { ok: true; record: AuthorizationRecord } | { ok: false; reason: "not-found" | "not-pending"; record?: AuthorizationRecord } {
    const record = this.get(authorizationId)
    if (!record) return { ok: false, reason: "not-found" }
    const pending = record.pendingIdValidation
    if (!pending) return { ok: false, reason: "not-pending", record }
    const now = this.deps.now()
    record.pendingIdValidation = undefined
    const result: IdValidationResult = action === "cancel" ? 51 : action === "someone-else" ? 52 : pending.identifyResult
    if (result === "approve") {
      record.outcome = { status: 0, at: now }
      record.approvedAt = now
    } else {
      record.outcome = { status: 1, errorCode: result, at: now }
    }
    return { ok: true, record }
  }

  /** Where the ID page sends the browser: `callback?authorizationId=…&orderId=…[&errorCode=…]`. */
  callbackUrlFor(record: AuthorizationRecord): string | undefined {
    const base = record.idValidationCallbackUrl ?? this.deps.settings().defaultIdValidationCallbackUrl
    if (!base) return undefined
    const url = new URL(base)
    url.searchParams.append("authorizationId", record.authorizationId)
    url.searchParams.append("orderId", record.orderReference)
    const code = record.outcome?.errorCode
    if (record.outcome && record.outcome.status !== 0 && code !== undefined) url.searchParams.append("errorCode", String(code))
    return url.toString()
  }

  forceStatus(authorizationId: string, status: AuthorizationStatus, errorCode?: AuthorizationErrorCode): AuthorizationRecord | undefined {
    const record = this.get(authorizationId)
    if (!record) return undefined
    const now = this.deps.now()
    record.pendingIdValidation = undefined
    const defaultCode: Record<AuthorizationStatus, AuthorizationErrorCode | undefined> = { 0: undefined, 1: 1, 2: 50, 3: 101 }
    record.outcome = { status, at: now, ...(status === 0 ? {} : { errorCode: errorCode ?? defaultCode[status] }) }
    if (status === 0) record.approvedAt ??= now
    return record
  }

  setInBackOffice(authorizationId: string, value: boolean | undefined): AuthorizationRecord | undefined {
    const record = this.get(authorizationId)
    if (record) record.inBackOfficeOverride = value
    return record
  }

  private orderManagementGate(record: AuthorizationRecord | undefined): OrderManagementError | undefined {
    if (!record) return ORDER_MANAGEMENT_ERRORS.invalidId
    if (record.outcome?.status !== 0) return ORDER_MANAGEMENT_ERRORS.notApproved
    if (record.cancelled) return ORDER_MANAGEMENT_ERRORS.cancelled
    if (!this.isInBackOffice(record)) return ORDER_MANAGEMENT_ERRORS.notInBackOffice
    return undefined
  }

  capturedMinor(record: AuthorizationRecord): number {
    return record.captures.reduce((sum, entry) => sum + entry.totalMinor, 0)
  }

  returnedMinor(record: AuthorizationRecord): number {
    return record.returns.reduce((sum, entry) => sum + entry.totalMinor, 0)
  }

  capture(authorizationId: string, request: ValidOrderManagementRequest): OrderManagementResult {
    return this.applyOrderManagement("order", authorizationId, request, "captures", (record) => ({
      availableMinor: record.totalMinor - this.capturedMinor(record),
      error: ORDER_MANAGEMENT_ERRORS.exceedsAuthorizedAmount,
    }))
  }

  returnItems(authorizationId: string, request: ValidOrderManagementRequest): OrderManagementResult {
    return this.applyOrderManagement("return", authorizationId, request, "returns", (record) => ({
      availableMinor: this.capturedMinor(record) - this.returnedMinor(record),
      error: ORDER_MANAGEMENT_ERRORS.exceedsCapturedAmount,
    }))
  }

  /** One `/order` or `/return`: gate, same tranId = one operation (U11), amount limit, then the entry. */
  private applyOrderManagement(
    operation: "order" | "return",
    authorizationId: string,
    request: ValidOrderManagementRequest,
    into: "captures" | "returns",
    limit: (record: AuthorizationRecord) => { availableMinor: number; error: OrderManagementError },
  ): OrderManagementResult {
    const record = this.get(authorizationId)
    const refused = this.orderManagementGate(record)
    if (refused) return { ok: false, error: refused }
    const key = request.tranId ? `${operation}:${request.tranId}` : undefined
    if (key && record!.appliedTranIds.has(key)) return { ok: true, duplicate: true }
    const { availableMinor, error } = limit(record!)
    if (request.totalMinor > availableMinor) return { ok: false, error }
    record![into].push(this.entryOf(request))
    if (key) record!.appliedTranIds.add(key)
    return { ok: true, duplicate: false }
  }

  cancel(authorizationId: string, reason: string): OrderManagementResult {
    const record = this.get(authorizationId)
    if (!record) return { ok: false, error: ORDER_MANAGEMENT_ERRORS.invalidId }
    if (record.outcome?.status !== 0) return { ok: false, error: ORDER_MANAGEMENT_ERRORS.notApproved }
    if (record.cancelled) return { ok: true, duplicate: true }
    if (!this.isInBackOffice(record)) return { ok: false, error: ORDER_MANAGEMENT_ERRORS.notInBackOffice }
    if (record.captures.length > 0 || record.returns.length > 0) return { ok: false, error: ORDER_MANAGEMENT_ERRORS.alreadyProcessed }
    record.cancelled = { reason, at: this.deps.now() }
    return { ok: true, duplicate: false }
  }

  private entryOf(request: ValidOrderManagementRequest): OrderManagementEntry {
    return {
      ...(request.tranId ? { tranId: request.tranId } : {}),
      orderReference: request.orderReference,
      ...(request.trackingCode ? { trackingCode: request.trackingCode } : {}),
      rows: request.rows,
      totalMinor: request.totalMinor,
      at: this.deps.now(),
    }
  }

  /** Approved authorizations as purchases for My Pages (purchaseId = authorizationId, U4). */
  creditPurchases(): CreditPurchaseView[] {
    return this.list()
      .filter((record) => record.outcome?.status === 0)
      .map((record) => {
        return {
          purchaseId: record.authorizationId,
          source: "authorization-api" as const,
          shopperKey: shopperKeyOf(record.market, record.canonicalIdentificationNumber),
          market: record.market,
          product: record.product,
          ...(record.paymentTerms === undefined ? {} : { paymentTerms: record.paymentTerms }),
          orderReference: record.orderReference,
          ...(record.firstName ? { firstName: record.firstName } : {}),
          ...(record.lastName ? { lastName: record.lastName } : {}),
          createdAt: record.createdAt,
          movements: movementsInTimeOrder({ capture: record.captures, return: record.returns }),
        }
      })
  }
}
