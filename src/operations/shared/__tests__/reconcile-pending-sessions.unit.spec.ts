// The one reconciliation loop, per vendor policy: what an approved, rejected, still pending or
// abandoned session becomes, which sessions are left alone, and what the database is asked for.
import type { PendingCheckResult, PendingPaymentChecker } from "../pending-payment-checker"
import { reconcilePendingSessions } from "../reconcile-pending-sessions"
import { fakeQuery } from "./fake-query"

const NOW = new Date("2026-06-01T12:00:00Z")
const PROVIDER = "pp_vendor_test"
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString()

const mockCompletions: string[] = []
// Sessions whose cart another completion turns into an order paid with another session, while this
// one's completion runs: what it does to the session's row.
const mockPaidByAnotherMeanwhile = new Map<string, () => void>()
jest.mock("../complete-cart-for-payment-session", () => ({
  completeCartForPaymentSession: async (_container: unknown, sessionId: string) => {
    mockCompletions.push(sessionId)
    const paidByAnother = mockPaidByAnotherMeanwhile.get(sessionId)
    paidByAnother?.()
    return { outcome: "already_completed", orderId: `order_${sessionId}`, cartId: `cart_${sessionId}`, ...(paidByAnother ? { superseded: true } : {}) }
  },
}))

type Row = { id: string } & Record<string, unknown>

function session(id: string, overrides: Record<string, unknown> = {}): Row {
  return { id, provider_id: PROVIDER, status: "pending", created_at: hoursAgo(2), data: {}, payment_collection: { cart: { id: `cart_${id}`, order: null } }, ...overrides }
}

function world(rows: Row[], answers: Record<string, PendingCheckResult>, pastMaxAge: "release" | "forget") {
  mockCompletions.length = 0
  const query = fakeQuery({ payment_session: rows })
  const payment = {
    listPaymentProviders: async () => [{ id: PROVIDER }, { id: "pp_system_default" }],
    deletePaymentSession: jest.fn(),
    authorizePaymentSession: jest.fn(async (id: string) => ({ id: `pay_${id}` })),
    // What the cartless authorisation reads under the session's lock: the row as it is now.
    listPaymentSessions: jest.fn(async ({ id }: { id: string }) => {
      const row = rows.find((r) => r.id === id) as { payment_collection?: { status?: string } } | undefined
      return [{ id, payment: null, payment_collection: { status: row?.payment_collection?.status ?? "awaiting" } }]
    }),
  }
  const locks: string[] = []
  const locking = {
    execute: jest.fn(async (key: string, work: () => Promise<unknown>) => {
      locks.push(key)
      return work()
    }),
  }
  const container = { resolve: (key: string) => ({ query, payment, locking })[key] } as never
  const check = jest.fn(async (_container: unknown, s: { id: string }) => answers[s.id] ?? "pending")
  const checker: PendingPaymentChecker = {
    family: "test",
    matches: (id) => id === PROVIDER,
    pendingStatuses: ["pending", "requires_more", "authorized"],
    eligible: () => true,
    timing: () => ({ graceMs: 3600_000, maxAgeMs: 24 * 3600_000 }),
    pastMaxAge,
    check,
  }
  return { container, query, payment, check, checker, locks, locking }
}

