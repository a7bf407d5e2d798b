import type { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { paymentLockKey } from "../payment-lock"

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
