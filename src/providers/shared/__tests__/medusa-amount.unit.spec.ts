import { BigNumber } from "@medusajs/framework/utils"
import { medusaAmountToMinor, minorToMedusaAmount, sameMedusaAmount } from "../medusa-amount"

describe("medusaAmountToMinor", () => {
  it.each([
    ["a number", 12.5, "eur", 1250],
    ["a string", "1047", "sek", 104700],
    ["a BigNumber", new BigNumber(98.9009), "eur", 9890],
    ["a raw refund amount", { value: "12.5", precision: 20 }, "eur", 1250],
    ["a 3-decimal total rounding up", "10.005", "eur", 1001],
    ["a zero-decimal currency", 1999, "jpy", 1999],
  ])("converts %s", (_label, amount, currency, expected) => {
    expect(medusaAmountToMinor(amount as never, currency)).toBe(expected)
  })

  it("refuses something that is not a number", () => {
    expect(() => medusaAmountToMinor("twelve" as never, "eur")).toThrow()
  })
})

describe("minorToMedusaAmount", () => {
  it.each([
    [1250, "eur", 12.5],
    [104700, "sek", 1047],
    [1, "sek", 0.01],
    [1999, "jpy", 1999],
  ])("%d %s → %d", (minor, currency, expected) => {
    expect(minorToMedusaAmount(minor, currency)).toBe(expected)
  })
})

describe("sameMedusaAmount", () => {
  it.each<[string, { amount: unknown; raw_amount?: unknown }, { amount: unknown; raw_amount?: unknown }, boolean]>([
    ["equal numbers", { amount: 12.34 }, { amount: 12.34 }, true],
    ["a number and its string", { amount: 12.34 }, { amount: "12.340" }, true],
    ["the raw amounts decide over the rounded numbers", { amount: 10, raw_amount: { value: "10.004", precision: 20 } }, { amount: 10, raw_amount: { value: "10", precision: 20 } }, false],
    ["equal raw amounts", { amount: 10, raw_amount: { value: "10.004", precision: 20 } }, { amount: 10.004, raw_amount: { value: "10.0040", precision: 20 } }, true],
    ["one raw, one plain", { amount: 12.34, raw_amount: { value: "12.34", precision: 20 } }, { amount: 12.34 }, true],
    ["less", { amount: 12.34 }, { amount: 10 }, false],
    ["more, by a cent", { amount: 12.35 }, { amount: 12.34 }, false],
  ])("%s", (_case, a, b, expected) => {
    expect(sameMedusaAmount(a as never, b as never)).toBe(expected)
  })
})
