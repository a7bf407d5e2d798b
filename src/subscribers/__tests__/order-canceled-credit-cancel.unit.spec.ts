// A cancelled order whose Avarda payment Medusa's cancel left open (the vendor failed the cancel):
// the order-cancel subscriber cancels it through the Payment Module inside the payment's lock, the
// reconciliation job does the same for what is left, a second run does nothing, and repeated
// failures reach the admin once.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import avardaOrderCanceled from "../avarda-order-canceled"
import { isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { cancelLeftoverCanceledOrderPayments, ORDER_CANCEL_ATTEMPTS_BEFORE_NOTICE } from "../../workflows/credit/cancel-canceled-order-payments"
import { acquirePaymentLock, releasePaymentLock } from "../../operations/shared/payment-lock"
import { paymentLockIsHeld } from "../../operations/shared/__tests__/lock-probe"

const AVARDA = "pp_avarda-invoice_avarda"
const AVIRATO = "pp_avirato-card_avirato"

type Payment = {
  id: string
  provider_id: string
  captured_at: Date | null
  canceled_at: Date | null
  data: Record<string, unknown>
  metadata?: Record<string, unknown>
  captures: Array<{ id: string }>
  collectionStatus: string
  orderStatus: string
}

function world(payments: Payment[], cancelPayment: (id: string) => Promise<void> | void) {
  const graph = jest.fn(async ({ entity, filters, pagination }: { entity: string; filters: Record<string, any>; pagination?: { take: number } }) => {
    if (entity === "order") {
      return { data: [{ id: filters.id, payment_collections: [{ payments: payments.map((p) => ({ id: p.id, provider_id: p.provider_id, canceled_at: p.canceled_at, captured_at: p.captured_at })) }] }] }
    }
    let rows = payments.map((p) => ({ ...p, payment_collection: { status: p.collectionStatus, order: { id: "order_1", display_id: 7, status: p.orderStatus } } }))
    if (filters.id && typeof filters.id === "string") rows = rows.filter((p) => p.id === filters.id)
    else {
      // The job's filter, as the database applies it.
      rows = rows
        .filter((p) => filters.provider_id.includes(p.provider_id) && p.captured_at === null && p.canceled_at === null && p.collectionStatus === filters.payment_collection.status)
        .filter((p) => !filters.id?.$gt || p.id > filters.id.$gt)
        .sort((a, b) => a.id.localeCompare(b.id))
        .slice(0, pagination?.take ?? 100)
    }
    return { data: rows }
  })
  // One holder per key at a time: Medusa's in-memory locking provider (Redis locks across processes the same way).
  const locking = new InMemoryLockingProvider()
  const lockHeldAtCancel: boolean[] = []
  const paymentModule = {
    listPaymentProviders: async () => [{ id: AVARDA }, { id: AVIRATO }, { id: "pp_stripe_stripe" }],
    cancelPayment: jest.fn(async (id: string) => {
      lockHeldAtCancel.push(await paymentLockIsHeld(locking, id))
      await cancelPayment(id)
      payments.find((p) => p.id === id)!.canceled_at = new Date()
    }),
    updatePayment: jest.fn(async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
      payments.find((p) => p.id === id)!.data = data
    }),
    retrievePayment: jest.fn(async (id: string) => {
      const { data, metadata } = payments.find((p) => p.id === id)!
      return { id, data, metadata }
    }),
  }
  const notification = { createNotifications: jest.fn(async () => undefined) }
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
  const services: Record<string, unknown> = { query: { graph }, payment: paymentModule, notification, locking, logger }
  // A real container: the cancel runs as a workflow, whose steps resolve from it.
  const medusaContainer = createMedusaContainer()
  for (const [key, service] of Object.entries(services)) medusaContainer.register(key, asValue(service))
  const container = medusaContainer as never
  return { container, paymentModule, notification, locking, lockHeldAtCancel }
}

const payment = (id: string, extra: Partial<Payment> = {}): Payment => ({
  id,
  provider_id: AVARDA,
  captured_at: null,
  canceled_at: null,
  data: { authorization_id: `auth_${id}`, captures: [] },
  captures: [],
  collectionStatus: "canceled",
  orderStatus: "canceled",
  ...extra,
})

