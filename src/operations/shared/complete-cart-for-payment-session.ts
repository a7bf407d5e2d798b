import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, PaymentActions } from "@medusajs/framework/utils"
import { acquireLockStepId, authorizePaymentSessionStepId, completeCartWorkflow, processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { workflowErrorMessage } from "./workflow-error"

export type CartCompletion =
  | ({ outcome: "completed"; orderId: string; cartId: string } & SupersededMark)
  /** Another request (the shopper's return, a webhook, the reconciliation job) got there first. */
  | ({ outcome: "already_completed"; orderId: string; cartId: string } & SupersededMark)
  /**
   * No order, or an order that does not hold the session's payment yet. `contended`: every attempt
   * found the cart's lock held by another completion (the webhook, the job, another return) until
   * the deadline — nothing was done here and the holder is placing the order or recording its
   * payment; it is not a failure of the payment, which stays authorized.
   */
  | { outcome: "failed"; cartId?: string; message: string; contended?: true }

/**
 * `superseded`: this session's payment will never be the order's — the order holds a live payment of
 * another session of the cart, or the order was cancelled — so what the vendor holds for it is to be
 * given back (isSuperseded says the same of a stored session).
 */
interface SupersededMark {
  superseded?: true
}

/**
 * How long a completion keeps trying while other completions of the same cart hold its lock. Medusa
 * gives up on the cart lock after 30 s, and a cart whose shopper returns twice while its webhook
 * arrives has several completions queued behind one that may be slow (a busy database, a slow
 * vendor answer). Two minutes is the lock's own lifetime in Medusa's cart completion: by then a
 * holder that died has lost it, so a live completion always gets its turn.
 */
export const CONTENDED_COMPLETION_DEADLINE_MS = 120_000

export interface CompletionOptions {
  /** Stop trying after this long while the cart's lock is held by others (default CONTENDED_COMPLETION_DEADLINE_MS). */
  contendedDeadlineMs?: number
  /** Pause before trying again after the lock was not free (default 250 ms, doubling up to 2 s). */
  retryPauseMs?: number
}

/**
 * Completes the cart that a payment session belongs to, from server-side code that has already
 * confirmed the payment with the vendor (a return route, a webhook, a job). Safe to call from several
 * places at once: Medusa locks the cart, and a cart that already became an order reports that order.
 *
 * Waiting for the cart's lock is not a failure: the holder is completing this very cart. When
 * Medusa gives up waiting, the cart is read again — the holder's order is this caller's answer — and
 * without an order the completion is tried again (nothing was done by the attempt that could not get
 * the lock), until `contendedDeadlineMs`. Any other failure is final for this call: the attempt may
 * have authorized and then given the payment back, which must not be repeated blindly.
 *
 * "Completed" means the order holds the session's payment: an order a stopped completion left
 * without it gets the payment recorded here (see recordPaymentOnOrder).
 */
export async function completeCartForPaymentSession(
  container: MedusaContainer,
  paymentSessionId: string,
  /** The session's cart (and its order, if any) when the caller has just read them: saves reading them again. */
  known?: SessionCart,
  options: CompletionOptions = {}
): Promise<CartCompletion> {
  const contention = contentionBudget(options)
  const { authorizedHere, ...placed } = await placeOrder(container, paymentSessionId, known, contention)
  if (placed.outcome === "failed" || authorizedHere) return placed
  const recorded = await recordPaymentOnOrder(container, paymentSessionId, placed.orderId, contention)
  if (recorded.ok) return recorded.superseded ? { ...placed, superseded: true } : placed
  return { outcome: "failed", cartId: placed.cartId, message: recorded.message, ...(recorded.contended ? { contended: true as const } : {}) }
}

/**
 * One call's patience with the cart's lock, shared by placing the order and recording its payment:
 * `wait()` pauses before the next attempt (doubling up to 2 s) and answers false once the deadline
 * would pass.
 */
interface ContentionBudget {
  wait(): Promise<boolean>
}

function contentionBudget({ contendedDeadlineMs = CONTENDED_COMPLETION_DEADLINE_MS, retryPauseMs = 250 }: CompletionOptions): ContentionBudget {
  const deadline = Date.now() + contendedDeadlineMs
  let pauseMs = retryPauseMs
  return {
    async wait() {
      if (Date.now() + pauseMs > deadline) return false
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
      pauseMs = Math.min(pauseMs * 2, 2000)
      return true
    },
  }
}

/** The cart's order: placed here, or by whichever completion got there first. */
async function placeOrder(
  container: MedusaContainer,
  paymentSessionId: string,
  known: SessionCart | undefined,
  contention: ContentionBudget
): Promise<CartCompletion & { authorizedHere?: true }> {
  const cart = known ?? (await findCart(container, paymentSessionId))
  if (!cart) return { outcome: "failed", message: `no cart found for payment session ${paymentSessionId}` }
  if (cart.orderId) return { outcome: "already_completed", orderId: cart.orderId, cartId: cart.id }
  for (;;) {
    let failure: unknown
    let lockNotFree = false
    try {
      const { result, errors, transaction } = await completeCartWorkflow(container).run({ input: { id: cart.id }, throwOnError: false })
      if (!errors?.length && result?.id) {
        return { outcome: "completed", orderId: result.id, cartId: cart.id, ...(authorizedTheSession(transaction) ? { authorizedHere: true as const } : {}) }
      }
      failure = errors?.[0]?.error ?? new Error("the cart completion returned no order")
      lockNotFree = !!errors?.length && errors.every((e) => e.action === acquireLockStepId || isLockNotFree(e.error))
    } catch (error) {
      failure = error
      lockNotFree = isLockNotFree(error)
    }
    // A concurrent completion may have won the race while this one waited for the lock.
    const again = await findCart(container, paymentSessionId)
    if (again?.orderId) return { outcome: "already_completed", orderId: again.orderId, cartId: cart.id }
    if (!lockNotFree) return { outcome: "failed", cartId: cart.id, message: workflowErrorMessage(failure) }
    if (!(await contention.wait())) return { outcome: "failed", cartId: cart.id, message: workflowErrorMessage(failure), contended: true }
  }
}

/**
 * Makes sure the order holds this session's payment. Medusa's cart completion creates the order and
 * its links (and marks the cart completed) before it authorizes the payment session; a completion
 * that stops in between — its process died, or a later step failed and Medusa's engine never ran the
 * compensation (seen with a parallel step's lock timing out under load) — leaves an order without
 * a payment while the vendor holds the shopper's money, and every later completion only finds the
 * order. Such a session is authorized onto the order by Medusa's own `processPaymentWorkflow` (its
 * "authorize the existing order" path): it takes the cart's lock, so a completion still under way
 * finishes first, and the payment module's authorization is idempotent per session, so a session
 * that completion authorized meanwhile is not authorized twice. The provider asks the vendor again.
 * While the lock stays held (Medusa waits 30 s for it) the recording is tried again until the
 * call's deadline, as placing the order is: a stopped completion keeps the lock until its lifetime
 * ends.
 */
async function recordPaymentOnOrder(
  container: MedusaContainer,
  paymentSessionId: string,
  orderId: string,
  contention: ContentionBudget
): Promise<({ ok: true } & SupersededMark) | { ok: false; message: string; contended: boolean }> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const readSession = async () =>
    (await paymentModule.listPaymentSessions({ id: paymentSessionId }, { select: ["id", "status", "amount", "payment_collection_id"], relations: ["payment"] }))[0]
  const session = await readSession()
  // Gone, or its payment exists (the order's), or deferred by the provider: nothing to record. A
  // session whose status is `authorized` but which has no payment is what this is for: re-reading a
  // credit at the vendor (the shopper's return, the job) records the vendor's approval on the
  // session's status before any completion authorizes it.
  if (!session || session.payment || ["pending_authorization", "canceled"].includes(session.status)) return { ok: true }
  // The order already holds another session's payment: this one is not the order's to record. Only a
  // live one makes this session superseded (as isSuperseded): a cancelled payment pays nothing.
  const [collection] = await paymentModule.listPaymentCollections({ id: session.payment_collection_id }, { select: ["id"], relations: ["payments"] })
  if (collection?.payments?.some((payment) => !payment.canceled_at)) return { ok: true, superseded: true }
  // A cancelled order takes no payment: Medusa's processing would record this one on it, and the
  // shopper (who paid on a page left open) would never get it back.
  if (await isOrderCanceled(container, orderId)) return { ok: true, superseded: true }
  // An order standing with only cancelled payments: a failed completion is compensating (it cancelled
  // its payment and is about to delete the order), or its compensation stopped. Nothing is recorded:
  // Medusa's processing reads the order before it waits for the cart's lock, so in the first case it
  // would authorise this session after the order is gone. Not released either (the order may yet be
  // the shopper's): it stays for the admin.
  if (collection?.payments?.length) return { ok: true }
  for (;;) {
    const { errors } = await processPaymentWorkflow(container).run({
      input: { action: PaymentActions.AUTHORIZED, data: { session_id: paymentSessionId, amount: session.amount } },
      throwOnError: false,
    })
    // Recorded here, or by the completion that held the lock.
    if ((await readSession())?.payment) return { ok: true }
    const failure = errors?.[0]?.error ?? new Error(`the order of payment session ${paymentSessionId} holds no payment`)
    const lockNotFree = isLockNotFree(failure)
    if (!lockNotFree || !(await contention.wait())) return { ok: false, message: workflowErrorMessage(failure), contended: lockNotFree }
  }
}

