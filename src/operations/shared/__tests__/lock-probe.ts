import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import type { MedusaContainer } from "@medusajs/framework/types"
import { paymentLockKey, withPaymentLock } from "../payment-lock"

/**
 * Is the payment's lock held by someone? Tried as another owner (Medusa's in-memory provider
 * refuses a second owner), and left as it was found.
 */
export async function paymentLockIsHeld(locking: InMemoryLockingProvider, paymentId: string): Promise<boolean> {
  try {
    await locking.acquire(paymentLockKey(paymentId), { ownerId: "lock-probe", expire: 1 })
  } catch {
    return true
  }
  await locking.release(paymentLockKey(paymentId), { ownerId: "lock-probe" })
  return false
}

/**
 * A payment module holding one payment, with Medusa's in-memory locking: `retrievePayment` hands out
 * a copy of the payment as stored (its data, and its metadata when it has any), `updatePayment`
 * stores what it is given and notes in `lockHeldAtWrite` whether the payment's lock was held at that
 * write.
 */
export function paymentModuleUnderLock(payment: { id: string; data: Record<string, unknown>; metadata?: Record<string, unknown> }) {
  const locking = new InMemoryLockingProvider()
  const lockHeldAtWrite: boolean[] = []
  const paymentModule = {
    retrievePayment: jest.fn(async (_id?: string, _config?: unknown) => ({
      id: payment.id,
      data: structuredClone(payment.data),
      ...(payment.metadata ? { metadata: structuredClone(payment.metadata) } : {}),
    })),
    updatePayment: jest.fn(async ({ data, metadata }: { id: string; data?: Record<string, unknown>; metadata?: Record<string, unknown> }) => {
      lockHeldAtWrite.push(await paymentLockIsHeld(locking, payment.id))
      if (data) payment.data = structuredClone(data)
      if (metadata) payment.metadata = structuredClone(metadata)
    }),
  }
  return { locking, lockHeldAtWrite, paymentModule }
}

/**
 * Does another writer of the payment (the reconciliation job, a shipment's capture) get its lock
 * within `ms`? `entered()` tells; `done` settles once it has had its turn.
 */
export function otherWriterEntersWithin(container: MedusaContainer, paymentId: string, ms: number): Promise<{ entered: () => boolean; done: Promise<void> }> {
  return entersWithin((work) => withPaymentLock(container, paymentId, work), ms)
}

/** Does work run under `lock` (a lock's `execute`) start within `ms`? As `otherWriterEntersWithin`, for any lock. */
export async function entersWithin(lock: (work: () => Promise<void>) => Promise<void>, ms: number): Promise<{ entered: () => boolean; done: Promise<void> }> {
  let entered = false
  const done = lock(async () => {
    entered = true
  })
  await new Promise((resolve) => setTimeout(resolve, ms))
  return { entered: () => entered, done }
}

/**
 * The other writer `probe` is kept out while a request holds its lock, and gets in once the
 * request's response is sent.
 */
export async function expectKeptOutUntilAnswered(response: { emit(event: "finish"): unknown }, probe: Promise<{ entered: () => boolean; done: Promise<void> }>): Promise<void> {
  const other = await probe
  expect(other.entered()).toBe(false)
  response.emit("finish")
  await other.done
  expect(other.entered()).toBe(true)
}
