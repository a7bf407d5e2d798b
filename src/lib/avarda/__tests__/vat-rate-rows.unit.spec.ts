import { rowsTotalMinor } from "../invoice-rows"
import { AmountExceedsBaseError, rowsPerTaxRate } from "../vat-rate-rows"

describe("rowsPerTaxRate", () => {
  it.each([
    {
      name: "one rate: one row with the VAT it contains",
      amount: 12500,
      bases: [["25", 104700]],
      rows: [{ kind: "refund", description: "Refund", amountMinor: 12500, taxAmountMinor: 2500, taxRate: "25" }],
    },
    {
      name: "two rates: proportional, exact, named by rate",
      amount: 10000,
      bases: [["25", 30000], ["12", 10000]],
      rows: [
        { kind: "refund", description: "Refund 25% VAT", amountMinor: 7500, taxAmountMinor: 1500, taxRate: "25" },
        { kind: "refund", description: "Refund 12% VAT", amountMinor: 2500, taxAmountMinor: 268, taxRate: "12" },
      ],
    },
    {
      name: "an odd amount over three rates still adds up (largest remainder)",
      amount: 100,
      bases: [["25", 500], ["12", 500], ["6", 500]],
      rows: [
        expect.objectContaining({ amountMinor: 34, taxRate: "25" }),
        expect.objectContaining({ amountMinor: 33, taxRate: "12" }),
        expect.objectContaining({ amountMinor: 33, taxRate: "6" }),
      ],
    },
    {
      name: "non-positive bases (gift cards at 0 %) are left out",
      amount: 5000,
      bases: [["25", 104700], ["0", -20000]],
      rows: [{ kind: "refund", description: "Refund", amountMinor: 5000, taxAmountMinor: 1000, taxRate: "25" }],
    },
  ])("$name", ({ amount, bases, rows }) => {
    const built = rowsPerTaxRate(amount, new Map(bases as Array<[string, number]>), { kind: "refund", description: "Refund" })
    expect(built).toEqual(rows)
    expect(rowsTotalMinor(built)).toBe(amount)
  })

  it("refuses more than the base and non-positive amounts", () => {
    expect(() => rowsPerTaxRate(2, new Map([["25", 1]]), { kind: "refund", description: "Refund" })).toThrow(AmountExceedsBaseError)
    expect(() => rowsPerTaxRate(0, new Map([["25", 1]]), { kind: "refund", description: "Refund" })).toThrow(RangeError)
    expect(() => rowsPerTaxRate(1.5, new Map([["25", 10]]), { kind: "refund", description: "Refund" })).toThrow(RangeError)
  })
})
