import {
  attentionIdOf,
  CAPTURE_ATTENTION_ACTIONS,
  coveredQuantityByLine,
  exhaustedPlanAttention,
  isExhausted,
  MAX_CAPTURE_ATTEMPTS,
  openCaptureAttentions,
  resolvedCaptureAttentions,
  withCaptureAttention,
  type CaptureAttention,
} from "../capture-attention"
import type { CapturePlan } from "../credit-ledger"

const attention = (id: string, extra: Partial<CaptureAttention> = {}): CaptureAttention => ({
  id,
  kind: "shipment_exceeds_remaining",
  reason: "r",
  order_reference: "1001",
  expected_minor: 100,
  left_minor: 50,
  created_at: "2026-01-01T00:00:00.000Z",
  resolved_at: null,
  resolved_by: null,
  resolution: null,
  ...extra,
})

const plan: CapturePlan = { id: "p1", tran_id: "ful_1", source: "shipment", fulfillment_id: "ful_1", order_reference: "1001", rows: [], amount_minor: 500, lines: [], includes_order_level: true, created_at: "x", attempts: 120, last_error: "500" }

describe("capture attention records", () => {
  it("adds a case once: the same id again (open or resolved) adds nothing", () => {
    const first = withCaptureAttention({}, attention("exceeds-ful_1"))!
    expect(first).toHaveLength(1)
    expect(withCaptureAttention({ capture_attention: first }, attention("exceeds-ful_1"))).toBeUndefined()
    const resolved = resolvedCaptureAttentions({ capture_attention: first }, ["exceeds-ful_1"], "done", "user_1", new Date("2026-02-01T00:00:00Z"))
    expect(withCaptureAttention({ capture_attention: resolved }, attention("exceeds-ful_1"))).toBeUndefined()
    expect(withCaptureAttention({ capture_attention: resolved }, attention("exceeds-ful_2"))).toHaveLength(2)
  })

  it("resolves only open cases, keeping the first resolution", () => {
    const list = [attention("a"), attention("b", { resolved_at: "2026-01-05T00:00:00.000Z", resolution: "earlier", resolved_by: "user_0" })]
    const after = resolvedCaptureAttentions({ capture_attention: list }, ["a", "b"], "now", "user_1", new Date("2026-02-01T00:00:00Z"))
    expect(after.map((a) => [a.id, a.resolution, a.resolved_by, a.resolved_at])).toEqual([
      ["a", "now", "user_1", "2026-02-01T00:00:00.000Z"],
      ["b", "earlier", "user_0", "2026-01-05T00:00:00.000Z"],
    ])
    expect(openCaptureAttentions({ capture_attention: after })).toEqual([])
    expect(openCaptureAttentions({ capture_attention: null })).toEqual([])
  })

  it("each kind has one action", () => {
    expect(Object.fromEntries(Object.entries(CAPTURE_ATTENTION_ACTIONS).map(([kind, a]) => [kind, a.action]))).toEqual({
      shipment_exceeds_remaining: "capture_remaining",
      gift_cards_cover_shipment: "mark_resolved",
      capture_plan_exhausted: "retry_capture_plan",
    })
  })

  it("sums the covered quantities per line", () => {
    const covered = coveredQuantityByLine({
      covered_shipments: [
        { fulfillment_id: "ful_1", lines: [{ line_item_id: "l1", quantity: 1 }, { line_item_id: "l2", quantity: 2 }] },
        { fulfillment_id: "ful_2", lines: [{ line_item_id: "l1", quantity: 2 }] },
      ],
    })
    expect([...covered]).toEqual([["l1", 3], ["l2", 2]])
    expect(coveredQuantityByLine({}).size).toBe(0)
  })

  it("an exhausted plan is a new case per admin retry round", () => {
    expect(MAX_CAPTURE_ATTEMPTS).toBe(120)
    expect(isExhausted({ attempts: 119 })).toBe(false)
    expect(isExhausted({ attempts: 120 })).toBe(true)
    expect(attentionIdOf.exhausted(plan)).toBe("exhausted-p1-0")
    expect(attentionIdOf.exhausted({ ...plan, admin_retries: 2 })).toBe("exhausted-p1-2")
    expect(exhaustedPlanAttention(plan, 700, new Date("2026-03-01T00:00:00Z"))).toEqual({
      id: "exhausted-p1-0",
      kind: "capture_plan_exhausted",
      reason: "the capture ful_1 of shipment ful_1 failed 120 times and is no longer retried; last error: 500",
      order_reference: "1001",
      expected_minor: 500,
      left_minor: 700,
      fulfillment_id: "ful_1",
      plan_id: "p1",
      created_at: "2026-03-01T00:00:00.000Z",
      resolved_at: null,
      resolved_by: null,
      resolution: null,
    })
  })
})
