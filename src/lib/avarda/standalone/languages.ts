/**
 * `UserLanguageCode` of the CheckOut2Api: the invoice page lists en-US, sv-SE and
 * fi-FI; the direct-invoice page adds da-DK and nb-NO (assumed for loan and part payment too).
 */
import { localeOf, type AvardaMarket } from "../markets"
import type { StandaloneProduct } from "./request"

export const STANDALONE_LANGUAGES = ["en-US", "sv-SE", "fi-FI", "da-DK", "nb-NO"] as const
export type StandaloneLanguage = (typeof STANDALONE_LANGUAGES)[number]

export const LANGUAGES_BY_PRODUCT: Record<StandaloneProduct, readonly StandaloneLanguage[]> = {
  invoice: ["en-US", "sv-SE", "fi-FI"],
  "direct-invoice": STANDALONE_LANGUAGES,
  loan: STANDALONE_LANGUAGES,
  "part-payment": STANDALONE_LANGUAGES,
}

/**
 * The language for a purchase: a fixed code from the shop's settings, or ("auto") the invoicing
 * country's language, falling back to English where the product does not offer it (e.g. a Danish
 * invoice purchase).
 */
export function userLanguageCodeFor(product: StandaloneProduct, market: AvardaMarket, preference: "auto" | StandaloneLanguage): StandaloneLanguage {
  const supported = LANGUAGES_BY_PRODUCT[product]
  const wanted = (preference === "auto" ? localeOf(market) : preference) as StandaloneLanguage
  return supported.includes(wanted) ? wanted : "en-US"
}
