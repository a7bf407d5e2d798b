/**
 * Invoice rows in exact minor units, independent of any vendor's field names. Avarda's
 * Authorization API and Standalone Credit both take VAT-inclusive row totals with a VAT code in
 * percent; each API maps these rows onto its own item shape.
 */

export type InvoiceRowKind = "item" | "shipping" | "discount" | "gift_card" | "rounding" | "delivery" | "refund"

export interface InvoiceRow {
  kind: InvoiceRowKind
  /** Invoice line text, at most 35 characters (the builders truncate). */
  description: string
  /** Extra text (e.g. SKU), at most 35 characters. */
  notes?: string
  /** VAT-inclusive row total (quantity 1) in minor units; negative for discounts and gift cards. */
  amountMinor: number
  /** VAT in the row, never negative (vendors refuse negative tax amounts). */
  taxAmountMinor: number
  /** VAT rate in percent as text, e.g. "25", "25.5", "0". */
  taxRate: string
  /** Medusa line item the row belongs to (item rows). */
  lineItemId?: string
}

export const ROW_TEXT_MAX = 35

/** Cuts text to `max` characters (by code point), ending with "…" when shortened. */
export function truncateText(text: string, max = ROW_TEXT_MAX): string {
  const clean = text.replace(/\s+/g, " ").trim()
  const chars = [...clean]
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join("").trimEnd()}…`
}

/** A VAT rate as Avarda's tax code: percent without trailing zeros ("25", "25.5", "0"). */
export function formatTaxRate(ratePercent: number): string {
  if (!Number.isFinite(ratePercent) || ratePercent < 0) throw new RangeError(`invalid VAT rate ${ratePercent}`)
  return String(Number(ratePercent.toFixed(4)))
}

/**
 * Whether two lists hold the same rows, field by field and in order. Rows read back from a jsonb
 * column list their keys in Postgres's order, and an absent field may come back as null.
 */
export function sameInvoiceRows(a: readonly InvoiceRow[], b: readonly InvoiceRow[]): boolean {
  const same = (x: InvoiceRow, y: InvoiceRow) =>
    x.kind === y.kind &&
    x.description === y.description &&
    (x.notes ?? undefined) === (y.notes ?? undefined) &&
    x.amountMinor === y.amountMinor &&
    x.taxAmountMinor === y.taxAmountMinor &&
    x.taxRate === y.taxRate &&
    (x.lineItemId ?? undefined) === (y.lineItemId ?? undefined)
  return a.length === b.length && a.every((row, i) => same(row, b[i]))
}

export function rowsTotalMinor(rows: readonly InvoiceRow[]): number {
  return rows.reduce((sum, row) => sum + row.amountMinor, 0)
}

/** Net amount per VAT rate (in first-seen order). */
export function netAmountByTaxRate(rows: readonly InvoiceRow[]): Map<string, number> {
  const byRate = new Map<string, number>()
  for (const row of rows) byRate.set(row.taxRate, (byRate.get(row.taxRate) ?? 0) + row.amountMinor)
  return byRate
}

/** VAT contained in a VAT-inclusive amount, rounded half away from zero: amount × rate / (100 + rate). */
export function vatIncludedMinor(amountMinor: number, taxRate: string): number {
  const rate = Number(taxRate)
  if (!rate) return 0
  // Scale the rate to an integer so the division is exact before rounding.
  const scale = 10_000
  const numerator = Math.abs(amountMinor) * Math.round(rate * scale)
  const denominator = (100 + rate) * scale
  const rounded = Math.floor((2 * numerator + Math.round(denominator)) / (2 * Math.round(denominator)))
  return Math.sign(amountMinor) * rounded
}
