/**
 * The bookkeeping a credit payment keeps in Medusa's Payment `data` (admin-visible, stable keys):
 * what was authorized, captured and returned, with the vendor transaction ids, and the capture
 * plans waiting to run. Pure functions over that data; no vendor or Medusa calls.
 */
import type { AuthorizationExpiryData } from "../authorization-expiry"
import { randomUUID } from "node:crypto"
import { netAmountByTaxRate, rowsTotalMinor, type InvoiceRow } from "./invoice-rows"
import { rowsPerTaxRate } from "./vat-rate-rows"

export type CaptureSource = "shipment" | "admin"

/** A capture decided by Medusa-side code (shipment subscriber, admin middleware) and executed by the provider. */
export interface CapturePlan {
  id: string
  /** Vendor transaction id: stable across retries of this plan, so a repeated call cannot capture twice. */
  tran_id: string
  source: CaptureSource
  fulfillment_id?: string
  tracking_code?: string
  order_reference: string
  rows: InvoiceRow[]
  amount_minor: number
  /** Order line quantities this plan invoices (shipments). */
  lines: Array<{ line_item_id: string; quantity: number }>
  /** Carries shipping, gift cards and rounding (the first delivery). */
  includes_order_level: boolean
  created_at: string
  /** Plans written for a request that then failed are ignored after this time. */
  expires_at?: string
  attempts?: number
  last_error?: string
  /** The last attempt timed out: the vendor may have captured it; the retry reuses `tran_id`. */
  outcome_unknown?: boolean
  /** Times the admin restarted the plan after the job stopped retrying it. */
  admin_retries?: number
}

export interface CaptureRecord {
  tran_id: string
  /** Medusa capture id. */
  capture_id?: string
  source: CaptureSource
  /** `orderReference` sent with the capture (the order's display id where known). */
  order_reference?: string
  fulfillment_id?: string
  amount_minor: number
  rows: InvoiceRow[]
  lines: Array<{ line_item_id: string; quantity: number }>
  includes_order_level: boolean
  captured_at: string
}

/**
 * A call Avarda never answered readably (no answer, a lost connection, a 5xx): it may or may not
 * have been applied. It stays recorded, and the reconciliation job re-sends it with the same
 * transaction id (applied once) until Avarda answers.
 */
export interface UnconfirmedCall {
  since: string
  attempts: number
  last_error: string
  /** Avarda refused the re-sent call: the admin must look at it. */
  failed?: boolean
}

export interface ReturnRecord {
  tran_id: string
  /** The refund's answer was lost: see UnconfirmedCall. */
  unconfirmed?: UnconfirmedCall
  /** Medusa refund id. */
  refund_id?: string
  /**
   * The order reference it was sent with: a re-send of a call whose answer was lost goes with the
   * same one (a later capture under another reference does not change it). Absent on records of
   * earlier versions.
   */
  order_reference?: string
  amount_minor: number
  rows: InvoiceRow[]
  returned_at: string
}

export interface CreditLedger extends AuthorizationExpiryData {
  currency_code: string
  /** Authorized amount in minor units. */
  amount_minor: number
  /** The rows sent with the credit request. */
  rows: InvoiceRow[]
  captures: CaptureRecord[]
  returns: ReturnRecord[]
  pending_captures?: CapturePlan[]
  /** Null when none: Medusa merges JSON data on update, so keys are cleared, never left out. */
  capture_plan?: CapturePlan | null
}

export function capturedMinor(ledger: Pick<CreditLedger, "captures">): number {
  return ledger.captures.reduce((sum, c) => sum + c.amount_minor, 0)
}

export function returnedMinor(ledger: Pick<CreditLedger, "returns">): number {
  return ledger.returns.reduce((sum, r) => sum + r.amount_minor, 0)
}

/**
 * A capture the admin asked for (from the order panel, or resolving a capture-attention case):
 * `rows` under the admin's next vendor transaction id, with the order reference of the latest
 * capture (or the order's), carrying what is left at order level.
 */
