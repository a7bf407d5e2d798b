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
import { randomUUID } from "node:crypto"

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

/** The lock key of a payment (`pay_…`): the same in every process and for every caller. */
export function paymentLockKey(paymentId: string): string {
  return `${KEY_PREFIX}:payment:${paymentId}`
}

/** Runs `work` holding the payment's lock (waiting for it up to PAYMENT_LOCK_TIMEOUT_SECONDS). */
export function withPaymentLock<T>(container: MedusaContainer, paymentId: string, work: () => Promise<T>): Promise<T> {
  return container.resolve<ILockingModule>(Modules.LOCKING).execute(paymentLockKey(paymentId), work, LOCK_OPTIONS)
}

/** The lock key of a payment session (`payses_…`), for the work that turns it into a payment. */
export function paymentSessionLockKey(paymentSessionId: string): string {
  return `${KEY_PREFIX}:payment-session:${paymentSessionId}`
}

/** Runs `work` holding the payment session's lock, waited for and kept as a payment's. */
export function withPaymentSessionLock<T>(container: MedusaContainer, paymentSessionId: string, work: () => Promise<T>): Promise<T> {
  return container.resolve<ILockingModule>(Modules.LOCKING).execute(paymentSessionLockKey(paymentSessionId), work, LOCK_OPTIONS)
}

/**
 * Seconds a shipment's capture waits for its order's shipment-capture lock. The holder captures the
 * order's payments one after the other, each waiting up to PAYMENT_LOCK_TIMEOUT_SECONDS for the
 * payment's own lock: long enough for a few of them. A waiter that gives up is a shipment event
 * whose capture the holder is doing meanwhile; it fails and is logged.
 */
export const ORDER_SHIPMENT_CAPTURE_LOCK_TIMEOUT_SECONDS = 3 * PAYMENT_LOCK_TIMEOUT_SECONDS

/** The lock key of an order's capture on shipment (`order_…`): the same in every process. */
export function orderShipmentCaptureLockKey(orderId: string): string {
  return `${KEY_PREFIX}:order-shipment-capture:${orderId}`
}

/**
 * Runs `work` holding the order's shipment-capture lock: one capture on shipment of the order at a
 * time, across processes, so each decides on what the one before it captured. Lock order: this lock
 * first, then a payment's lock inside `work`, never the other way round; whoever holds only a
 * payment's lock (an admin's capture) never waits for this one, so the two cannot deadlock.
 */
export function withOrderShipmentCaptureLock<T>(container: MedusaContainer, orderId: string, work: () => Promise<T>): Promise<T> {
  return container
    .resolve<ILockingModule>(Modules.LOCKING)
    .execute(orderShipmentCaptureLockKey(orderId), work, { timeout: ORDER_SHIPMENT_CAPTURE_LOCK_TIMEOUT_SECONDS, expire: PAYMENT_LOCK_EXPIRE_SECONDS })
}

/** Seconds to wait for a cart's lock, as Medusa's own cart completion does. */
const CART_LOCK_TIMEOUT_SECONDS = 30
/** Seconds a cart's lock outlives a holder that died; the locking provider renews it while the work runs. */
const CART_LOCK_EXPIRE_SECONDS = 30

/**
 * Runs `work` holding the lock Medusa's own writers of a payment session take: for a session a cart
 * holds, the cart's (its id is the key Medusa's cart completion and payment processing lock while
 * they authorise the session); for a session no cart holds, the session's own, which its
 * authorisation takes (authorize-session-without-cart.ts).
 */
export function withPaymentSessionWritersLock<T>(
  container: MedusaContainer,
  session: { id: string; cartId?: string },
  work: () => Promise<T>
): Promise<T> {
  if (!session.cartId) return withPaymentSessionLock(container, session.id, work)
  return container
    .resolve<ILockingModule>(Modules.LOCKING)
    .execute(session.cartId, work, { timeout: CART_LOCK_TIMEOUT_SECONDS, expire: CART_LOCK_EXPIRE_SECONDS })
}

/**
 * The longest a lock taken with `acquirePaymentLock` is kept: its lease (PAYMENT_LOCK_EXPIRE_SECONDS)
 * is renewed while its holder lives, for at most this long — a request's vendor call with its
 * retries, a workflow's steps — and then lapses. A holder that dies stops renewing: its lock lapses
 * after PAYMENT_LOCK_EXPIRE_SECONDS, as one taken by `withPaymentLock` does.
 */
export const HELD_PAYMENT_LOCK_MAX_SECONDS = 180

/** Seconds between two renewals of a held lock's lease: three renewals fit in one lease. */
const RENEW_EVERY_SECONDS = PAYMENT_LOCK_EXPIRE_SECONDS / 3

/**
 * The renewal timers of the locks this process holds, by lock key and owner. Only the renewing
 * lives here: who holds a lock is the locking provider's to say, across processes.
 */
const renewals = new Map<string, ReturnType<typeof setInterval>>()

const renewalId = (key: string, ownerId: string) => `${key}#${ownerId}`

