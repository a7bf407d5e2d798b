import type { MyPagesOverviewItem } from "../../../lib/avarda/my-pages/overview"
import { accountDetailSchema } from "../../../lib/avarda/my-pages/schemas"
import { accountDetailJson, accountJson } from "../serializers"

const item: MyPagesOverviewItem = {
  id: "INV-1",
  source: "invoice",
  type: "Invoice",
  state: "Open",
  currency: "SEK",
  balance: 250,
  originalAmount: 300,
  minimumAmountToPay: 50,
  date: "2026-11-01",
  dueDate: "2026-12-01",
  paymentReference: "REF-1",
  liveInvoiceUrl: "https://avarda.example/invoice",
  scheduledPaymentAmount: null,
  scheduledPaymentChargeDate: null,
  purchaseIds: ["P1", "P-OTHER"],
}

const detail = accountDetailSchema.parse({
  id: "INV-1",
  currency: "SEK",
  balance: 250,
  type: "Invoice",
  state: "Open",
  purchaseId: ["P1", "P-OTHER"],
  receiver: "Someone Else",
  transactions: [
    { amount: 100, orderReference: "A-1" },
    { amount: 150, orderReference: "B-OTHER" },
  ],
  orderReference: ["A-1", "B-OTHER"],
})

describe("My Pages serializers", () => {
  it("show an account without its figures when the access is not given", () => {
    expect(accountJson(item)).toMatchObject({ id: "INV-1", access: "own_purchases", balance: null, state: null, payment_reference: null, payable: false })
  })

  it("show an account's detail with only the customer's own transactions when the access is not given", () => {
    expect(accountDetailJson(item, detail)).toMatchObject({ access: "own_purchases", balance: null, receiver: null, transactions: [], order_references: [] })
    expect(accountDetailJson(item, detail, undefined, ["A-1"])).toMatchObject({
      access: "own_purchases",
      order_references: ["A-1"],
      transactions: [expect.objectContaining({ order_reference: "A-1" })],
    })
  })

  it("show everything with full access", () => {
    expect(accountJson(item, "full")).toMatchObject({ access: "full", balance: 250, state: "Open", payment_reference: "REF-1" })
    expect(accountDetailJson(item, detail, "full")).toMatchObject({ access: "full", balance: 250, receiver: "Someone Else", order_references: ["A-1", "B-OTHER"] })
    expect(accountDetailJson(item, detail, "full").transactions).toHaveLength(2)
  })
})
