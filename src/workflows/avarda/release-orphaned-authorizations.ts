/**
 * An Avarda authorization whose Medusa payment session was deleted (the cart changed, another
 * method was chosen) while the shopper was still at ID validation: Avarda refuses to cancel it then,
 * and approves it once the shopper identifies — credit reserved for an order that can never be
 * placed. Medusa deletes session rows outright, so every authorization that began with ID
 * validation is followed in the plugin's own table from the start of the checkout. It is cancelled
 * as soon as it can be: when the shopper comes back from ID validation, and otherwise by the
 * reconciliation job, which also retries a release Avarda refused or did not answer at the return.
 * Both run one workflow per authorization under its lock: still followed?, what Avarda says,
 * cancel, stop following.
 * An authorization whose session still exists is the session's to use; one Avarda declined, timed
 * out or already cancelled is never acted on.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reconciliationWindowMs } from "../../lib/avarda/reconciliation-option"
import { approvedForOrderReference, decisionOfStatus } from "../../lib/avarda/authorization-api/credit-decision"
import { AVARDA_ID_VALIDATIONS_MODULE, type AvardaIdValidationsService, type IdValidationAuthorizationRecord } from "../../modules/avarda-id-validations"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { avardaClientFor, avardaOptionsFor } from "../../providers/avarda/core/runtime-config"
import { JOB_PAGE_SIZE } from "../../operations/shared/paged-rows"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"

const REASON = "Payment session deleted during ID validation (cart changed or another payment method chosen)"

type Followed = Pick<IdValidationAuthorizationRecord, "authorization_id" | "checkout_session_id" | "provider_id">

const followedAuthorizations = (container: MedusaContainer) => container.resolve<AvardaIdValidationsService>(AVARDA_ID_VALIDATIONS_MODULE)

/** Called when a checkout's authorization waits for ID validation: from now on it is followed. */
export async function followIdValidationAuthorization(container: MedusaContainer, authorization: Followed): Promise<void> {
  await followedAuthorizations(container).follow(authorization)
}

interface CheckoutSession {
  id: string
  data?: Record<string, unknown> | null
  authorized_at?: Date | string | null
}

/** The payment sessions that still exist among these ids (Medusa deletes the others outright). */
async function liveSessions(container: MedusaContainer, ids: string[]): Promise<Map<string, CheckoutSession>> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const sessions = (await paymentModule.listPaymentSessions({ id: ids }, { select: ["id", "data", "authorized_at"], take: ids.length })) as CheckoutSession[]
  return new Map(sessions.map((session) => [session.id, session]))
}

/** The lock of one followed authorization: the shopper's return and the job, in any process, release it once. */
export function followedAuthorizationLockId(authorizationId: string): string {
  return `avarda-authorization:${authorizationId.toLowerCase()}`
}

interface FollowedReleaseInput {
  row: Followed
  /** Its payment session, read before the lock: a deleted session does not come back, nor does one that moved on to another authorization. */
  session: CheckoutSession | null
  /** Past the provider's reconciliation window: stop following it if it is still waiting. */
  outlived: boolean
}

interface FollowedVerdict {
  /** "none": no longer followed (another path released or settled it while this one waited). */
  state: "waiting" | "released" | "settled" | "none"
  outcome?: string
  /** Avarda approved it for the deleted session: cancel it. */
  cancel?: boolean
}

/**
 * Under the authorization's lock: still followed? While its session exists and holds this
 * authorization, the shopper's return and the pending-session job own it (they complete the order
 * or release the session); Avarda is asked only about the others.
 */
export const decideFollowedAuthorizationStep = createStep("decide-followed-avarda-authorization", async (input: FollowedReleaseInput, { container }) => {
  const { row, session, outlived } = input
  const stillFollowed = ((await followedAuthorizations(container).listIdValidationAuthorizations({ checkout_session_id: row.checkout_session_id, state: "waiting" })) as IdValidationAuthorizationRecord[])
    .some((candidate) => candidate.authorization_id.toLowerCase() === row.authorization_id.toLowerCase())
  if (!stillFollowed) return new StepResponse<FollowedVerdict>({ state: "none" })
  const verdict = await verdictOf(container, row, session)
  if (verdict.state === "waiting" && outlived) return new StepResponse<FollowedVerdict>({ state: "settled", outcome: "outlived the reconciliation window" })
  return new StepResponse<FollowedVerdict>(verdict)
})

async function verdictOf(container: MedusaContainer, row: Followed, session: CheckoutSession | null): Promise<FollowedVerdict> {
  const stored = session ? readAvardaPaymentData(session.data ?? undefined) : undefined
  if (session && stored?.authorization_id?.toLowerCase() === row.authorization_id.toLowerCase()) {
    if (session.authorized_at) return { state: "settled", outcome: "used by the checkout" }
    if (stored.cancellation) return { state: "settled", outcome: "cancelled with its session" }
    return { state: "waiting" }
  }
  const status = await avardaClientFor(container, row.provider_id).getAuthorization(row.authorization_id)
  const decision = decisionOfStatus(status)
  if (decision.outcome === "pending_id_validation") return { state: "waiting" }
  if (!approvedForOrderReference(status, row.checkout_session_id)) return { state: "settled", outcome: `nothing to release (${decision.outcome})` }
  return { state: "released", outcome: REASON, cancel: true }
}

