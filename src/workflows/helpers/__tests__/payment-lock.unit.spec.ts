import { EventEmitter } from "node:events"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { acquirePaymentLock, holdPaymentLockUntilResponse, paymentLockKey, releasePaymentLock, withPaymentLock } from "../payment-lock"

const containerWith = (locking: InMemoryLockingProvider) => ({ resolve: () => locking }) as never

describe("payment lock", () => {
  it("has one key per payment", () => {
    expect(paymentLockKey("pay_1")).toBe("avarda-avirato:payment:pay_1")
  })

  it("runs the work of two callers on one payment one after the other", async () => {
    const container = containerWith(new InMemoryLockingProvider())
    const events: string[] = []
    const work = (name: string) => async () => {
      events.push(`${name} start`)
      await new Promise((resolve) => setTimeout(resolve, 20))
      events.push(`${name} end`)
    }
    await Promise.all([withPaymentLock(container, "pay_1", work("a")), withPaymentLock(container, "pay_1", work("b"))])
    expect(events).toEqual(["a start", "a end", "b start", "b end"])
  })

  it("a lock held for a request keeps others out until the response is sent", async () => {
    const container = containerWith(new InMemoryLockingProvider())
    const response = new EventEmitter()
    await holdPaymentLockUntilResponse(container, "pay_1", response)
    let entered = false
    const waiting = withPaymentLock(container, "pay_1", async () => {
      entered = true
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(entered).toBe(false)
    response.emit("finish")
    await waiting
    expect(entered).toBe(true)
    // A second request waits for the first one's response too.
    const second = new EventEmitter()
    await holdPaymentLockUntilResponse(container, "pay_1", second)
    const third = new EventEmitter()
    let thirdHolds = false
    const thirdHolding = holdPaymentLockUntilResponse(container, "pay_1", third).then(() => (thirdHolds = true))
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(thirdHolds).toBe(false)
    second.emit("close")
    await thirdHolding
    expect(thirdHolds).toBe(true)
  })

  it("a lock taken for an owner (a workflow's steps) keeps others out until that owner releases it", async () => {
    const container = containerWith(new InMemoryLockingProvider())
    await acquirePaymentLock(container, "pay_1", "workflow:a")
    let entered = false
    const waiting = withPaymentLock(container, "pay_1", async () => {
      entered = true
    })
    await releasePaymentLock(container, "pay_1", "workflow:b")
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(entered).toBe(false)
    await releasePaymentLock(container, "pay_1", "workflow:a")
    await waiting
    expect(entered).toBe(true)
  })
})
