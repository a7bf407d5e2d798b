// The authorize body built from a cart, compared field by field with the vendor page's example
// request (S:002): the same Finnish cart gives the same items, price, contact data and addresses.
import { buildInvoiceRows, type CreditCart } from "../../credit-cart"
import type { CreditApplication } from "../../credit-request-handoff"
import { buildStandaloneAuthorizeRequest } from "../build-request"
import { userLanguageCodeFor } from "../languages"
import { authorizeRequestIssues } from "../request-validation"
import { AUTHORIZE_INVOICE_EID_EXAMPLE as VENDOR_EXAMPLE } from "../../../../__tests__/fixtures/avarda-standalone-example-request"


/** The cart behind the example: two products and a delivery fee, 24 % Finnish VAT, prices incl. VAT. */
const cart: CreditCart = {
  currency: "eur",
  totalMinor: 8272,
  lines: [
    { id: "li_coffee", title: "HD7462/21 Daily Collection kahvinke", sku: "HH1018333", quantity: 1, grossMinor: 3990, discountMinor: 0, taxMinor: 772, taxRatePercent: 24 },
    { id: "li_linen", title: "Ultra Kevät -pussilakanasetti, jade", sku: "HH1010279", quantity: 1, grossMinor: 3592, discountMinor: 0, taxMinor: 695, taxRatePercent: 24 },
  ],
  shipping: [{ id: "sm_1", name: "Toimitus- ja kasittelykulut", grossMinor: 690, discountMinor: 0, taxMinor: 134, taxRatePercent: 24 }],
  credits: [],
}

const application: CreditApplication = {
  cartId: "cart_1",
  market: "FI",
  currency: "eur",
  amountMinor: 8272,
  email: "Testperson@avarda.comm",
  phone: "041234567",
  invoicingAddress: { firstName: "Testname", lastName: "Testlastname", addressLine1: "Address X11", city: "Jyväskylä", zip: "11136 ", country: "FI" },
  deliveryAddress: { firstName: "Testname", lastName: "Testlastname", addressLine1: "Address X11", city: "JYVÄSKYLÄ", zip: "11136 ", country: "FI" },
  rows: buildInvoiceRows(cart),
}

// A Finnish henkilötunnus stands in for the example's Swedish-format number (the market is Finland).
const FINNISH_SSN = "010580-100J"

describe("buildStandaloneAuthorizeRequest against the vendor page's example", () => {
  const built = buildStandaloneAuthorizeRequest(application, FINNISH_SSN, {
    orderReference: "2000099999",
    userLanguageCode: userLanguageCodeFor("invoice", "FI", "auto"),
    emailInvoice: false,
  })

  it("builds the same items, price, contact data, addresses and order reference", () => {
    expect(built.Items.map(({ Notes: _notes, ...rest }) => rest)).toEqual(VENDOR_EXAMPLE.Items.map(({ Notes: _notes, ...rest }) => rest))
    // Product rows carry the SKU as Notes, like the example; the delivery row has no SKU.
    expect(built.Items.map((item) => item.Notes)).toEqual(["HH1018333", "HH1010279", undefined])
    expect(built.Price).toBe(VENDOR_EXAMPLE.Price)
    for (const field of ["Phone", "Mail", "InvoicingFirstName", "InvoicingLastName", "InvoicingAddressLine1", "InvoicingCity", "DeliveryFirstName", "DeliveryLastName", "DeliveryAddressLine1", "DeliveryCity", "IsDeliveryEditable", "UseDifferentDeliveryAddress", "OrderReference", "Emailinvoice"] as const) {
      expect([field, built[field]]).toEqual([field, VENDOR_EXAMPLE[field]])
    }
    // Zips are sent trimmed ("11136 " in the example).
    expect(built.InvoicingZip).toBe(VENDOR_EXAMPLE.InvoicingZip.trim())
    expect(built.DeliveryZip).toBe(VENDOR_EXAMPLE.DeliveryZip.trim())
    expect(built.IdentificationNumber).toBe(FINNISH_SSN)
  })

  it("sends the market's language instead of the example's null (= en-US)", () => {
    expect(built.UserLanguageCode).toBe("fi-FI")
  })

  it("leaves out the form-era and merchant fields the example fills with placeholders", () => {
    const sent = new Set(Object.keys(built))
    const notSent = Object.keys(VENDOR_EXAMPLE).filter((key) => !sent.has(key))
    expect(notSent.sort()).toEqual(
      [
        "Description", "ReferenceName", "ReferenceId", "IsPhoneAndMailEditable", "ProductGroup", "LoyaltyNumber", "DefaultPaymentMethod",
        "HidePersonalDetails", "CustomerToken", "OfferRecPmt", "PreSelectRecPmt", "CompanyName", "OfferNewsLetter",
      ].sort()
    )
    expect(built.IsB2B).toBeUndefined()
  })

  it("passes every local rule", () => {
    expect(authorizeRequestIssues(built, { product: "invoice", market: "FI", b2bAllowed: false })).toEqual([])
  })

  it("the same address for delivery → UseDifferentDeliveryAddress false; B2B → IsB2B + CompanyName; terms for loans", () => {
    const same = buildStandaloneAuthorizeRequest({ ...application, deliveryAddress: undefined }, FINNISH_SSN, {
      orderReference: "ref",
      userLanguageCode: "fi-FI",
      companyName: "  Oy Testi Ab ",
      paymentTerms: 24,
    })
    expect(same).toMatchObject({ UseDifferentDeliveryAddress: false, DeliveryCity: "Jyväskylä", IsB2B: true, CompanyName: "Oy Testi Ab", PaymentTerms: 24 })
    expect(same.Emailinvoice).toBeUndefined()
  })

  it("Price is the exact sum of the items, also with discounts, gift cards and a rounding row", () => {
    const tricky: CreditCart = {
      currency: "sek",
      totalMinor: 30001,
      lines: [{ id: "a", title: "A", quantity: 3, grossMinor: 30000, discountMinor: 3333, taxMinor: 5333, taxRatePercent: 25 }],
      shipping: [{ id: "s", name: "Post", grossMinor: 4900, discountMinor: 0, taxMinor: 980, taxRatePercent: 25 }],
      credits: [{ label: "Gift card", amountMinor: 1567 }],
    }
    const request = buildStandaloneAuthorizeRequest({ ...application, currency: "sek", market: "SE", rows: buildInvoiceRows(tricky) }, "198005012003", {
      orderReference: "r",
      userLanguageCode: "sv-SE",
    })
    const cents = request.Items.reduce((sum, item) => sum + Math.round(item.Amount * 100), 0)
    expect(Math.round(request.Price * 100)).toBe(cents)
    expect(cents).toBe(30001)
  })
})

describe("userLanguageCodeFor", () => {
  it("uses the country's language where the product offers it, else English", () => {
    expect(userLanguageCodeFor("invoice", "SE", "auto")).toBe("sv-SE")
    expect(userLanguageCodeFor("invoice", "DK", "auto")).toBe("en-US")
    expect(userLanguageCodeFor("loan", "DK", "auto")).toBe("da-DK")
    expect(userLanguageCodeFor("part-payment", "NO", "auto")).toBe("nb-NO")
    expect(userLanguageCodeFor("direct-invoice", "SE", "en-US")).toBe("en-US")
    expect(userLanguageCodeFor("invoice", "SE", "nb-NO")).toBe("en-US")
  })
})
