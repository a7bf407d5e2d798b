/**
 * Rows for an amount that has no lines of its own (a refund, an admin capture of an amount):
 * spread over the VAT rates of what it applies to, proportionally and exactly.
 */
import { allocateProportionally } from "../money/minor-units"
import { vatIncludedMinor, type InvoiceRow, type InvoiceRowKind } from "./invoice-rows"

export class AmountExceedsBaseError extends Error {
  constructor(readonly amountMinor: number, readonly baseMinor: number) {
    super(`amount ${amountMinor} exceeds the ${baseMinor} minor units it can apply to`)
    this.name = "AmountExceedsBaseError"
  }
}

/**
 * One row per VAT rate whose base is positive, amounts allocated in proportion to `baseByRate`
 * (largest remainder), each with the VAT it contains. `amountMinor` must be positive and at most the
 * sum of the positive bases.
 */
export function rowsPerTaxRate(
  amountMinor: number,
  baseByRate: ReadonlyMap<string, number>,
  options: { kind: Extract<InvoiceRowKind, "refund" | "delivery">; description: string }
): InvoiceRow[] {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new RangeError("amount must be a positive integer of minor units")
  const bases = [...baseByRate].filter(([, base]) => base > 0)
  const baseMinor = bases.reduce((sum, [, base]) => sum + base, 0)
  if (amountMinor > baseMinor) throw new AmountExceedsBaseError(amountMinor, baseMinor)
  const shares = allocateProportionally(amountMinor, bases.map(([, base]) => base))
  const several = bases.length > 1
  return bases
    .map(([taxRate], i) => ({
      kind: options.kind,
      description: several ? `${options.description} ${taxRate}% VAT` : options.description,
      amountMinor: shares[i]!,
      taxAmountMinor: vatIncludedMinor(shares[i]!, taxRate),
      taxRate,
    }))
    .filter((row) => row.amountMinor !== 0)
}
