/**
 * What a credit purchase is made of, in exact minor units, and the invoice rows for all of it or
 * for one delivery. Built from a Medusa cart or order by `src/operations/credit/` and shared by every
 * Avarda API (Authorization API, Standalone Credit).
 */
import { formatTaxRate, truncateText, type InvoiceRow } from "./invoice-rows"

export interface CreditCartLine {
  id: string
  title: string
  sku?: string
  quantity: number
  /** Line total before discounts, VAT included. */
  grossMinor: number
  /** Discount on the line, VAT included, as a positive number. */
  discountMinor: number
  /** VAT actually charged on the line (after its discount). */
  taxMinor: number
  /** VAT rate in percent. */
  taxRatePercent: number
}

export interface CreditCartShipping {
  id: string
  name: string
  grossMinor: number
  discountMinor: number
  taxMinor: number
  taxRatePercent: number
}

/** Gift cards and store credit already paid: they reduce what is left to pay on credit. */
export interface CreditCartCredit {
  label: string
  amountMinor: number
}

export interface CreditCart {
  currency: string
  /** What the shopper pays on credit (Medusa's cart / payment amount), minor units. */
  totalMinor: number
  lines: CreditCartLine[]
  shipping: CreditCartShipping[]
  credits: CreditCartCredit[]
}

/**
 * The cart with the gift cards and store credit the authorization counted (its `gift_card` rows),
 * instead of the order's credit lines now: Medusa adds a credit line to the order for a refund made
 * while the order still shows an amount due, and that refund is a refund, not money the shopper paid
 * with at checkout. Without authorized rows (nothing recorded) the cart is returned as it is.
 */
export function withAuthorizedCredits(cart: CreditCart, authorizedRows: readonly InvoiceRow[]): CreditCart {
  if (!authorizedRows.length) return cart
  const credits = authorizedRows.filter((row) => row.kind === "gift_card").map((row) => ({ label: row.description, amountMinor: -row.amountMinor }))
  return { ...cart, credits }
}

export interface DeliveredQuantity {
  lineId: string
  /** Quantity of the line invoiced by earlier deliveries. */
  alreadyInvoiced: number
  /** Quantity invoiced now. */
  quantity: number
}

export interface RowSelection {
  /** Lines and quantities to invoice; default: every line in full. */
  lines?: DeliveredQuantity[]
  /** Include shipping, gift cards and the rounding row (the first delivery carries them). Default true. */
  orderLevel?: boolean
}

export class InvoiceRowsMismatchError extends Error {
  constructor(readonly totalMinor: number, readonly rowsMinor: number) {
    super(
      `the cart's rows add up to ${rowsMinor} minor units but its total is ${totalMinor}: ` +
        "the cart has an adjustment this plugin cannot put on an invoice"
    )
    this.name = "InvoiceRowsMismatchError"
  }
}

/** `value × part / whole`, rounded half away from zero, in integers. */
export function proportionalMinor(value: number, part: number, whole: number): number {
  if (whole <= 0) throw new RangeError("whole must be positive")
  const magnitude = Math.floor((2 * Math.abs(value) * part + whole) / (2 * whole))
  return Math.sign(value) * magnitude
}

/** Share of a line amount for `quantity` more units after `alreadyInvoiced`: cumulative rounding, so
 * all deliveries of a line add up exactly to the line amount. */
function shareOf(amount: number, line: CreditCartLine, alreadyInvoiced: number, quantity: number): number {
  return (
    proportionalMinor(amount, alreadyInvoiced + quantity, line.quantity) - proportionalMinor(amount, alreadyInvoiced, line.quantity)
  )
}

/** Sum of the rounded parts before the rounding row. */
function componentsMinor(cart: CreditCart): number {
  const lines = cart.lines.reduce((sum, line) => sum + line.grossMinor - line.discountMinor, 0)
  const shipping = cart.shipping.reduce((sum, s) => sum + s.grossMinor - s.discountMinor, 0)
  const credits = cart.credits.reduce((sum, c) => sum + c.amountMinor, 0)
  return lines + shipping - credits
}

