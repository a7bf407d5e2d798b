import { buildInvoiceRows, InvoiceRowsMismatchError, proportionalMinor, withAuthorizedCredits, type CreditCart, type CreditCartLine } from "../credit-cart"
import { formatTaxRate, rowsTotalMinor, sameInvoiceRows, truncateText, vatIncludedMinor, type InvoiceRow } from "../invoice-rows"

const socks: CreditCartLine = { id: "li_socks", title: "Wool socks", sku: "WOOL-SOCKS-1", quantity: 2, grossMinor: 99800, discountMinor: 0, taxMinor: 19960, taxRatePercent: 25 }
const book: CreditCartLine = { id: "li_book", title: "Cookbook", quantity: 1, grossMinor: 24900, discountMinor: 0, taxMinor: 2668, taxRatePercent: 12 }
const shipping = { id: "sm_1", name: "Standard delivery", grossMinor: 4900, discountMinor: 0, taxMinor: 980, taxRatePercent: 25 }

function cart(partial: Partial<CreditCart>): CreditCart {
  return { currency: "sek", totalMinor: 0, lines: [], shipping: [], credits: [], ...partial }
}

describe("buildInvoiceRows", () => {
  it.each([
    {
      name: "one line with quantity 2 and shipping: row totals, quantity in the text, SKU in notes",
      cart: cart({ totalMinor: 104700, lines: [socks], shipping: [shipping] }),
      rows: [
        { kind: "item", description: "2 x Wool socks", notes: "WOOL-SOCKS-1", amountMinor: 99800, taxAmountMinor: 19960, taxRate: "25", lineItemId: "li_socks" },
        { kind: "shipping", description: "Standard delivery", amountMinor: 4900, taxAmountMinor: 980, taxRate: "25" },
      ],
    },
    {
      name: "a discount becomes a negative row with its VAT rate; the item keeps the VAT actually charged",
      cart: cart({ totalMinor: 94820 + 4900, lines: [{ ...socks, discountMinor: 4980, taxMinor: 18964 }], shipping: [shipping] }),
      rows: [
        { kind: "item", description: "2 x Wool socks", notes: "WOOL-SOCKS-1", amountMinor: 99800, taxAmountMinor: 18964, taxRate: "25", lineItemId: "li_socks" },
        { kind: "shipping", description: "Standard delivery", amountMinor: 4900, taxAmountMinor: 980, taxRate: "25" },
        { kind: "discount", description: "Discount", amountMinor: -4980, taxAmountMinor: 0, taxRate: "25" },
      ],
    },
    {
      name: "two VAT rates: one discount row per rate, named by rate; free-shipping discount joins its rate",
      cart: cart({
        totalMinor: 99800 - 1000 + 24900 - 500 + 0,
        lines: [{ ...socks, discountMinor: 1000 }, { ...book, discountMinor: 500 }],
        shipping: [{ ...shipping, discountMinor: 4900, taxMinor: 0 }],
      }),
      rows: [
        { kind: "item", description: "2 x Wool socks", notes: "WOOL-SOCKS-1", amountMinor: 99800, taxAmountMinor: 19960, taxRate: "25", lineItemId: "li_socks" },
        { kind: "item", description: "Cookbook", amountMinor: 24900, taxAmountMinor: 2668, taxRate: "12", lineItemId: "li_book" },
        { kind: "shipping", description: "Standard delivery", amountMinor: 4900, taxAmountMinor: 0, taxRate: "25" },
        { kind: "discount", description: "Discount 25% VAT", amountMinor: -5900, taxAmountMinor: 0, taxRate: "25" },
        { kind: "discount", description: "Discount 12% VAT", amountMinor: -500, taxAmountMinor: 0, taxRate: "12" },
      ],
    },
    {
      name: "gift cards reduce the credit amount as negative 0 % rows",
      cart: cart({ totalMinor: 104700 - 20000, lines: [socks], shipping: [shipping], credits: [{ label: "Gift card GC-1234", amountMinor: 20000 }] }),
      rows: [
        expect.objectContaining({ kind: "item", amountMinor: 99800 }),
        expect.objectContaining({ kind: "shipping", amountMinor: 4900 }),
        { kind: "gift_card", description: "Gift card GC-1234", amountMinor: -20000, taxAmountMinor: 0, taxRate: "0" },
      ],
    },
    {
      name: "a residue from Medusa's extra decimals becomes an explicit rounding row",
      cart: cart({ totalMinor: 13334, lines: [{ id: "li_a", title: "Thing", quantity: 3, grossMinor: 13333, discountMinor: 0, taxMinor: 2667, taxRatePercent: 25.5 }] }),
      rows: [
        { kind: "item", description: "3 x Thing", amountMinor: 13333, taxAmountMinor: 2667, taxRate: "25.5", lineItemId: "li_a" },
        { kind: "rounding", description: "Rounding", amountMinor: 1, taxAmountMinor: 0, taxRate: "0" },
      ],
    },
  ])("$name", ({ cart: input, rows }) => {
    const built = buildInvoiceRows(input)
    expect(built).toEqual(rows)
    expect(rowsTotalMinor(built)).toBe(input.totalMinor)
  })

  it("refuses a cart whose parts do not add up to its total (an adjustment it cannot invoice)", () => {
    expect(() => buildInvoiceRows(cart({ totalMinor: 100000, lines: [socks] }))).toThrow(InvoiceRowsMismatchError)
  })

  it("splits a line over deliveries so that the deliveries add up exactly to the line", () => {
    const line: CreditCartLine = { id: "li_x", title: "Odd", quantity: 3, grossMinor: 1000, discountMinor: 100, taxMinor: 180, taxRatePercent: 25 }
    const whole = cart({ totalMinor: 900 + 4900, lines: [line], shipping: [shipping] })
    const first = buildInvoiceRows(whole, { lines: [{ lineId: "li_x", alreadyInvoiced: 0, quantity: 1 }] })
    const second = buildInvoiceRows(whole, { lines: [{ lineId: "li_x", alreadyInvoiced: 1, quantity: 1 }], orderLevel: false })
    const third = buildInvoiceRows(whole, { lines: [{ lineId: "li_x", alreadyInvoiced: 2, quantity: 1 }], orderLevel: false })
    expect(first.map((r) => [r.kind, r.amountMinor])).toEqual([["item", 333], ["shipping", 4900], ["discount", -33]])
    expect(second.map((r) => [r.kind, r.amountMinor])).toEqual([["item", 334], ["discount", -34]])
    expect(third.map((r) => [r.kind, r.amountMinor])).toEqual([["item", 333], ["discount", -33]])
    expect(rowsTotalMinor([...first, ...second, ...third])).toBe(whole.totalMinor)
    expect([...first, ...second, ...third].filter((r) => r.kind === "item").reduce((s, r) => s + r.taxAmountMinor, 0)).toBe(180)
  })

  it("refuses to invoice more of a line than was bought", () => {
    expect(() => buildInvoiceRows(cart({ totalMinor: 99800, lines: [socks] }), { lines: [{ lineId: "li_socks", alreadyInvoiced: 1, quantity: 2 }] })).toThrow(
      /cannot invoice 2 more of 2 after 1/
    )
  })
})

