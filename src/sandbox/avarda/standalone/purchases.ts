/**
 * CheckOut2Api purchases of one sandbox: authorize outcome, electronic-ID step, GetPaymentStatus
 * `State`, and the commerce calls (PurchaseOrder, ReturnOrder, Refund, RefundRemaining,
 * CancelPayment) with their rules.
 */
import type { AvardaSandboxSettings } from "../../core/types"
import type { IdValidationResult } from "../shared/credit-decision"
import { creditLimitMinorOf } from "../shared/credit-decision"
import { movementsInTimeOrder, shopperKeyOf, type CreditProduct, type CreditPurchaseView } from "../shared/credit-purchase"
import type { InvoiceRow } from "../shared/invoice-rows"
import { MARKETS, type Language } from "../shared/markets"
import type { Market } from "../shared/national-id"
import { COMMERCE_ERRORS, type CommerceError } from "./errors"
import type { AuthorizeEidInput } from "./request-schemas"
import type { ValidAuthorizeEid } from "./rules"

/** CheckOutPurchaseState. */
export const PURCHASE_STATE = {
  New: 0,
  BeingProcessed: 1,
  Completed: 2,
  Error: 3,
  WaitingForSignicat: 4,
  SessionTimedOut: 5,
  WaitingForCardPayments: 6,
  WaitingForBankId: 7,
  Cancelled: 8,
  WaitingForFinnishDirectPayment: 9,
  WaitingCreditApproval: 10,
  CreditNotApproved: 11,
  WaitingForSwishPayment: 12,
  PaymentHandledByMerchant: 13,
} as const
export type PurchaseState = (typeof PURCHASE_STATE)[keyof typeof PURCHASE_STATE]

/** PaymentMethod of GetPaymentStatus: direct invoice is reported as Invoice. */
const PAYMENT_METHOD: Record<CreditProduct, number> = { invoice: 0, "direct-invoice": 0, loan: 1, "part-payment": 4 }

export interface CommerceEntry {
  orderReference?: string
  tranId?: string
  rows: InvoiceRow[]
  totalMinor: number
  at: Date
}

export interface StandalonePurchase {
  externalId: string
  product: CreditProduct
  createdAt: Date
  input: AuthorizeEidInput
  market: Market
  language: Language
  canonicalIdentificationNumber: string
  priceMinor: number
  creditLimitMinor: number
  accountNumber: string
  customerToken: string
  state: PurchaseState
  pendingElectronicId?: { identifyResult: IdValidationResult; expiresAt: Date }
  purchaseOrders: CommerceEntry[]
  returnOrders: CommerceEntry[]
  refunds: CommerceEntry[]
  remainingReleased?: { amountMinor: number; at: Date; orderReference: string }
  cancelled?: { reason: string; at: Date }
  /** "<operation>:<TranId>" already applied: a repeated TranId is answered 200 without a second effect. */
  appliedTranIds: Set<string>
}

export type CommerceResult = { ok: true; duplicate: boolean } | { ok: false; error: CommerceError }

export interface CommerceRequest {
  orderReference?: string
  tranId?: string
  rows: InvoiceRow[]
  totalMinor: number
}

export interface StandalonePurchaseDeps {
  now(): Date
  settings(): AvardaSandboxSettings
  newGuid(): string
}

const sum = (entries: CommerceEntry[]) => entries.reduce((total, entry) => total + entry.totalMinor, 0)

export class StandalonePurchaseRegistry {
  private readonly purchases = new Map<string, StandalonePurchase>()
  private accountSequence = 0

  constructor(private readonly deps: StandalonePurchaseDeps) {}

  reset(): void {
    this.purchases.clear()
    this.accountSequence = 0
  }

  create(valid: ValidAuthorizeEid, electronicId: IdValidationResult | undefined): StandalonePurchase {
    const now = this.deps.now()
    this.accountSequence += 1
    const purchase: StandalonePurchase = {
      externalId: this.deps.newGuid().replace(/-/g, ""),
      product: valid.product,
      createdAt: now,
      input: valid.input,
      market: valid.market,
      language: valid.language,
      canonicalIdentificationNumber: valid.canonicalIdentificationNumber,
      priceMinor: valid.priceMinor,
      creditLimitMinor: creditLimitMinorOf(valid.market),
      accountNumber: `1986${String(this.accountSequence).padStart(11, "0")}`,
      customerToken: this.deps.newGuid(),
      state: electronicId === undefined ? PURCHASE_STATE.Completed : PURCHASE_STATE.WaitingForBankId,
      ...(electronicId === undefined
        ? {}
        : {
            pendingElectronicId: {
              identifyResult: electronicId,
              expiresAt: new Date(now.getTime() + this.deps.settings().idValidationTimeoutMs),
            },
          }),
      purchaseOrders: [],
      returnOrders: [],
      refunds: [],
      appliedTranIds: new Set(),
    }
    this.purchases.set(purchase.externalId.toLowerCase(), purchase)
    return purchase
  }

