import {
  allocateProportionally,
  decimalStringToMinor,
  hasAtMostDecimals,
  minorToDecimalNumber,
  minorToDecimalString,
} from "../minor-units"

describe("decimalStringToMinor", () => {
  it.each([
    ["0", "sek", 0],
    ["12.5", "eur", 1250],
    ["12.50", "eur", 1250],
    ["0.01", "sek", 1],
    ["98.9009", "eur", 9890],
    ["98.905", "eur", 9891],
    ["-0.005", "eur", -1],
    ["1999", "jpy", 1999],
    ["1.2345", "kwd", 1235],
  ])("%s %s → %d", (input, currency, expected) => {
    expect(decimalStringToMinor(input, currency)).toBe(expected)
  })

  it.each(["", "1e3", "12,5", "abc", "1.2.3"])("refuses %p", (input) => {
    expect(() => decimalStringToMinor(input, "eur")).toThrow(RangeError)
  })
})

describe("minorToDecimalString / minorToDecimalNumber", () => {
  it.each([
    [0, "sek", "0.00", 0],
    [1, "sek", "0.01", 0.01],
    [1999, "sek", "19.99", 19.99],
    [-50, "eur", "-0.50", -0.5],
    [123456789, "eur", "1234567.89", 1234567.89],
    [1999, "jpy", "1999", 1999],
  ])("%d %s → %s", (minor, currency, text, number) => {
    expect(minorToDecimalString(minor, currency)).toBe(text)
    expect(minorToDecimalNumber(minor, currency)).toBe(number)
  })

  it("refuses non-integers", () => {
    expect(() => minorToDecimalString(1.5, "eur")).toThrow(RangeError)
  })
})

describe("hasAtMostDecimals", () => {
  it.each([
    [19.99, 2, true],
    [20, 2, true],
    ["20.10", 2, true],
    [0.1 + 0.2, 2, false],
    [19.999, 2, false],
    [1e-7, 2, false],
    ["1.234", 2, false],
  ])("%p with %d places → %p", (value, places, expected) => {
    expect(hasAtMostDecimals(value, places)).toBe(expected)
  })
})

describe("allocateProportionally", () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1000, [800, 200], [800, 200]],
    [1, [1, 1], [1, 0]],
    [-101, [1, 1], [-51, -50]],
    [500, [0, 0], [500, 0]],
  ])("%d over %p → %p", (total, weights, expected) => {
    const parts = allocateProportionally(total, weights)
    expect(parts).toEqual(expected)
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
  })
})
