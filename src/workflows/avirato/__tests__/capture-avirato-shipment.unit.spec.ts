// Capture on shipment of an Avirato pre-authorisation, run as Medusa runs the workflow (its engine,
// Medusa's in-memory locking): what it captures, decided on the payment and on what the order's
// other payments captured, both as read under its lock, and the lock free again however the capture
// ends. Medusa's capture workflow itself (covered by the
// http and deploy suites) is replaced by a recorder that notes the amount and whether the lock was
// held at that moment.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { paymentLockIsHeld } from "../../../operations/shared/__tests__/lock-probe"
import { paymentLockKey } from "../../../operations/shared/payment-lock"
import { captureAviratoShipmentWorkflow } from "../capture-avirato-shipment"

const captured: Array<{ payment_id: string; amount: number; lockHeld: boolean }> = []
let captureFails: Error | undefined
let locking: InMemoryLockingProvider

jest.mock("../capture-avirato-payment", () => ({
  captureAviratoPaymentWorkflow: () => ({
    run: async ({ input }: { input: { payment_id: string; amount: number } }) => {
      const lockHeld = await paymentLockIsHeld(locking, input.payment_id)
      if (captureFails) throw captureFails
      captured.push({ ...input, lockHeld })
    },
  }),
}))

interface StoredPayment {
  amount: number
  canceled_at: string | null
  captures: Array<{ id: string }>
  dataCaptures: Array<{ status: string }>
}

const authorised = (changes: Partial<StoredPayment> = {}): StoredPayment => ({ amount: 50.45, canceled_at: null, captures: [], dataCaptures: [], ...changes })

/** The order's other payments (any provider's): what each has captured, in major units. */
type OtherPayments = Array<{ captured: number[] }>

function containerHolding(payment: StoredPayment, others: OtherPayments = []) {
  locking = new InMemoryLockingProvider()
  const container = createMedusaContainer()
  container.register("logger", asValue({ info: () => undefined, warn: () => undefined, error: () => undefined }))
  container.register("locking", asValue(locking))
  container.register(
    "query",
    asValue({
      graph: async () => ({
        data: [
          {
            id: "order_1",
            payment_collections: [
              { payments: [{ captures: payment.captures.map(() => ({ raw_amount: { value: String(payment.amount), precision: 20 } })) }] },
              { payments: others.map((other) => ({ captures: other.captured.map((amount) => ({ raw_amount: { value: String(amount), precision: 20 } })) })) },
            ],
          },
        ],
      }),
    })
  )
  container.register(
    "payment",
    asValue({
      retrievePayment: async (id: string) => ({
        id,
        amount: payment.amount,
        raw_amount: { value: String(payment.amount), precision: 20 },
        canceled_at: payment.canceled_at,
        captures: payment.captures,
        data: { mode: "preauth", payment_reference: "REF1", currency: "EUR", amount: Math.round(payment.amount * 100), captures: payment.dataCaptures, refunds: [] },
      }),
    })
  )
  return container as never
}

const capture = (payment: StoredPayment, shippedTotal: number, others: OtherPayments = []) =>
  captureAviratoShipmentWorkflow(containerHolding(payment, others)).run({
    input: { payment_id: "pay_1", order_id: "order_1", shipped_total: shippedTotal, currency_code: "eur" },
  })

