/**
 * Medusa cart or order (as returned by query.graph with CREDIT_TOTALS_FIELDS) → the vendor-neutral
 * CreditCart in exact minor units. Shared by every Avarda provider family.
 */
import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import type { CreditCart } from "../../lib/avarda/credit-cart"
import { medusaAmountToMinor } from "../../providers/shared/medusa-amount"

/** Fields a cart or order query needs for `creditCartOf`. */
export const CREDIT_TOTALS_FIELDS = [
  "id",
  "currency_code",
  "total",
  "items.id",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
  "items.original_total",
  "items.discount_total",
  "items.tax_total",
  "items.tax_lines.rate",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.original_total",
  "shipping_methods.discount_total",
  "shipping_methods.tax_total",
  "shipping_methods.tax_lines.rate",
  "credit_lines.id",
  "credit_lines.amount",
  "credit_lines.reference",
]

type Amount = BigNumberInput | null | undefined

interface TaxLine {
  rate?: number | null
}

export interface CartOrOrderTotals {
  id: string
  currency_code: string
  total: Amount
  items?: Array<{
    id: string
    title?: string | null
    product_title?: string | null
    variant_title?: string | null
    variant_sku?: string | null
    quantity: Amount
    original_total?: Amount
    discount_total?: Amount
    tax_total?: Amount
    tax_lines?: TaxLine[] | null
    /** Order lines only (ORDER_RETURN_FIELDS): Medusa's line totals leave out returned units. */
    detail?: { return_received_quantity?: Amount; return_dismissed_quantity?: Amount } | null
  } | null> | null
  shipping_methods?: Array<{
    id: string
    name?: string | null
    original_total?: Amount
    discount_total?: Amount
    tax_total?: Amount
    tax_lines?: TaxLine[] | null
  } | null> | null
  credit_lines?: Array<{ id?: string; amount?: Amount; reference?: string | null } | null> | null
}

function rateOf(taxLines: TaxLine[] | null | undefined): number {
  return (taxLines ?? []).reduce((sum, line) => sum + Number(line?.rate ?? 0), 0)
}

function itemTitle(item: NonNullable<NonNullable<CartOrOrderTotals["items"]>[number]>): string {
  const product = item.product_title ?? item.title ?? "Item"
  const variant = item.variant_title?.trim()
  return variant && variant !== product && !/^default( variant)?$/i.test(variant) ? `${product} ${variant}` : product
}

function creditLabel(reference: string | null | undefined): string {
  if (!reference) return "Gift card"
  const text = reference.replace(/[_-]+/g, " ").trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * Extra fields for an order whose lines may have returns: with them, `creditCartOf` gives each line
 * its value for the quantity sold (what was authorized), not for what is left after returns.
 */
export const ORDER_RETURN_FIELDS = ["items.detail.return_received_quantity", "items.detail.return_dismissed_quantity"]

/**
 * Medusa totals an order line for the quantity left after received (and dismissed) returns, while
 * `quantity` stays what was sold: the factor back to the quantity sold (1 without returns).
 */
function soldOverCurrent(item: NonNullable<NonNullable<CartOrOrderTotals["items"]>[number]>): { sold: BigNumberInput; current: BigNumberInput } | undefined {
  const returned = MathBN.add(item.detail?.return_received_quantity ?? 0, item.detail?.return_dismissed_quantity ?? 0)
  if (MathBN.lte(returned, 0)) return undefined
  const sold = MathBN.convert(item.quantity ?? 0)
  const current = MathBN.sub(sold, returned)
  return MathBN.gt(current, 0) ? { sold, current } : undefined
}

/** `amountOverride` is the amount actually charged when it differs from `total` (e.g. the payment amount). */
export function creditCartOf(source: CartOrOrderTotals, amountOverride?: BigNumberInput): CreditCart {
  const currency = source.currency_code
  const minor = (value: Amount) => medusaAmountToMinor(value ?? 0, currency)
  const lineMinor = (item: NonNullable<NonNullable<CartOrOrderTotals["items"]>[number]>, value: Amount) => {
    const scale = soldOverCurrent(item)
    return minor(scale ? MathBN.div(MathBN.mult(value ?? 0, scale.sold), scale.current) : value)
  }
  return {
    currency: currency.toLowerCase(),
    totalMinor: minor(amountOverride ?? source.total),
    lines: (source.items ?? []).filter((i): i is NonNullable<typeof i> => !!i).map((item) => ({
      id: item.id,
      title: itemTitle(item),
      ...(item.variant_sku ? { sku: item.variant_sku } : {}),
      quantity: MathBN.convert(item.quantity ?? 0).toNumber(),
      grossMinor: lineMinor(item, item.original_total),
      discountMinor: lineMinor(item, item.discount_total),
      taxMinor: lineMinor(item, item.tax_total),
      taxRatePercent: rateOf(item.tax_lines),
    })),
    shipping: (source.shipping_methods ?? []).filter((s): s is NonNullable<typeof s> => !!s).map((method) => ({
      id: method.id,
      name: method.name ?? "Shipping",
      grossMinor: minor(method.original_total),
      discountMinor: minor(method.discount_total),
      taxMinor: minor(method.tax_total),
      taxRatePercent: rateOf(method.tax_lines),
    })),
    credits: (source.credit_lines ?? []).filter((c): c is NonNullable<typeof c> => !!c).map((credit) => ({
      label: creditLabel(credit.reference),
      amountMinor: minor(credit.amount),
    })),
  }
}