function keepRenewing(locking: ILockingModule, key: string, ownerId: string): void {
  const id = renewalId(key, ownerId)
  const until = Date.now() + HELD_PAYMENT_LOCK_MAX_SECONDS * 1000
  const timer = setInterval(() => {
    if (Date.now() >= until) return stopRenewing(key, ownerId)
    // The same owner acquiring again extends the lease; one lost meanwhile (the lock store was
    // unreachable for a whole lease) is not taken back from its new holder.
    locking.acquire(key, { ownerId, expire: PAYMENT_LOCK_EXPIRE_SECONDS }).catch(() => stopRenewing(key, ownerId))
  }, RENEW_EVERY_SECONDS * 1000)
  timer.unref?.()
  renewals.set(id, timer)
}

function stopRenewing(key: string, ownerId: string): void {
  const id = renewalId(key, ownerId)
  clearInterval(renewals.get(id))
  renewals.delete(id)
}

/** Takes the lock `key` for `ownerId`, waiting with a growing pause between attempts, and keeps renewing it. */
async function acquireHeldLock(container: MedusaContainer, key: string, ownerId: string): Promise<void> {
  const locking = container.resolve<ILockingModule>(Modules.LOCKING)
  const deadline = Date.now() + PAYMENT_LOCK_TIMEOUT_SECONDS * 1000
  let delayMs = 50
  for (;;) {
    try {
      await locking.acquire(key, { ownerId, expire: PAYMENT_LOCK_EXPIRE_SECONDS })
      keepRenewing(locking, key, ownerId)
      return
    } catch (error) {
      if (Date.now() + delayMs > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      delayMs = Math.min(delayMs * 2, 1000)
    }
  }
}

async function releaseHeldLock(container: MedusaContainer, key: string, ownerId: string): Promise<void> {
  stopRenewing(key, ownerId)
  await container.resolve<ILockingModule>(Modules.LOCKING).release(key, { ownerId })
}

/**
 * Takes the payment's lock for `ownerId` until `releasePaymentLock` (or HELD_PAYMENT_LOCK_MAX_SECONDS),
 * waiting for it up to PAYMENT_LOCK_TIMEOUT_SECONDS with a growing pause between attempts. For work
 * that cannot sit inside one function call: a request's middleware and route, a workflow's steps.
 */
export function acquirePaymentLock(container: MedusaContainer, paymentId: string, ownerId: string): Promise<void> {
  return acquireHeldLock(container, paymentLockKey(paymentId), ownerId)
}

/** Releases what `acquirePaymentLock` took for `ownerId`; a lock another owner holds is left alone. */
export function releasePaymentLock(container: MedusaContainer, paymentId: string, ownerId: string): Promise<void> {
  return releaseHeldLock(container, paymentLockKey(paymentId), ownerId)
}

/** An HTTP response as the lock sees it: its end, called by the route when it answers. */
type Response = { once(event: "finish", listener: () => void): unknown; end: (...args: never[]) => unknown }

/**
 * Takes the lock `key` for the rest of the request: released when the route ends its answer. Not
 * when the connection closes: a client that hangs up (a closed tab, a proxy's timeout) does not stop
 * the route, which still reads and writes the payment — another writer let in then would overwrite
 * it. A route that never answers leaves the lock to lapse after HELD_PAYMENT_LOCK_MAX_SECONDS.
 */
async function holdLockUntilResponse(container: MedusaContainer, key: string, response: Response): Promise<void> {
  const ownerId = `request:${randomUUID()}`
  await acquireHeldLock(container, key, ownerId)
  let released = false
  const release = () => {
    if (released) return
    released = true
    void releaseHeldLock(container, key, ownerId).catch(() => undefined)
  }
  const end = response.end
  response.end = function endAndRelease(this: unknown, ...args: never[]) {
    release()
    return end.apply(this, args)
  }
  response.once("finish", release)
}

/**
 * Takes the payment's lock for the rest of an HTTP request — for a middleware whose plan is carried
 * out by the Medusa route after it (the admin capture route captures with the plan the middleware
 * wrote; nothing else may plan or capture on this payment in between). Released when the route
 * answers (also after its client hung up), or after HELD_PAYMENT_LOCK_MAX_SECONDS at the latest.
 * While it is held, do not call `withPaymentLock` for the same payment in this request.
 */
export function holdPaymentLockUntilResponse(container: MedusaContainer, paymentId: string, response: Response): Promise<void> {
  return holdLockUntilResponse(container, paymentLockKey(paymentId), response)
}

/**
 * Takes the payment session's lock for the rest of an HTTP request, as `holdPaymentLockUntilResponse`
 * does a payment's: an authorisation of the session outside a cart completion (which takes it)
 * finishes first, and one that comes later waits for the route's answer.
 */
export function holdPaymentSessionLockUntilResponse(container: MedusaContainer, paymentSessionId: string, response: Response): Promise<void> {
  return holdLockUntilResponse(container, paymentSessionLockKey(paymentSessionId), response)
}
