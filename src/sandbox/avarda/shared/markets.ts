/** Per-market facts the simulators need: language codes, currency, phone and zip formats. */
import type { Market } from "./national-id"

export type { Market } from "./national-id"

export type Currency = "SEK" | "EUR" | "NOK" | "DKK"

/** Authorization API `userLanguageCode` values (ISO 3166 numeric). */
export const USER_LANGUAGE_CODES = [208, 246, 578, 752, 826] as const
export type UserLanguageCode = (typeof USER_LANGUAGE_CODES)[number]

export type Language = "da" | "fi" | "no" | "sv" | "en"

export const LANGUAGE_OF_USER_LANGUAGE_CODE: Record<UserLanguageCode, Language> = {
  208: "da",
  246: "fi",
  578: "no",
  752: "sv",
  826: "en",
}

export interface MarketFacts {
  currency: Currency
  userLanguageCode: UserLanguageCode
  /** ISO 3166 alpha-3, as CheckOut2 GetPaymentStatus reports `CountryCode`. */
  alpha3: string
  /** Mobile phone number after removing spaces, dashes and parentheses. */
  phone: RegExp
  zip: RegExp
}

export const MARKETS: Record<Market, MarketFacts> = {
  SE: { currency: "SEK", userLanguageCode: 752, alpha3: "SWE", phone: /^(?:\+46|0046|0)7\d{8}$/, zip: /^\d{3} ?\d{2}$/ },
  FI: { currency: "EUR", userLanguageCode: 246, alpha3: "FIN", phone: /^(?:\+358|00358|0)(?:4\d|50)\d{4,8}$/, zip: /^\d{5}$/ },
  NO: { currency: "NOK", userLanguageCode: 578, alpha3: "NOR", phone: /^(?:\+47|0047)?[49]\d{7}$/, zip: /^\d{4}$/ },
  DK: { currency: "DKK", userLanguageCode: 208, alpha3: "DNK", phone: /^(?:\+45|0045)?[2-9]\d{7}$/, zip: /^\d{4}$/ },
}

export function marketOfUserLanguageCode(code: number): Market | undefined {
  return ({ 208: "DK", 246: "FI", 578: "NO", 752: "SE" } as Record<number, Market>)[code]
}

export function marketOfCountry(country: string | undefined): Market | undefined {
  const upper = country?.trim().toUpperCase()
  return upper === "SE" || upper === "FI" || upper === "NO" || upper === "DK" ? upper : undefined
}

export function isValidPhone(market: Market, phone: string): boolean {
  return MARKETS[market].phone.test(phone.replace(/[\s\-()]/g, ""))
}

export function isValidZip(market: Market, zip: string): boolean {
  return MARKETS[market].zip.test(zip.trim())
}
