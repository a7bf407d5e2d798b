/**
 * Request bodies of the Authorization API, camelCase as Avarda's examples
 * and Magento module send them, and the mapping of invoice rows onto `items`.
 */
import { minorToDecimalNumber } from "../../money/minor-units"
import type { CreditRequestAddress } from "../credit-address"
import type { InvoiceRow } from "../invoice-rows"

export type AuthorizationProduct = "invoice" | "direct-invoice" | "loan" | "part-payment"

export const AUTHORIZATION_PRODUCTS: readonly AuthorizationProduct[] = ["invoice", "direct-invoice", "loan", "part-payment"]

/** Documented instalment terms (months) of loan and part-payment. */
export const PAYMENT_TERMS: readonly number[] = [3, 6, 12, 24, 36, 48, 72]

/** The Authorization API takes the credit request's address in its own shape. */
export type AvardaAddress = CreditRequestAddress

export interface AvardaItem {
  description: string
  notes?: string
  /** VAT-inclusive, at most 2 decimals, multiplied by quantity (we always send quantity 1, U9). */
  amount: number
  taxCode?: string
  taxAmount?: number
  productGroup?: string
  quantity?: number
}

export interface AvardaCustomer {
  identificationNumber: string
  userLanguageCode: number
  phone: string
  email: string
}

export interface CreateAuthorizationRequest {
  customer: AvardaCustomer
  invoicingAddress: AvardaAddress
  deliveryAddress?: AvardaAddress
  useDifferentDeliveryAddress?: boolean
  items: AvardaItem[]
  orderReference: string
  posId: string
  description?: string
  emailInvoice?: boolean
  forcedDistributionMethod?: number
  loyaltyNumber?: string
  idValidationCallbackUrl?: string
  accountClassCode?: number
  paymentTerms?: number
  sendTermsAndConditions?: boolean
}

/** Body of `/order` (capture) and `/return`. */
export interface OrderManagementRequest {
  items: AvardaItem[]
  orderReference: string
  tranId?: string
  trackingCode?: string
  posId?: string
}

/** Invoice rows → Avarda items: decimal numbers with the currency's digits, quantity 1. */
export function toAvardaItems(rows: readonly InvoiceRow[], currency: string): AvardaItem[] {
  return rows.map((row) => ({
    description: row.description,
    ...(row.notes ? { notes: row.notes } : {}),
    amount: minorToDecimalNumber(row.amountMinor, currency),
    taxCode: row.taxRate,
    taxAmount: minorToDecimalNumber(row.taxAmountMinor, currency),
    quantity: 1,
  }))
}
