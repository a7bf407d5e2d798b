import { rowsTotalMinor } from "../../../lib/avarda/invoice-rows"
import { cartFieldOf } from "../../avarda/start-credit-session"
import { buildCreditApplication } from "../credit-application"
import { creditCartOf } from "../credit-cart-from-medusa"
import type { CreditCheckout } from "../load-credit-checkout"
import { avardaRowCaptureFamily } from "../row-capture-families"

// A Medusa cart as query.graph returns it: tax-inclusive SEK prices, a 10 % promotion, a gift card,
// amounts with more decimals than the currency (and one raw BigNumber record).
const medusaCart = {
  id: "cart_1",
  currency_code: "sek",
  total: 1396.3,
  items: [
    {
      id: "cali_1",
      title: "Wool socks",
      product_title: "Wool socks",
      variant_title: "M",
      variant_sku: "WOOL-SOCKS-1",
      quantity: 2,
      original_total: 998,
      discount_total: 99.8,
      tax_total: 179.64,
      tax_lines: [{ rate: 25 }],
    },
    {
      id: "cali_2",
      title: "Cookbook",
      product_title: "Cookbook",
      variant_title: "Default variant",
      quantity: 1,
      original_total: { value: "449.1", precision: 20 },
      discount_total: 0,
      tax_total: 48.1178571,
      tax_lines: [{ rate: 12 }],
    },
  ],
  shipping_methods: [{ id: "casm_1", name: "Standard delivery", original_total: 49, discount_total: 0, tax_total: 9.8, tax_lines: [{ rate: 25 }] }],
  credit_lines: [{ id: "cacl_1", amount: 0, reference: "gift_card" }, { id: "cacl_2", amount: -0, reference: null }],
}

function checkout(partial: Partial<CreditCheckout> = {}): CreditCheckout {
  return {
    cartId: "cart_1",
    currency: "sek",
    email: "shopper@example.com",
    phone: "0701234567",
    billingAddress: { first_name: "Sven", last_name: "Svensson", address_1: "Storgatan 1", city: "Stockholm", postal_code: "11122", country_code: "se", phone: "0701234567" },
    completed: false,
    paymentCollectionId: "pay_col_1",
    cart: creditCartOf(medusaCart),
    ...partial,
  }
}

describe("creditCartOf (Medusa cart → minor units)", () => {
  it("maps lines, discounts, shipping and gift cards, rounding each part to öre", () => {
    const cart = creditCartOf({ ...medusaCart, credit_lines: [{ amount: 100, reference: "gift_card" }], total: 1296.3 })
    expect(cart).toEqual({
      currency: "sek",
      totalMinor: 129630,
      lines: [
        { id: "cali_1", title: "Wool socks M", sku: "WOOL-SOCKS-1", quantity: 2, grossMinor: 99800, discountMinor: 9980, taxMinor: 17964, taxRatePercent: 25 },
        { id: "cali_2", title: "Cookbook", quantity: 1, grossMinor: 44910, discountMinor: 0, taxMinor: 4812, taxRatePercent: 12 },
      ],
      shipping: [{ id: "casm_1", name: "Standard delivery", grossMinor: 4900, discountMinor: 0, taxMinor: 980, taxRatePercent: 25 }],
      credits: [{ label: "Gift card", amountMinor: 10000 }],
    })
  })

  it("values an order line for the quantity sold after a received return, as authorized", () => {
    // 3 × 499 sold, 1 returned: Medusa totals the line for the 2 left (998), quantity stays 3.
    const order = {
      id: "order_1",
      currency_code: "sek",
      total: 1047,
      items: [{ id: "ordli_1", title: "Wool socks", quantity: 3, original_total: 998, discount_total: 0, tax_total: 199.6, tax_lines: [{ rate: 25 }], detail: { return_received_quantity: 1, return_dismissed_quantity: 0 } }],
      shipping_methods: [{ id: "ordsm_1", name: "Standard delivery", original_total: 49, discount_total: 0, tax_total: 9.8, tax_lines: [{ rate: 25 }] }],
    }
    const cart = creditCartOf(order, 1546)
    expect(cart.lines).toEqual([{ id: "ordli_1", title: "Wool socks", quantity: 3, grossMinor: 149700, discountMinor: 0, taxMinor: 29940, taxRatePercent: 25 }])
    expect(cart.totalMinor).toBe(154600)
  })

  it("takes the amount actually charged when given (the payment collection's)", () => {
    expect(creditCartOf(medusaCart, { value: "1396.304", precision: 20 } as never).totalMinor).toBe(139630)
  })
})

