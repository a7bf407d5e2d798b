// A cancelled order's payments after Medusa's cancel: the authorisations under way of the order's
// sessions are waited for, then a payment Medusa's cancel never saw is cancelled (open) or refunded
// (captured) through the Payment Module's refund, under the payment's lock with its state read again.
// Medusa's in-memory locking provider stands for the Locking Module; the refund goes through an
// in-memory Payment Module (its refund: the provider's call and the refund row).
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { settleCanceledOrderPayments } from "../settle-canceled-order-payments"
import { refundLeftoverCanceledOrderPayments, REFUND_OUTCOME_NOT_RECORDED } from "../../../workflows/shared/refund-canceled-order-payment"
import { CANCELED_ORDER_REFUND_FAILURE_KEY, canceledOrderRefundRetryDue } from "../canceled-order-retries"
import { paymentLockKey, paymentSessionLockKey } from "../payment-lock"
import { paymentLockIsHeld } from "./lock-probe"
import { isAviratoProviderId } from "../../../providers/avirato/core/configured-providers"
import { isAvardaProviderId } from "../../../providers/avarda/core/provider-ids"

const AVIRATO = "pp_avirato-card_avirato"
const AVARDA = "pp_avarda-invoice_avarda"

const raw = (amount: number) => ({ value: String(amount), precision: 20 })

type Payment = {
  id: string
  provider_id: string
  payment_collection_id: string
  currency_code: string
  amount: number
  captured_at: Date | null
  canceled_at: Date | null
  data: Record<string, unknown>
  captures: Array<{ raw_amount: ReturnType<typeof raw> }>
  refunds: Array<{ id: string; raw_amount: ReturnType<typeof raw> }>
}
type Session = { id: string; provider_id: string; payment: { id: string } | null }

