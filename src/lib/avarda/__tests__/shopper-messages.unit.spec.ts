import { decisionOfState } from "../standalone/purchase-state"
import { shopperLanguageOfLocale, shopperLanguageOfPurchase, shopperMessage } from "../shopper-messages"

describe("one language rule for the plugin's shopper texts", () => {
  it.each([
    ["sv-SE", "sv"],
    ["SV-se", "sv"],
    ["en-US", "en"],
    ["fi-FI", "en"],
    ["nb-NO", "en"],
    ["da-DK", "en"],
    [undefined, "en"],
  ] as const)("a purchase made in %s reads %s", (locale, language) => {
    expect(shopperLanguageOfLocale(locale)).toBe(language)
  })

  it("follows the language recorded on the purchase, else the market of its currency", () => {
    expect(shopperLanguageOfPurchase({ language: "en-US", currency_code: "sek" })).toBe("en")
    expect(shopperLanguageOfPurchase({ currency_code: "SEK" })).toBe("sv")
    expect(shopperLanguageOfPurchase({ currency_code: "eur" })).toBe("en")
    expect(shopperLanguageOfPurchase(undefined)).toBe("en")
  })

  it("has every text in Swedish and English", () => {
    expect(shopperMessage("identification_cancelled", "sv")).toBe("Den elektroniska identifieringen avbröts. Försök igen eller välj ett annat betalsätt.")
    expect(shopperMessage("identification_cancelled", "en")).toBe("The electronic identification was cancelled. Please try again or choose another payment method.")
  })

  it("gives Standalone decisions the purchase's language", () => {
    expect(decisionOfState(8, "sv", new Date(0))).toEqual({
      outcome: "cancelled",
      state: 8,
      state_name: "Cancelled",
      message: "Den elektroniska identifieringen avbröts. Försök igen eller välj ett annat betalsätt.",
      checked_at: "1970-01-01T00:00:00.000Z",
    })
    expect(decisionOfState(2, "en").message).toBeUndefined()
  })
})
