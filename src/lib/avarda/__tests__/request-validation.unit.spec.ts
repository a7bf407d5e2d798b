import { buildCreateAuthorizationRequest } from "../authorization-api/create-request"
import type { CreateAuthorizationRequest } from "../authorization-api/request"
import { createRequestIssues, CreditRequestInvalidError, assertValidCreateRequest, itemIssues } from "../authorization-api/request-validation"
import type { CreditApplication } from "../credit-request-handoff"
import { personalIdRuleViolation } from "../national-id"

const SSN = "198005012003"

const application: CreditApplication = {
  cartId: "cart_1",
  market: "SE",
  currency: "sek",
  amountMinor: 104700,
  email: "shopper@example.com",
  phone: "070-123 45 67",
  invoicingAddress: { firstName: "Sven", lastName: "Svensson", addressLine1: "Storgatan 1", city: "Stockholm", zip: "111 22", country: "se" },
  rows: [
    { kind: "item", description: "2 x Wool socks", notes: "WOOL-SOCKS-1", amountMinor: 99800, taxAmountMinor: 19960, taxRate: "25" },
    { kind: "shipping", description: "Standard delivery", amountMinor: 4900, taxAmountMinor: 980, taxRate: "25" },
  ],
}

function valid(): CreateAuthorizationRequest {
  return buildCreateAuthorizationRequest(application, SSN, { orderReference: "payses_01", posId: "0", idValidationCallbackUrl: "https://shop.example/avarda/id-validation/return" })
}

type Mutation = (r: CreateAuthorizationRequest) => void

