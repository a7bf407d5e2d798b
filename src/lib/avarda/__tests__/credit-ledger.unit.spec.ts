import {
  activeCapturePlan,
  adminCapturePlan,
  invoicedQuantityByLine,
  orderLevelInvoiced,
  refundableByTaxRate,
  remainingToCaptureMinor,
  uncapturedByTaxRate,
  type CapturePlan,
  type CaptureRecord,
  type CreditLedger,
} from "../credit-ledger"
import type { InvoiceRow } from "../invoice-rows"

const row = (amountMinor: number, taxRate: string, kind: InvoiceRow["kind"] = "item"): InvoiceRow => ({ kind, description: kind, amountMinor, taxAmountMinor: 0, taxRate })
const capture = (rows: InvoiceRow[], lines: CaptureRecord["lines"] = [], orderLevel = false): CaptureRecord => ({
  tran_id: "t",
  source: "shipment",
  amount_minor: rows.reduce((s, r) => s + r.amountMinor, 0),
  rows,
  lines,
  includes_order_level: orderLevel,
  captured_at: "2026-01-01T00:00:00Z",
})

const ledger: CreditLedger = {
  currency_code: "sek",
  amount_minor: 130000,
  rows: [row(100000, "25"), row(24900, "12"), row(4900, "25", "shipping"), row(-1000, "25", "discount"), row(1200, "0", "rounding")],
  captures: [capture([row(50000, "25"), row(4900, "25", "shipping")], [{ line_item_id: "l1", quantity: 1 }], true)],
  returns: [{ tran_id: "r1", amount_minor: 1000, rows: [row(1000, "25", "refund")], returned_at: "2026-01-02T00:00:00Z" }],
  pending_captures: [{ lines: [{ line_item_id: "l1", quantity: 1 }, { line_item_id: "l2", quantity: 1 }] } as CapturePlan],
}

describe("credit ledger", () => {
  it.each<[string, CaptureRecord[], string]>([
    ["no capture yet: the order's reference", [], "ORDER-1"],
    ["after captures: the latest capture's reference", [{ ...capture([row(100, "25")]), order_reference: "SHIP-1" }, { ...capture([row(100, "25")]), order_reference: "SHIP-2" }], "SHIP-2"],
    ["a capture that recorded none: the order's reference", [capture([row(100, "25")])], "ORDER-1"],
  ])("an admin's capture plan — %s", (_, captures, reference) => {
    const rows = [row(2500, "25"), row(1200, "12"), row(-300, "25", "discount")]
    const plan = adminCapturePlan({ captures, order_reference: "ORDER-1" }, rows, "ADMIN-3", Date.parse("2026-03-01T10:00:00Z"))
    expect(plan).toEqual({
      id: expect.any(String),
      tran_id: "ADMIN-3",
      source: "admin",
      order_reference: reference,
      rows,
      amount_minor: 3400,
      lines: [],
      includes_order_level: true,
      created_at: "2026-03-01T10:00:00.000Z",
    })
    expect(adminCapturePlan({ captures, order_reference: "ORDER-1" }, rows, "ADMIN-3").id).not.toBe(plan.id)
  })

  it("knows what is left to capture, per line and per VAT rate", () => {
    expect(remainingToCaptureMinor(ledger)).toBe(130000 - 54900)
    expect(invoicedQuantityByLine(ledger)).toEqual(new Map([["l1", 2], ["l2", 1]]))
    expect(orderLevelInvoiced(ledger)).toBe(true)
    expect(orderLevelInvoiced({ captures: [], pending_captures: [] })).toBe(false)
    expect(uncapturedByTaxRate(ledger)).toEqual(new Map([["25", 100000 + 4900 - 1000 - 54900], ["12", 24900], ["0", 1200]]))
  })

  it("knows what can still be refunded per VAT rate (captured minus returned)", () => {
    expect(refundableByTaxRate(ledger)).toEqual(new Map([["25", 54900 - 1000]]))
  })

  it("ignores a cleared or expired capture plan", () => {
    const plan = { id: "p", expires_at: "2026-01-01T00:02:00Z" } as CapturePlan
    expect(activeCapturePlan({ capture_plan: null })).toBeUndefined()
    expect(activeCapturePlan({ capture_plan: plan }, new Date("2026-01-01T00:01:00Z"))).toBe(plan)
    expect(activeCapturePlan({ capture_plan: plan }, new Date("2026-01-01T00:03:00Z"))).toBeUndefined()
  })
})