describe("the reconciliation loop", () => {
  it("completes approved carts, releases rejected sessions, leaves pending ones, authorizes an approved session no cart holds", async () => {
    const w = world(
      [session("s_approved"), session("s_rejected"), session("s_waiting"), session("s_no_cart", { payment_collection: { cart: null } })],
      { s_approved: "approved", s_rejected: "rejected", s_no_cart: "approved" },
      "release"
    )
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toEqual({
      checked: 4,
      completed: [{ sessionId: "s_approved", orderId: "order_s_approved" }, { sessionId: "s_no_cart" }],
      released: ["s_rejected"],
      pending: ["s_waiting"],
      failed: [],
    })
    expect(mockCompletions).toEqual(["s_approved"])
    expect(w.payment.authorizePaymentSession).toHaveBeenCalledWith("s_no_cart", {})
    // Under the session's lock: a webhook authorising it at the same moment waits, then finds its payment.
    expect(w.locks).toContain("avarda-avirato:payment-session:s_no_cart")
    expect(w.payment.deletePaymentSession.mock.calls).toEqual([["s_rejected"]])
  })

  it("a vendor that releases abandoned sessions: past the maximum age, a session still pending is deleted", async () => {
    const w = world([session("s_old", { created_at: hoursAgo(30) }), session("s_recent")], {}, "release")
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report.released).toEqual(["s_old"])
    expect(report.pending).toEqual(["s_recent"])
    expect(w.query.calls[0].filters.created_at).toEqual({ $lte: new Date(NOW.getTime() - 3600_000) })
  })

  it("a refused or abandoned session is deleted under its cart's lock, read again inside it: one the shopper's return authorised meanwhile stays", async () => {
    const rows = [session("s_refused"), session("s_authorised_meanwhile"), session("s_old", { created_at: hoursAgo(30) })]
    const w = world(rows, { s_refused: "rejected", s_authorised_meanwhile: "rejected" }, "release")
    // While the job waited for the cart's lock, the shopper's return completed the cart with this session.
    w.locking.execute.mockImplementation(async (key: string, work: () => Promise<unknown>) => {
      w.locks.push(key)
      if (key === "cart_s_authorised_meanwhile") Object.assign(rows[1], { payment: { id: "pay_s_authorised_meanwhile" } })
      return work()
    })
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toMatchObject({ pending: ["s_authorised_meanwhile"], failed: [] })
    expect([...report.released].sort()).toEqual(["s_old", "s_refused"])
    expect(w.payment.deletePaymentSession.mock.calls.map(([id]) => id).sort()).toEqual(["s_old", "s_refused"])
    expect([...w.locks].sort()).toEqual(["cart_s_authorised_meanwhile", "cart_s_old", "cart_s_refused"])
  })

  it("a vendor that forgets abandoned sessions: the database does not hand them over, nothing is deleted", async () => {
    const w = world([session("s_old", { created_at: hoursAgo(30) }), session("s_recent")], {}, "forget")
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toMatchObject({ checked: 1, released: [], pending: ["s_recent"] })
    expect(w.check.mock.calls.map(([, s]) => s.id)).toEqual(["s_recent"])
    expect(w.payment.deletePaymentSession).not.toHaveBeenCalled()
    expect(w.query.calls[0].filters.created_at).toEqual({ $lte: new Date(NOW.getTime() - 3600_000), $gte: new Date(NOW.getTime() - 24 * 3600_000) })
  })

  it("a cart whose order a stopped completion left without the payment is completed (the payment recorded), whatever the session's status; a session with its payment is done", async () => {
    const withOrder = (id: string, status: string, payment?: { id: string }) =>
      session(id, { status, payment_collection: { cart: { id: `cart_${id}`, order: { id: `order_${id}` } } }, ...(payment ? { payment } : {}) })
    const w = world(
      // A credit re-read at the vendor is `authorized` before any payment exists.
      [withOrder("s_stopped", "pending"), withOrder("s_stopped_credit", "authorized"), withOrder("s_done", "authorized", { id: "pay_done" })],
      { s_stopped: "approved", s_stopped_credit: "approved", s_done: "approved" },
      "release"
    )
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report.completed).toEqual([
      { sessionId: "s_stopped", orderId: "order_s_stopped" },
      { sessionId: "s_stopped_credit", orderId: "order_s_stopped_credit" },
    ])
    expect(w.check.mock.calls.map(([, s]) => s.id)).toEqual(["s_stopped", "s_stopped_credit"])
  })

  it("a session whose cart's order holds another session's payment is released under the cart's lock without asking the vendor; what the deletion does not give back, the checker does first", async () => {
    const paidWithAnother = (id: string, overrides: Record<string, unknown> = {}) =>
      session(id, { status: "authorized", payment_collection: { cart: { id: `cart_${id}`, order: { id: `order_${id}` } }, payments: [{ id: "pay_other" }] }, ...overrides })
    // Past its maximum age too: the credit it holds goes back whenever the job finds it.
    const w = world([paidWithAnother("s_superseded"), paidWithAnother("s_superseded_old", { created_at: hoursAgo(30) })], { s_superseded: "approved" }, "release")
    const givenBack: string[] = []
    w.checker.giveBackBeforeRelease = async (_container, s) => {
      expect(w.payment.deletePaymentSession).not.toHaveBeenCalledWith(s.id)
      givenBack.push(s.id)
    }
    w.checker.eligible = () => false // releasing does not depend on the shopper having gone to the vendor
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toEqual({ checked: 2, completed: [], released: ["s_superseded", "s_superseded_old"], pending: [], failed: [] })
    expect(w.check).not.toHaveBeenCalled()
    expect(mockCompletions).toEqual([])
    expect(givenBack).toEqual(["s_superseded", "s_superseded_old"])
    expect(w.payment.deletePaymentSession.mock.calls).toEqual([["s_superseded"], ["s_superseded_old"]])
    expect(w.locks).toEqual(["cart_s_superseded", "cart_s_superseded_old"])
  })

  it("an approved session whose cart was completed with another session while the job completed it is released at once, what the vendor holds given back", async () => {
    const rows = [session("s_raced", { status: "authorized" })]
    const w = world(rows, { s_raced: "approved" }, "release")
    mockPaidByAnotherMeanwhile.set("s_raced", () => Object.assign(rows[0], { payment_collection: { cart: { id: "cart_s_raced", order: { id: "order_s_raced" } }, payments: [{ id: "pay_other" }] } }))
    const givenBack: string[] = []
    w.checker.giveBackBeforeRelease = async (_container, s) => void givenBack.push(s.id)
    try {
      const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
      expect(report).toEqual({ checked: 1, completed: [], released: ["s_raced"], pending: [], failed: [] })
    } finally {
      mockPaidByAnotherMeanwhile.clear()
    }
    expect(givenBack).toEqual(["s_raced"])
    expect(w.payment.deletePaymentSession.mock.calls).toEqual([["s_raced"]])
    expect(w.locks).toEqual(["cart_s_raced"])
  })

  it("a session whose cart's order was cancelled is released without asking the vendor, at any age: a cancelled order takes no payment", async () => {
    const ofCanceledOrder = (id: string, overrides: Record<string, unknown> = {}) =>
      session(id, {
        status: "pending",
        payment_collection: { cart: { id: `cart_${id}`, order: { id: `order_${id}`, status: "canceled" } }, payments: [{ id: "pay_canceled_with_the_order", canceled_at: hoursAgo(1) }] },
        ...overrides,
      })
    const w = world([ofCanceledOrder("s_old", { created_at: hoursAgo(30) }), ofCanceledOrder("s_open_tab")], { s_open_tab: "approved" }, "release")
    const givenBack: string[] = []
    w.checker.giveBackBeforeRelease = async (_container, s) => void givenBack.push(s.id)
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toEqual({ checked: 2, completed: [], released: ["s_old", "s_open_tab"], pending: [], failed: [] })
    expect(w.check).not.toHaveBeenCalled()
    expect(mockCompletions).toEqual([])
    expect(givenBack).toEqual(["s_old", "s_open_tab"])
    expect(w.locks).toEqual(["cart_s_old", "cart_s_open_tab"])
  })

  it("a session no cart holds whose payment collection Medusa cancelled is released under its own lock without asking the vendor, at any age", async () => {
    const ofCanceledCollection = (id: string, overrides: Record<string, unknown> = {}) =>
      session(id, { status: "pending", payment_collection: { status: "canceled", cart: null }, ...overrides })
    const w = world([ofCanceledCollection("s_old_edit", { created_at: hoursAgo(30) }), ofCanceledCollection("s_paid_edit")], { s_paid_edit: "approved" }, "release")
    const givenBack: string[] = []
    w.checker.giveBackBeforeRelease = async (_container, s) => {
      expect(w.payment.deletePaymentSession).not.toHaveBeenCalledWith(s.id)
      givenBack.push(s.id)
    }
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toEqual({ checked: 2, completed: [], released: ["s_old_edit", "s_paid_edit"], pending: [], failed: [] })
    expect(w.check).not.toHaveBeenCalled()
    expect(w.payment.authorizePaymentSession).not.toHaveBeenCalled()
    expect(givenBack).toEqual(["s_old_edit", "s_paid_edit"])
    expect(w.payment.deletePaymentSession.mock.calls).toEqual([["s_old_edit"], ["s_paid_edit"]])
    expect(w.locks).toEqual(["avarda-avirato:payment-session:s_old_edit", "avarda-avirato:payment-session:s_paid_edit"])
  })

  it("an approved session no cart holds whose collection was cancelled while the vendor was asked is not authorised but released", async () => {
    const rows = [session("s_edit", { payment_collection: { status: "awaiting", cart: null } })]
    const w = world(rows, { s_edit: "approved" }, "forget")
    w.check.mockImplementationOnce(async () => {
      Object.assign(rows[0], { payment_collection: { status: "canceled", cart: null } }) // the admin cancelled the order meanwhile
      return "approved"
    })
    const givenBack: string[] = []
    w.checker.giveBackBeforeRelease = async (_container, s) => void givenBack.push(s.id)
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toEqual({ checked: 1, completed: [], released: ["s_edit"], pending: [], failed: [] })
    expect(w.payment.authorizePaymentSession).not.toHaveBeenCalled()
    expect(givenBack).toEqual(["s_edit"])
    expect(w.payment.deletePaymentSession.mock.calls).toEqual([["s_edit"]])
  })

  it("a payment of another session that a failed completion's compensation cancelled pays nothing: the session is not superseded, and an approved one completes as usual", async () => {
    const w = world(
      [session("s_after_failed_attempt", { status: "authorized", payment_collection: { cart: { id: "cart_f", order: { id: "order_f" } }, payments: [{ id: "pay_cancelled", canceled_at: hoursAgo(1) }] } })],
      { s_after_failed_attempt: "approved" },
      "release"
    )
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toMatchObject({ checked: 1, completed: [{ sessionId: "s_after_failed_attempt" }], released: [] })
    expect(w.payment.deletePaymentSession).not.toHaveBeenCalled()
    expect(w.locks).toEqual([])
  })

  it("a superseded session is kept when what the vendor holds could not be given back, and one no longer superseded inside the cart's lock is left alone", async () => {
    const paidWithAnother = (id: string) =>
      session(id, { status: "pending", payment_collection: { cart: { id: `cart_${id}`, order: { id: `order_${id}` } }, payments: [{ id: "pay_other" }] } })
    const rows = [paidWithAnother("s_vendor_down"), paidWithAnother("s_recorded_meanwhile")]
    const w = world(rows, {}, "release")
    w.checker.giveBackBeforeRelease = async () => {
      throw new Error("vendor unreachable")
    }
    // While the job waited for the cart's lock, the order's payment turned out to be this session's.
    w.locking.execute.mockImplementation(async (key: string, work: () => Promise<unknown>) => {
      if (key === "cart_s_recorded_meanwhile") Object.assign(rows[1], { payment: { id: "pay_other" } })
      return work()
    })
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toMatchObject({ released: [], failed: [{ sessionId: "s_vendor_down", error: "vendor unreachable" }] })
    expect(w.payment.deletePaymentSession).not.toHaveBeenCalled()
  })

  it("the database hands over only sessions Medusa has not authorized: a placed order's session is not read again on every run", async () => {
    const placed = session("s_placed", {
      status: "authorized",
      authorized_at: hoursAgo(1),
      payment: { id: "pay_placed", canceled_at: null },
      payment_collection: { cart: { id: "cart_p", order: { id: "order_p" } } },
    })
    const w = world([placed, session("s_waiting")], {}, "release")
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(w.query.calls[0].filters.authorized_at).toBeNull()
    expect(w.query.calls[0].answered).toBe(1)
    expect(report).toMatchObject({ checked: 1, pending: ["s_waiting"] })
  })

  it("a session whose cart has an order is not looked at past its maximum age, nor released", async () => {
    const w = world([session("s_ordered_old", { created_at: hoursAgo(30), payment_collection: { cart: { id: "cart_x", order: { id: "order_x" } } } })], {}, "release")
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toEqual({ checked: 0, completed: [], released: [], pending: [], failed: [] })
    expect(w.payment.deletePaymentSession).not.toHaveBeenCalled()
  })

  it("leaves alone a session whose payment was cancelled, one too young, and one the vendor's checker does not find eligible", async () => {
    const w = world(
      [session("s_cancelled", { payment: { id: "pay_1", canceled_at: hoursAgo(1) } }), session("s_young", { created_at: hoursAgo(0.5) }), session("s_other")],
      { s_cancelled: "approved" },
      "release"
    )
    w.checker.eligible = (s) => s.id !== "s_other"
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report).toEqual({ checked: 0, completed: [], released: [], pending: [], failed: [] })
    expect(w.check).not.toHaveBeenCalled()
    expect(w.payment.deletePaymentSession).not.toHaveBeenCalled()
  })

  it("a vendor read that fails is reported and the other sessions still run", async () => {
    const w = world([session("s_0_broken"), session("s_approved")], { s_approved: "approved" }, "release")
    w.check.mockImplementationOnce(async () => {
      throw new Error("vendor unreachable")
    })
    const report = await reconcilePendingSessions(w.container, { checkers: [w.checker], now: NOW })
    expect(report.failed).toEqual([{ sessionId: "s_0_broken", error: "vendor unreachable" }])
    expect(report.completed).toEqual([{ sessionId: "s_approved", orderId: "order_s_approved" }])
  })
})
