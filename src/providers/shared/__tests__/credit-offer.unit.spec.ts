import { amountLimitBreach, assertAmountWithinLimits } from "../credit-offer"

describe("amountLimitBreach", () => {
  const limits = { loan: { min: 1000, max: 40000.5 }, invoice: { max: 99.99 } }

  it.each([
    ["loan", 99_999, "sek", { reason: "below_minimum", limitMinor: 100_000 }],
    ["loan", 100_000, "sek", undefined],
    ["loan", 4_000_050, "sek", undefined],
    ["loan", 4_000_051, "sek", { reason: "above_maximum", limitMinor: 4_000_050 }],
    ["invoice", 10_000, "eur", { reason: "above_maximum", limitMinor: 9_999 }],
    ["invoice", 0, "eur", undefined],
    ["part-payment", 1, "sek", undefined],
    // The limit is in the cart currency's major units: 1000 JPY (no decimals) is 1000 minor units.
    ["loan", 999, "jpy", { reason: "below_minimum", limitMinor: 1000 }],
  ])("%s, %d minor units of %s", (product, amountMinor, currency, expected) => {
    expect(amountLimitBreach(limits, product, amountMinor, currency)).toEqual(expected)
  })

  it("has nothing to say without limits", () => {
    expect(amountLimitBreach(undefined, "loan", 1, "sek")).toBeUndefined()
  })

  it("refuses with a message naming the limit and the option", () => {
    expect(() => assertAmountWithinLimits("avarda-loan", limits, "loan", 54_800, "sek")).toThrow('avarda-loan is offered for cart totals from 1000.00 SEK (provider option "amountLimits")')
  })
})
