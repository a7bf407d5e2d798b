import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { currencyExponent, decimalStringToMinor } from "../../lib/money/minor-units"

/**
 * Medusa amounts are major units and may be numbers, strings, BigNumber objects or raw
 * `{ value, precision }` records (refunds pass the raw one). They can carry more digits than the
 * currency has (taxes, promotions): we round half away from zero to the currency's precision.
 */
export function medusaAmountToMinor(amount: BigNumberInput, currency: string): number {
  const value = MathBN.convert(amount)
  if (!value.isFinite()) throw new RangeError(`amount "${String(amount)}" is not a number`)
  return decimalStringToMinor(value.toFixed(), currency)
}

type Amounted = { amount: BigNumberInput; raw_amount?: BigNumberInput | null }

/** Two Medusa records (a payment session, its collection) ask the same amount, compared exactly: the raw amount where there is one. */
export function sameMedusaAmount(a: Amounted, b: Amounted): boolean {
  return MathBN.eq(a.raw_amount ?? a.amount, b.raw_amount ?? b.amount)
}

/** Minor units → a Medusa major-unit number (e.g. 1250 → 12.5 EUR). */
export function minorToMedusaAmount(minor: number, currency: string): number {
  return MathBN.convert(minor).div(10 ** currencyExponent(currency)).toNumber()
}
