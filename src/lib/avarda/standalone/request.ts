/**
 * CheckOut2Api request bodies, PascalCase as Avarda's examples send them, and the
 * mapping of the shared invoice rows onto CheckOut2 items (no quantity: every row is a row total).
 */
import { minorToDecimalNumber } from "../../money/minor-units"
import type { AuthorizationProduct } from "../authorization-api/request"
import type { InvoiceRow } from "../invoice-rows"

/** The same four credit products as the Authorization API, on the older contract. */
export type StandaloneProduct = AuthorizationProduct

export const STANDALONE_PRODUCTS: readonly StandaloneProduct[] = ["invoice", "direct-invoice", "loan", "part-payment"]

/** Method paths after the base URL (Avarda's part-payment page shows its method without `/v2/`). */
export const AUTHORIZE_PATHS: Record<StandaloneProduct, string> = {
  invoice: "CheckOut2Api/v2/AuthorizeInvoiceEID",
  "direct-invoice": "CheckOut2Api/v2/AuthorizeDirectInvoiceEID",
  loan: "CheckOut2Api/v2/AuthorizeLoanEID",
  "part-payment": "CheckOut2Api/AuthorizePartPaymentEID",
}

export interface StandaloneItem {
  /** At most 35 characters, required. */
  Description: string
  /** At most 35 characters. */
  Notes?: string
  /** VAT-inclusive row total, at most 2 decimals. */
  Amount: number
  /** VAT rate in percent. */
  TaxCode?: string
  /** VAT in the row, at most 2 decimals. */
  TaxAmount?: number
}

export interface StandaloneAuthorizeRequest {
  IdentificationNumber: string
  IsB2B?: boolean
  CompanyName?: string
  ReferenceName?: string
  ReferenceId?: string
  UserLanguageCode: string
  Description?: string
  Price: number
  Phone: string
  Mail: string
  IsPhoneAndMailEditable?: boolean
  InvoicingFirstName: string
  InvoicingLastName: string
  InvoicingAddressLine1: string
  InvoicingAddressLine2?: string
  InvoicingZip: string
  InvoicingCity: string
  IsInvoicingEditable?: boolean
  DeliveryFirstName?: string
  DeliveryLastName?: string
  DeliveryAddressLine1?: string
  DeliveryAddressLine2?: string
  DeliveryZip?: string
  DeliveryCity?: string
  IsDeliveryEditable?: boolean
  UseDifferentDeliveryAddress?: boolean
  Items: StandaloneItem[]
  LoyaltyNumber?: string
  ProductGroup?: string
  OrderReference: string
  ReleasedByName?: string
  PartnerCode?: string
  /** Enumeration PaymentMethod, 0 = Invoice. */
  DefaultPaymentMethod?: number
  OfferRecPmt?: boolean
  PreSelectRecPmt?: boolean
  OfferNewsLetter?: boolean
  CustomerToken?: string
  /** 0 = no invoice by e-mail, 1 = invoice by e-mail, null / absent = no change. */
  Emailinvoice?: 0 | 1 | null
  TermsAndConditionsUrl?: string
  /** Loan and part payment: the instalment term in months ("Payment Terms should not be empty."). */
  PaymentTerms?: number
}

/** `PurchaseOrder` (invoice delivered rows) and `ReturnOrder` (credit returned rows). */
export interface StandaloneOrderRequest {
  ExternalId: string
  OrderReference?: string
  /** At most 36 characters; a repeated TranId is applied once. */
  TranId?: string
  TrackingCode?: string
  PosId?: string
  Items: StandaloneItem[]
}

export interface StandaloneRefundRequest {
  ExternalId: string
  Amount: number
  OrderReference?: string
  TranId?: string
}

export interface StandaloneRefundRemainingRequest {
  ExternalId: string
  OrderReference: string
  TranId?: string
}

export interface StandaloneCancelPaymentRequest {
  ExternalId: string
  Reason: string
}

/** Invoice rows → CheckOut2 items: decimal numbers with the currency's digits (≤ 2 for SEK/EUR/NOK/DKK). */
export function toStandaloneItems(rows: readonly InvoiceRow[], currency: string): StandaloneItem[] {
  return rows.map((row) => ({
    Description: row.description,
    ...(row.notes ? { Notes: row.notes } : {}),
    Amount: minorToDecimalNumber(row.amountMinor, currency),
    TaxCode: row.taxRate,
    TaxAmount: minorToDecimalNumber(row.taxAmountMinor, currency),
  }))
}