describe("row helpers", () => {
  it.each([
    ["Short title", "Short title"],
    ["A very long product title that goes on and on", "A very long product title that goe…"],
    ["  spaces   inside  ", "spaces inside"],
    ["Åäö ".repeat(12), "Åäö Åäö Åäö Åäö Åäö Åäö Åäö Åäö Åä…"],
  ])("truncateText(%j) = %j (at most 35 characters)", (input, expected) => {
    expect(truncateText(input)).toBe(expected)
    expect([...truncateText(input)].length).toBeLessThanOrEqual(35)
  })

  it.each([
    [25, "25"],
    [25.5, "25.5"],
    [12.0, "12"],
    [0, "0"],
    [14.00001, "14"],
  ])("formatTaxRate(%p) = %p", (rate, code) => expect(formatTaxRate(rate)).toBe(code))

  it.each([
    [12500, "25", 2500],
    [-12500, "25", -2500],
    [12550, "25.5", 2550],
    [11200, "12", 1200],
    [999, "0", 0],
    [1, "25", 0],
  ])("vatIncludedMinor(%p, %p) = %p", (amount, rate, vat) => expect(vatIncludedMinor(amount, rate)).toBe(vat))

  describe("sameInvoiceRows", () => {
    const shirt: InvoiceRow = { kind: "item", description: "Shirt", amountMinor: 12500, taxAmountMinor: 2500, taxRate: "25", lineItemId: "item_1" }
    const shipping: InvoiceRow = { kind: "shipping", description: "Shipping", amountMinor: 4900, taxAmountMinor: 980, taxRate: "25" }
    const jsonbOrder = { taxRate: "25", lineItemId: "item_1", kind: "item", amountMinor: 12500, description: "Shirt", taxAmountMinor: 2500 } as InvoiceRow
    it.each<[string, InvoiceRow[], InvoiceRow[], boolean]>([
      ["the same rows", [shirt, shipping], [{ ...shirt }, { ...shipping }], true],
      ["keys in another order (read back from jsonb)", [shirt], [jsonbOrder], true],
      ["an absent field read back as null", [shipping], [{ ...shipping, notes: null, lineItemId: null } as unknown as InvoiceRow], true],
      ["another amount", [shirt], [{ ...shirt, amountMinor: 12400 }], false],
      ["another VAT", [shirt], [{ ...shirt, taxAmountMinor: 2480 }], false],
      ["another line", [shirt], [{ ...shirt, lineItemId: "item_2" }], false],
      ["another order", [shirt, shipping], [shipping, shirt], false],
      ["a row more", [shirt], [shirt, shipping], false],
    ])("%s → %p", (_case, a, b, expected) => {
      expect(sameInvoiceRows(a, b)).toBe(expected)
      expect(sameInvoiceRows(b, a)).toBe(expected)
    })
  })

  it.each([
    [1000, 1, 3, 333],
    [1000, 2, 3, 667],
    [-1000, 1, 3, -333],
    [5, 1, 2, 3],
  ])("proportionalMinor(%p, %p, %p) = %p (half away from zero)", (value, part, whole, expected) => {
    expect(proportionalMinor(value, part, whole)).toBe(expected)
  })
})

