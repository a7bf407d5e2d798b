import { EventEmitter } from "node:events"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { refundPlanOf } from "../../../providers/avirato/core/refund-plan"
import { planAviratoCancellationRefunds, planAviratoRefundReason } from "../../../workflows/avirato/plan-refund-reason"
import { entersWithin, expectKeptOutUntilAnswered, otherWriterEntersWithin } from "../../../operations/shared/__tests__/lock-probe"
import { withPaymentSessionLock } from "../../../operations/shared/payment-lock"
import { holdPaymentLockDuringRefund, holdPaymentLocksDuringOrderCancel } from "../hold-lock-during-refund"

type Payment = { id: string; provider_id: string; data: Record<string, unknown>; captures?: Array<{ id: string }> }

function setup(payments: Payment[]) {
  const locking = new InMemoryLockingProvider()
  const byId = new Map(payments.map((payment) => [payment.id, payment]))
  const paymentModule = {
    listPayments: async ({ id }: { id: string }) => (byId.has(id) ? [byId.get(id)] : []),
    retrievePayment: async (id: string) => byId.get(id),
    updatePayment: async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
      byId.get(id)!.data = { ...byId.get(id)!.data, ...data }
    },
    listRefundReasons: async () => [{ id: "refr_1", code: "fraud" }],
  }
  // One order holding every payment.
  const query = {
    graph: jest.fn(async ({ filters }: { filters: { id: string } }) => ({
      data: filters.id === "order_1" ? [{ id: "order_1", payment_collections: [{ payments: payments.slice(0, 2) }, null, { payments: payments.slice(2) }] }] : [],
    })),
  }
  const services: Record<string, unknown> = { [Modules.LOCKING]: locking, [Modules.PAYMENT]: paymentModule, [ContainerRegistrationKeys.QUERY]: query }
  const container = { resolve: (key: string) => services[key] } as never
  return { container, byId, query }
}

type EditSession = { id: string; provider_id: string; payment: { id: string } | null }
type EditCollection = { payments: Payment[]; payment_sessions: EditSession[] }

/** Order `order_1` with a payment collection of its own (an order edit's), read as it is at each query. */
function orderWithOwnCollection(collection: EditCollection) {
  const query = { graph: async () => ({ data: [{ id: "order_1", payment_collections: [structuredClone(collection)] }] }) }
  const services: Record<string, unknown> = { [Modules.LOCKING]: new InMemoryLockingProvider(), [ContainerRegistrationKeys.QUERY]: query }
  return { resolve: (key: string) => services[key] } as never
}

/** Runs a middleware as Medusa would for the route of `id`; resolves with what it passed to next. */
async function runMiddleware(container: never, id: string, middleware = holdPaymentLockDuringRefund) {
  // The route ends its answer with `end`; Node emits "finish" once it went out (never after the client left).
  const response = Object.assign(new EventEmitter(), { end: () => undefined as unknown })
  const passed = await new Promise<unknown>((resolve) => {
    void middleware({ params: { id }, scope: container } as never, response as never, resolve as never)
  })
  return { response, passed }
}