describe("order-cancel: credit payments Medusa's cancel left open", () => {
  it("the subscriber cancels the open payment once, inside its lock; a repeated event does nothing", async () => {
    const payments = [payment("pay_1"), payment("pay_2", { canceled_at: new Date() }), payment("pay_3", { captures: [{ id: "capt_1" }], data: { captures: [{}] } })]
    const w = world(payments, async () => undefined)
    await avardaOrderCanceled({ event: { data: { id: "order_1" } }, container: w.container } as never)
    expect(w.paymentModule.cancelPayment.mock.calls).toEqual([["pay_1"]])
    expect(w.lockHeldAtCancel).toEqual([true])
    expect(payments[0].canceled_at).not.toBeNull()
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)

    await avardaOrderCanceled({ event: { data: { id: "order_1" } }, container: w.container } as never)
    expect(w.paymentModule.cancelPayment).toHaveBeenCalledTimes(1)
  })

  it("re-checks inside the lock: a payment another process cancelled while this one waited is left alone", async () => {
    const payments = [payment("pay_1")]
    const w = world(payments, async () => undefined)
    await acquirePaymentLock(w.container, "pay_1", "another-process")
    const event = avardaOrderCanceled({ event: { data: { id: "order_1" } }, container: w.container } as never)
    await new Promise((resolve) => setTimeout(resolve, 200))
    payments[0].canceled_at = new Date() // the other process cancelled it
    await releasePaymentLock(w.container, "pay_1", "another-process")
    await event
    expect(w.paymentModule.cancelPayment).not.toHaveBeenCalled()
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
  })

  it("the job cancels every open payment of cancelled orders over several pages, and nothing on its second run", async () => {
    const payments = [
      ...Array.from({ length: 5 }, (_, i) => payment(`pay_${i}`)),
      payment("pay_live", { collectionStatus: "authorized", orderStatus: "pending" }),
      payment("pay_stripe", { provider_id: "pp_stripe_stripe" }),
    ]
    const w = world(payments, async () => undefined)
    const first = await cancelLeftoverCanceledOrderPayments(w.container, { pageSize: 2 })
    expect(first).toEqual({ canceled: ["pay_0", "pay_1", "pay_2", "pay_3", "pay_4"], failed: [] })
    const second = await cancelLeftoverCanceledOrderPayments(w.container, { pageSize: 2 })
    expect(second).toEqual({ canceled: [], failed: [] })
    expect(w.paymentModule.cancelPayment).toHaveBeenCalledTimes(5)
  })

  it("a payment of a collection Medusa replaced after an order change, whose cancel failed, is cancelled by the job although the order is live; the admin is told which happened", async () => {
    // An edit raised the order's total: Medusa cancelled the authorised collection (the vendor failed
    // the cancel of its payment, which Medusa only logs) and created one for the new amount.
    const payments = [payment("pay_replaced", { orderStatus: "pending" }), payment("pay_new", { collectionStatus: "not_paid", orderStatus: "pending" })]
    const w = world(payments, async () => undefined)
    expect(await cancelLeftoverCanceledOrderPayments(w.container)).toEqual({ canceled: ["pay_replaced"], failed: [] })
    expect(await cancelLeftoverCanceledOrderPayments(w.container)).toEqual({ canceled: [], failed: [] })
    expect(w.paymentModule.cancelPayment.mock.calls).toEqual([["pay_replaced"]])

    const failing = [payment("pay_replaced", { orderStatus: "pending" })]
    const f = world(failing, async () => {
      throw new Error("Avarda cancel failed: 500")
    })
    for (let run = 1; run <= ORDER_CANCEL_ATTEMPTS_BEFORE_NOTICE; run++) await cancelLeftoverCanceledOrderPayments(f.container)
    expect(f.notification.createNotifications).toHaveBeenCalledWith(
      expect.objectContaining({ data: expect.objectContaining({ description: expect.stringMatching(/^Medusa replaced the order's payment collection after an order change, but cancelling/) }) })
    )
  })

  it("each job takes its own vendor's payments: the credit job leaves Avirato's to the Avirato job", async () => {
    const payments = [payment("pay_avarda"), payment("pay_avirato", { provider_id: AVIRATO, data: { payment_reference: "REF1", captures: [] } })]
    const w = world(payments, async () => undefined)
    expect(await cancelLeftoverCanceledOrderPayments(w.container)).toEqual({ canceled: ["pay_avarda"], failed: [] })
    expect(await cancelLeftoverCanceledOrderPayments(w.container, { ofProvider: isAviratoProviderId })).toEqual({ canceled: ["pay_avirato"], failed: [] })
    expect(w.paymentModule.cancelPayment.mock.calls).toEqual([["pay_avarda"], ["pay_avirato"]])
  })

  it("an Avirato cancel made again after its answer was lost books the CANCELLATION webhook that came before Medusa held the cancellation", async () => {
    const logged = { history: "cancellations", reference: "MOD1", success: true, at: "2026-12-07T10:00:00.000Z" }
    const payments = [
      payment("pay_avirato", { provider_id: AVIRATO, data: { payment_reference: "REF1", mode: "preauth", captures: [], cancellations: [] }, metadata: { avirato_outcomes: [logged] } }),
    ]
    // The provider's cancel, answered by Avirato with the modification the lost attempt made.
    const w = world(payments, (id) => {
      const target = payments.find((p) => p.id === id)!
      target.data = { ...target.data, cancellations: [{ idempotency_key: id, reference: "MOD1", status: "requested", requested_at: "2026-12-07T10:05:00.000Z" }] }
    })
    expect(await cancelLeftoverCanceledOrderPayments(w.container, { ofProvider: isAviratoProviderId })).toEqual({ canceled: ["pay_avirato"], failed: [] })
    expect(payments[0].data.cancellations).toEqual([expect.objectContaining({ idempotency_key: "pay_avirato", reference: "MOD1", status: "succeeded" })])
  })

  it("counts failures on the payment and tells the admin once after repeated failures", async () => {
    const payments = [payment("pay_1")]
    const w = world(payments, async () => {
      throw new Error("Avarda cancel failed: 500")
    })
    for (let run = 1; run <= ORDER_CANCEL_ATTEMPTS_BEFORE_NOTICE + 2; run++) {
      expect(await cancelLeftoverCanceledOrderPayments(w.container)).toEqual({ canceled: [], failed: ["pay_1"] })
      expect((payments[0].data.order_cancel_failure as { attempts: number }).attempts).toBe(run)
    }
    expect(payments[0].canceled_at).toBeNull()
    expect(w.notification.createNotifications).toHaveBeenCalledTimes(1)
    expect(w.notification.createNotifications).toHaveBeenCalledWith(expect.objectContaining({ idempotency_key: "avarda-avirato:order-cancel-failed:pay_1" }))
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
  })
})