describe("withAuthorizedCredits", () => {
  // Three pairs of socks and shipping, authorized for 1546 SEK; one pair shipped and captured with
  // shipping, then returned and refunded: Medusa put a 499 SEK credit line for that refund on the order.
  const threePairs: CreditCartLine = { ...socks, quantity: 3, grossMinor: 149700, taxMinor: 29940 }
  const authorized = buildInvoiceRows(cart({ totalMinor: 154600, lines: [threePairs], shipping: [shipping] }))
  const afterRefund = cart({ totalMinor: 154600, lines: [threePairs], shipping: [shipping], credits: [{ label: "Refund", amountMinor: 49900 }] })
  const secondShipment = { lines: [{ lineId: "li_socks", alreadyInvoiced: 1, quantity: 2 }], orderLevel: false }

  it("a refund's credit line on the order does not count: the second shipment captures the two pairs authorized and shipped", () => {
    expect(() => buildInvoiceRows(afterRefund, secondShipment)).toThrow(InvoiceRowsMismatchError)
    const rows = buildInvoiceRows(withAuthorizedCredits(afterRefund, authorized), secondShipment)
    expect(rows).toEqual([{ kind: "item", description: "2 x Wool socks", notes: "WOOL-SOCKS-1", amountMinor: 99800, taxAmountMinor: 19960, taxRate: "25", lineItemId: "li_socks" }])
  })

  it("keeps the gift cards the authorization counted, as authorized", () => {
    const withGiftCard = buildInvoiceRows(cart({ totalMinor: 134600, lines: [threePairs], shipping: [shipping], credits: [{ label: "Gift card GC-1234", amountMinor: 20000 }] }))
    const later = cart({ totalMinor: 134600, lines: [threePairs], shipping: [shipping], credits: [{ label: "Gift card GC-1234", amountMinor: 20000 }, { label: "Refund", amountMinor: 49900 }] })
    expect(withAuthorizedCredits(later, withGiftCard).credits).toEqual([{ label: "Gift card GC-1234", amountMinor: 20000 }])
  })

  it("without authorized rows the cart stays as it is", () => {
    expect(withAuthorizedCredits(afterRefund, [])).toBe(afterRefund)
  })
})