/** `refundFails`: every refund fails (true), or the first n. `writeFails`: the nth write of a payment's data fails (the database went away). */
function world(options: { orderStatus?: string; refundFails?: boolean | number; writeFails?: number } = {}) {
  const payments: Payment[] = []
  const sessions: Session[] = []
  const orderStatus = options.orderStatus ?? "canceled"
  const reads = { order: 0 }
  const byId = (id: string) => payments.find((p) => p.id === id)!

  let writes = 0
  let refundFailuresLeft = options.refundFails === true ? Infinity : options.refundFails || 0
  const graph = jest.fn(async ({ entity, filters }: { entity: string; filters: { id: string | { $gt: string }; provider_id?: string[]; data?: Record<string, unknown> } }) => {
    if (entity === "payment" && filters.data) {
      // The jobs' page: the providers' payments whose refund failure is counted.
      const after = typeof filters.id === "object" ? filters.id.$gt : ""
      const marked = payments.filter((p) => p.data[CANCELED_ORDER_REFUND_FAILURE_KEY] != null && p.id > after && filters.provider_id!.includes(p.provider_id))
      return { data: marked.map((p) => ({ id: p.id, data: structuredClone(p.data), payment_collection: { order: { id: "order_1" } } })) }
    }
    if (entity === "order") {
      reads.order++
      return { data: [{ id: filters.id, payment_collections: [{ payments: structuredClone(payments), payment_sessions: structuredClone(sessions) }] }] }
    }
    const payment = payments.find((p) => p.id === filters.id)
    return { data: payment ? [{ ...structuredClone(payment), payment_collection: { status: "canceled", order: { id: "order_1", display_id: 7, status: orderStatus } } }] : [] }
  })
  const locking = new InMemoryLockingProvider()
  const lockHeldAtRefund: boolean[] = []
  const reasonPlannedAtRefund: unknown[] = []
  const paymentModule = {
    retrievePayment: jest.fn(async (id: string) => structuredClone(byId(id))),
    cancelPayment: jest.fn(async (id: string) => {
      byId(id).canceled_at = new Date()
    }),
    refundPayment: jest.fn(async ({ payment_id, amount }: { payment_id: string; amount: string }) => {
      lockHeldAtRefund.push(await paymentLockIsHeld(locking, payment_id))
      reasonPlannedAtRefund.push((byId(payment_id).data.refund_plan as { reason?: string } | null | undefined)?.reason)
      if (refundFailuresLeft-- > 0) throw new Error("Avirato refused the refund: 422")
      const payment = byId(payment_id)
      payment.refunds.push({ id: `ref_${payment.refunds.length + 1}`, raw_amount: raw(Number(amount)) })
      return { id: payment_id, currency_code: "eur", refunds: structuredClone(payment.refunds) }
    }),
    updatePayment: jest.fn(async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
      if (++writes === options.writeFails) throw new Error("connection terminated")
      byId(id).data = data
    }),
    updatePaymentCollections: jest.fn(async (_selector: { id: string[] }, _update: { status: string }) => []),
    listPaymentProviders: jest.fn(async () => [{ id: AVIRATO }, { id: AVARDA }, { id: "pp_system_default" }]),
  }
  const orderModule = {
    listOrderTransactions: jest.fn(async () => []),
    addOrderTransactions: jest.fn(async (rows: Array<Record<string, unknown>>) => rows.map((row, i) => ({ id: `ordtrx_${i}`, ...row }))),
  }
  const notification = { createNotifications: jest.fn(async () => undefined) }
  const eventBus = { emit: jest.fn(async (..._args: unknown[]) => undefined), releaseGroupedEvents: jest.fn(async () => undefined), clearGroupedEvents: jest.fn(async () => undefined) }
  const services: Record<string, unknown> = {
    query: { graph },
    payment: paymentModule,
    order: orderModule,
    event_bus: eventBus,
    notification,
    locking,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  }
  // A real container: the settling runs workflows, whose steps resolve from it.
  const medusaContainer = createMedusaContainer()
  for (const [key, service] of Object.entries(services)) medusaContainer.register(key, asValue(service))
  const container = medusaContainer as never

  /** A payment the session's authorisation made; captured when `captured`. */
  function authorize(session: Session, captured: boolean): Payment {
    const payment: Payment = {
      id: session.id.replace("payses", "pay"),
      provider_id: session.provider_id,
      payment_collection_id: "paycol_1",
      currency_code: "eur",
      amount: 12.34,
      captured_at: captured ? new Date() : null,
      canceled_at: null,
      data: { captures: captured ? [{ status: "succeeded" }] : [] },
      captures: captured ? [{ raw_amount: raw(12.34) }] : [],
      refunds: [],
    }
    payments.push(payment)
    session.payment = { id: payment.id }
    return payment
  }
  function session(id: string, provider_id = AVIRATO): Session {
    const created = { id, provider_id, payment: null }
    sessions.push(created)
    return created
  }
  return { container, payments, locking, paymentModule, orderModule, notification, eventBus, lockHeldAtRefund, reasonPlannedAtRefund, reads, authorize, session }
}

/** Another process authorising `sessionId` holds its lock until `finish` is called. */
async function authorisationUnderWay(w: ReturnType<typeof world>, sessionId: string) {
  await w.locking.acquire(paymentSessionLockKey(sessionId), { ownerId: "webhook-in-the-worker" })
  return { finish: () => w.locking.release(paymentSessionLockKey(sessionId), { ownerId: "webhook-in-the-worker" }) }
}

const settle = (w: ReturnType<typeof world>, ofProvider: (providerId: string) => boolean = isAviratoProviderId) => settleCanceledOrderPayments(w.container, "order_1", ofProvider)

/**
 * Settles while another process authorises the order's one session: nothing is settled while the
 * authorisation holds the session's lock; it then makes its payment (captured or not) and lets go.
 */
async function settleWhileAuthorising(w: ReturnType<typeof world>, captured: boolean) {
  const session = w.session("payses_1")
  const other = await authorisationUnderWay(w, session.id)
  const settling = settle(w)
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(w.paymentModule.refundPayment).not.toHaveBeenCalled()
  expect(w.paymentModule.cancelPayment).not.toHaveBeenCalled()
  const payment = w.authorize(session, captured)
  await other.finish()
  return { payment, outcomes: await settling }
}

