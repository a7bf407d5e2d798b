import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { AviratoApiError, type AviratoSession, type ListSessionsQuery } from "../../../lib/avirato"
import { returnStateKey } from "../../../lib/return-state/return-state"
import { returnUrls } from "../../../providers/avirato/core/return-urls"
import { fakeQuery } from "../../shared/__tests__/fake-query"
import { laterPagesOfRun, reconcileAviratoVendorPaidSessions } from "../reconcile-vendor-paid-sessions"

const NOW = new Date("2026-06-01T12:00:00Z")
const JWT_SECRET = "store-jwt-secret"
const OUR_KEY = returnStateKey(JWT_SECRET)
const OTHER_STORE_KEY = returnStateKey("another-store-on-the-same-avirato-account")

/** A fake Avirato account: lists completed sessions page by page, answers GET session, records modifications. */
class FakeAvirato {
  sessions: AviratoSession[] = []
  lists: ListSessionsQuery[] = []
  gets: string[] = []
  modifications: Array<{ type: "cancel" | "refund"; paymentReference: string; idempotencyKey: string; amount?: unknown; reason?: string }> = []

  listSessions = async (query: ListSessionsQuery) => {
    this.lists.push(query)
    const matching = this.sessions.filter((s) => (!query.status || s.status === query.status) && Date.parse(String(s.createdAt)) >= query.from.getTime() && Date.parse(String(s.createdAt)) <= query.to.getTime())
    const start = (query.page - 1) * query.limit
    return { items: matching.slice(start, start + query.limit), page: query.page, limit: query.limit, total: matching.length }
  }
  getSession = async (id: string) => {
    this.gets.push(id)
    return this.sessions.find((s) => s.sessionId === id)!
  }
  cancel = async ({ paymentReference }: { paymentReference: string }, idempotencyKey: string) => {
    // Avirato answers a repeated key with the first answer and no second effect.
    if (!this.modifications.some((m) => m.idempotencyKey === idempotencyKey)) this.modifications.push({ type: "cancel", paymentReference, idempotencyKey })
    return { status: "received" }
  }
  refund = async ({ paymentReference, amount, reason }: { paymentReference: string; amount: unknown; reason: string }, idempotencyKey: string) => {
    if (!this.modifications.some((m) => m.idempotencyKey === idempotencyKey)) this.modifications.push({ type: "refund", paymentReference, idempotencyKey, amount, reason })
    return { status: "received" }
  }
}

const mockAvirato = new FakeAvirato()
jest.mock("../../../providers/avirato/core/configured-providers", () => ({
  // Two provider entries on one Avirato account: listed once.
  configuredAviratoProviderIds: () => ["pp_avirato-card_avirato", "pp_avirato-card_avirato-b2b"],
  aviratoProvider: () => ({ client: mockAvirato, options: { baseUrl: "https://aviratopayments.com/external/v1/test/", webcode: "SHOP01" } }),
}))

let n = 0
function paidSession(customReference: string, { isPreAuth = true, key = OUR_KEY, status = "completed" } = {}): AviratoSession {
  n += 1
  return {
    sessionId: `SHOP01-EXTT-${String(n).padStart(14, "0")}`,
    status,
    amount: { value: 5045, currency: "EUR" },
    customReference,
    isPreAuth,
    urlOk: returnUrls("https://shop.example.com", customReference, key).ok,
    createdAt: new Date(NOW.getTime() - 3600_000 + n).toISOString(),
    ...(status === "completed" ? { paymentReference: `REF${String(n).padStart(13, "0")}`, paymentStatus: "AUTHORISED" } : {}),
  }
}

