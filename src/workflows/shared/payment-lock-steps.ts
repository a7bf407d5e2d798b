/**
 * The payment lock (see payment-lock.ts: the same key, so these steps and `withPaymentLock` keep
 * each other out) as two workflow steps, for workflows whose steps read, call the vendor and record
 * under one lock:
 *
 *   const lock = acquirePaymentLockStep({ payment_id })
 *   …steps that check and write the payment's data…
 *   releasePaymentLockStep(lock)
 *
 * When a step between them fails, the engine compensates the steps that ran, in reverse order, and
 * the acquire step's compensation releases the lock — the step list itself never has to. A process
 * that dies holding it stops renewing the lease: the lock lapses after PAYMENT_LOCK_EXPIRE_SECONDS.
 * A workflow that is one step under the lock is `createPaymentLockedWorkflow(name, paymentIdOf, step)`.
 */
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { randomUUID } from "node:crypto"
import { acquirePaymentLock, releasePaymentLock } from "../../operations/shared/payment-lock"

/** Who holds a payment's lock: what the release (step or compensation) needs. */
export interface HeldPaymentLock {
  payment_id: string
  owner_id: string
}

export const acquirePaymentLockStep = createStep(
  "acquire-avarda-avirato-payment-lock",
  async (input: { payment_id: string }, { container }) => {
    const held: HeldPaymentLock = { payment_id: input.payment_id, owner_id: `workflow:${randomUUID()}` }
    await acquirePaymentLock(container, held.payment_id, held.owner_id)
    return new StepResponse(held, held)
  },
  async (held, { container }) => {
    if (!held) return
    await releasePaymentLock(container, held.payment_id, held.owner_id)
  }
)

/**
 * Releases the lock at the end of the work. A release that fails (the lock store unreachable) is
 * logged, not thrown: the work is recorded and must not be compensated for it, and the lock lapses
 * on its own.
 */
export const releasePaymentLockStep = createStep("release-avarda-avirato-payment-lock", async (held: HeldPaymentLock, { container }) => {
  try {
    await releasePaymentLock(container, held.payment_id, held.owner_id)
  } catch (error) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .warn(`Payment ${held.payment_id}: its lock could not be released (${(error as Error).message}); it lapses on its own`)
  }
  return new StepResponse(undefined)
})

/**
 * A workflow of one step run under a payment's lock: lock the payment `paymentIdOf(input)` names,
 * run the step on the input, unlock; the workflow's result is the step's.
 */
export function createPaymentLockedWorkflow<TInput, TOutput>(
  name: string,
  paymentIdOf: (input: TInput) => string,
  step: (input: WorkflowData<TInput>) => WorkflowData<TOutput>
) {
  return createWorkflow(name, (input: WorkflowData<TInput>) => {
    const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: paymentIdOf(input as TInput) })))
    const result = step(input)
    releasePaymentLockStep(lock)
    return new WorkflowResponse(result)
  })
}
