/**
 * Format checks of personal identity numbers in the four Authorization-API markets.
 * `canonical` is the form used to recognise a shopper across purchases and to match test identities.
 */
export type Market = "SE" | "FI" | "NO" | "DK"

export interface NationalIdCheck {
  valid: boolean
  /** Digits (and FI control character) without separators; SE always 12 digits (century added). */
  canonical?: string
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function luhnCheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[i]) * (i % 2 === 0 ? 2 : 1)
    if (n > 9) n -= 9
    sum += n
  }
  return (10 - (sum % 10)) % 10
}

/** Swedish personnummer / samordningsnummer: YYMMDD[-+]NNNN or YYYYMMDD[-]NNNN, Luhn on the 10-digit form. */
export function checkSwedishId(input: string, today: Date): NationalIdCheck {
  const match = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/.exec(input.trim())
  if (!match) return { valid: false }
  const [, centuryText, yy, mm, dd, separator, serial] = match
  let century: number
  if (centuryText !== undefined) {
    century = Number(centuryText)
  } else {
    // 10-digit form: "+" marks a person aged 100 or more.
    const thisYear = today.getUTCFullYear()
    century = Math.floor(thisYear / 100)
    if (Number(`${century}${yy}`) > thisYear) century--
    if (separator === "+") century--
  }
  let day = Number(dd)
  if (day > 60) day -= 60 // samordningsnummer
  if (!isValidDate(century * 100 + Number(yy), Number(mm), day)) return { valid: false }
  const ten = `${yy}${mm}${dd}${serial}`
  if (luhnCheckDigit(ten.slice(0, 9)) !== Number(ten[9])) return { valid: false }
  return { valid: true, canonical: `${century}${ten}` }
}

const FINNISH_CONTROL_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
const FINNISH_CENTURY_SIGNS: Record<string, number> = {
  "+": 1800,
  "-": 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
}

/** Finnish henkilötunnus: DDMMYYCZZZQ (C century sign, ZZZ 002–899, Q mod-31 control character). */
export function checkFinnishId(input: string): NationalIdCheck {
  const match = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/i.exec(input.trim())
  if (!match) return { valid: false }
  const [, dd, mm, yy, sign, individual, control] = match
  const centuryBase = FINNISH_CENTURY_SIGNS[sign!.toUpperCase()]
  if (centuryBase === undefined) return { valid: false }
  if (!isValidDate(centuryBase + Number(yy), Number(mm), Number(dd))) return { valid: false }
  const individualNumber = Number(individual)
  if (individualNumber < 2 || individualNumber > 899) return { valid: false }
  const expected = FINNISH_CONTROL_CHARACTERS[Number(`${dd}${mm}${yy}${individual}`) % 31]
  if (expected !== control!.toUpperCase()) return { valid: false }
  return { valid: true, canonical: input.trim().toUpperCase() }
}

/** Norwegian fødselsnummer / D-nummer: DDMMYYIIIKK with two mod-11 control digits. */
export function checkNorwegianId(input: string): NationalIdCheck {
  const digits = input.trim().replace(/\s/g, "")
  if (!/^\d{11}$/.test(digits)) return { valid: false }
  const d = [...digits].map(Number)
  let day = d[0]! * 10 + d[1]!
  if (day > 40) day -= 40 // D-nummer
  const month = d[2]! * 10 + d[3]!
  if (!isValidDate(1900 + d[4]! * 10 + d[5]!, month, day) && !isValidDate(2000 + d[4]! * 10 + d[5]!, month, day)) {
    return { valid: false }
  }
  const control = (weights: number[]): number => {
    const rest = 11 - (weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11)
    return rest === 11 ? 0 : rest
  }
  const k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2])
  const k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
  if (k1 === 10 || k2 === 10 || k1 !== d[9] || k2 !== d[10]) return { valid: false }
  return { valid: true, canonical: digits }
}

/** Danish CPR: DDMMYY[-]SSSS; no modulus-11 check (dropped by CPR in 2007), the date must exist. */
export function checkDanishId(input: string): NationalIdCheck {
  const match = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/.exec(input.trim())
  if (!match) return { valid: false }
  const [, dd, mm, yy, serial] = match
  const day = Number(dd)
  const month = Number(mm)
  if (!isValidDate(1900 + Number(yy), month, day) && !isValidDate(2000 + Number(yy), month, day)) {
    return { valid: false }
  }
  return { valid: true, canonical: `${dd}${mm}${yy}${serial}` }
}

export function checkNationalId(market: Market, input: string, today: Date): NationalIdCheck {
  switch (market) {
    case "SE":
      return checkSwedishId(input, today)
    case "FI":
      return checkFinnishId(input)
    case "NO":
      return checkNorwegianId(input)
    case "DK":
      return checkDanishId(input)
  }
}

/** Market whose format the number matches (first of SE, FI, NO, DK), for requests that name no market. */
export function detectMarketOfNationalId(input: string, today: Date): Market | undefined {
  const order: Market[] = ["SE", "FI", "NO", "DK"]
  return order.find((market) => checkNationalId(market, input, today).valid)
}