  get(externalId: string | undefined): StandalonePurchase | undefined {
    if (!externalId) return undefined
    const purchase = this.purchases.get(externalId.trim().toLowerCase())
    if (purchase) this.settle(purchase)
    return purchase
  }

  list(): StandalonePurchase[] {
    return [...this.purchases.values()].map((purchase) => (this.settle(purchase), purchase))
  }

  isKnownCustomerToken(token: string): boolean {
    return [...this.purchases.values()].some((purchase) => purchase.customerToken.toLowerCase() === token.toLowerCase())
  }

  private settle(purchase: StandalonePurchase): void {
    const pending = purchase.pendingElectronicId
    if (pending && this.deps.now() >= pending.expiresAt) {
      purchase.pendingElectronicId = undefined
      purchase.state = PURCHASE_STATE.SessionTimedOut
    }
  }

  /**
   * The electronic-ID page's outcome. "OK" approves unless the test identity is one whose ID
   * validation fails (then State 3 Error and the shopper returns with status=Cancel).
   */
  completeElectronicId(
    externalId: string,
    choice: "OK" | "Cancel",
  ): { ok: true; purchase: StandalonePurchase; status: "OK" | "Cancel" } | { ok: false; reason: "not-found" | "not-pending"; purchase?: StandalonePurchase } {
    const purchase = this.get(externalId)
    if (!purchase) return { ok: false, reason: "not-found" }
    const pending = purchase.pendingElectronicId
    if (!pending) return { ok: false, reason: "not-pending", purchase }
    purchase.pendingElectronicId = undefined
    if (choice === "Cancel") {
      purchase.state = PURCHASE_STATE.Cancelled
      return { ok: true, purchase, status: "Cancel" }
    }
    if (pending.identifyResult !== "approve") {
      purchase.state = PURCHASE_STATE.Error
      return { ok: true, purchase, status: "Cancel" }
    }
    purchase.state = PURCHASE_STATE.Completed
    return { ok: true, purchase, status: "OK" }
  }

  forceState(externalId: string, state: PurchaseState): StandalonePurchase | undefined {
    const purchase = this.get(externalId)
    if (!purchase) return undefined
    purchase.pendingElectronicId = undefined
    purchase.state = state
    return purchase
  }

  /** Body of GetPaymentStatus (fields read by Avarda's Checkout-2 Magento module). */
  statusBody(purchase: StandalonePurchase): Record<string, unknown> {
    const input = purchase.input
    const separateDelivery = input.UseDifferentDeliveryAddress === true
    const delivery = (value: string | undefined) => (separateDelivery ? (value ?? null) : null)
    return {
      State: purchase.state,
      PaymentMethod: PAYMENT_METHOD[purchase.product],
      Phone: input.Phone ?? null,
      Mail: input.Mail ?? null,
      InvoicingFirstName: input.InvoicingFirstName ?? null,
      InvoicingLastName: input.InvoicingLastName ?? null,
      InvoicingAddressLine1: input.InvoicingAddressLine1 ?? null,
      InvoicingAddressLine2: input.InvoicingAddressLine2 ?? null,
      InvoicingZip: input.InvoicingZip ?? null,
      InvoicingCity: input.InvoicingCity ?? null,
      DeliveryFirstName: delivery(input.DeliveryFirstName),
      DeliveryLastName: delivery(input.DeliveryLastName),
      DeliveryAddressLine1: delivery(input.DeliveryAddressLine1),
      DeliveryAddressLine2: delivery(input.DeliveryAddressLine2),
      DeliveryZip: delivery(input.DeliveryZip),
      DeliveryCity: delivery(input.DeliveryCity),
      CountryCode: MARKETS[purchase.market].alpha3,
      CustomerToken: purchase.customerToken,
    }
  }

  private gate(purchase: StandalonePurchase | undefined): CommerceError | undefined {
    if (!purchase) return COMMERCE_ERRORS.invalidExternalId
    if (purchase.cancelled) return COMMERCE_ERRORS.cancelled
    if (purchase.state !== PURCHASE_STATE.Completed) return COMMERCE_ERRORS.notCompleted
    return undefined
  }

  invoicedMinor(purchase: StandalonePurchase): number {
    return sum(purchase.purchaseOrders)
  }

  /** Invoiced minus returned and refunded: what can still be credited. */
  creditableMinor(purchase: StandalonePurchase): number {
    return sum(purchase.purchaseOrders) - sum(purchase.returnOrders) - sum(purchase.refunds)
  }

  remainingMinor(purchase: StandalonePurchase): number {
    return purchase.priceMinor - sum(purchase.purchaseOrders) - (purchase.remainingReleased?.amountMinor ?? 0)
  }

