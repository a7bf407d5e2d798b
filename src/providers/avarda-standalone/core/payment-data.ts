/**
 * The `data` an Avarda Standalone Credit payment session / payment carries. Session data is public
 * (the storefront reads it): no personal ID number, nothing secret. Stable keys others rely on:
 * `purchase_id` (= ExternalId; My Pages uses it), `product`, `decision`, `captures[]`, `returns[]`,
 * `refunds[]`.
 */
import { remainingToCaptureMinor, type CaptureRecord, type CreditLedger, type ReturnRecord, type UnconfirmedCall } from "../../../lib/avarda/credit-ledger"
import type { ElectronicIdProofData } from "../../../lib/avarda/electronic-id-proof-data"
import type { InvoiceRow } from "../../../lib/avarda/invoice-rows"
import type { StandaloneDecision } from "../../../lib/avarda/standalone/purchase-state"
import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"

export const STANDALONE_VENDOR = "avarda-standalone"

/**
 * Avarda did not answer a commerce call in time (or the answer was cut off): it may have done it.
 * The operation is recorded and re-sent with the same TranId by the reconciliation job until Avarda
 * answers; a repeated TranId is applied once.
 */
export type Unconfirmed = UnconfirmedCall

export interface StandaloneCaptureRecord extends CaptureRecord {
  tracking_code?: string
  unconfirmed?: Unconfirmed
}

/** An itemised return sent as `ReturnOrder`. */
export interface StandaloneReturnRecord extends ReturnRecord {
  order_reference: string
  /** Medusa return id. */
  return_id?: string
  /** Order line quantities this return credits. */
  lines?: Array<{ line_item_id: string; quantity: number }>
  unconfirmed?: Unconfirmed
}

/** An amount refund sent as `Refund`. */
export interface StandaloneRefundRecord {
  tran_id: string
  /** Medusa refund id. */
  refund_id?: string
  order_reference: string
  amount_minor: number
  refunded_at: string
  unconfirmed?: Unconfirmed
}

/** A received Medusa return waiting for its refund: the refund of exactly this amount becomes a `ReturnOrder` with these rows. */
export interface ReturnPlan {
  return_id: string
  rows: InvoiceRow[]
  amount_minor: number
  lines: Array<{ line_item_id: string; quantity: number }>
  created_at: string
}

export interface StandalonePaymentData extends CreditLedger, ElectronicIdProofData {
  vendor: typeof STANDALONE_VENDOR
  product: StandaloneProduct
  /** Avarda's ExternalId (PurchaseId). */
  purchase_id?: string
  decision: StandaloneDecision
  /** Sent as `OrderReference` with the authorization: the Medusa payment-session id. */
  order_reference: string
  /** Where the shopper identifies (electronic ID). */
  redirect_url?: string
  payment_terms?: number
  /** `UserLanguageCode` of the purchase (e.g. "sv-SE"): the plugin's shopper texts follow it. */
  language?: string
  /** A company (B2B) purchase. */
  company_name?: string
  captures: StandaloneCaptureRecord[]
  returns: StandaloneReturnRecord[]
  refunds: StandaloneRefundRecord[]
  return_plans?: ReturnPlan[]
  /** The order was cancelled after a partial delivery: the next cancel releases the rest (`RefundRemaining`). */
  remainder_release_requested_at?: string
  /** `RefundRemaining` released the part never delivered. */
  remainder_released?: { amount_minor: number; tran_id: string; order_reference: string; released_at: string; unconfirmed?: Unconfirmed }
  /** The release of the rest will not happen (Avarda refused it, or kept failing for the reconciliation window): the admin was told. */
  remainder_release_failed?: { at: string; reason: string }
  /** `CancelPayment` (nothing was delivered). */
  cancellation?: { canceled_at: string; reason: string; unconfirmed?: Unconfirmed }
  /** The hand-off reference is spent once the provider took it. */
  credit_request_ref?: null
}

export function isStandalonePaymentData(data: unknown): data is StandalonePaymentData {
  return !!data && typeof data === "object" && (data as { vendor?: unknown }).vendor === STANDALONE_VENDOR
}

/** Typed view of stored data, with the history arrays always present. */
export function readStandalonePaymentData(data: Record<string, unknown> | null | undefined): StandalonePaymentData | undefined {
  if (!isStandalonePaymentData(data)) return undefined
  return { ...data, captures: data.captures ?? [], returns: data.returns ?? [], refunds: data.refunds ?? [], rows: data.rows ?? [] }
}

/**
 * A partly invoiced purchase whose undelivered rest is neither released nor recorded as not
 * happening (`abandonedToo`: recorded as not happening counts as still to release).
 */
export function hasRestToRelease(data: StandalonePaymentData | undefined, { abandonedToo = false } = {}): data is StandalonePaymentData {
  return (
    !!data?.purchase_id &&
    data.captures.length > 0 &&
    !data.remainder_released &&
    (abandonedToo || !data.remainder_release_failed) &&
    remainingToCaptureMinor(data) > 0
  )
}

/** Invoiced minus returned and refunded (what Avarda lets us credit). */
export function creditableMinor(data: Pick<StandalonePaymentData, "captures" | "returns" | "refunds">): number {
  const sum = (entries: Array<{ amount_minor: number }>) => entries.reduce((total, e) => total + e.amount_minor, 0)
  return sum(data.captures) - sum(data.returns) - sum(data.refunds)
}
