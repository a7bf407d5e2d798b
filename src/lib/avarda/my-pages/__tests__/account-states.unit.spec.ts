import { describeAccountState, humanizeEnumValue, isPayable } from "../account-states"
import { describePayStatus } from "../pay-status"

describe("describeAccountState", () => {
  it.each([
    ["Unpaid", "Unpaid", "orange", true, true],
    ["Overdue", "Overdue", "red", true, true],
    ["Paid", "Paid", "green", false, true],
    ["Postponed", "Postponed", "purple", false, true],
    ["NotProduced", "Not produced", "grey", false, true],
    ["Notproduced", "Not produced", "grey", false, true],
    ["Transferred", "Transferred", "red", false, true],
    ["PaymentScheduled", "Payment scheduled", "blue", false, true],
    ["ProcessingPayment", "Processing payment", "blue", false, true],
    ["Overpaid", "Overpaid", "green", false, true],
    ["unpaid", "Unpaid", "orange", true, true],
    ["DebtCollection", "Debt collection", "grey", false, false],
    ["SOME_NEW_STATE", "Some new state", "grey", false, false],
  ])("%s → %s (%s)", (state, label, tone, needsPayment, known) => {
    expect(describeAccountState(state)).toEqual({ state, label, tone, needsPayment, known })
  })
})

describe("isPayable", () => {
  it.each([
    ["Unpaid", 100, true],
    ["Overdue", 0.01, true],
    ["Unpaid", 0, false],
    ["Paid", 100, false],
    ["Transferred", 100, false],
    ["Whatever", 100, false],
  ])("%s with balance %d → %s", (state, balance, expected) => {
    expect(isPayable(state, balance)).toBe(expected)
  })
})

describe("humanizeEnumValue", () => {
  it.each([
    ["LargeAmountLoan", "Large amount loan"],
    ["B2BInvoice", "B2B invoice"],
    ["DEBT_COLLECTION", "Debt collection"],
    ["DirectInvoice", "Direct invoice"],
    ["", ""],
  ])("%s → %s", (value, expected) => {
    expect(humanizeEnumValue(value)).toBe(expected)
  })
})

describe("describePayStatus", () => {
  it.each([
    ["Paid", "paid", true],
    ["paid", "paid", true],
    ["Unpaid", "pending", false],
    ["Error", "error", true],
    ["Cancelled", "cancelled", true],
    ["TimedOut", "timed_out", true],
    ["Timed_Out", "timed_out", true],
    ["Refunded", "unknown", false],
  ])("%s → %s (final %s)", (state, outcome, final) => {
    expect(describePayStatus(state)).toEqual({ state, outcome, final })
  })
})