function harness() {
  const tables = {
    // As Medusa's query answers a payment session with its collection, cart, order and payments.
    payment_session: [] as Array<{ id: string } & Record<string, unknown>>,
    payment: [] as Array<{ id: string; payment_session_id: string; payment_collection_id: string }>,
  }
  const query = fakeQuery(tables as never)
  const settlementRows: Array<Record<string, unknown>> = []
  const settlements = {
    settlementOf: async (id: string) => settlementRows.find((r) => r.avirato_session_id === id),
    settledSessionIds: async (ids: string[]) => new Set(settlementRows.filter((r) => ids.includes(r.avirato_session_id as string)).map((r) => r.avirato_session_id as string)),
    createDiscardedPaymentSettlements: async (row: Record<string, unknown>) => {
      if (settlementRows.some((r) => r.avirato_session_id === row.avirato_session_id)) throw new Error("unique violation")
      settlementRows.push(row)
    },
  }
  // One holder per key at a time: Medusa's in-memory locking provider (Redis locks across processes the same way).
  const locking = new InMemoryLockingProvider()
  const notifications: Array<{ idempotency_key: string; data: { title: string; description: string } }> = []
  const notification = {
    createNotifications: async (input: { idempotency_key: string; data: { title: string; description: string } }) => {
      if (!notifications.some((x) => x.idempotency_key === input.idempotency_key)) notifications.push(input)
    },
  }
  const logs: string[] = []
  const logger = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) }
  const services: Record<string, unknown> = {
    query,
    logger,
    locking,
    notification,
    aviratoSettlements: settlements,
    configModule: { projectConfig: { http: { jwtSecret: JWT_SECRET } } },
  }
  // A real container: the settlement runs as a workflow, whose steps resolve from it.
  const medusaContainer = createMedusaContainer()
  for (const [key, service] of Object.entries(services)) medusaContainer.register(key, asValue(service))
  const container = medusaContainer as never
  /**
   * A Medusa payment session: its cart (none: an order's own collection) completed into an order
   * (cancelled or not) holding its own payment (`paid`), another session's, or none yet.
   */
  const medusaSession = (
    id: string,
    cart: { completed: boolean; otherPayment?: boolean; otherPaymentCanceled?: boolean; orderCanceled?: boolean } | null,
    paid: boolean,
    { collectionStatus = "not_paid" }: { collectionStatus?: string } = {}
  ) => {
    const collectionId = `paycol_${id}`
    const own = paid ? { id: `pay_${id}`, payment_session_id: id, payment_collection_id: collectionId } : undefined
    const other = cart?.otherPayment ? { id: `pay_other_${id}`, payment_session_id: `${id}_NEWER`, payment_collection_id: collectionId } : undefined
    const payments = [own, other].filter((p) => p !== undefined)
    tables.payment.push(...payments)
    const order = cart?.completed ? { id: `order_${id}`, status: cart.orderCanceled ? "canceled" : "pending" } : null
    tables.payment_session.push({
      id,
      payment_collection_id: collectionId,
      payment: own ? { id: own.id, canceled_at: null } : null,
      payment_collection: {
        status: collectionStatus,
        cart: cart && { id: `cart_${id}`, order },
        payments: payments.map((p) => ({ id: p.id, canceled_at: p === other && cart?.otherPaymentCanceled ? NOW.toISOString() : null })),
      },
    })
  }
  return { container, query, settlementRows, notifications, logs, medusaSession }
}

