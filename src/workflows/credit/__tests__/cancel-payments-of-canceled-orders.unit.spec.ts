// Uncaptured Avarda payments left open under a cancelled order: the job finds them page by page
// among the open credit payments, cancels each through the Payment Module once, leaves live orders,
// captured and other vendors' payments alone, and tells the admin once after repeated failures.
import { fakeQuery } from "../../helpers/__tests__/fake-query"
import { cancelPaymentsOfCanceledOrders, cancelUncapturedPayment, ORDER_CANCEL_NOTIFY_AFTER_FAILURES, ORDER_CANCEL_RETRY_KEY } from "../cancel-payments-of-canceled-orders"

const AVARDA = "pp_avarda-invoice_avarda"
const STANDALONE = "pp_avarda-standalone-invoice_avarda-standalone"
const AVIRATO = "pp_avirato-card_avirato"

type Payment = { id: string; provider_id: string; canceled_at: Date | null; captured_at: Date | null; captures: Array<{ id: string }>; data: Record<string, unknown>; payment_collection: { order: { id: string; status: string } } }

function world(payments: Payment[], options: { failCancel?: (id: string) => boolean } = {}) {
  const query = fakeQuery({ payment: payments as never })
  const locks: string[] = []
  const notifications: Array<Record<string, unknown>> = []
  const cancelCalls: string[] = []
  const paymentModule = {
    listPaymentProviders: async () => [{ id: AVARDA }, { id: STANDALONE }, { id: AVIRATO }, { id: "pp_system_default" }],
    listPayments: async ({ id }: { id: string }) => payments.filter((p) => p.id === id).map((p) => structuredClone(p)),
    cancelPayment: async (id: string) => {
      cancelCalls.push(id)
      if (options.failCancel?.(id)) throw new Error("Avarda answered 500")
      payments.find((p) => p.id === id)!.canceled_at = new Date()
    },
    updatePayment: async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
      const payment = payments.find((p) => p.id === id)!
      payment.data = { ...payment.data, ...data }
    },
  }
  const services: Record<string, unknown> = {
    query,
    payment: paymentModule,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    locking: { execute: async (key: string, work: () => Promise<unknown>) => (locks.push(key), work()) },
    notification: { createNotifications: async (input: Record<string, unknown>) => notifications.push(input) },
  }
  return { container: { resolve: (key: string) => services[key] } as never, query, locks, notifications, cancelCalls }
}

function payment(id: string, overrides: Partial<Payment> & { orderStatus?: string } = {}): Payment {
  const { orderStatus = "canceled", ...rest } = overrides
  return { id, provider_id: AVARDA, canceled_at: null, captured_at: null, captures: [], data: {}, payment_collection: { order: { id: `order_${id}`, status: orderStatus } }, ...rest }
}

describe("authorizations of cancelled orders", () => {
  it("cancels each open credit payment of a cancelled order once, over several pages, and nothing else", async () => {
    const payments: Payment[] = []
    for (let n = 1; n <= 230; n++) payments.push(payment(`pay_${String(n).padStart(4, "0")}`, n % 2 ? {} : { orderStatus: "pending" }))
    payments.push(payment("pay_9001", { provider_id: STANDALONE }))
    payments.push(payment("pay_9002", { captures: [{ id: "capt_1" }] }))
    payments.push(payment("pay_9003", { provider_id: AVIRATO }))
    payments.push(payment("pay_9004", { canceled_at: new Date() }))
    const { container, query, cancelCalls, locks } = world(payments)

    const report = await cancelPaymentsOfCanceledOrders(container, { pageSize: 100 })

    const expected = [...payments.slice(0, 230).filter((_, i) => i % 2 === 0).map((p) => p.id), "pay_9001"]
    expect(report.failed).toEqual([])
    expect(report.cancelled).toEqual(expected)
    expect(cancelCalls).toEqual(expected)
    expect(locks).toEqual(expected.map((id) => `avarda-avirato:payment:${id}`))
    for (const call of query.calls) {
      expect(call.filters).toMatchObject({ captured_at: null, canceled_at: null, provider_id: [AVARDA, STANDALONE] })
      expect(call.pagination).toMatchObject({ take: 100, order: { id: "ASC" } })
    }
    expect(query.calls.length).toBeGreaterThanOrEqual(3)

    // A second run finds nothing left to do.
    cancelCalls.length = 0
    expect(await cancelPaymentsOfCanceledOrders(container, { pageSize: 100 })).toEqual({ cancelled: [], failed: [] })
    expect(cancelCalls).toEqual([])
  })

  it("re-checks inside the lock: a payment captured or cancelled meanwhile is left alone", async () => {
    const payments = [payment("pay_1", { canceled_at: new Date() }), payment("pay_2", { captured_at: new Date() }), payment("pay_3", { captures: [{ id: "capt_1" }] })]
    const { container, cancelCalls } = world(payments)
    for (const p of payments) expect(await cancelUncapturedPayment(container, p.id)).toEqual({ outcome: "nothing_to_do" })
    expect(cancelCalls).toEqual([])
  })

  it("records each failure on the payment and notifies the admin once, after repeated failures", async () => {
    const payments = [payment("pay_1")]
    const { container, notifications } = world(payments, { failCancel: () => true })
    for (let attempt = 1; attempt <= ORDER_CANCEL_NOTIFY_AFTER_FAILURES + 2; attempt++) {
      expect(await cancelUncapturedPayment(container, "pay_1")).toEqual({ outcome: "failed", error: "Avarda answered 500" })
      expect(payments[0]!.data[ORDER_CANCEL_RETRY_KEY]).toMatchObject({ failures: attempt, last_error: "Avarda answered 500" })
      expect(notifications).toHaveLength(attempt >= ORDER_CANCEL_NOTIFY_AFTER_FAILURES ? 1 : 0)
    }
    expect(notifications[0]).toMatchObject({ channel: "feed", idempotency_key: "avarda-avirato:order-cancel-failed:pay_1", data: { payment_id: "pay_1" } })
    expect(payments[0]!.canceled_at).toBeNull()
  })
})
