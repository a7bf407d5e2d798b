/**
 * What the sandbox's stand-in widgets show: the monthly cost of a price (payment widget) or the
 * APR figures of a cart total (APR widget), computed from the sandbox's own credit terms, the same
 * ones its My Pages loan accounts use (nominal interest, monthly fee, annuity, effective rate).
 *
 * The sandbox partner is Swedish (amounts in SEK, the currency of the sandbox's one credential
 * set). `payment-method` picks the product; `account-class` on a loan selects the interest-free
 * part-payment campaign, as Avarda account classes refine a loan product.
 */
import { INVOICE_FEE_MINOR, INVOICE_TERM_DAYS, LOAN_INTEREST_PERCENT } from "../my-pages/accounts"
import { aprDataOf, type AprData } from "../my-pages/apr"
import type { Currency } from "../shared/markets"
import { fromMinorUnits, toMinorUnits } from "../shared/money"

export const WIDGET_PAYMENT_METHODS = ["invoice", "direct-invoice", "b2b-invoice", "loan", "large-amount-loan"] as const
export type WidgetPaymentMethod = (typeof WIDGET_PAYMENT_METHODS)[number]

export const WIDGET_CURRENCY: Currency = "SEK"

/** Instalment terms (months) behind the widgets; the longest is the representative example. */
export const WIDGET_TERMS = {
  loan: [12, 24, 36, 48, 72],
  "part-payment": [3, 6, 12, 24, 36],
} as const

/** Days to pay an invoice (direct invoices are due sooner). */
const INVOICE_DAYS: Record<"invoice" | "direct-invoice" | "b2b-invoice", number> = {
  invoice: INVOICE_TERM_DAYS,
  "direct-invoice": 14,
  "b2b-invoice": INVOICE_TERM_DAYS,
}

export type WidgetOffer =
  | {
      kind: "instalments"
      product: "loan" | "part-payment"
      currency: Currency
      price: number
      /** Every term, cheapest monthly cost last. */
      terms: AprData[]
      /** The representative example: the longest term. */
      example: AprData
    }
  | { kind: "invoice"; product: "invoice" | "direct-invoice" | "b2b-invoice"; currency: Currency; price: number; days: number; fee: number; percent: 0 }

export type WidgetOfferInput = { price: string | null; paymentMethod: string | null; accountClass: string | null }

/** The figures for one widget, or the reason it cannot show any (a 400 for the script). */
export function widgetOffer(input: WidgetOfferInput): { ok: true; offer: WidgetOffer } | { ok: false; error: string } {
  const priceMinor = input.price === null ? undefined : toMinorUnits(input.price)
  if (priceMinor === undefined || priceMinor <= 0) return { ok: false, error: "price must be a positive amount with '.' as decimal separator" }
  const method = (input.paymentMethod ?? "loan") as WidgetPaymentMethod
  if (!WIDGET_PAYMENT_METHODS.includes(method)) return { ok: false, error: `payment-method must be one of ${WIDGET_PAYMENT_METHODS.join(", ")}` }
  const price = fromMinorUnits(priceMinor)
  if (method === "invoice" || method === "direct-invoice" || method === "b2b-invoice") {
    return { ok: true, offer: { kind: "invoice", product: method, currency: WIDGET_CURRENCY, price, days: INVOICE_DAYS[method], fee: 0, percent: 0 } }
  }
  const product = input.accountClass ? "part-payment" : "loan"
  const terms = WIDGET_TERMS[product].map((months) =>
    aprDataOf({ creditAmountMinor: priceMinor, months, interestRatePercent: LOAN_INTEREST_PERCENT[product], invoiceFeeMinor: INVOICE_FEE_MINOR[WIDGET_CURRENCY] })
  )
  return { ok: true, offer: { kind: "instalments", product, currency: WIDGET_CURRENCY, price, terms, example: terms[terms.length - 1]! } }
}
