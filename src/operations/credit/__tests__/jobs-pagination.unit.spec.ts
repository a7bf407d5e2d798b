// The every-minute credit jobs read only this plugin's rows with work to do, filtered by the
// database and page by page, and reach every such row however many there are.
import { fakeQuery } from "../../shared/__tests__/fake-query"
import type { PendingPaymentChecker } from "../../shared/pending-payment-checker"
import { reconcilePendingSessions } from "../../shared/reconcile-pending-sessions"
import { retryPendingCaptures } from "../retry-pending-captures"

const NOW = new Date("2026-06-01T12:00:00Z")
const AVARDA = "pp_avarda-invoice_avarda"

type Row = { id: string } & Record<string, unknown>
const mockTables: Record<string, Row[]> = { payment_session: [], payment: [] }

jest.mock("../../shared/complete-cart-for-payment-session", () => ({
  completeCartForPaymentSession: async (_container: unknown, sessionId: string) => {
    mockTables.payment_session.find((s) => s.id === sessionId)!.status = "authorized"
    return { outcome: "completed", orderId: `order_${sessionId}`, cartId: `cart_${sessionId}` }
  },
}))

// A plan that runs leaves the payment's pending captures (the payment itself stays uncaptured).
jest.mock("../../../workflows/credit/execute-capture-plan", () => ({
  executeCapturePlan: async (_container: unknown, paymentId: string, planId: string) => {
    const payment = mockTables.payment.find((p) => p.id === paymentId)!
    const data = payment.data as { pending_captures: Array<{ id: string }> }
    data.pending_captures = data.pending_captures.filter((p) => p.id !== planId)
    return { ok: true, planId }
  },
}))

function containerWith(query: ReturnType<typeof fakeQuery>) {
  const payment = {
    listPaymentProviders: async () => [{ id: AVARDA }, { id: "pp_stripe_stripe" }, { id: "pp_system_default" }],
    deletePaymentSession: jest.fn(),
  }
  return { resolve: (key: string) => ({ query, payment, logger: { info: () => undefined, warn: () => undefined } })[key] } as never
}

describe("credit reconciliation: waiting sessions", () => {
  const checker: PendingPaymentChecker = {
    family: "test",
    matches: (id) => id === AVARDA,
    pendingStatuses: ["pending", "requires_more"],
    eligible: () => true,
    timing: () => ({ graceMs: 2 * 60_000, maxAgeMs: 24 * 3600_000 }),
    pastMaxAge: "release",
    check: async () => "approved",
  }

  it("completes every approved session over several pages, also the oldest, while each one leaves the filter", async () => {
    mockTables.payment_session = []
    for (let n = 1; n <= 530; n++) {
      mockTables.payment_session.push({
        id: `payses_${String(n).padStart(4, "0")}`,
        provider_id: AVARDA,
        status: "requires_more",
        created_at: new Date(NOW.getTime() - (5 + n) * 60_000).toISOString(),
        payment_collection: { cart: { id: `cart_${n}`, order: null } },
      })
    }
    mockTables.payment_session.push({ id: "payses_9001", provider_id: "pp_stripe_stripe", status: "pending", created_at: new Date(NOW.getTime() - 3600_000).toISOString() })
    mockTables.payment_session.push({ id: "payses_9002", provider_id: AVARDA, status: "requires_more", created_at: new Date(NOW.getTime() - 30_000).toISOString() })
    const query = fakeQuery(mockTables)

    const report = await reconcilePendingSessions(containerWith(query), { checkers: [checker], now: NOW, pageSize: 200 })

    expect(report.failed).toEqual([])
    expect(report.completed).toHaveLength(530)
    expect(report.checked).toBe(530)
    expect(query.calls).toHaveLength(3)
    for (const call of query.calls) {
      expect(call.filters).toMatchObject({ provider_id: [AVARDA], status: ["pending", "requires_more"], created_at: { $lte: new Date(NOW.getTime() - 2 * 60_000) } })
      expect(call.pagination).toMatchObject({ take: 200, order: { id: "ASC" } })
    }
    expect(mockTables.payment_session.find((s) => s.id === "payses_9002")!.status).toBe("requires_more")
  })
})

describe("credit reconciliation: a cancelled authorization", () => {
  it("never completes a cart with, nor releases again, a session whose payment the failed completion's compensation cancelled", async () => {
    const check = jest.fn(async () => "approved" as const)
    const checker: PendingPaymentChecker = {
      family: "test",
      matches: (id) => id === AVARDA,
      pendingStatuses: ["authorized"],
      eligible: () => true,
      timing: () => ({ graceMs: 0, maxAgeMs: 60_000 }),
      pastMaxAge: "release",
      check,
    }
    mockTables.payment_session = [
      {
        id: "payses_cancelled",
        provider_id: AVARDA,
        status: "authorized",
        created_at: new Date(NOW.getTime() - 3600_000).toISOString(),
        payment_collection: { cart: { id: "cart_cancelled", order: null } },
        payment: { id: "pay_cancelled", canceled_at: new Date(NOW.getTime() - 3500_000).toISOString() },
      },
    ]
    const container = containerWith(fakeQuery(mockTables))

    const report = await reconcilePendingSessions(container, { checkers: [checker], now: NOW })

    expect(report).toEqual({ checked: 0, completed: [], released: [], pending: [], failed: [] })
    expect(check).not.toHaveBeenCalled()
    expect((container as { resolve: (key: string) => { deletePaymentSession: jest.Mock } }).resolve("payment").deletePaymentSession).not.toHaveBeenCalled()
  })
})

describe("credit reconciliation: postponed captures", () => {
  it("runs the planned captures of every uncaptured plugin payment over several pages; the database hands over only payments with plans", async () => {
    mockTables.payment = []
    for (let n = 1; n <= 450; n++) {
      mockTables.payment.push({
        id: `pay_${String(n).padStart(4, "0")}`,
        provider_id: AVARDA,
        captured_at: null,
        canceled_at: null,
        data: { vendor: "avarda-authorization-api", pending_captures: n % 3 === 0 ? [{ id: `plan_${n}` }] : [] },
      })
    }
    mockTables.payment.push({ id: "pay_9001", provider_id: AVARDA, captured_at: NOW.toISOString(), canceled_at: null, data: { vendor: "avarda-authorization-api", pending_captures: [{ id: "plan_done" }] } })
    mockTables.payment.push({ id: "pay_9002", provider_id: "pp_stripe_stripe", captured_at: null, canceled_at: null, data: { pending_captures: [{ id: "plan_other" }] } })
    const query = fakeQuery(mockTables)

    const report = await retryPendingCaptures(containerWith(query), { pageSize: 100 })

    expect(report.failed).toEqual([])
    expect(report.captured).toHaveLength(150)
    expect(report.captured).not.toContain("plan_done")
    expect(report.captured).not.toContain("plan_other")
    // 450 uncaptured payments, 150 of them with a plan: two pages, and no payment without a plan.
    expect(query.calls.map((call) => call.answered)).toEqual([100, 50])
    for (const call of query.calls) {
      expect(call.entity).toBe("payment")
      expect(call.filters).toMatchObject({ provider_id: [AVARDA], captured_at: null, canceled_at: null })
      expect(call.pagination).toMatchObject({ take: 100, order: { id: "ASC" } })
    }
  })
})
