/**
 * Money as integer minor units (öre / cents). Decimal values arrive as JSON number literals or
 * strings; their text is parsed exactly, never through floating point.
 */
import { JsonNumber } from "./lossless-json"

export interface ExactDecimal {
  /** Sign and digits without a decimal point, scaled by 10^scale. */
  unscaled: bigint
  /** Number of decimals that carry information (trailing zeros dropped). */
  scale: number
}

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

/** Parses "12.30", "-5", "1e2", " 7.5 " exactly; undefined when the text is not a decimal. */
export function parseExactDecimal(text: string): ExactDecimal | undefined {
  const match = DECIMAL_TEXT.exec(text.trim())
  if (!match) return undefined
  const [, sign, whole, fraction = "", exponentText = "0"] = match
  const exponent = Number(exponentText)
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return undefined
  let digits = (whole! + fraction).replace(/^0+(?=\d)/, "")
  let scale = fraction.length - exponent
  while (scale > 0 && digits.length > 1 && digits.endsWith("0")) {
    digits = digits.slice(0, -1)
    scale--
  }
  if (digits === "0") scale = 0
  let unscaled = BigInt(digits)
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale)
    scale = 0
  }
  return { unscaled: sign === "-" ? -unscaled : unscaled, scale }
}

/** Text of a JSON number literal or string holding a decimal; undefined for other types. */
export function decimalText(value: unknown): string | undefined {
  if (value instanceof JsonNumber) return value.text
  if (typeof value === "string") return value
  if (typeof value === "number" && Number.isFinite(value)) return String(value)
  return undefined
}

export function hasAtMostTwoDecimals(value: unknown): boolean {
  const text = decimalText(value)
  const parsed = text === undefined ? undefined : parseExactDecimal(text)
  return parsed !== undefined && parsed.scale <= 2
}

/** Minor units of a decimal with at most 2 decimals; undefined otherwise (or beyond safe range). */
export function toMinorUnits(value: unknown): number | undefined {
  const text = decimalText(value)
  const parsed = text === undefined ? undefined : parseExactDecimal(text)
  if (!parsed || parsed.scale > 2) return undefined
  const minor = parsed.unscaled * 10n ** BigInt(2 - parsed.scale)
  const asNumber = Number(minor)
  return Number.isSafeInteger(asNumber) ? asNumber : undefined
}

/** Minor units → JSON number with at most two decimals (division by 100 of an integer is exact enough to print). */
export function fromMinorUnits(minor: number): number {
  return minor / 100
}

/** "1234.50" style text for pages. */
export function formatMinorUnits(minor: number): string {
  const sign = minor < 0 ? "-" : ""
  const abs = Math.abs(minor)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`
}