/**
 * Whether this run of Medusa's cart completion authorized the payment session itself (it created the
 * order, so the order holds the payment). False when the run only found an order another completion
 * had created — or when the run's steps cannot be read: then the payment is checked instead.
 */
function authorizedTheSession(transaction: unknown): boolean {
  const flow = (transaction as { getFlow?: () => { steps?: Record<string, { definition?: { action?: string }; invoke?: { state?: string } }> } } | undefined)?.getFlow?.()
  return Object.values(flow?.steps ?? {}).some((step) => step.definition?.action === authorizePaymentSessionStepId && step.invoke?.state === "done")
}

/** Medusa's locking module giving up on a lock another completion holds ("Timed-out acquiring lock", "Failed to acquire lock"). */
function isLockNotFree(failure: unknown): boolean {
  return /timed-out acquiring lock|failed to acquire lock/i.test(workflowErrorMessage(failure))
}

/** A workflow's step errors arrive serialized (plain objects with a `message`), not as Error instances. */
async function isOrderCanceled(container: MedusaContainer, orderId: string): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: orderId } })
  return (data[0] as { status?: string } | undefined)?.status === "canceled"
}

export interface SessionCart {
  id: string
  orderId?: string
}

async function findCart(container: MedusaContainer, paymentSessionId: string): Promise<SessionCart | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_session",
    fields: ["id", "payment_collection.cart.id", "payment_collection.cart.order.id"],
    filters: { id: paymentSessionId },
  })
  const cart = (data[0] as { payment_collection?: { cart?: { id: string; order?: { id: string } | null } | null } } | undefined)
    ?.payment_collection?.cart
  return cart ? { id: cart.id, orderId: cart.order?.id ?? undefined } : undefined
}
