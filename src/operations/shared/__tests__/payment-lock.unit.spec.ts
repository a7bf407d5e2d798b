import { EventEmitter } from "node:events"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import {
  acquirePaymentLock,
  HELD_PAYMENT_LOCK_MAX_SECONDS,
  holdPaymentLockUntilResponse,
  PAYMENT_LOCK_EXPIRE_SECONDS,
  paymentLockKey,
  releasePaymentLock,
  withPaymentLock,
} from "../payment-lock"
import { paymentLockIsHeld } from "./lock-probe"

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

  /** A response as Express gives it to the route: an emitter whose `end` the route calls when it answers. */
  const responseOf = () => {
    const response = new EventEmitter() as EventEmitter & { end: () => void; ended: number }
    response.ended = 0
    response.end = function end() {
      response.ended++
      response.emit("finish")
    }
    return response
  }

  it("a lock held for a request keeps others out until the route answers", async () => {
    const container = containerWith(new InMemoryLockingProvider())
    const response = responseOf()
    await holdPaymentLockUntilResponse(container, "pay_1", response)
    let entered = false
    const waiting = withPaymentLock(container, "pay_1", async () => {
      entered = true
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(entered).toBe(false)
    response.end()
    await waiting
    expect(entered).toBe(true)
    expect(response.ended).toBe(1)
    // A second request waits for the first one's answer too.
    const second = responseOf()
    await holdPaymentLockUntilResponse(container, "pay_1", second)
    const third = responseOf()
    let thirdHolds = false
    const thirdHolding = holdPaymentLockUntilResponse(container, "pay_1", third).then(() => (thirdHolds = true))
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(thirdHolds).toBe(false)
    second.end()
    await thirdHolding
    expect(thirdHolds).toBe(true)
  })

  it("a client hanging up does not let others in while the route still works on the payment: released when the route answers", async () => {
    const container = containerWith(new InMemoryLockingProvider())
    // Node emits no "finish" for an answer written after the connection closed.
    const response = new EventEmitter() as EventEmitter & { end: () => void }
    response.end = () => undefined
    await holdPaymentLockUntilResponse(container, "pay_1", response)
    let entered = false
    const waiting = withPaymentLock(container, "pay_1", async () => {
      entered = true
    })
    // The admin closed the tab: the response closes, the route goes on.
    response.emit("close")
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(entered).toBe(false)
    response.end()
    await waiting
    expect(entered).toBe(true)
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

  it("a held lock's lease is renewed while its holder lives, kept at most HELD_PAYMENT_LOCK_MAX_SECONDS, and lapses one lease after a holder dies", async () => {
    jest.useFakeTimers()
    try {
      const locking = new InMemoryLockingProvider()
      const container = containerWith(locking)
      const anotherCanTake = async (paymentId: string) => !(await paymentLockIsHeld(locking, paymentId))
      await acquirePaymentLock(container, "pay_1", "workflow:a")
      await jest.advanceTimersByTimeAsync(4 * PAYMENT_LOCK_EXPIRE_SECONDS * 1000) // several leases: renewed
      expect(await anotherCanTake("pay_1")).toBe(false)
      await jest.advanceTimersByTimeAsync(HELD_PAYMENT_LOCK_MAX_SECONDS * 1000)
      expect(await anotherCanTake("pay_1")).toBe(true) // no longer renewed past the maximum: lapsed

      await acquirePaymentLock(container, "pay_2", "workflow:b")
      // Its process died: nothing renews the lease any more (clearing the timers resets the fake clock: set it back).
      const diedAt = Date.now()
      jest.clearAllTimers()
      jest.setSystemTime(diedAt)
      await jest.advanceTimersByTimeAsync(PAYMENT_LOCK_EXPIRE_SECONDS * 1000 - 1000)
      expect(await anotherCanTake("pay_2")).toBe(false)
      await jest.advanceTimersByTimeAsync(2000)
      expect(await anotherCanTake("pay_2")).toBe(true)
    } finally {
      jest.useRealTimers()
    }
  })

  it("a released lock is no longer renewed", async () => {
    jest.useFakeTimers()
    try {
      const locking = new InMemoryLockingProvider()
      const acquire = jest.spyOn(locking, "acquire")
      const container = containerWith(locking)
      await acquirePaymentLock(container, "pay_1", "workflow:a")
      await jest.advanceTimersByTimeAsync(PAYMENT_LOCK_EXPIRE_SECONDS * 1000)
      const renewed = acquire.mock.calls.length
      expect(renewed).toBeGreaterThan(1)
      await releasePaymentLock(container, "pay_1", "workflow:a")
      await jest.advanceTimersByTimeAsync(3 * PAYMENT_LOCK_EXPIRE_SECONDS * 1000)
      expect(acquire.mock.calls.length).toBe(renewed)
    } finally {
      jest.useRealTimers()
    }
  })
})
