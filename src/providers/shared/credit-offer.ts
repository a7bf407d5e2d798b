/**
 * What a store offers of an Avarda credit product (Authorization API and Standalone Credit alike):
 * the product itself (provider option `products`), the cart totals it is offered for (`amountLimits`)
 * and, for loan / part payment, the terms.
 */
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { decimalStringToMinor, hasAtMostDecimals, minorToDecimalString } from "../../lib/money/minor-units"

/** A request field the storefront can change, and why the store's offer refuses it. */
export interface OfferIssue {
  field: string
  message: string
}

const productNotOffered = (identifier: string, product: string) => `${identifier} is not offered: add "${product}" to the provider option "products"`

export function assertProductOffered(identifier: string, offeredProducts: readonly string[], product: string): void {
  if (!offeredProducts.includes(product)) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, productNotOffered(identifier, product))
}

/** What is wrong with the shopper's term (`payment_terms`) for a product offering `offered`; undefined when it may be used. */
export function paymentTermIssue(product: string, offered: readonly number[], requested: number | undefined): OfferIssue | undefined {
  if (!offered.length) return undefined
  const choose = `choose one of ${offered.join(", ")} months`
  if (requested === undefined) return offered.length === 1 ? undefined : { field: "payment_terms", message: `is required for ${product}: ${choose}` }
  return offered.includes(requested) ? undefined : { field: "payment_terms", message: `${requested} is not offered for ${product}: ${choose}` }
}

/** The shopper's term, checked against the offered ones; the only one when there is one; none for products without terms. */
export function chooseOfferedPaymentTerm(product: string, offered: readonly number[], requested: number | undefined): number | undefined {
  const issue = paymentTermIssue(product, offered, requested)
  if (issue) throw new MedusaError(MedusaError.Types.INVALID_DATA, `${issue.field} ${issue.message}`)
  return offered.length ? (requested ?? offered[0]) : undefined
}

/** Per product: the smallest and largest cart total (major units of the cart's currency) the store offers it for. */
export type AmountLimits = Partial<Record<string, { min?: number; max?: number }>>

/** Provider option `amountLimits`, keyed by the family's product names. */
export function amountLimitsOption<P extends string>(products: readonly [P, ...P[]]) {
  const amount = z
    .number({ error: "must be an amount in major units, e.g. 500 or 99.5" })
    .nonnegative("must not be negative")
    .max(1e12, "is too large")
    .refine((value) => hasAtMostDecimals(value, 2), "must have at most 2 decimals")
  return z
    .partialRecord(
      z.enum(products, { error: `keys must be products: ${products.join(", ")}` }),
      z
        .object({ min: amount.optional(), max: amount.optional() }, { error: "must be { min?, max? }" })
        .refine((limit) => limit.min === undefined || limit.max === undefined || limit.min <= limit.max, "min must not be above max")
    )
    .optional()
}

export type AmountLimitBreach = { reason: "below_minimum" | "above_maximum"; limitMinor: number }

/** Whether `amountMinor` (in `currency`) lies outside the store's limits for `product`; undefined when it may be offered. */
export function amountLimitBreach(limits: AmountLimits | undefined, product: string, amountMinor: number, currency: string): AmountLimitBreach | undefined {
  const limit = limits?.[product]
  if (!limit) return undefined
  if (limit.min !== undefined) {
    const minMinor = decimalStringToMinor(String(limit.min), currency)
    if (amountMinor < minMinor) return { reason: "below_minimum", limitMinor: minMinor }
  }
  if (limit.max !== undefined) {
    const maxMinor = decimalStringToMinor(String(limit.max), currency)
    if (amountMinor > maxMinor) return { reason: "above_maximum", limitMinor: maxMinor }
  }
  return undefined
}

function amountLimitMessage(identifier: string, breach: AmountLimitBreach, currency: string): string {
  const limit = `${minorToDecimalString(breach.limitMinor, currency)} ${currency.toUpperCase()}`
  return `${identifier} is offered for cart totals ${breach.reason === "below_minimum" ? `from ${limit}` : `up to ${limit}`} (provider option "amountLimits")`
}

export function assertAmountWithinLimits(identifier: string, limits: AmountLimits | undefined, product: string, amountMinor: number, currency: string): void {
  const breach = amountLimitBreach(limits, product, amountMinor, currency)
  if (breach) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, amountLimitMessage(identifier, breach, currency))
}

/**
 * The store's offer of a credit product for one cart, as the request fields the storefront can
 * change: the method (`provider_id`: a product not offered, a cart total outside its limits) and
 * the term (`payment_terms`). The store routes check it before any session exists; the providers
 * assert the same rules again with the settings of that moment.
 */
export function creditOfferIssues(offer: {
  identifier: string
  products: readonly string[]
  product: string
  amountLimits: AmountLimits | undefined
  amountMinor: number
  currency: string
  offeredTerms: readonly number[]
  requestedTerm: number | undefined
}): OfferIssue[] {
  if (!offer.products.includes(offer.product)) return [{ field: "provider_id", message: productNotOffered(offer.identifier, offer.product) }]
  const breach = amountLimitBreach(offer.amountLimits, offer.product, offer.amountMinor, offer.currency)
  const term = paymentTermIssue(offer.product, offer.offeredTerms, offer.requestedTerm)
  return [...(breach ? [{ field: "provider_id", message: amountLimitMessage(offer.identifier, breach, offer.currency) }] : []), ...(term ? [term] : [])]
}