describe("settling a cancelled order's payments", () => {
  it("waits for an authorisation under way, then refunds the card payment it captured, under the payment's lock; a repeated event refunds nothing", async () => {
    const w = world()
    const { payment, outcomes } = await settleWhileAuthorising(w, true)

    expect(outcomes).toEqual({ pay_1: "refunded" })
    expect(w.paymentModule.refundPayment).toHaveBeenCalledTimes(1)
    expect(w.paymentModule.refundPayment).toHaveBeenCalledWith(expect.objectContaining({ payment_id: "pay_1" }))
    expect(payment.refunds.map((r) => r.raw_amount.value)).toEqual(["12.34"])
    expect(w.lockHeldAtRefund).toEqual([true])
    // Avirato is told the cancellation's reason, as with Medusa's own refund at the cancellation.
    expect(w.reasonPlannedAtRefund).toEqual(["OTHER"])
    // No order transaction: Medusa's cancel booked the refunds it attempted, and a late payment's capture was never booked on the order.
    expect(w.orderModule.addOrderTransactions).not.toHaveBeenCalled()
    expect(w.eventBus.emit).toHaveBeenCalledWith([expect.objectContaining({ name: "payment.refunded", data: { id: "pay_1" } })])
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)

    // The refund set the collection's status from its amounts; it is marked cancelled again, as the cancel left it.
    expect(w.paymentModule.updatePaymentCollections.mock.calls).toEqual([[{ id: ["paycol_1"] }, { status: "canceled" }]])

    expect(await settle(w)).toEqual({})
    expect(w.paymentModule.refundPayment).toHaveBeenCalledTimes(1)
    expect(w.paymentModule.updatePaymentCollections).toHaveBeenCalledTimes(1)
  })

  it("cancels the open payment an authorisation under way made (a pre-authorisation)", async () => {
    const w = world()
    const { outcomes } = await settleWhileAuthorising(w, false)

    expect(outcomes).toEqual({ pay_1: "canceled" })
    expect(w.paymentModule.cancelPayment.mock.calls).toEqual([["pay_1"]])
    expect(w.paymentModule.updatePaymentCollections.mock.calls).toEqual([[{ id: ["paycol_1"] }, { status: "canceled" }]])
    expect(w.paymentModule.refundPayment).not.toHaveBeenCalled()
  })

  it("refunds only what the captures hold beyond the refunds made before; an Avarda payment gets no refund reason planned", async () => {
    const w = world()
    const payment = w.authorize(w.session("payses_1", AVARDA), true)
    payment.refunds.push({ id: "ref_0", raw_amount: raw(2.34) })

    expect(await settle(w, isAvardaProviderId)).toEqual({ pay_1: "refunded" })
    expect(payment.refunds.map((r) => r.raw_amount.value)).toEqual(["2.34", "10"])
    expect(w.reasonPlannedAtRefund).toEqual([undefined])
    expect(payment.data.refund_plan).toBeUndefined()
  })

  it("re-checks under the payment's lock: a payment another process refunded while this one waited is left alone", async () => {
    const w = world()
    const payment = w.authorize(w.session("payses_1"), true)
    await w.locking.acquire(paymentLockKey("pay_1"), { ownerId: "admin-refund" })
    const settling = settle(w)
    await new Promise((resolve) => setTimeout(resolve, 100))
    payment.refunds.push({ id: "ref_admin", raw_amount: raw(12.34) })
    await w.locking.release(paymentLockKey("pay_1"), { ownerId: "admin-refund" })

    expect(await settling).toEqual({ pay_1: "nothing_to_do" })
    expect(w.paymentModule.refundPayment).not.toHaveBeenCalled()
    expect(w.paymentModule.updatePaymentCollections).not.toHaveBeenCalled()
  })

  it("a refund that fails is counted on the payment, reaches the admin once (at the first failure), leaves no refund reason behind and lets the lock go", async () => {
    const w = world({ refundFails: true })
    const payment = w.authorize(w.session("payses_1"), true)

    expect(await settle(w)).toEqual({ pay_1: "failed" })
    const first = payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY] as { attempts: number; since: string; last_error: string }
    expect(first).toMatchObject({ attempts: 1, last_error: expect.stringContaining("422") })
    expect(await settle(w)).toEqual({ pay_1: "failed" })
    expect(payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY]).toMatchObject({ attempts: 2, since: first.since })
    expect(w.notification.createNotifications).toHaveBeenCalledTimes(1)
    expect(w.notification.createNotifications).toHaveBeenCalledWith(expect.objectContaining({ idempotency_key: "avarda-avirato:canceled-order-refund-failed:pay_1" }))
    // The notice is recorded with the count: a later failure, in whichever process, does not tell again.
    expect(payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY]).toMatchObject({ notified_at: expect.any(String) })
    expect(w.reasonPlannedAtRefund).toEqual(["OTHER", "OTHER"])
    expect(payment.data.refund_plan).toBeNull()
    // Still cancelled: a later run of the job or the admin finds it as the cancel left it.
    expect(w.paymentModule.updatePaymentCollections).toHaveBeenCalledWith({ id: ["paycol_1"] }, { status: "canceled" })
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
  })

  it("the reconciliation job refunds a payment whose refund failed once its retry is due, and then stops looking at it", async () => {
    const w = world({ refundFails: 1 })
    const payment = w.authorize(w.session("payses_1"), true)
    expect(await settle(w)).toEqual({ pay_1: "failed" })
    const failedAt = Date.parse((payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY] as { last_attempt_at: string }).last_attempt_at)
    const job = (minutesLater: number) => refundLeftoverCanceledOrderPayments(w.container, { ofProvider: isAviratoProviderId, now: new Date(failedAt + minutesLater * 60_000) })

    expect(await job(1)).toEqual({ refunded: [], failed: [] })
    expect(w.paymentModule.refundPayment).toHaveBeenCalledTimes(1)

    expect(await job(3)).toEqual({ refunded: ["pay_1"], failed: [] })
    expect(payment.refunds.map((r) => r.raw_amount.value)).toEqual(["12.34"])
    expect(w.reasonPlannedAtRefund).toEqual(["OTHER", "OTHER"])
    expect(payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY]).toBeNull()

    expect(await job(60)).toEqual({ refunded: [], failed: [] })
    expect(w.paymentModule.refundPayment).toHaveBeenCalledTimes(2)
    expect(w.notification.createNotifications).toHaveBeenCalledTimes(1)
  })

  it("an attempt cut short before its outcome is recorded (the database went away after it was counted) stays counted, and the job refunds it when due", async () => {
    // Writes: 1 the attempt's count, 2 the refund reason's plan — which fails, so the workflow stops there.
    const w = world({ writeFails: 2 })
    const payment = w.authorize(w.session("payses_1"), true)

    expect(await settle(w)).toEqual({ pay_1: "failed" })
    expect(w.paymentModule.refundPayment).not.toHaveBeenCalled()
    const counted = payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY] as { attempts: number; last_attempt_at: string; last_error: string }
    expect(counted).toMatchObject({ attempts: 1, last_error: REFUND_OUTCOME_NOT_RECORDED })
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)

    const countedAt = Date.parse(counted.last_attempt_at)
    const job = (minutesLater: number) => refundLeftoverCanceledOrderPayments(w.container, { ofProvider: isAviratoProviderId, now: new Date(countedAt + minutesLater * 60_000) })
    expect(await job(1)).toEqual({ refunded: [], failed: [] })
    expect(await job(3)).toEqual({ refunded: ["pay_1"], failed: [] })
    expect(payment.refunds.map((r) => r.raw_amount.value)).toEqual(["12.34"])
    expect(payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY]).toBeNull()
    expect(w.reasonPlannedAtRefund).toEqual(["OTHER"])
    expect(w.notification.createNotifications).not.toHaveBeenCalled()
  })

  it.each([
    ["the provider holds no record of it: the admin is told which refund to check at the vendor", false],
    ["the provider recorded it (its Idempotency-Key): nothing to tell", true],
  ])("an attempt that stopped after Medusa recorded its refund row, before the provider's record (the process died): %s", async (_case, recordedByProvider) => {
    const w = world({ writeFails: 2 })
    const payment = w.authorize(w.session("payses_1"), true)
    await settle(w)
    // The next attempt's refund row stands in Medusa; the process stopped while the provider was asked.
    payment.refunds.push({ id: "ref_cut_off", raw_amount: raw(12.34) })
    if (recordedByProvider) payment.data = { ...payment.data, refunds: [{ idempotency_key: "ref_cut_off", amount: 1234, status: "requested" }] }
    const countedAt = Date.parse((payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY] as { last_attempt_at: string }).last_attempt_at)

    expect(await refundLeftoverCanceledOrderPayments(w.container, { ofProvider: isAviratoProviderId, now: new Date(countedAt + 3 * 60_000) })).toEqual({ refunded: [], failed: [] })
    expect(w.paymentModule.refundPayment).not.toHaveBeenCalled()
    expect(payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY]).toBeNull()
    if (recordedByProvider) {
      expect(w.notification.createNotifications).not.toHaveBeenCalled()
    } else {
      expect(w.notification.createNotifications).toHaveBeenCalledTimes(1)
      expect(w.notification.createNotifications).toHaveBeenCalledWith(
        expect.objectContaining({ data: expect.objectContaining({ description: expect.stringContaining("Medusa records refund ref_cut_off (12.34 EUR) of payment pay_1") }) })
      )
    }
  })

  it("the job leaves other vendors' payments, and a payment the admin refunded meanwhile loses its count without another refund", async () => {
    const w = world({ refundFails: 1 })
    const payment = w.authorize(w.session("payses_1"), true)
    await settle(w)
    const later = new Date(Date.now() + 10 * 60_000)

    expect(await refundLeftoverCanceledOrderPayments(w.container, { ofProvider: isAvardaProviderId, now: later })).toEqual({ refunded: [], failed: [] })
    expect(payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY]).toMatchObject({ attempts: 1 })

    payment.refunds.push({ id: "ref_admin", raw_amount: raw(12.34) })
    expect(await refundLeftoverCanceledOrderPayments(w.container, { ofProvider: isAviratoProviderId, now: later })).toEqual({ refunded: [], failed: [] })
    expect(w.paymentModule.refundPayment).toHaveBeenCalledTimes(1)
    expect(payment.data[CANCELED_ORDER_REFUND_FAILURE_KEY]).toBeNull()
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
  })

  it.each([
    [1, 1, false],
    [1, 2, true],
    [3, 7, false],
    [3, 8, true],
    [30, 359, false],
    [30, 360, true],
  ])("a failed refund with %i attempt(s) is due again %i minutes after the last: %s", (attempts, minutes, due) => {
    const last = new Date("2026-12-06T12:00:00Z")
    const failure = { attempts, since: last.toISOString(), last_attempt_at: last.toISOString(), last_error: "422" }
    expect(canceledOrderRefundRetryDue(failure, new Date(last.getTime() + minutes * 60_000))).toBe(due)
  })

  it("refunds nothing on an order that is not cancelled, and leaves other vendors' payments to their own subscriber", async () => {
    const live = world({ orderStatus: "pending" })
    live.authorize(live.session("payses_1"), true)
    expect(await settle(live)).toEqual({ pay_1: "nothing_to_do" })
    expect(live.paymentModule.refundPayment).not.toHaveBeenCalled()

    const w = world()
    w.authorize(w.session("payses_1"), true)
    w.authorize(w.session("payses_2", AVARDA), false)
    expect(await settle(w, isAvardaProviderId)).toEqual({ pay_2: "canceled" })
    expect(w.paymentModule.refundPayment).not.toHaveBeenCalled()
  })

  it("reads the order's payments once when none of its sessions is waiting for an authorisation, twice when one is", async () => {
    const w = world()
    w.authorize(w.session("payses_1"), true)
    await settle(w)
    expect(w.reads.order).toBe(1)

    w.session("payses_2")
    await settle(w)
    expect(w.reads.order).toBe(3)
  })
})
