import {
  activeCapturePlan,
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