describe("capture on shipment of an Avirato pre-authorisation", () => {
  beforeEach(() => {
    captured.length = 0
    captureFails = undefined
  })

  it.each<[string, StoredPayment, number, number | null]>([
    ["everything shipped: the authorised amount", authorised(), 50.45, 50.45],
    ["items removed from the order: the shipped value, less than authorised (the rest is released)", authorised(), 40.1, 40.1],
    ["shipped more than authorised: never more than the authorisation", authorised(), 60, 50.45],
    ["a capture whose Avirato answer was a failure leaves the authorisation to capture", authorised({ dataCaptures: [{ status: "failed" }] }), 50.45, 50.45],
    ["Medusa already recorded a capture (an admin's, or a redelivered event's): nothing", authorised({ captures: [{ id: "capt_1" }] }), 50.45, null],
    ["a capture Avirato has not answered yet: nothing (one capture per authorisation)", authorised({ dataCaptures: [{ status: "requested" }] }), 50.45, null],
    ["a cancelled payment: nothing", authorised({ canceled_at: "2026-12-01T10:00:00.000Z" }), 50.45, null],
  ])("%s", async (_case, payment, shippedTotal, expected) => {
    const { result } = await capture(payment, shippedTotal)
    expect(result).toBe(expected !== null)
    expect(captured).toEqual(expected === null ? [] : [{ payment_id: "pay_1", amount: expected, lockHeld: true }])
    expect(await paymentLockIsHeld(locking, "pay_1")).toBe(false)
  })

  it("a capture that fails fails the workflow and leaves the lock free for the next try", async () => {
    captureFails = new Error("Avirato: HTTP 503")
    await expect(capture(authorised(), 50.45)).rejects.toMatchObject({ message: "Avirato: HTTP 503" })
    expect(captured).toEqual([])
    expect(await paymentLockIsHeld(locking, "pay_1")).toBe(false)
  })

  it("waits for whoever holds the payment's lock, and decides on the payment as it is then", async () => {
    const payment = authorised()
    const container = containerHolding(payment)
    await locking.acquire(paymentLockKey("pay_1"), { ownerId: "admin-capture", expire: 30 })
    const run = captureAviratoShipmentWorkflow(container).run({ input: { payment_id: "pay_1", order_id: "order_1", shipped_total: 50.45, currency_code: "eur" } })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(captured).toEqual([])
    // The holder (an admin's capture) captured meanwhile.
    payment.captures = [{ id: "capt_admin" }]
    await locking.release(paymentLockKey("pay_1"), { ownerId: "admin-capture" })
    expect((await run).result).toBe(false)
    expect(captured).toEqual([])
  })

  describe("an order paid by several payments (an order edit's)", () => {
    it.each<[string, StoredPayment, number, OtherPayments, number | null]>([
      ["another payment captured 100 of a shipped value of 120 (auto-captured at authorisation): the 20 it lacks", authorised({ amount: 50 }), 120, [{ captured: [100] }], 20],
      ["the other payments captured in parts: what the parts leave", authorised({ amount: 50 }), 120, [{ captured: [30, 40] }, { captured: [10.55] }], 39.45],
      ["what the shipped value lacks exceeds the authorisation: never more than the authorisation", authorised({ amount: 50 }), 180, [{ captured: [100] }], 50],
      ["the other payments captured the shipped value already: nothing", authorised({ amount: 50 }), 120, [{ captured: [120] }], null],
      ["the other payments captured more than the shipped value: nothing", authorised({ amount: 50 }), 120, [{ captured: [100, 50] }], null],
      ["another payment with no capture leaves the shipped value to this one", authorised({ amount: 50 }), 40, [{ captured: [] }], 40],
    ])("%s", async (_case, payment, shippedTotal, others, expected) => {
      const { result } = await capture(payment, shippedTotal, others)
      expect(result).toBe(expected !== null)
      expect(captured).toEqual(expected === null ? [] : [{ payment_id: "pay_1", amount: expected, lockHeld: true }])
      expect(await paymentLockIsHeld(locking, "pay_1")).toBe(false)
    })

    it("decides on the order's captures as they are once it holds the lock, not as they were when it started", async () => {
      const others: OtherPayments = [{ captured: [] }]
      const container = containerHolding(authorised({ amount: 50 }), others)
      await locking.acquire(paymentLockKey("pay_1"), { ownerId: "other-holder", expire: 30 })
      const run = captureAviratoShipmentWorkflow(container).run({ input: { payment_id: "pay_1", order_id: "order_1", shipped_total: 120, currency_code: "eur" } })
      await new Promise((resolve) => setTimeout(resolve, 100))
      // The order's other payment captured meanwhile.
      others[0].captured.push(100)
      await locking.release(paymentLockKey("pay_1"), { ownerId: "other-holder" })
      expect((await run).result).toBe(true)
      expect(captured).toEqual([{ payment_id: "pay_1", amount: 20, lockHeld: true }])
    })
  })
})