  private apply(
    operation: "PurchaseOrder" | "ReturnOrder" | "Refund",
    externalId: string | undefined,
    request: CommerceRequest,
    limit: (purchase: StandalonePurchase) => { max: number; error: CommerceError },
    into: (purchase: StandalonePurchase) => CommerceEntry[],
  ): CommerceResult {
    const purchase = this.get(externalId)
    const refused = this.gate(purchase)
    if (refused) return { ok: false, error: refused }
    const key = request.tranId ? `${operation}:${request.tranId}` : undefined
    if (key && purchase!.appliedTranIds.has(key)) return { ok: true, duplicate: true }
    const { max, error } = limit(purchase!)
    if (request.totalMinor > max) return { ok: false, error }
    into(purchase!).push({
      ...(request.orderReference ? { orderReference: request.orderReference } : {}),
      ...(request.tranId ? { tranId: request.tranId } : {}),
      rows: request.rows,
      totalMinor: request.totalMinor,
      at: this.deps.now(),
    })
    if (key) purchase!.appliedTranIds.add(key)
    return { ok: true, duplicate: false }
  }

  purchaseOrder(externalId: string | undefined, request: CommerceRequest): CommerceResult {
    return this.apply(
      "PurchaseOrder",
      externalId,
      request,
      (p) => ({ max: this.remainingMinor(p), error: COMMERCE_ERRORS.exceedsRemaining }),
      (p) => p.purchaseOrders,
    )
  }

  returnOrder(externalId: string | undefined, request: CommerceRequest): CommerceResult {
    return this.apply(
      "ReturnOrder",
      externalId,
      request,
      (p) => ({ max: this.creditableMinor(p), error: COMMERCE_ERRORS.exceedsInvoiced }),
      (p) => p.returnOrders,
    )
  }

  refund(externalId: string | undefined, request: CommerceRequest): CommerceResult {
    return this.apply(
      "Refund",
      externalId,
      request,
      (p) => ({ max: this.creditableMinor(p), error: COMMERCE_ERRORS.exceedsInvoiced }),
      (p) => p.refunds,
    )
  }

  refundRemaining(externalId: string | undefined, orderReference: string, tranId: string | undefined): CommerceResult {
    const purchase = this.get(externalId)
    const refused = this.gate(purchase)
    if (refused) return { ok: false, error: refused }
    const key = tranId ? `RefundRemaining:${tranId}` : undefined
    if (key && purchase!.appliedTranIds.has(key)) return { ok: true, duplicate: true }
    const remaining = this.remainingMinor(purchase!)
    if (remaining <= 0) return { ok: false, error: COMMERCE_ERRORS.nothingRemaining }
    purchase!.remainingReleased = { amountMinor: remaining, at: this.deps.now(), orderReference }
    if (key) purchase!.appliedTranIds.add(key)
    return { ok: true, duplicate: false }
  }

  cancelPayment(externalId: string | undefined, reason: string): CommerceResult {
    const purchase = this.get(externalId)
    if (!purchase) return { ok: false, error: COMMERCE_ERRORS.invalidExternalId }
    if (purchase.cancelled) return { ok: true, duplicate: true }
    if (purchase.purchaseOrders.length + purchase.returnOrders.length + purchase.refunds.length > 0) {
      return { ok: false, error: COMMERCE_ERRORS.alreadyProcessed }
    }
    if (purchase.state !== PURCHASE_STATE.Completed && purchase.state !== PURCHASE_STATE.WaitingForBankId) {
      return { ok: false, error: COMMERCE_ERRORS.notCompleted }
    }
    purchase.pendingElectronicId = undefined
    purchase.cancelled = { reason, at: this.deps.now() }
    purchase.state = PURCHASE_STATE.Cancelled
    return { ok: true, duplicate: false }
  }

  /** Completed purchases as My Pages purchases (purchaseId = ExternalId). */
  creditPurchases(): CreditPurchaseView[] {
    return this.list()
      .filter((purchase) => purchase.state === PURCHASE_STATE.Completed)
      .map((purchase) => {
        return {
          purchaseId: purchase.externalId,
          source: "checkout2" as const,
          shopperKey: shopperKeyOf(purchase.market, purchase.canonicalIdentificationNumber),
          market: purchase.market,
          product: purchase.product,
          ...(purchase.input.PaymentTerms === undefined ? {} : { paymentTerms: purchase.input.PaymentTerms }),
          ...(purchase.input.OrderReference ? { orderReference: purchase.input.OrderReference } : {}),
          ...(purchase.input.InvoicingFirstName ? { firstName: purchase.input.InvoicingFirstName } : {}),
          ...(purchase.input.InvoicingLastName ? { lastName: purchase.input.InvoicingLastName } : {}),
          createdAt: purchase.createdAt,
          movements: movementsInTimeOrder({ capture: purchase.purchaseOrders, return: purchase.returnOrders, refund: purchase.refunds }),
        }
      })
  }
}
