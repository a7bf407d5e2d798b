/**
 * The amount an admin captures or refunds: a finite positive number, as Medusa's own validators want
 * it; and for one of the plugin's payments at most the currency's decimals — the vendors take exact
 * minor units (Avarda 2 decimals, Avirato integers), so an amount with more would be recorded in
 * Medusa as one thing and sent to the vendor as another.
 */
import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { z } from "zod"
import { currencyExponent } from "../../lib/money/minor-units"
import type { FieldError } from "../request-validation/invalid-data"

/** `amount` of the admin's capture or refund body (absent: Medusa's default, the whole payment). */
export const adminAmountSchema = z
  .number({ error: "must be a number (major units, e.g. 12.5)" })
  .refine((value) => Number.isFinite(value), "must be a finite number")
  .refine((value) => value > 0, "must be greater than 0")
  .optional()
  .nullable()

/** The field error for an `amount` with more decimals than `currencyCode` has, else undefined. */
export function amountDecimalsError(amount: BigNumberInput, currencyCode: string): FieldError | undefined {
  const exponent = currencyExponent(currencyCode)
  if (MathBN.convert(amount).decimalPlaces()! <= exponent) return undefined
  return { field: "amount", message: `must have at most ${exponent} decimals for ${currencyCode.toUpperCase()}` }
}
