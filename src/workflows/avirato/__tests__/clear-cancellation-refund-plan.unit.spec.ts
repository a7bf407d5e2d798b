// A cancellation's refund plan that no refund used is removed inside the payment's lock, with the
// data read there: a plan the refund consumed, or a newer plan (an admin's refund planned meanwhile),
// is left alone.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { withRefundPlan } from "../../../providers/avirato/core/refund-plan"
import { paymentLockIsHeld, paymentModuleUnderLock } from "../../../operations/shared/__tests__/lock-probe"
import { paymentLockKey } from "../../../operations/shared/payment-lock"
import { clearUnusedCancellationRefundPlan } from "../plan-refund-reason"

const plannedAt = new Date("2026-06-01T10:00:00.000Z")
const planned = { paymentId: "pay_1", reason: "OTHER" as const, plannedAt: plannedAt.toISOString() }

function world(data: Record<string, unknown>) {
  const payment = { id: "pay_1", data }
  const { locking, lockHeldAtWrite, paymentModule } = paymentModuleUnderLock(payment)
  const container = createMedusaContainer()
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
  container.register({ payment: asValue(paymentModule), locking: asValue(locking), logger: asValue(logger) })
  return { container: container as never, payment, paymentModule, locking, lockHeldAtWrite }
}

describe("clearing a cancellation's unused refund plan", () => {
  it("removes the plan inside the payment's lock and frees the lock", async () => {
    const w = world(withRefundPlan({ payment_reference: "P1" }, "OTHER", plannedAt, "order_cancellation"))
    expect(await clearUnusedCancellationRefundPlan(w.container, planned)).toBe(true)
    expect(w.payment.data).toEqual({ payment_reference: "P1", refund_plan: null })
    expect(w.lockHeldAtWrite).toEqual([true])
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
  })

  it("leaves a newer plan alone (an admin's refund planned after the cancellation)", async () => {
    const w = world(withRefundPlan({}, "FRAUD", new Date("2026-06-01T10:05:00.000Z"), "admin_refund"))
    expect(await clearUnusedCancellationRefundPlan(w.container, planned)).toBe(false)
    expect(w.paymentModule.updatePayment).not.toHaveBeenCalled()
  })

  it("leaves a plan another cancellation made at another moment alone, and does nothing when the refund consumed it", async () => {
    const other = world(withRefundPlan({}, "OTHER", new Date("2026-06-01T10:01:00.000Z"), "order_cancellation"))
    expect(await clearUnusedCancellationRefundPlan(other.container, planned)).toBe(false)
    const consumed = world({ refund_plan: null })
    expect(await clearUnusedCancellationRefundPlan(consumed.container, planned)).toBe(false)
    expect(other.paymentModule.updatePayment).not.toHaveBeenCalled()
    expect(consumed.paymentModule.updatePayment).not.toHaveBeenCalled()
  })

  it("waits for the payment's lock while another writer holds it", async () => {
    const w = world(withRefundPlan({}, "OTHER", plannedAt, "order_cancellation"))
    await w.locking.acquire(paymentLockKey("pay_1"), { ownerId: "refund-request", expire: 5 })
    const clearing = clearUnusedCancellationRefundPlan(w.container, planned)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(w.paymentModule.updatePayment).not.toHaveBeenCalled()
    await w.locking.release(paymentLockKey("pay_1"), { ownerId: "refund-request" })
    expect(await clearing).toBe(true)
  })
})