describe("Avirato reconciliation from Avirato's side: payments on discarded checkouts", () => {
  beforeEach(() => {
    mockAvirato.sessions = []
    mockAvirato.lists = []
    mockAvirato.gets = []
    mockAvirato.modifications = []
  })

  it("pages through Avirato's paid sessions, gives back only what no Medusa session or order holds, once, and tells the admin", async () => {
    const h = harness()
    // 230 orders placed normally: Medusa holds their payments.
    for (let i = 0; i < 230; i++) {
      const session = paidSession(`payses_LIVE${i}`)
      mockAvirato.sessions.push(session)
      h.medusaSession(`payses_LIVE${i}`, { completed: true }, true)
    }
    const deletedPreAuth = paidSession("payses_DELETEDPREAUTH")
    const deletedCaptured = paidSession("payses_DELETEDCAPTURED", { isPreAuth: false })
    const otherStore = paidSession("payses_OTHERSTORE", { key: OTHER_STORE_KEY })
    const cartMovedOn = paidSession("payses_CARTMOVEDON")
    h.medusaSession("payses_CARTMOVEDON", { completed: true, otherPayment: true }, false)
    const stillOpen = paidSession("payses_STILLOPEN")
    h.medusaSession("payses_STILLOPEN", { completed: false }, false)
    const orderCollection = paidSession("payses_ORDERCOLLECTION")
    h.medusaSession("payses_ORDERCOLLECTION", null, false)
    const notOurs = paidSession("ORD-2026-12345")
    const unpaid = paidSession("payses_UNPAID", { status: "pending" })
    mockAvirato.sessions.push(deletedPreAuth, deletedCaptured, otherStore, cartMovedOn, stillOpen, orderCollection, notOurs, unpaid)

    const reports = await Promise.all([
      reconcileAviratoVendorPaidSessions(h.container, { now: NOW }),
      reconcileAviratoVendorPaidSessions(h.container, { now: NOW }),
    ])
    const again = await reconcileAviratoVendorPaidSessions(h.container, { now: NOW })

    expect(mockAvirato.modifications).toEqual([
      { type: "cancel", paymentReference: deletedPreAuth.paymentReference, idempotencyKey: `discarded:${deletedPreAuth.sessionId}` },
      { type: "refund", paymentReference: deletedCaptured.paymentReference, idempotencyKey: `discarded:${deletedCaptured.sessionId}`, amount: { value: 5045, currency: "EUR" }, reason: "OTHER" },
      { type: "cancel", paymentReference: cartMovedOn.paymentReference, idempotencyKey: `discarded:${cartMovedOn.sessionId}` },
    ])
    // Both concurrent runs report the settlements (the second found them recorded); the third does nothing.
    for (const report of reports) {
      expect(report.voided).toEqual([deletedPreAuth.sessionId, cartMovedOn.sessionId])
      expect(report.refunded).toEqual([deletedCaptured.sessionId])
      expect(report.failed).toEqual([])
    }
    expect(again).toMatchObject({ voided: [], refunded: [], failed: [] })
    expect(h.settlementRows.map((r) => [r.avirato_session_id, r.action, r.detected_by])).toEqual([
      [deletedPreAuth.sessionId, "voided", "reconciliation"],
      [deletedCaptured.sessionId, "refunded", "reconciliation"],
      [cartMovedOn.sessionId, "voided", "reconciliation"],
    ])
    expect(h.notifications.map((x) => x.idempotency_key)).toEqual([deletedPreAuth, deletedCaptured, cartMovedOn].map((s) => `avirato:discarded:${s.paymentReference}`))
    expect(h.notifications[0]!.data.title).toBe("Avirato payment voided automatically")
    expect(h.notifications[1]!.data.title).toBe("Avirato payment refunded automatically")
    expect(h.notifications[0]!.data.description).toContain("50.45 EUR")

    // Paid sessions only, within the window, 100 at a time: 3 pages per run, one account for two providers.
    expect(mockAvirato.lists).toHaveLength(9)
    for (const list of mockAvirato.lists) {
      expect(list).toMatchObject({ status: "completed", limit: 100, to: NOW, from: new Date(NOW.getTime() - 3 * 24 * 3600_000) })
    }
    expect(mockAvirato.lists.slice(6).map((l) => l.page)).toEqual([1, 2, 3])
    // Avirato's session was re-read only for the ones given back (and only while they were not recorded).
    expect(new Set(mockAvirato.gets)).toEqual(new Set([deletedPreAuth, deletedCaptured, cartMovedOn].map((s) => s.sessionId)))
    expect(mockAvirato.gets.length).toBeLessThanOrEqual(6)
    // Log lines name references only.
    expect(h.logs.filter((l) => l.includes("discarded checkout session"))).toHaveLength(3)
  })

  it("leaves the payment of a session whose cart's order holds no payment yet (the completion records it there, however long ago the cart was completed); gives back those of a cancelled order, of a cancelled collection and of an order holding only cancelled payments", async () => {
    const h = harness()
    // Medusa's cart completion creates the order before it authorizes the session; one that stopped
    // in between leaves the order without it, and the completion records the payment there.
    const orderWithoutPayment = paidSession("payses_ORDERWITHOUTPAYMENT")
    h.medusaSession("payses_ORDERWITHOUTPAYMENT", { completed: true }, false)
    const canceledOrder = paidSession("payses_CANCELEDORDER", { isPreAuth: false })
    h.medusaSession("payses_CANCELEDORDER", { completed: true, orderCanceled: true }, false)
    const canceledCollection = paidSession("payses_CANCELEDCOLLECTION")
    h.medusaSession("payses_CANCELEDCOLLECTION", null, false, { collectionStatus: "canceled" })
    // An order left holding only another session's cancelled payment takes no payment from the completion.
    const onlyCanceledPayments = paidSession("payses_ONLYCANCELEDPAYMENTS")
    h.medusaSession("payses_ONLYCANCELEDPAYMENTS", { completed: true, otherPayment: true, otherPaymentCanceled: true }, false)
    mockAvirato.sessions.push(orderWithoutPayment, canceledOrder, canceledCollection, onlyCanceledPayments)

    const report = await reconcileAviratoVendorPaidSessions(h.container, { now: NOW })

    expect(mockAvirato.modifications).toEqual([
      { type: "refund", paymentReference: canceledOrder.paymentReference, idempotencyKey: `discarded:${canceledOrder.sessionId}`, amount: { value: 5045, currency: "EUR" }, reason: "OTHER" },
      { type: "cancel", paymentReference: canceledCollection.paymentReference, idempotencyKey: `discarded:${canceledCollection.sessionId}` },
      { type: "cancel", paymentReference: onlyCanceledPayments.paymentReference, idempotencyKey: `discarded:${onlyCanceledPayments.sessionId}` },
    ])
    expect(report).toMatchObject({ refunded: [canceledOrder.sessionId], voided: [canceledCollection.sessionId, onlyCanceledPayments.sessionId], failed: [] })
    expect(h.notifications.map((x) => x.data.description)).toEqual([
      expect.stringContaining("whose cart's order was cancelled before the payment arrived"),
      expect.stringContaining("whose payment collection Medusa had cancelled"),
      expect.stringContaining("whose cart was completed with another payment"),
    ])
  })

  it("a void Avirato refuses leaves nothing recorded and the session's lock free: the next run voids it with the same key", async () => {
    const h = harness()
    const discarded = paidSession("payses_DISCARDED")
    mockAvirato.sessions.push(discarded)
    const cancel = mockAvirato.cancel
    mockAvirato.cancel = async () => {
      throw new AviratoApiError("avirato.cancel", 500, "", undefined, 10500, "trace-2", "Internal error")
    }
    let first
    try {
      first = await reconcileAviratoVendorPaidSessions(h.container, { now: NOW })
    } finally {
      mockAvirato.cancel = cancel
    }
    expect(first.failed).toEqual([{ aviratoSessionId: discarded.sessionId, message: expect.stringContaining("Internal error") }])
    expect(h.settlementRows).toEqual([])
    expect(h.notifications).toEqual([])

    // The lock was released by the workflow's compensation: the next run does not wait for it.
    const next = await reconcileAviratoVendorPaidSessions(h.container, { now: NOW })
    expect(next).toMatchObject({ voided: [discarded.sessionId], failed: [] })
    expect(mockAvirato.modifications).toEqual([{ type: "cancel", paymentReference: discarded.paymentReference, idempotencyKey: `discarded:${discarded.sessionId}` }])
    expect(h.settlementRows.map((r) => [r.avirato_session_id, r.action])).toEqual([[discarded.sessionId, "voided"]])
  }, 10_000)

  it("an account without the (assumed) list endpoint is reported as such, and nothing else is touched", async () => {
    const h = harness()
    const listSessions = mockAvirato.listSessions
    mockAvirato.listSessions = async () => {
      throw new AviratoApiError("avirato.listSessions", 404, "", undefined, 10404, "trace-1", "Not found")
    }
    try {
      const report = await reconcileAviratoVendorPaidSessions(h.container, { now: NOW })
      expect(report).toEqual({ listed: 0, voided: [], refunded: [], failed: [] })
      expect(h.logs).toContain("Avirato: the account does not answer GET payment/sessions; payments on discarded checkouts are found by webhook and return only")
      expect(mockAvirato.gets).toEqual([])
      expect(mockAvirato.modifications).toEqual([])
    } finally {
      mockAvirato.listSessions = listSessions
    }
  })

  it("more paid sessions than a run reads: each run reads page 1 and another part, so within a few runs every discarded checkout's payment is given back", async () => {
    const h = harness()
    // 50 paid sessions whose Medusa sessions were deleted: 5 pages of 10; a run reads 2.
    const discarded = Array.from({ length: 50 }, (_, i) => paidSession(`payses_D${i}`))
    mockAvirato.sessions.push(...discarded)
    const runs = [0, 1, 2, 3].map((k) => new Date(NOW.getTime() + k * 10 * 60_000))
    const pagesByRun: number[][] = []
    for (const now of runs) {
      mockAvirato.lists = []
      await reconcileAviratoVendorPaidSessions(h.container, { now, pageSize: 10, maxPages: 2 })
      pagesByRun.push(mockAvirato.lists.map((l) => l.page))
    }
    expect(pagesByRun.every((pages) => pages.length === 2 && pages[0] === 1)).toBe(true)
    expect(new Set(pagesByRun.map((pages) => pages[1]))).toEqual(new Set([2, 3, 4, 5]))
    expect(mockAvirato.modifications.map((m) => m.paymentReference).sort()).toEqual(discarded.map((s) => s.paymentReference).sort())
    expect(h.logs).toContain(`Avirato: 5 pages of paid sessions in the window, 2 read per run: this run read page 1 and pages ${pagesByRun[3]![1]}; the next runs read the others`)
  })

  it.each<[string, number | undefined, number, number[], boolean, boolean]>([
    ["everything within the budget", 250, 50, [2, 3], true, false],
    ["no total from Avirato: in order up to the budget", undefined, 3, [2, 3], true, true],
    ["more pages than the budget: a part that moves on every run", 1000, 4, [5, 6, 7], false, true],
  ])("the pages a run reads after page 1: %s", (_case, total, maxPages, pages, inOrder, noted) => {
    // 10 minutes × 1 run: offset (1 × 3) mod 9 = 3 → pages 5, 6, 7 of 10.
    const plan = laterPagesOfRun({ total }, 100, maxPages, new Date(10 * 60_000))
    expect(plan).toMatchObject({ pages, inOrder })
    expect(plan.note !== undefined).toBe(noted)
  })
})
