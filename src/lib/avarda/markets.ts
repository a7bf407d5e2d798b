/**
 * The four markets Avarda's credit products serve: language codes, currency and the
 * address formats Avarda validates. The market of a purchase is the invoicing address country.
 */
export type AvardaMarket = "SE" | "FI" | "NO" | "DK"

export const AVARDA_MARKETS: readonly AvardaMarket[] = ["SE", "FI", "NO", "DK"]

interface MarketFacts {
  /** ISO 4217, lower case as Medusa stores it. */
  currency: "sek" | "eur" | "nok" | "dkk"
  /** Authorization API `customer.userLanguageCode` (ISO 3166 numeric of the country). */
  userLanguageCode: 752 | 246 | 578 | 208
  /** Standalone Credit (CheckOut2Api) `UserLanguageCode`. */
  locale: "sv-SE" | "fi-FI" | "nb-NO" | "da-DK"
  zip: RegExp
  zipRule: string
}

const FACTS: Record<AvardaMarket, MarketFacts> = {
  SE: { currency: "sek", userLanguageCode: 752, locale: "sv-SE", zip: /^\d{3} ?\d{2}$/, zipRule: "5 digits (e.g. 11122 or 111 22)" },
  FI: { currency: "eur", userLanguageCode: 246, locale: "fi-FI", zip: /^\d{5}$/, zipRule: "5 digits" },
  NO: { currency: "nok", userLanguageCode: 578, locale: "nb-NO", zip: /^\d{4}$/, zipRule: "4 digits" },
  DK: { currency: "dkk", userLanguageCode: 208, locale: "da-DK", zip: /^\d{4}$/, zipRule: "4 digits" },
}

/** `userLanguageCode` for English texts (any market). */
export const ENGLISH_USER_LANGUAGE_CODE = 826
export const USER_LANGUAGE_CODES: readonly number[] = [208, 246, 578, 752, 826]

export function marketOfCountry(countryCode: string | null | undefined): AvardaMarket | undefined {
  const upper = countryCode?.trim().toUpperCase()
  return (AVARDA_MARKETS as readonly string[]).includes(upper ?? "") ? (upper as AvardaMarket) : undefined
}

export function marketCurrency(market: AvardaMarket): string {
  return FACTS[market].currency
}

export function userLanguageCodeOf(market: AvardaMarket): number {
  return FACTS[market].userLanguageCode
}

export function localeOf(market: AvardaMarket): string {
  return FACTS[market].locale
}

/** Undefined when the zip is valid for the market, else the rule it breaks. */
export function zipRuleViolation(market: AvardaMarket, zip: string): string | undefined {
  return FACTS[market].zip.test(zip.trim()) ? undefined : `must be ${FACTS[market].zipRule} for ${market}`
}

/** Phone as Avarda wants it: no spaces, dashes or parentheses. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s\-().]/g, "")
}

/** A plausible phone number: optional +/00 prefix, 6–15 digits in total. Avarda checks the market rules. */
export function isPlausiblePhone(phone: string): boolean {
  return /^(?:\+|00)?\d{6,15}$/.test(normalizePhone(phone)) && normalizePhone(phone).replace(/^\+/, "").length <= 15
}
