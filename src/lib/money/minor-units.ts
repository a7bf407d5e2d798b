/**
 * Exact money in integer minor units (öre, cents). Vendors want exact amounts: Avarda decimals with
 * at most 2 places, Avirato integers in minor units. Sums are done on integers, never on floats.
 */

/** Digits after the decimal point per ISO 4217 currency (those not listed have 2). */
const EXPONENTS: Record<string, number> = {
  bif: 0, clp: 0, djf: 0, gnf: 0, isk: 0, jpy: 0, kmf: 0, krw: 0, pyg: 0, rwf: 0, ugx: 0, vnd: 0, vuv: 0, xaf: 0, xof: 0, xpf: 0,
  bhd: 3, jod: 3, kwd: 3, omr: 3, tnd: 3,
}

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toLowerCase()] ?? 2
}

/**
 * Parses a decimal string ("12.5", "-0.05", "1e2" is refused) into minor units, rounding half away
 * from zero when it has more digits than the currency allows.
 */
export function decimalStringToMinor(value: string, currency: string): number {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim())
  if (!match) throw new RangeError(`"${value}" is not a plain decimal amount`)
  const [, sign, whole, fraction = ""] = match
  const exponent = currencyExponent(currency)
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0")
  let minor = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(kept || "0")
  if (fraction.length > exponent && Number(fraction[exponent]) >= 5) minor += 1n
  const result = Number(sign ? -minor : minor)
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount ${value} is too large`)
  return result
}

/** Minor units → a decimal string with exactly the currency's digits, e.g. 1999 SEK → "19.99". */
export function minorToDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not an integer amount in minor units`)
  const exponent = currencyExponent(currency)
  const negative = minor < 0
  const digits = Math.abs(minor).toString().padStart(exponent + 1, "0")
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = exponent ? `.${digits.slice(digits.length - exponent)}` : ""
  return `${negative ? "-" : ""}${whole}${fraction}`
}

/** Minor units → a JSON number with at most the currency's digits (19.99, 20, -0.5). */
export function minorToDecimalNumber(minor: number, currency: string): number {
  return Number(minorToDecimalString(minor, currency))
}

/** True when a JSON number or string has at most `places` decimals (e.g. Avarda's "≤ 2 decimals"). */
export function hasAtMostDecimals(value: number | string, places: number): boolean {
  const text = typeof value === "number" ? numberToPlainString(value) : value.trim()
  const match = /^-?\d+(?:\.(\d+))?$/.exec(text)
  return !!match && (match[1]?.length ?? 0) <= places
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return "NaN"
  // Shortest round-trip representation, without exponent notation for ordinary amounts.
  const text = String(value)
  return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, "").replace(/\.$/, "") : text
}

/**
 * Splits `total` minor units over weights proportionally with exact integer results that add up to
 * `total` (largest remainder method). Used e.g. to spread a refund over VAT rates.
 */
export function allocateProportionally(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (weights.length === 0) return []
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0))
  const raw = weights.map((w) => (total * w) / sum)
  const floors = raw.map((r) => Math.trunc(r))
  let remainder = total - floors.reduce((a, b) => a + b, 0)
  const order = raw
    .map((r, i) => ({ i, frac: Math.abs(r - Math.trunc(r)) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i)
  const step = Math.sign(remainder)
  for (let k = 0; remainder !== 0; k = (k + 1) % order.length) {
    floors[order[k].i] += step
    remainder -= step
  }
  return floors
}
