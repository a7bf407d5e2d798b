import { amountLimitBreach, assertAmountWithinLimits, chooseOfferedPaymentTerm, creditOfferIssues, paymentTermIssue } from "../credit-offer"

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

describe("the shopper's term", () => {
  it.each([
    [[12, 24, 36], 24, undefined],
    [[36], undefined, undefined],
    [[], 12, undefined],
    [[12, 24, 36], undefined, { field: "payment_terms", message: "is required for part-payment: choose one of 12, 24, 36 months" }],
    [[12, 24, 36], 72, { field: "payment_terms", message: "72 is not offered for part-payment: choose one of 12, 24, 36 months" }],
  ])("offered %j, requested %j → %j", (offered, requested, expected) => {
    expect(paymentTermIssue("part-payment", offered, requested)).toEqual(expected)
  })

  it("is chosen (the only one when there is one) or refused with the same words the route uses", () => {
    expect(chooseOfferedPaymentTerm("loan", [36], undefined)).toBe(36)
    expect(chooseOfferedPaymentTerm("loan", [12, 36], 12)).toBe(12)
    expect(chooseOfferedPaymentTerm("invoice", [], 12)).toBeUndefined()
    expect(() => chooseOfferedPaymentTerm("loan", [12, 36], 72)).toThrow("payment_terms 72 is not offered for loan: choose one of 12, 36 months")
  })
})

describe("creditOfferIssues", () => {
  const offer = {
    identifier: "avarda-loan",
    products: ["invoice", "loan"],
    product: "loan",
    amountLimits: { loan: { min: 1000 } },
    amountMinor: 200_000,
    currency: "sek",
    offeredTerms: [12, 36],
    requestedTerm: 36 as number | undefined,
  }

  it("has nothing to say about an offered product, total and term", () => {
    expect(creditOfferIssues(offer)).toEqual([])
  })

  it("names the field the storefront can change for each refusal", () => {
    expect(creditOfferIssues({ ...offer, requestedTerm: 72 })).toEqual([{ field: "payment_terms", message: "72 is not offered for loan: choose one of 12, 36 months" }])
    expect(creditOfferIssues({ ...offer, amountMinor: 54_800, requestedTerm: undefined })).toEqual([
      { field: "provider_id", message: 'avarda-loan is offered for cart totals from 1000.00 SEK (provider option "amountLimits")' },
      { field: "payment_terms", message: "is required for loan: choose one of 12, 36 months" },
    ])
    expect(creditOfferIssues({ ...offer, products: ["invoice"] })).toEqual([{ field: "provider_id", message: 'avarda-loan is not offered: add "loan" to the provider option "products"' }])
  })
})