describe("the payment lock held during an admin refund", () => {
  it("keeps every other writer of an Avarda payment out until the refund has answered", async () => {
    const { container } = setup([{ id: "pay_a", provider_id: "pp_avarda-invoice_avarda", data: {} }])
    const { response, passed } = await runMiddleware(container, "pay_a")
    expect(passed).toBeUndefined()
    await expectKeptOutUntilAnswered(response, otherWriterEntersWithin(container, "pay_a", 50))
  })

  it("keeps the lock when the client hangs up while the refund runs, and releases it when the route answers", async () => {
    const { container } = setup([{ id: "pay_s", provider_id: "pp_avarda-standalone-invoice_avarda-standalone", data: {} }])
    const { response } = await runMiddleware(container, "pay_s")
    response.emit("close")
    const job = await otherWriterEntersWithin(container, "pay_s", 50)
    expect(job.entered()).toBe(false)
    response.end()
    await job.done
    expect(job.entered()).toBe(true)
  })

  it("leaves other providers' payments and unknown payment ids alone", async () => {
    const { container } = setup([{ id: "pay_sys", provider_id: "pp_system_default", data: {} }])
    for (const id of ["pay_sys", "pay_missing"]) {
      const { passed } = await runMiddleware(container, id)
      expect(passed).toBeUndefined()
      const other = await otherWriterEntersWithin(container, id, 20)
      await other.done
      expect(other.entered()).toBe(true)
    }
  })

  it("an Avirato refund's reason is planned under the held lock, without waiting for it a second time", async () => {
    const { container, byId } = setup([{ id: "pay_c", provider_id: "pp_avirato-card_avirato", data: { keep: 1 } }])
    const { response } = await runMiddleware(container, "pay_c")
    const planned = await Promise.race([
      planAviratoRefundReason(container, "pay_c", "refr_1"),
      new Promise((resolve) => setTimeout(() => resolve("waited for the lock"), 1000)),
    ])
    expect(planned).toBe("FRAUD")
    expect(refundPlanOf(byId.get("pay_c")!.data)?.reason).toBe("FRAUD")
    expect(byId.get("pay_c")!.data.keep).toBe(1)
    response.emit("finish")
  })

  it("an order's cancellation holds the locks of the order's plugin payments until it has answered, and the Avirato refund reasons are planned under them", async () => {
    const { container, byId, query } = setup([
      { id: "pay_c", provider_id: "pp_avirato-card_avirato", data: {}, captures: [{ id: "capt_1" }] },
      { id: "pay_sys", provider_id: "pp_system_default", data: {} },
      { id: "pay_a", provider_id: "pp_avarda-loan_avarda", data: {} },
    ])
    const { response, passed } = await runMiddleware(container, "order_1", holdPaymentLocksDuringOrderCancel)
    expect(passed).toBeUndefined()
    // No session of the order waits for an authorisation: its payments are read once.
    expect(query.graph).toHaveBeenCalledTimes(1)
    const planned = await Promise.race([
      planAviratoCancellationRefunds(container, "order_1", undefined),
      new Promise((resolve) => setTimeout(() => resolve("waited for the lock"), 1000)),
    ])
    expect(planned).toEqual([expect.objectContaining({ paymentId: "pay_c", reason: "OTHER" })])
    expect(refundPlanOf(byId.get("pay_c")!.data)?.source).toBe("order_cancellation")
    const [avarda, avirato, system] = await Promise.all([
      otherWriterEntersWithin(container, "pay_a", 50),
      otherWriterEntersWithin(container, "pay_c", 50),
      otherWriterEntersWithin(container, "pay_sys", 50),
    ])
    expect([avarda.entered(), avirato.entered(), system.entered()]).toEqual([false, false, true])
    response.emit("finish")
    await Promise.all([avarda.done, avirato.done])
    expect([avarda.entered(), avirato.entered()]).toEqual([true, true])
  })

  it("an order's cancellation first waits for an authorisation under way of a session of the order (it holds the session's lock), then holds the lock of the payment it made", async () => {
    const session: EditSession = { id: "payses_edit", provider_id: "pp_avirato-card_avirato", payment: null }
    const collection: EditCollection = { payments: [], payment_sessions: [session] }
    const container = orderWithOwnCollection(collection)
    // The webhook's authorisation of the order edit's session: under the session's lock, it asks
    // Avirato (a pause), then Medusa creates the payment.
    const authorization = withPaymentSessionLock(container, session.id, async () => {
      await new Promise((resolve) => setTimeout(resolve, 60))
      session.payment = { id: "pay_edit" }
      collection.payments.push({ id: "pay_edit", provider_id: "pp_avirato-card_avirato", data: {} })
    })
    const { response, passed } = await runMiddleware(container, "order_1", holdPaymentLocksDuringOrderCancel)
    await authorization
    expect(passed).toBeUndefined()
    await expectKeptOutUntilAnswered(response, otherWriterEntersWithin(container, "pay_edit", 50))
  })

  it("an authorisation that comes while an order's cancellation is under way waits for its answer", async () => {
    const container = orderWithOwnCollection({ payments: [], payment_sessions: [{ id: "payses_edit", provider_id: "pp_avarda-invoice_avarda", payment: null }] })
    const { response } = await runMiddleware(container, "order_1", holdPaymentLocksDuringOrderCancel)
    await expectKeptOutUntilAnswered(response, entersWithin((work) => withPaymentSessionLock(container, "payses_edit", work), 50))
  })

  it("an order without plugin payments, or no such order, is passed on at once", async () => {
    const { container } = setup([{ id: "pay_sys", provider_id: "pp_system_default", data: {} }])
    for (const id of ["order_1", "order_missing"]) {
      const { passed } = await runMiddleware(container, id, holdPaymentLocksDuringOrderCancel)
      expect(passed).toBeUndefined()
    }
  })
})