/**
 * Cancels the authorization at Avarda. Cancelling twice is harmless: Avarda answers an already
 * cancelled authorization with success. A failure is thrown: the lock is released by compensation,
 * the row stays followed, and the job tries again. No compensation of its own: a released
 * reservation cannot be taken back.
 */
export const cancelFollowedAuthorizationStep = createStep(
  "cancel-followed-avarda-authorization",
  async ({ input, verdict }: { input: FollowedReleaseInput; verdict: FollowedVerdict }, { container }) => {
    if (verdict.cancel) await avardaClientFor(container, input.row.provider_id).cancel(input.row.authorization_id, REASON)
    return new StepResponse(undefined)
  }
)

/** The authorization is no longer followed once released or settled. */
export const finishFollowedAuthorizationStep = createStep(
  "finish-followed-avarda-authorization",
  async ({ input, verdict }: { input: FollowedReleaseInput; verdict: FollowedVerdict }, { container }) => {
    const { row } = input
    if (verdict.state !== "released" && verdict.state !== "settled") return new StepResponse(undefined)
    await followedAuthorizations(container).finish(row.authorization_id, verdict.state, verdict.outcome ?? "")
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    if (verdict.state === "released") logger.info(`Avarda: released authorization ${row.authorization_id} of deleted session ${row.checkout_session_id}`)
    if (verdict.outcome === "outlived the reconciliation window") {
      logger.warn(`Avarda: stopped following authorization ${row.authorization_id} of session ${row.checkout_session_id}: it outlived the reconciliation window; it lapses at Avarda`)
    }
    return new StepResponse(undefined)
  }
)

/** One followed authorization: its lock (compensation releases it), decide, cancel at Avarda, finish following, unlock. */
export const releaseFollowedAuthorizationWorkflow = createWorkflow("release-followed-avarda-authorization", (input: FollowedReleaseInput) => {
  const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: followedAuthorizationLockId(input.row.authorization_id) })))
  const verdict = decideFollowedAuthorizationStep(input)
  cancelFollowedAuthorizationStep({ input, verdict })
  finishFollowedAuthorizationStep({ input, verdict })
  releasePaymentLockStep(lock)
  return new WorkflowResponse(transform({ verdict }, ({ verdict }) => verdict.state))
})

async function releaseFollowed(container: MedusaContainer, input: FollowedReleaseInput): Promise<FollowedVerdict["state"]> {
  const { result } = await releaseFollowedAuthorizationWorkflow(container).run({ input })
  return result
}

/**
 * The shopper came back from ID validation to a session that no longer exists (the return route
 * checked the signed state naming `sessionId` first). Only an authorization the plugin followed for
 * that very session is touched, and only once Avarda approved it for that session's order
 * reference. A failure leaves it followed: the job tries again.
 */
export async function releaseDeletedSessionAuthorization(container: MedusaContainer, sessionId: string, authorizationId: string): Promise<boolean> {
  const followed = (await followedAuthorizations(container).listIdValidationAuthorizations({ checkout_session_id: sessionId, state: "waiting" })) as IdValidationAuthorizationRecord[]
  const row = followed.find((candidate) => candidate.authorization_id.toLowerCase() === authorizationId.toLowerCase())
  if (!row) return false
  const session = (await liveSessions(container, [sessionId])).get(sessionId) ?? null
  return (await releaseFollowed(container, { row: followedOf(row), session, outlived: false })) === "released"
}

function followedOf(row: IdValidationAuthorizationRecord): Followed {
  return { authorization_id: row.authorization_id, checkout_session_id: row.checkout_session_id, provider_id: row.provider_id }
}

/**
 * Job: every followed authorization still waiting, a page at a time. One that outlived the
 * provider's reconciliation window stops being followed (Avarda lets it lapse); one whose provider
 * is no longer configured is left for when it is again.
 */
export async function releaseOrphanedAuthorizations(container: MedusaContainer, now = new Date()): Promise<{ released: string[]; failed: string[] }> {
  const report = { released: [] as string[], failed: [] as string[] }
  const followed = followedAuthorizations(container)
  let after: string | undefined
  for (;;) {
    const page = await followed.waitingPage(after, JOB_PAGE_SIZE)
    const sessions = page.length ? await liveSessions(container, page.map((row) => row.checkout_session_id)) : new Map<string, CheckoutSession>()
    for (const row of page) {
      let maxAgeMs: number
      try {
        maxAgeMs = reconciliationWindowMs(avardaOptionsFor(container, row.provider_id).reconciliation).maxAgeMs
      } catch {
        continue
      }
      const outlived = now.getTime() - new Date(row.created_at).getTime() > maxAgeMs
      try {
        const state = await releaseFollowed(container, { row: followedOf(row), session: sessions.get(row.checkout_session_id) ?? null, outlived })
        if (state === "released") report.released.push(row.checkout_session_id)
      } catch (error) {
        report.failed.push(`${row.checkout_session_id}: ${(error as Error).message}`)
        // Avarda failing to the end: it lapses there on its own.
        if (outlived) await followed.finish(row.authorization_id, "settled", "outlived the reconciliation window")
      }
    }
    if (page.length < JOB_PAGE_SIZE) return report
    after = page[page.length - 1].id
  }
}
