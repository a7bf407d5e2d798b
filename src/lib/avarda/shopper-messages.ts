/**
 * Every text of the plugin's own that an Avarda shopper may read: the credit session routes'
 * answers, the decision stored on the session, the failure redirects of the return routes.
 *
 * One language rule for all of them: a shopper reads the language the purchase was made in at
 * Avarda, i.e. the language sent with the credit request (Authorization API: the invoicing
 * country's language; Standalone Credit: its `UserLanguageCode`, which the shop may fix). Avarda's
 * own localized texts (rejections) come in that language already and are shown as they are; the
 * plugin's texts follow it: Swedish for a Swedish purchase, English otherwise (Finnish, Norwegian
 * and Danish purchases read English plugin texts until those translations are added here).
 */
import { AVARDA_MARKETS, localeOf, marketCurrency } from "./markets"

export type ShopperLanguage = "sv" | "en"

const MESSAGES = {
  unknown_decision: {
    en: "Avarda did not answer in time, so the credit decision is unknown. Please choose another payment method or try again later.",
    sv: "Avarda svarade inte i tid, så kreditbeslutet är okänt. Välj ett annat betalsätt eller försök igen senare.",
  },
  unreachable: {
    en: "Avarda cannot be reached at the moment. Please choose another payment method or try again later.",
    sv: "Det går inte att nå Avarda just nu. Välj ett annat betalsätt eller försök igen senare.",
  },
  method_unavailable: {
    en: "This payment method is not available at the moment. Please choose another payment method.",
    sv: "Betalsättet är inte tillgängligt just nu. Välj ett annat betalsätt.",
  },
  credit_not_approved: {
    en: "The credit was not approved. Please choose another payment method.",
    sv: "Krediten beviljades inte. Välj ett annat betalsätt.",
  },
  technical_error: {
    en: "Avarda could not process the credit request (technical error). Please choose another payment method or try again later.",
    sv: "Avarda kunde inte behandla kreditansökan (tekniskt fel). Välj ett annat betalsätt eller försök igen senare.",
  },
  identification_not_finished: {
    en: "The electronic identification is not finished yet.",
    sv: "Den elektroniska identifieringen är inte klar ännu.",
  },
  identification_timed_out: {
    en: "The electronic identification was not completed in time. Please try again or choose another payment method.",
    sv: "Den elektroniska identifieringen slutfördes inte i tid. Försök igen eller välj ett annat betalsätt.",
  },
  identification_cancelled: {
    en: "The electronic identification was cancelled. Please try again or choose another payment method.",
    sv: "Den elektroniska identifieringen avbröts. Försök igen eller välj ett annat betalsätt.",
  },
  payment_not_completed_by_avarda: {
    en: "Avarda could not complete the payment. Please choose another payment method.",
    sv: "Avarda kunde inte slutföra betalningen. Välj ett annat betalsätt.",
  },
  session_no_longer_valid: {
    en: "This payment is no longer valid (the cart may have changed). Please choose a payment method again.",
    sv: "Betalningen gäller inte längre (varukorgen kan ha ändrats). Välj betalsätt igen.",
  },
  identification_processing: {
    en: "Your identification is still being processed. We will complete the order as soon as Avarda confirms it.",
    sv: "Din identifiering behandlas fortfarande. Vi slutför beställningen så snart Avarda bekräftar den.",
  },
  identification_unconfirmed: {
    en: "We could not confirm your identification with Avarda yet. The order will be completed as soon as Avarda confirms it.",
    sv: "Vi har inte kunnat bekräfta din identifiering hos Avarda ännu. Beställningen slutförs så snart Avarda bekräftar den.",
  },
  payment_unconfirmed: {
    en: "We could not confirm your payment with Avarda yet. We will complete the order as soon as Avarda confirms it.",
    sv: "Vi har inte kunnat bekräfta din betalning hos Avarda ännu. Vi slutför beställningen så snart Avarda bekräftar den.",
  },
  payment_not_completed: {
    en: "The payment could not be completed. Please choose another payment method.",
    sv: "Betalningen kunde inte slutföras. Välj ett annat betalsätt.",
  },
  order_not_created: {
    en: "The payment was approved but the order could not be created. Please contact the store.",
    sv: "Betalningen godkändes men beställningen kunde inte skapas. Kontakta butiken.",
  },
  order_being_placed: {
    en: "Your payment is confirmed and your order is being placed. You will receive a confirmation shortly.",
    sv: "Din betalning är bekräftad och din beställning läggs nu. Du får en bekräftelse inom kort.",
  },
  payment_not_started: {
    en: "The payment could not be started. Please choose another payment method.",
    sv: "Betalningen kunde inte startas. Välj ett annat betalsätt.",
  },
} satisfies Record<string, Record<ShopperLanguage, string>>

export type ShopperMessageKey = keyof typeof MESSAGES

export function shopperMessage(key: ShopperMessageKey, language: ShopperLanguage): string {
  return MESSAGES[key][language]
}

/** The plugin's language for a purchase made in `locale` ("sv-SE", "en-US", …). */
export function shopperLanguageOfLocale(locale: string | null | undefined): ShopperLanguage {
  return locale?.toLowerCase().startsWith("sv") ? "sv" : "en"
}

/**
 * The language of a stored purchase: its recorded `language`, else (sessions stored before the
 * language was recorded) the market of its currency — each Avarda market has its own currency.
 */
export function shopperLanguageOfPurchase(data: { language?: string | null; currency_code?: string | null } | undefined): ShopperLanguage {
  if (data?.language) return shopperLanguageOfLocale(data.language)
  const market = AVARDA_MARKETS.find((candidate) => marketCurrency(candidate) === data?.currency_code?.toLowerCase())
  return shopperLanguageOfLocale(market ? localeOf(market) : undefined)
}
