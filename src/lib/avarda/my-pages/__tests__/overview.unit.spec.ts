import { mergeOverview } from "../overview"
import type { MyPagesAccountSummary, MyPagesInvoiceSummary } from "../schemas"

function account(id: string, accountDate: string | null, patch: Partial<MyPagesAccountSummary> = {}): MyPagesAccountSummary {
  return {
    id,
    currency: "SEK",
    balance: 100,
    type: "Loan",
    dueDate: null,
    accountDate,
    state: "Unpaid",
    paymentReference: null,
    purchaseId: ["p-1"],
    myPagesLiveUrl: null,
    scheduledPaymentAmount: null,
    scheduledPaymentChargeDate: null,
    minimumAmountToPay: 50,
    originalAmount: 200,
    ...patch,
  }
}

function invoice(id: string, invoiceDate: string | null, patch: Partial<MyPagesInvoiceSummary> = {}): MyPagesInvoiceSummary {
  return {
    id,
    invoiceDate,
    dueDate: null,
    currency: "SEK",
    balance: 10,
    state: "Unpaid",
    type: "Invoice",
    paymentReference: null,
    purchaseId: ["p-2"],
    postponed: false,
    myPagesLiveUrl: "https://live.example/1",
    scheduledPaymentAmount: null,
    scheduledPaymentChargeDate: null,
    minimumAmountToPay: null,
    originalAmount: null,
    ...patch,
  }
}

describe("mergeOverview", () => {
  it.each([
    ["both lists missing", undefined, undefined, []],
    ["only accounts", [account("a", "2024-01-01T00:00:00Z")], undefined, ["a"]],
    ["only invoices (accounts held back by strong authentication)", undefined, [invoice("i", "2024-01-01T00:00:00Z")], ["i"]],
    [
      "newest first across both lists",
      [account("old-loan", "2023-05-01T00:00:00Z"), account("new-loan", "2024-03-01T00:00:00Z")],
      [invoice("mid-invoice", "2024-01-15T00:00:00Z")],
      ["new-loan", "mid-invoice", "old-loan"],
    ],
    [
      "same date: later due date first, then id",
      [account("b", "2024-01-01T00:00:00Z", { dueDate: "2024-02-01T00:00:00Z" }), account("a", "2024-01-01T00:00:00Z", { dueDate: "2024-02-01T00:00:00Z" })],
      [invoice("c", "2024-01-01T00:00:00Z", { dueDate: "2024-03-01T00:00:00Z" })],
      ["c", "a", "b"],
    ],
    ["undated rows last", [account("undated", null)], [invoice("dated", "2020-01-01T00:00:00Z")], ["dated", "undated"]],
  ])("%s", (_label, accounts, invoices, ids) => {
    expect(mergeOverview(accounts, invoices).map((row) => row.id)).toEqual(ids)
  })

  it("keeps one row for an id in both lists: the invoice view completed with the account's amounts", () => {
    const rows = mergeOverview(
      [account("7000000001", "2024-01-01T00:00:00Z", { type: "Invoice", minimumAmountToPay: 100, originalAmount: 1249, myPagesLiveUrl: null })],
      [invoice("7000000001", "2024-01-01T00:00:00Z", { balance: 1249 })]
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      id: "7000000001",
      source: "invoice",
      balance: 1249,
      minimumAmountToPay: 100,
      originalAmount: 1249,
      liveInvoiceUrl: "https://live.example/1",
      purchaseIds: ["p-2", "p-1"],
    })
  })

  it("carries the amounts exactly as Avarda sent them (no arithmetic)", () => {
    const [row] = mergeOverview([account("a", null, { balance: 1249.9, minimumAmountToPay: 124.99 })], undefined)
    expect(row).toMatchObject({ balance: 1249.9, minimumAmountToPay: 124.99, originalAmount: 200, source: "account", date: null })
  })
})
