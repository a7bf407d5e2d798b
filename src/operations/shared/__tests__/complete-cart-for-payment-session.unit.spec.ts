import { completeCartForPaymentSession } from "../complete-cart-for-payment-session"

// Medusa's cart completion, as the helper sees it: each run either places the order or fails at a
// named step ("acquire-lock-step" when another completion held the cart's lock for 30 s).
type Attempt = { order: string } | { failedAt: string; message: string; serialized?: boolean }
const mockAttempts: Attempt[] = []
const mockRuns: string[] = []
let mockOrderOfCart: string | undefined
let mockOrderStatus: string
// The payment session as the payment module sees it, and Medusa's process-payment workflow runs.
let mockSession: { status: string; paymentId?: string }
let mockOtherPayments: Array<{ id: string; canceled_at?: string }>
let mockProcessPayment: () => { errors?: Array<{ action: string; error: unknown }> }
const mockProcessRuns: unknown[] = []

jest.mock("@medusajs/medusa/core-flows", () => ({
  acquireLockStepId: "acquire-lock-step",
  authorizePaymentSessionStepId: "authorize-payment-session-step",
  processPaymentWorkflow: () => ({
    run: async ({ input }: { input: unknown }) => {
      mockProcessRuns.push(input)
      return mockProcessPayment()
    },
  }),
  completeCartWorkflow: () => ({
    run: async ({ input, throwOnError }: { input: { id: string }; throwOnError?: boolean }) => {
      mockRuns.push(input.id)
      const attempt = mockAttempts.shift() ?? { failedAt: "acquire-lock-step", message: "Timed-out acquiring lock." }
      if ("order" in attempt) {
        mockOrderOfCart = attempt.order
        // The run's steps as Medusa's engine reports them: this run authorized the session itself.
        const steps = { "_root.authorize": { definition: { action: "authorize-payment-session-step" }, invoke: { state: "done" } } }
        return { result: { id: attempt.order }, errors: [], transaction: { getFlow: () => ({ steps }) } }
      }
      // Errors of a step that ran in the workflow engine come back serialized: plain objects.
      const error = attempt.serialized ? { name: "Error", message: attempt.message } : new Error(attempt.message)
      if (throwOnError !== false) throw error
      return { result: undefined, errors: [{ action: attempt.failedAt, handlerType: "invoke", error }] }
    },
  }),
}))

const query = {
  graph: async ({ entity }: { entity: string }) =>
    entity === "order"
      ? { data: mockOrderOfCart ? [{ id: mockOrderOfCart, status: mockOrderStatus }] : [] }
      : { data: [{ id: "payses_1", payment_collection: { cart: { id: "cart_1", order: mockOrderOfCart ? { id: mockOrderOfCart } : null } } }] },
}
const mockSessionReads: string[] = []
const payment = {
  listPaymentSessions: async ({ id }: { id: string }) => (mockSessionReads.push(id), [
    { id: "payses_1", status: mockSession.status, amount: 100, payment_collection_id: "paycol_1", payment: mockSession.paymentId ? { id: mockSession.paymentId } : null },
  ]),
  listPaymentCollections: async () => [{ id: "paycol_1", payments: mockOtherPayments }],
}
const container = { resolve: (key: string) => ({ query, payment })[key] } as never
const lockTimeout = { failedAt: "acquire-lock-step", message: "Timed-out acquiring lock." }
const fast = { retryPauseMs: 1 }

beforeEach(() => {
  mockAttempts.length = 0
  mockRuns.length = 0
  mockOrderOfCart = undefined
  mockOrderStatus = "pending"
  // Whichever completion placed the order also authorized the session, unless a test says otherwise.
  mockSession = { status: "authorized", paymentId: "pay_1" }
  mockOtherPayments = []
  mockProcessRuns.length = 0
  mockSessionReads.length = 0
  mockProcessPayment = () => {
    mockSession = { status: "authorized", paymentId: "pay_recorded" }
    return { errors: [] }
  }
})