export function adminCapturePlan(
  ledger: Pick<CreditLedger, "captures"> & { order_reference: string },
  rows: InvoiceRow[],
  tranId: string,
  now: number = Date.now()
): CapturePlan {
  return {
    id: randomUUID(),
    tran_id: tranId,
    source: "admin",
    order_reference: ledger.captures.at(-1)?.order_reference ?? ledger.order_reference,
    rows,
    amount_minor: rowsTotalMinor(rows),
    lines: [],
    includes_order_level: true,
    created_at: new Date(now).toISOString(),
  }
}

export function remainingToCaptureMinor(ledger: Pick<CreditLedger, "amount_minor" | "captures">): number {
  return ledger.amount_minor - capturedMinor(ledger)
}

/** Quantity of each order line already captured or waiting in a plan. */
export function invoicedQuantityByLine(ledger: Pick<CreditLedger, "captures" | "pending_captures">): Map<string, number> {
  const quantities = new Map<string, number>()
  for (const entry of [...ledger.captures, ...(ledger.pending_captures ?? [])]) {
    for (const line of entry.lines) quantities.set(line.line_item_id, (quantities.get(line.line_item_id) ?? 0) + line.quantity)
  }
  return quantities
}

/** True when shipping, gift cards and rounding were already captured or are planned. */
export function orderLevelInvoiced(ledger: Pick<CreditLedger, "captures" | "pending_captures">): boolean {
  return [...ledger.captures, ...(ledger.pending_captures ?? [])].some((entry) => entry.includes_order_level)
}

/** Per VAT rate: authorized minus captured (the base of an admin capture of an amount). */
export function uncapturedByTaxRate(ledger: Pick<CreditLedger, "rows" | "captures">): Map<string, number> {
  const result = netAmountByTaxRate(ledger.rows)
  for (const capture of ledger.captures) {
    for (const [rate, amount] of netAmountByTaxRate(capture.rows)) result.set(rate, (result.get(rate) ?? 0) - amount)
  }
  return result
}

/** Per VAT rate: captured minus returned (the base of a refund). */
export function refundableByTaxRate(ledger: Pick<CreditLedger, "captures" | "returns">): Map<string, number> {
  const result = new Map<string, number>()
  for (const capture of ledger.captures) {
    for (const [rate, amount] of netAmountByTaxRate(capture.rows)) result.set(rate, (result.get(rate) ?? 0) + amount)
  }
  for (const entry of ledger.returns) {
    for (const [rate, amount] of netAmountByTaxRate(entry.rows)) result.set(rate, (result.get(rate) ?? 0) - amount)
  }
  return result
}

/** The plan the provider should execute now, if one is set and not expired. */
export function activeCapturePlan(ledger: Pick<CreditLedger, "capture_plan">, now: Date = new Date()): CapturePlan | undefined {
  const plan = ledger.capture_plan ?? undefined
  if (!plan) return undefined
  if (plan.expires_at && Date.parse(plan.expires_at) < now.getTime()) return undefined
  return plan
}

/** The ledger after `plan` ran: it leaves the pending list and `capture_plan` is cleared (null, not left out: Medusa merges JSON). */
export function withoutCapturePlan<L extends CreditLedger>(ledger: L, plan: CapturePlan | undefined): L {
  return { ...ledger, capture_plan: null, pending_captures: (ledger.pending_captures ?? []).filter((p) => p.id !== plan?.id) }
}

/**
 * Without a plan (Medusa's own capture of the whole payment): everything not captured yet, as the
 * authorized rows on the first capture, else one row per VAT rate of the rest.
 */
export function remainingCapturePlan(
  ledger: Pick<CreditLedger, "amount_minor" | "rows" | "captures">,
  vendorIds: { tranId: string; orderReference: string }
): CapturePlan | undefined {
  const remaining = remainingToCaptureMinor(ledger)
  if (remaining <= 0) return undefined
  const rows: InvoiceRow[] =
    ledger.captures.length === 0 ? ledger.rows : rowsPerTaxRate(remaining, uncapturedByTaxRate(ledger), { kind: "delivery", description: "Delivery" })
  return {
    id: randomUUID(),
    tran_id: vendorIds.tranId,
    source: "admin",
    order_reference: vendorIds.orderReference,
    rows,
    amount_minor: rowsTotalMinor(rows),
    lines: [],
    includes_order_level: ledger.captures.length === 0,
    created_at: new Date().toISOString(),
  }
}
