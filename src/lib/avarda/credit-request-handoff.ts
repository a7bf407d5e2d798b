/**
 * What the store route hands to an Avarda provider through the one-time hand-off: the part of the
 * credit request built from the cart, the personal ID number (never stored) and the shopper's
 * choice of instalment term. Shared by the Authorization API and Standalone Credit providers.
 */
import type { CreditRequestAddress } from "./credit-address"
import type { InvoiceRow } from "./invoice-rows"
import type { AvardaMarket } from "./markets"
import { processWideHandoff } from "./one-time-handoff"

/** Vendor-neutral credit application built on the server from the cart. */
export interface CreditApplication {
  cartId: string
  market: AvardaMarket
  currency: string
  amountMinor: number
  email: string
  phone: string
  invoicingAddress: CreditRequestAddress
  deliveryAddress?: CreditRequestAddress
  rows: InvoiceRow[]
}

export interface CreditRequestHandoff {
  application: CreditApplication
  personalIdNumber: string
  paymentTerms?: number
}

/** Key in the payment-session `data` that carries the reference. */
export const CREDIT_REQUEST_REF_KEY = "credit_request_ref"

export const creditRequestHandoff = () => processWideHandoff<CreditRequestHandoff>("avarda-credit-request")
