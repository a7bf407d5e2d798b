/**
 * What My Pages needs to know about a purchase made through the sandbox's credit APIs
 * (Authorization API or CheckOut2Api): who the shopper is and which money moved when.
 */
import type { InvoiceRow } from "./invoice-rows"
import type { Market } from "./national-id"

export type CreditProduct = "invoice" | "direct-invoice" | "loan" | "part-payment"

export interface PurchaseMovement {
  kind: "capture" | "return" | "refund"
  at: Date
  orderReference?: string
  rows: InvoiceRow[]
}

export interface CreditPurchaseView {
  /** Authorization API: `authorizationId`; CheckOut2Api: `ExternalId` (assumption U4). */
  purchaseId: string
  source: "authorization-api" | "checkout2"
  /** `${market}:${canonical personal identity number}` – one shopper across all their purchases. */
  shopperKey: string
  market: Market
  product: CreditProduct
  paymentTerms?: number
  orderReference?: string
  firstName?: string
  lastName?: string
  createdAt: Date
  movements: PurchaseMovement[]
}

/** What a recorded capture, return or refund keeps that a movement shows. */
interface RecordedMovement {
  at: Date
  orderReference?: string
  rows: InvoiceRow[]
}

const MOVEMENT_KINDS = ["capture", "return", "refund"] as const

/** Captures, returns and refunds as one list in time order (at the same instant: captures, then returns, then refunds). */
export function movementsInTimeOrder(recorded: { capture: RecordedMovement[]; return: RecordedMovement[]; refund?: RecordedMovement[] }): PurchaseMovement[] {
  const movements = MOVEMENT_KINDS.flatMap((kind) =>
    (recorded[kind] ?? []).map((entry): PurchaseMovement => ({ kind, at: entry.at, orderReference: entry.orderReference, rows: entry.rows })),
  )
  return movements.sort((a, b) => a.at.getTime() - b.at.getTime())
}

export function shopperKeyOf(market: Market, canonicalIdentificationNumber: string): string {
  return `${market}:${canonicalIdentificationNumber}`
}

/** Read access to the purchases of one simulator (approved ones only). */
export interface CreditPurchaseSource {
  creditPurchases(): CreditPurchaseView[]
}
