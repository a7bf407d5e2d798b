/**
 * An admin's amount for one of the plugin's payments has at most the currency's decimals: the
 * vendors take exact minor units (Avarda 2 decimals, Avirato integers), so an amount with more
 * would be recorded in Medusa as one thing and sent to the vendor as another.
 */
import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { currencyExponent } from "../../lib/money/minor-units"
import type { FieldError } from "../request-validation/invalid-data"

/** The field error for an `amount` with more decimals than `currencyCode` has, else undefined. */
export function amountDecimalsError(amount: BigNumberInput, currencyCode: string): FieldError | undefined {
  const exponent = currencyExponent(currencyCode)
  if (MathBN.convert(amount).decimalPlaces()! <= exponent) return undefined
  return { field: "amount", message: `must have at most ${exponent} decimals for ${currencyCode.toUpperCase()}` }
}