/**
 * The residue between Medusa's total and the sum of the separately rounded parts. Each part is off
 * by at most half a minor unit, so anything larger means the cart holds something we do not model.
 */
export function roundingResidueMinor(cart: CreditCart): number {
  const rowsMinor = componentsMinor(cart)
  const residue = cart.totalMinor - rowsMinor
  const parts = 2 * (cart.lines.length + cart.shipping.length) + cart.credits.length
  if (Math.abs(residue) > Math.max(1, Math.ceil(parts / 2))) throw new InvoiceRowsMismatchError(cart.totalMinor, rowsMinor)
  return residue
}

/**
 * Invoice rows (VAT-inclusive row totals, quantity 1) for the whole cart or one delivery.
 *
 * Discounts are separate negative rows per VAT rate. Vendors accept only non-negative tax amounts,
 * so a discount row carries its VAT rate but no tax amount, and the item row carries the VAT
 * actually charged (after discount): the invoice's VAT total stays right.
 */
export function buildInvoiceRows(cart: CreditCart, selection: RowSelection = {}): InvoiceRow[] {
  const residue = roundingResidueMinor(cart)
  const rows: InvoiceRow[] = []
  const discounts = new Map<string, number>()
  const addDiscount = (taxRate: string, amount: number) => {
    if (amount) discounts.set(taxRate, (discounts.get(taxRate) ?? 0) + amount)
  }

  const deliveries = selection.lines ?? cart.lines.map((line) => ({ lineId: line.id, alreadyInvoiced: 0, quantity: line.quantity }))
  for (const delivery of deliveries) {
    const line = cart.lines.find((l) => l.id === delivery.lineId)
    if (!line) throw new RangeError(`line ${delivery.lineId} is not part of the purchase`)
    if (delivery.quantity <= 0) continue
    if (delivery.alreadyInvoiced < 0 || delivery.alreadyInvoiced + delivery.quantity > line.quantity) {
      throw new RangeError(`line ${line.id}: cannot invoice ${delivery.quantity} more of ${line.quantity} after ${delivery.alreadyInvoiced}`)
    }
    const taxRate = formatTaxRate(line.taxRatePercent)
    rows.push({
      kind: "item",
      description: truncateText(delivery.quantity > 1 ? `${delivery.quantity} x ${line.title}` : line.title),
      ...(line.sku ? { notes: truncateText(line.sku) } : {}),
      amountMinor: shareOf(line.grossMinor, line, delivery.alreadyInvoiced, delivery.quantity),
      taxAmountMinor: shareOf(line.taxMinor, line, delivery.alreadyInvoiced, delivery.quantity),
      taxRate,
      lineItemId: line.id,
    })
    addDiscount(taxRate, shareOf(line.discountMinor, line, delivery.alreadyInvoiced, delivery.quantity))
  }

  const orderLevel = selection.orderLevel ?? true
  if (orderLevel) {
    for (const shipping of cart.shipping) {
      const taxRate = formatTaxRate(shipping.taxRatePercent)
      rows.push({
        kind: "shipping",
        description: truncateText(shipping.name || "Shipping"),
        amountMinor: shipping.grossMinor,
        taxAmountMinor: shipping.taxMinor,
        taxRate,
      })
      addDiscount(taxRate, shipping.discountMinor)
    }
  }

  const severalRates = discounts.size > 1
  for (const [taxRate, amount] of discounts) {
    rows.push({
      kind: "discount",
      description: severalRates ? `Discount ${taxRate}% VAT` : "Discount",
      amountMinor: -amount,
      taxAmountMinor: 0,
      taxRate,
    })
  }

  if (orderLevel) {
    for (const credit of cart.credits) {
      if (!credit.amountMinor) continue
      rows.push({ kind: "gift_card", description: truncateText(credit.label || "Gift card"), amountMinor: -credit.amountMinor, taxAmountMinor: 0, taxRate: "0" })
    }
    if (residue) rows.push({ kind: "rounding", description: "Rounding", amountMinor: residue, taxAmountMinor: 0, taxRate: "0" })
  }
  return rows
}
