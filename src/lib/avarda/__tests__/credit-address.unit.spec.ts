import { sameCreditAddress, tidyCreditAddress, type CreditRequestAddress } from "../credit-address"

const storgatan: CreditRequestAddress = { firstName: "Sven", lastName: "Svensson", addressLine1: "Storgatan 1", city: "Stockholm", zip: "11122", country: "SE" }

describe("tidyCreditAddress", () => {
  it("trims every field and upper-cases the country", () => {
    expect(tidyCreditAddress({ firstName: " Sven ", lastName: "Svensson\t", addressLine1: " Storgatan 1", addressLine2: " c/o Berg ", city: "Stockholm ", zip: " 11122", country: "se" })).toEqual({
      ...storgatan,
      addressLine2: "c/o Berg",
    })
  })

  it.each([["absent", undefined], ["empty", ""], ["blank", "   "]])("leaves out a second line that is %s", (_case, addressLine2) => {
    expect(tidyCreditAddress({ ...storgatan, addressLine2 })).toEqual(storgatan)
    expect(Object.keys(tidyCreditAddress({ ...storgatan, addressLine2 }))).not.toContain("addressLine2")
  })
})

describe("sameCreditAddress", () => {
  it.each<[string, Partial<CreditRequestAddress>, boolean]>([
    ["the same address", {}, true],
    ["the same once trimmed", { firstName: " Sven", zip: "11122 " }, true],
    ["the country in lower case", { country: "se" }, true],
    ["a blank second line against none", { addressLine2: "  " }, true],
    ["another street", { addressLine1: "Storgatan 2" }, false],
    ["another recipient", { firstName: "Anna" }, false],
    ["a second line the other has not", { addressLine2: "c/o Berg" }, false],
    ["another country", { country: "FI" }, false],
  ])("%s → %s", (_case, change, expected) => {
    expect(sameCreditAddress({ ...storgatan, ...change }, storgatan)).toBe(expected)
    expect(sameCreditAddress(storgatan, { ...storgatan, ...change })).toBe(expected)
  })
})
