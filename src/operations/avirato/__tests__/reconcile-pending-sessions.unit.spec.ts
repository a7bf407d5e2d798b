import { fakeQuery } from "../../shared/__tests__/fake-query"
import { reconcilePendingAviratoSessions } from "../reconcile-pending-sessions"

const NOW = new Date("2026-06-01T12:00:00Z")
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString()

type SessionRow = {
  id: string
  provider_id: string
  status: string
  created_at: string
  data: Record<string, unknown>
  payment_collection: { cart: { id: string; order: null } }
}
const mockSessions: SessionRow[] = []

jest.mock("../../../providers/avirato/core/configured-providers", () => ({
  isAviratoProviderId: (id: string) => id.startsWith("pp_avirato-"),
  aviratoProvider: () => ({
    client: {
      getSession: async (id: string) => ({ sessionId: id, status: "completed", paymentStatus: "AUTHORISED", paymentReference: `REF-${id}` }),
    },
  }),
}))

// Completing the cart authorises the session: it leaves the job's filter, as in the database.
jest.mock("../../shared/complete-cart-for-payment-session", () => ({
  completeCartForPaymentSession: async (_container: unknown, sessionId: string) => {
    mockSessions.find((s) => s.id === sessionId)!.status = "authorized"
    return { outcome: "completed", orderId: `order_${sessionId}`, cartId: `cart_${sessionId}` }
  },
}))

function session(n: number, overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id: `payses_${String(n).padStart(4, "0")}`,
    provider_id: "pp_avirato-card_avirato",
    status: "pending",
    created_at: minutesAgo(30),
    data: { avirato_session_id: `av_${n}` },
    payment_collection: { cart: { id: `cart_${n}`, order: null } },
    ...overrides,
  }
}

describe("Avirato reconciliation job: bounded, paginated, only sessions with work", () => {
  it("reconciles every waiting session over several pages, also the oldest, while each one leaves the filter", async () => {
    mockSessions.length = 0
    // More than the old "newest 500" cut-off; the oldest was created ~52 h ago.
    for (let n = 1; n <= 620; n++) mockSessions.push(session(n, { created_at: minutesAgo(30 + n * 5) }))
    mockSessions.push(session(9900, { provider_id: "pp_stripe_stripe" }))
    mockSessions.push(session(9901, { status: "authorized" }))
    mockSessions.push(session(9902, { created_at: minutesAgo(2) })) // the shopper may still be paying
    mockSessions.push(session(9903, { created_at: minutesAgo(5 * 24 * 60) })) // abandoned days ago
    const query = fakeQuery({ payment_session: mockSessions })
    const container = {
      resolve: (key: string) =>
        ({
          query,
          payment: {
            listPaymentProviders: async () => [{ id: "pp_avirato-card_avirato" }, { id: "pp_stripe_stripe" }],
            authorizePaymentSession: jest.fn(),
            deletePaymentSession: jest.fn(),
          },
        })[key],
    } as never

    const report = await reconcilePendingAviratoSessions(container, { now: NOW, pageSize: 250 })

    expect(report.failed).toEqual([])
    expect(report.checked).toBe(620)
    expect(report.completed).toHaveLength(620)
    expect(report.released).toEqual([])
    expect(new Set(report.completed.map((c) => c.sessionId))).toEqual(new Set(mockSessions.slice(0, 620).map((s) => s.id)))
    // The database was asked for this provider's waiting mockSessions in the age window, one page at a time.
    expect(query.calls).toHaveLength(3)
    for (const call of query.calls) {
      expect(call.entity).toBe("payment_session")
      expect(call.filters).toMatchObject({ provider_id: ["pp_avirato-card_avirato"], status: ["pending", "requires_more"] })
      expect(call.filters.created_at).toEqual({ $lte: new Date(NOW.getTime() - 10 * 60_000), $gte: new Date(NOW.getTime() - 3 * 24 * 3600_000) })
      expect(call.pagination).toMatchObject({ take: 250, order: { id: "ASC" } })
    }
    expect(mockSessions.filter((s) => s.id >= "payses_9900").map((s) => s.status)).toEqual(["pending", "authorized", "pending", "pending"])
  })
})