describe("buildCreditApplication", () => {
  it("builds the market, contact data and rows that add up to the amount", () => {
    const built = buildCreditApplication(checkout())
    expect(built.issues).toEqual([])
    if (!("application" in built)) throw new Error("expected an application")
    expect(built.application).toMatchObject({ market: "SE", currency: "sek", amountMinor: 139630, invoicingAddress: { country: "SE", zip: "11122" } })
    expect(rowsTotalMinor(built.application.rows)).toBe(139630)
    expect(built.application.rows.map((r) => [r.kind, r.description, r.amountMinor, r.taxRate])).toEqual([
      ["item", "2 x Wool socks M", 99800, "25"],
      ["item", "Cookbook", 44910, "12"],
      ["shipping", "Standard delivery", 4900, "25"],
      ["discount", "Discount", -9980, "25"],
    ])
  })

  it.each<[string, Partial<CreditCheckout>, { field: string; message: RegExp }]>([
    ["completed cart", { completed: true }, { field: "cart_id", message: /already completed/ }],
    ["no address", { billingAddress: undefined, shippingAddress: undefined }, { field: "billing_address", message: /required/ }],
    ["Spanish invoicing address", { billingAddress: { country_code: "es" } }, { field: "billing_address.country_code", message: /SE, FI, NO, DK/ }],
    ["EUR cart with a Swedish address", { currency: "eur" }, { field: "currency_code", message: /must be SEK for a SE invoicing address/ }],
    ["no e-mail", { email: undefined }, { field: "email", message: /required/ }],
    ["no phone", { phone: undefined }, { field: "billing_address.phone", message: /mobile/ }],
    ["rows that cannot add up", { cart: { ...creditCartOf(medusaCart), totalMinor: 100 } }, { field: "cart_id", message: /add up to/ }],
  ])("%s → names the field to fix", (_name, change, issue) => {
    const built = buildCreditApplication(checkout(change))
    expect(built.issues).toContainEqual({ field: issue.field, message: expect.stringMatching(issue.message) })
  })

  it.each([
    ["customer.identificationNumber", "personal_id_number"],
    ["customer.phone", "billing_address.phone"],
    ["customer.email", "email"],
    ["invoicingAddress.zip", "billing_address.postal_code"],
    ["invoicingAddress.firstName", "billing_address.first_name"],
    ["deliveryAddress.addressLine2", "shipping_address.address_2"],
    ["items[0].description", "items (invoice row items[0].description)"],
  ])("request field %s is reported as %s", (requestField, cartField) => {
    expect(cartFieldOf(requestField)).toBe(cartField)
  })
})

describe("capture mode", () => {
  const containerWith = (captureMode?: string) =>
    ({
      resolve: () => ({
        modules: {
          payment: {
            resolve: "@medusajs/medusa/payment",
            options: {
              providers: [
                {
                  resolve: "./src/providers/avarda",
                  id: `avarda-${captureMode ?? "default"}`,
                  options: {
                    environment: "sandbox",
                    clientId: "c",
                    clientSecret: "s",
                    backendUrl: "http://shop.test",
                    storefront: { successUrl: "http://s/ok", failureUrl: "http://s/ko" },
                    products: ["invoice"],
                    ...(captureMode ? { captureMode } : {}),
                  },
                },
              ],
            },
          },
        },
      }),
    }) as never

  it("captures on shipment by default and not when the store chose manual capture", async () => {
    expect(await avardaRowCaptureFamily.capturesOnShipment(containerWith(), "pp_avarda-invoice_avarda-default")).toBe(true)
    expect(await avardaRowCaptureFamily.capturesOnShipment(containerWith("manual"), "pp_avarda-invoice_avarda-manual")).toBe(false)
  })
})