describe("completing a paid session's cart while other completions hold its lock", () => {
  it("waits out the lock and answers with the holder's order", async () => {
    mockAttempts.push(lockTimeout, lockTimeout)
    const holder = setTimeout(() => (mockOrderOfCart = "order_by_the_webhook"), 5)
    const completion = await completeCartForPaymentSession(container, "payses_1", undefined, { retryPauseMs: 10 })
    clearTimeout(holder)
    expect(completion).toEqual({ outcome: "already_completed", orderId: "order_by_the_webhook", cartId: "cart_1" })
  })

  it("completes the cart itself when the holder placed no order", async () => {
    mockAttempts.push(lockTimeout, lockTimeout, { order: "order_1" })
    const completion = await completeCartForPaymentSession(container, "payses_1", undefined, fast)
    expect(completion).toEqual({ outcome: "completed", orderId: "order_1", cartId: "cart_1" })
    expect(mockRuns).toEqual(["cart_1", "cart_1", "cart_1"])
    // The run that placed the order authorized the session: its payment is not read again.
    expect(mockSessionReads).toEqual([])
  })

  it("does not try again after a failure past the lock (the payment may have been given back)", async () => {
    mockAttempts.push({ failedAt: "validate-cart-payments", message: "Payment authorization failed" }, { order: "order_1" })
    const completion = await completeCartForPaymentSession(container, "payses_1", undefined, fast)
    expect(completion).toEqual({ outcome: "failed", cartId: "cart_1", message: "Payment authorization failed" })
    expect(mockRuns).toHaveLength(1)
  })

  it("names the step's error when the workflow engine hands it back serialized", async () => {
    mockAttempts.push({ failedAt: "authorize-payment-session-step", message: "avirato.getSession: no answer within 1500 ms", serialized: true })
    const completion = await completeCartForPaymentSession(container, "payses_1", undefined, fast)
    expect(completion).toEqual({ outcome: "failed", cartId: "cart_1", message: "avirato.getSession: no answer within 1500 ms" })
  })

  it("gives up when the lock stays taken past the deadline", async () => {
    // A deadline far above one run's time, however loaded the machine: the pauses (5, 10, 20 … ms) fit
    // in it several times, so the completion is tried again before it gives up.
    const completion = await completeCartForPaymentSession(container, "payses_1", undefined, { contendedDeadlineMs: 1000, retryPauseMs: 5 })
    expect(completion).toEqual({ outcome: "failed", cartId: "cart_1", message: "Timed-out acquiring lock.", contended: true })
    expect(mockRuns.length).toBeGreaterThan(1)
  })

  it("counts a lock the locking module failed to acquire at any step as contention, not failure", async () => {
    const completion = await completeCartForPaymentSession(container, "payses_1", undefined, { contendedDeadlineMs: 0, retryPauseMs: 5 })
    expect(completion).toMatchObject({ contended: true })
    mockAttempts.push({ failedAt: "some-other-step", message: "Failed to acquire lock for key cart_1" })
    const other = await completeCartForPaymentSession(container, "payses_1", undefined, { contendedDeadlineMs: 0, retryPauseMs: 5 })
    expect(other).toEqual({ outcome: "failed", cartId: "cart_1", message: "Failed to acquire lock for key cart_1", contended: true })
  })

  it("reports an order that already exists without running the completion", async () => {
    mockOrderOfCart = "order_0"
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({ outcome: "already_completed", orderId: "order_0", cartId: "cart_1" })
    expect(mockRuns).toHaveLength(0)
  })
})

