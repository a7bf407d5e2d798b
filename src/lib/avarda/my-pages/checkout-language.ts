/**
 * `language` of `POST /Pay`: the docs say "string", Avarda's own plugin sent the Checkout 3.0
 * integer enum (an assumption: Avarda documents no language values), so the integer is sent. Locale tags map by their language, except
 * German for Austria, which Checkout 3.0 lists separately.
 */
const CHECKOUT_LANGUAGES: Record<string, number> = {
  en: 0,
  sv: 1,
  fi: 2,
  no: 3,
  nb: 3,
  nn: 3,
  et: 4,
  da: 5,
  cs: 6,
  lv: 7,
  sk: 9,
  pl: 10,
  de: 11,
  "de-at": 12,
  ru: 13,
  es: 14,
  it: 15,
}

/** Checkout 3.0 language code of a locale such as "sv", "sv-SE" or "de_AT"; undefined when not offered. */
export function checkoutLanguageOf(locale: string | undefined): number | undefined {
  if (!locale) return undefined
  const tag = locale.trim().toLowerCase().replace(/_/g, "-")
  return CHECKOUT_LANGUAGES[tag] ?? CHECKOUT_LANGUAGES[tag.split("-")[0] ?? ""]
}

export const CHECKOUT_LANGUAGE_ENGLISH = 0
