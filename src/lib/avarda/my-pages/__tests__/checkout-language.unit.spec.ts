import { checkoutLanguageOf } from "../checkout-language"

describe("checkoutLanguageOf", () => {
  it.each([
    ["en", 0],
    ["sv", 1],
    ["sv-SE", 1],
    ["fi-FI", 2],
    ["nb-NO", 3],
    ["no", 3],
    ["da_DK", 5],
    ["de", 11],
    ["de-DE", 11],
    ["de-AT", 12],
    [" PL ", 10],
    ["fr", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%j → %j", (locale, code) => {
    expect(checkoutLanguageOf(locale)).toBe(code)
  })
})