describe("an order whose completion stopped before the payment was authorized", () => {
  // Medusa's completion creates the order, links it and marks the cart completed, then authorizes
  // the session; one that stops in between leaves the order without the vendor's payment.
  beforeEach(() => {
    mockOrderOfCart = "order_0"
    mockSession = { status: "pending" }
  })

  it("records the session's payment on that order through Medusa's process-payment workflow", async () => {
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({ outcome: "already_completed", orderId: "order_0", cartId: "cart_1" })
    expect(mockProcessRuns).toEqual([{ action: "authorized", data: { session_id: "payses_1", amount: 100 } }])
    expect(mockRuns).toHaveLength(0)
  })

  it("records it as well when the session's status is already authorized but it has no payment (a credit re-read at the vendor)", async () => {
    mockSession = { status: "authorized" }
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({ outcome: "already_completed", orderId: "order_0", cartId: "cart_1" })
    expect(mockProcessRuns).toEqual([{ action: "authorized", data: { session_id: "payses_1", amount: 100 } }])
  })

  it("records nothing when the session already holds its payment", async () => {
    mockSession = { status: "authorized", paymentId: "pay_1" }
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({ outcome: "already_completed", orderId: "order_0", cartId: "cart_1" })
    expect(mockProcessRuns).toHaveLength(0)
  })

  it("records nothing when the order holds another session's payment, and says so: this session is superseded", async () => {
    mockOtherPayments = [{ id: "pay_of_another_session" }]
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({
      outcome: "already_completed",
      orderId: "order_0",
      cartId: "cart_1",
      superseded: true,
    })
    expect(mockProcessRuns).toHaveLength(0)
  })

  it("records nothing on a cancelled order, and says this session is superseded: what the shopper paid goes back", async () => {
    mockOrderStatus = "canceled"
    mockOtherPayments = [{ id: "pay_cancelled_with_the_order", canceled_at: "2026-12-05T10:00:00Z" }]
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({ outcome: "already_completed", orderId: "order_0", cartId: "cart_1", superseded: true })
    mockOtherPayments = []
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({ outcome: "already_completed", orderId: "order_0", cartId: "cart_1", superseded: true })
    expect(mockProcessRuns).toHaveLength(0)
  })

  it("records nothing on an order whose only other payment was cancelled, without calling this session superseded", async () => {
    mockOtherPayments = [{ id: "pay_cancelled", canceled_at: "2026-12-05T10:00:00Z" }]
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({ outcome: "already_completed", orderId: "order_0", cartId: "cart_1" })
    expect(mockProcessRuns).toHaveLength(0)
  })

  it("waits out a completion still holding the cart's lock, then records the payment", async () => {
    const lockHeld = () => ({ errors: [{ action: "acquire-lock-step", error: { message: "Timed-out acquiring lock." } }] })
    const record = mockProcessPayment
    let attempts = 0
    mockProcessPayment = () => (++attempts < 3 ? lockHeld() : record())
    expect(await completeCartForPaymentSession(container, "payses_1", undefined, fast)).toEqual({ outcome: "already_completed", orderId: "order_0", cartId: "cart_1" })
    expect(mockProcessRuns).toHaveLength(3)
  })

  it("answers with the holder's payment when the completion holding the lock authorized the session", async () => {
    mockProcessPayment = () => {
      mockSession = { status: "authorized", paymentId: "pay_by_the_holder" }
      return { errors: [{ action: "acquire-lock-step", error: { message: "Timed-out acquiring lock." } }] }
    }
    expect(await completeCartForPaymentSession(container, "payses_1", undefined, fast)).toMatchObject({ outcome: "already_completed", orderId: "order_0" })
    expect(mockProcessRuns).toHaveLength(1)
  })

  it("reports contention when the cart's lock stays held past the deadline", async () => {
    mockProcessPayment = () => ({ errors: [{ action: "acquire-lock-step", error: { message: "Timed-out acquiring lock." } }] })
    // A deadline far above one run's time, so the payment is processed again before giving up.
    expect(await completeCartForPaymentSession(container, "payses_1", undefined, { contendedDeadlineMs: 1000, retryPauseMs: 5 })).toEqual({
      outcome: "failed",
      cartId: "cart_1",
      message: "Timed-out acquiring lock.",
      contended: true,
    })
    expect(mockProcessRuns.length).toBeGreaterThan(1)
  })

  it("reports a failure when the vendor no longer confirms the payment", async () => {
    mockProcessPayment = () => ({ errors: [{ action: "authorize-payment-session-deferred", error: new Error("Session: payses_1 was not authorized with the provider.") }] })
    expect(await completeCartForPaymentSession(container, "payses_1")).toEqual({
      outcome: "failed",
      cartId: "cart_1",
      message: "Session: payses_1 was not authorized with the provider.",
    })
  })
})
