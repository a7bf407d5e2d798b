/**
 * The one lock around every check-then-write on a payment's (or payment session's) data: capture
 * plans (shipment, admin, job), webhook bookings, refund and extension records. It comes from
 * Medusa's Locking Module, so it locks across processes when the store configures a shared
 * provider (Redis or Postgres); the in-memory default locks within one process only.
 *
 * Inside the lock, read the data again and repeat the check: what was read before waiting may be
 * out of date. The lock is not re-entrant: never take it again inside `work`.
 */
import type { ILockingModule, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/** Seconds a caller waits for the lock: long enough for one vendor call with its retries. */
export const PAYMENT_LOCK_TIMEOUT_SECONDS = 120

/**
 * Seconds the lock outlives a holder that stopped renewing it (a killed process): the Redis
 * provider renews it every third of this while the work runs, so it never lapses under live work.
 * Shorter than the wait, so a waiter gets the lock of a dead holder instead of timing out.
 */
export const PAYMENT_LOCK_EXPIRE_SECONDS = 30

const LOCK_OPTIONS = { timeout: PAYMENT_LOCK_TIMEOUT_SECONDS, expire: PAYMENT_LOCK_EXPIRE_SECONDS }

const KEY_PREFIX = "avarda-avirato"

/** The lock key of a payment (`pay_…`) or payment session (`payses_…`). */
export function paymentLockKey(kind: "payment" | "payment_session", id: string): string {
  return `${KEY_PREFIX}:${kind}:${id}`
}

/** Runs `work` holding the payment's lock (waiting for it up to PAYMENT_LOCK_TIMEOUT_SECONDS). */
export function withPaymentLock<T>(container: MedusaContainer, paymentId: string, work: () => Promise<T>): Promise<T> {
  return container.resolve<ILockingModule>(Modules.LOCKING).execute(paymentLockKey("payment", paymentId), work, LOCK_OPTIONS)
}

/** Runs `work` holding the payment session's lock. */
export function withPaymentSessionLock<T>(container: MedusaContainer, sessionId: string, work: () => Promise<T>): Promise<T> {
  return container.resolve<ILockingModule>(Modules.LOCKING).execute(paymentLockKey("payment_session", sessionId), work, LOCK_OPTIONS)
}