describe("create-authorization request validation", () => {
  it("builds a valid request: normalised phone, upper-case country, decimals, quantity 1, language from the market", () => {
    const request = valid()
    expect(request).toEqual({
      customer: { identificationNumber: SSN, userLanguageCode: 752, phone: "0701234567", email: "shopper@example.com" },
      invoicingAddress: { firstName: "Sven", lastName: "Svensson", addressLine1: "Storgatan 1", city: "Stockholm", zip: "111 22", country: "SE" },
      items: [
        { description: "2 x Wool socks", notes: "WOOL-SOCKS-1", amount: 998, taxCode: "25", taxAmount: 199.6, quantity: 1 },
        { description: "Standard delivery", amount: 49, taxCode: "25", taxAmount: 9.8, quantity: 1 },
      ],
      orderReference: "payses_01",
      posId: "0",
      idValidationCallbackUrl: "https://shop.example/avarda/id-validation/return",
    })
    expect(createRequestIssues("invoice", request)).toEqual([])
  })

  it("sends a delivery address only when it differs", () => {
    const same = buildCreateAuthorizationRequest({ ...application, deliveryAddress: application.invoicingAddress }, SSN, { orderReference: "r", posId: "0" })
    expect(same.useDifferentDeliveryAddress).toBeUndefined()
    const other = buildCreateAuthorizationRequest(
      { ...application, deliveryAddress: { ...application.invoicingAddress, addressLine1: "Lillgatan 2" } },
      SSN,
      { orderReference: "r", posId: "0" }
    )
    expect(other).toMatchObject({ useDifferentDeliveryAddress: true, deliveryAddress: { addressLine1: "Lillgatan 2" } })
  })

  it.each<[string, Mutation, string, RegExp]>([
    ["missing personal ID number", (r) => (r.customer.identificationNumber = " "), "customer.identificationNumber", /is required/],
    ["personal ID number with a wrong check digit", (r) => (r.customer.identificationNumber = "198005012004"), "customer.identificationNumber", /Swedish personnummer/],
    ["unknown language code", (r) => (r.customer.userLanguageCode = 250), "customer.userLanguageCode", /208, 246, 578, 752, 826/],
    ["missing phone", (r) => (r.customer.phone = ""), "customer.phone", /is required/],
    ["phone longer than 15", (r) => (r.customer.phone = "+46701234567890123"), "customer.phone", /at most 15 characters/],
    ["phone with letters", (r) => (r.customer.phone = "07012abc"), "customer.phone", /6 to 15 digits/],
    ["e-mail longer than 60", (r) => (r.customer.email = `${"a".repeat(50)}@example.com`), "customer.email", /at most 60 characters/],
    ["e-mail without @", (r) => (r.customer.email = "shopper.example.com"), "customer.email", /e-mail address/],
    ["first name longer than 40", (r) => (r.invoicingAddress.firstName = "F".repeat(41)), "invoicingAddress.firstName", /at most 40 characters \(has 41\)/],
    ["missing last name", (r) => (r.invoicingAddress.lastName = ""), "invoicingAddress.lastName", /is required/],
    ["address line 1 longer than 40", (r) => (r.invoicingAddress.addressLine1 = "S".repeat(41)), "invoicingAddress.addressLine1", /at most 40/],
    ["address line 2 longer than 40", (r) => (r.invoicingAddress.addressLine2 = "S".repeat(41)), "invoicingAddress.addressLine2", /at most 40/],
    ["city longer than 30", (r) => (r.invoicingAddress.city = "C".repeat(31)), "invoicingAddress.city", /at most 30/],
    ["Swedish zip with 4 digits", (r) => (r.invoicingAddress.zip = "1112"), "invoicingAddress.zip", /5 digits .* for SE/],
    ["country Avarda does not serve", (r) => (r.invoicingAddress.country = "ES"), "invoicingAddress.country", /SE, FI, NO, DK/],
    ["different delivery without address", (r) => (r.useDifferentDeliveryAddress = true), "deliveryAddress", /is required/],
    ["no items", (r) => (r.items = []), "items", /at least one row/],
    ["item text longer than 35", (r) => (r.items[0]!.description = "D".repeat(36)), "items[0].description", /at most 35/],
    ["item without text", (r) => (r.items[1]!.description = ""), "items[1].description", /is required/],
    ["notes longer than 35", (r) => (r.items[0]!.notes = "N".repeat(36)), "items[0].notes", /at most 35/],
    ["amount with 3 decimals", (r) => (r.items[0]!.amount = 1.005), "items[0].amount", /at most 2 decimals/],
    ["negative tax amount", (r) => (r.items[0]!.taxAmount = -1), "items[0].taxAmount", /zero or positive/],
    ["tax code that is not a percentage", (r) => (r.items[0]!.taxCode = "VAT25"), "items[0].taxCode", /VAT rate in percent/],
    ["quantity 0", (r) => (r.items[0]!.quantity = 0), "items[0].quantity", /at least 1/],
    ["rows adding up to zero", (r) => (r.items[1]!.amount = -998), "items", /positive total/],
    ["order reference longer than 50", (r) => (r.orderReference = "o".repeat(51)), "orderReference", /at most 50/],
    ["missing POS id", (r) => (r.posId = ""), "posId", /is required/],
    ["POS id longer than 10", (r) => (r.posId = "12345678901"), "posId", /at most 10/],
    ["description longer than 100", (r) => (r.description = "d".repeat(101)), "description", /at most 100/],
    ["loyalty number longer than 10", (r) => (r.loyaltyNumber = "12345678901"), "loyaltyNumber", /at most 10/],
    ["unknown distribution method", (r) => (r.forcedDistributionMethod = 5), "forcedDistributionMethod", /1, 2, 3 or 4/],
    ["relative callback URL", (r) => (r.idValidationCallbackUrl = "/avarda/return"), "idValidationCallbackUrl", /absolute http/],
    ["account class code 0", (r) => (r.accountClassCode = 0), "accountClassCode", /positive whole number/],
  ])("%s → names %s", (_name, mutate, field, message) => {
    const request = valid()
    mutate(request)
    const issues = createRequestIssues("invoice", request)
    expect(issues).toContainEqual({ field, message: expect.stringMatching(message) })
    expect(() => assertValidCreateRequest("invoice", request)).toThrow(CreditRequestInvalidError)
  })

  it.each<["loan" | "part-payment", Mutation, string, RegExp]>([
    ["loan", () => undefined, "paymentTerms", /is required for loan/],
    ["loan", (r) => (r.paymentTerms = 18), "paymentTerms", /3, 6, 12, 24, 36, 48, 72/],
    ["part-payment", (r) => (r.paymentTerms = 12), "accountClassCode", /is required for part-payment/],
  ])("%s: product rule names %s", (product, mutate, field, message) => {
    const request = valid()
    mutate(request)
    expect(createRequestIssues(product, request)).toContainEqual({ field, message: expect.stringMatching(message) })
  })

  it("never quotes the personal ID number in issues or error messages", () => {
    const request = valid()
    request.customer.identificationNumber = "198005012004"
    const error = (() => {
      try {
        assertValidCreateRequest("invoice", request)
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.message).toMatch(/customer\.identificationNumber/)
    expect(error?.message).not.toContain("198005012004")
  })

  it("order-management rows may add up to anything when asked (returns check their own total)", () => {
    expect(itemIssues([{ description: "Refund", amount: 0 }], { totalMustBePositive: false })).toEqual([])
  })
})

describe("personal ID number formats", () => {
  it.each([
    ["SE", "198005012003", true],
    ["SE", "8005012003", true],
    ["SE", "800501-2003", true],
    ["SE", "198005012004", false],
    ["SE", "19800501200", false],
    ["FI", "010580-100J", true],
    ["FI", "010580-100K", false],
    ["NO", "01058010088", true],
    ["NO", "01058010089", false],
    ["DK", "010580-1000", true],
    ["DK", "320580-1000", false],
  ] as const)("%s %s valid=%s", (market, number, ok) => {
    const violation = personalIdRuleViolation(market, number)
    expect(violation === undefined).toBe(ok)
    if (violation) expect(violation).not.toContain(number)
  })
})
