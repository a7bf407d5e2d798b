// A cancelled order whose Avarda authorization was partly captured: the rest is recorded on the
// payment (inside the payment's lock, worked out from the data read there) and on the order for the
// admin; the same cancellation delivered twice at once records it once; a payment with nothing left
// is neither locked nor written.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { captured, freshLedger } from "../../../providers/avarda-credit/__tests__/credit-fixtures"
import { paymentLockIsHeld, paymentModuleUnderLock } from "../../../operations/shared/__tests__/lock-probe"
import { AVARDA_REMAINDER_METADATA_KEY, recordUncapturedRemainders } from "../record-uncaptured-remainders"

function world(capturedMinor: number) {
  const payment = {
    id: "pay_1",
    provider_id: "pp_avarda-invoice_avarda",
    data: {
      vendor: "avarda-authorization-api",
      product: "invoice",
      authorization_id: "auth_1",
      decision: { outcome: "approved" },
      ...freshLedger(),
      captures: [captured("ful_1", capturedMinor)],
    } as Record<string, unknown>,
  }
  const order = { id: "order_1", metadata: { note: "kept" } as Record<string, unknown> }
  const graph = jest.fn(async () => ({ data: [{ ...order, payment_collections: [{ payments: [structuredClone(payment)] }] }] }))
  const { locking, lockHeldAtWrite, paymentModule } = paymentModuleUnderLock(payment)
  const orderModule = { updateOrders: jest.fn(async ([update]: Array<{ metadata: Record<string, unknown> }>) => void (order.metadata = update.metadata)) }
  const warnings: string[] = []
  const logger = { info: () => undefined, warn: (message: string) => void warnings.push(message), error: () => undefined }
  const container = createMedusaContainer()
  container.register({ query: asValue({ graph }), payment: asValue(paymentModule), order: asValue(orderModule), locking: asValue(locking), logger: asValue(logger) })
  return { container: container as never, payment, order, paymentModule, locking, lockHeldAtWrite, warnings }
}

describe("an Avarda authorization's uncaptured rest after the order was cancelled", () => {
  it("is recorded on the payment inside its lock, on the order for the admin, and in the log", async () => {
    const w = world(400)
    expect(await recordUncapturedRemainders(w.container, "order_1")).toBe(1)
    expect(w.payment.data.uncaptured_remainder).toMatchObject({ amount_minor: 600, note: expect.stringMatching(/6\.00 SEK .* NOT released/) })
    expect(w.lockHeldAtWrite).toEqual([true])
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
    expect(w.order.metadata).toEqual({
      note: "kept",
      [AVARDA_REMAINDER_METADATA_KEY]: [{ payment_id: "pay_1", authorization_id: "auth_1", ...(w.payment.data.uncaptured_remainder as object) }],
    })
    expect(w.warnings).toEqual([expect.stringContaining("Order order_1, Avarda authorization auth_1")])
  })

  it("delivered twice at once, is recorded once", async () => {
    const w = world(400)
    expect(await Promise.all([recordUncapturedRemainders(w.container, "order_1"), recordUncapturedRemainders(w.container, "order_1")])).toEqual([1, 1])
    expect(w.paymentModule.updatePayment).toHaveBeenCalledTimes(1)
    expect(w.warnings).toHaveLength(1)
  })

  it("is worked out from the data read under the lock: a capture recorded meanwhile leaves nothing to record", async () => {
    const w = world(400)
    // The order was read with 4.00 captured; by the time the lock is held the rest is captured too.
    w.paymentModule.retrievePayment.mockImplementationOnce(async () => ({ id: "pay_1", data: { ...structuredClone(w.payment.data), captures: [captured("ful_1", 400), captured("ful_2", 600)] } }))
    expect(await recordUncapturedRemainders(w.container, "order_1")).toBe(0)
    expect(w.paymentModule.updatePayment).not.toHaveBeenCalled()
    expect(w.order.metadata).toEqual({ note: "kept" })
  })

  it("nothing left (fully captured): no lock taken, nothing written", async () => {
    const w = world(1000)
    expect(await recordUncapturedRemainders(w.container, "order_1")).toBe(0)
    expect(w.paymentModule.retrievePayment).not.toHaveBeenCalled()
    expect(w.paymentModule.updatePayment).not.toHaveBeenCalled()
  })
})
