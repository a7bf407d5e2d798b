/**
 * Format checks of personal identity numbers (SSN) per market, done before any vendor call so a
 * typo gets a clear answer. Results never contain the number itself: it must not reach logs or errors.
 */
import type { AvardaMarket } from "./markets"

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]) * (i % 2 === 1 ? 2 : 1)
    if (n > 9) n -= 9
    sum += n
  }
  return sum % 10 === 0
}

/** Personnummer / samordningsnummer: [YY]YYMMDD[-+]NNNN with a Luhn check digit. */
function swedish(input: string): boolean {
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{4})$/.exec(input)
  if (!match) return false
  const [, century, yy, mm, dd, serial] = match
  const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd)
  const year = century ? Number(`${century}${yy}`) : 2000 + Number(yy)
  if (!isValidDate(year, Number(mm), day) && !isValidDate(year - 100, Number(mm), day)) return false
  return luhnValid(`${yy}${mm}${dd}${serial}`)
}

const FINNISH_CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY"
const FINNISH_CENTURY: Record<string, number> = {
  "+": 1800, "-": 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900, A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
}

/** Henkilötunnus: DDMMYYCZZZQ, Q = mod-31 control character. */
function finnish(input: string): boolean {
  const match = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/i.exec(input)
  if (!match) return false
  const [, dd, mm, yy, sign, individual, control] = match
  const century = FINNISH_CENTURY[sign!.toUpperCase()]
  if (century === undefined || !isValidDate(century + Number(yy), Number(mm), Number(dd))) return false
  return FINNISH_CONTROL[Number(`${dd}${mm}${yy}${individual}`) % 31] === control!.toUpperCase()
}

/** Fødselsnummer / D-nummer: 11 digits with two mod-11 control digits. */
function norwegian(input: string): boolean {
  if (!/^\d{11}$/.test(input)) return false
  const d = [...input].map(Number)
  const control = (weights: number[]): number => {
    const rest = 11 - (weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11)
    return rest === 11 ? 0 : rest
  }
  return control([3, 7, 6, 1, 8, 9, 4, 5, 2]) === d[9] && control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === d[10]
}

/** CPR: DDMMYY[-]SSSS (no modulus check since 2007; the date must exist). */
function danish(input: string): boolean {
  const match = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/.exec(input)
  if (!match) return false
  const [, dd, mm, yy] = match
  return isValidDate(1900 + Number(yy), Number(mm), Number(dd)) || isValidDate(2000 + Number(yy), Number(mm), Number(dd))
}

const CHECKS: Record<AvardaMarket, { check: (input: string) => boolean; rule: string }> = {
  SE: { check: swedish, rule: "a Swedish personnummer (YYYYMMDD-NNNN or YYMMDD-NNNN) with a valid check digit" },
  FI: { check: finnish, rule: "a Finnish henkilötunnus (DDMMYYCZZZQ) with a valid control character" },
  NO: { check: norwegian, rule: "a Norwegian fødselsnummer (11 digits) with valid control digits" },
  DK: { check: danish, rule: "a Danish CPR number (DDMMYY-SSSS)" },
}

/** Undefined when valid, else the rule (without the number). */
export function personalIdRuleViolation(market: AvardaMarket, personalIdNumber: string): string | undefined {
  const { check, rule } = CHECKS[market]
  return check(personalIdNumber.trim().replace(/\s/g, "")) ? undefined : `must be ${rule}`
}
