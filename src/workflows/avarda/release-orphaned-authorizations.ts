/**
 * An Avarda authorization whose Medusa payment session was deleted (the cart changed, another
 * method was chosen) while the shopper was still at ID validation: Avarda refuses to cancel it then,
 * and approves it once the shopper identifies — credit reserved for an order that can never be
 * placed. Medusa deletes session rows outright, so every authorization that began with ID
 * validation is followed in the plugin's own table from the start of the checkout. It is cancelled
 * as soon as it can be: when the shopper comes back from ID validation, and otherwise by the
 * reconciliation job, which also retries a release Avarda refused or did not answer at the return.
 * An authorization whose session still exists is the session's to use; one Avarda declined, timed
 * out or already cancelled is never acted on.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { reconciliationWindowMs } from "../../lib/avarda/reconciliation-option"
import { approvedForOrderReference, decisionOfStatus } from "../../lib/avarda/authorization-api/credit-decision"
import { AVARDA_ID_VALIDATIONS_MODULE, type AvardaIdValidationsService, type IdValidationAuthorizationRecord } from "../../modules/avarda-id-validations"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { avardaClientFor, avardaOptionsFor } from "../../providers/avarda/core/runtime-config"
import { JOB_PAGE_SIZE } from "../helpers/paged-rows"

const REASON = "Payment session deleted during ID validation (cart changed or another payment method chosen)"

type Followed = Pick<IdValidationAuthorizationRecord, "authorization_id" | "checkout_session_id" | "provider_id">

const followedAuthorizations = (container: MedusaContainer) => container.resolve<AvardaIdValidationsService>(AVARDA_ID_VALIDATIONS_MODULE)

/** Called when a checkout's authorization waits for ID validation: from now on it is followed. */
export async function followIdValidationAuthorization(container: MedusaContainer, authorization: Followed): Promise<void> {
  await followedAuthorizations(container).follow(authorization)
}

type Verdict = { state: "waiting" } | { state: "released" | "settled"; outcome: string }

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

/**
 * Decides, and does, what one followed authorization needs now. While its session exists and
 * holds this authorization, the shopper's return and the pending-session job own it (they complete
 * the order or release the session); Avarda is asked only about the others.
 */
async function settle(container: MedusaContainer, row: Followed, session: CheckoutSession | undefined): Promise<Verdict> {
  const stored = session ? readAvardaPaymentData(session.data ?? undefined) : undefined
  if (session && stored?.authorization_id?.toLowerCase() === row.authorization_id.toLowerCase()) {
    if (session.authorized_at) return { state: "settled", outcome: "used by the checkout" }
    if (stored.cancellation) return { state: "settled", outcome: "cancelled with its session" }
    return { state: "waiting" }
  }
  const client = avardaClientFor(container, row.provider_id)
  const status = await client.getAuthorization(row.authorization_id)
  const decision = decisionOfStatus(status)
  if (decision.outcome === "pending_id_validation") return { state: "waiting" }
  if (!approvedForOrderReference(status, row.checkout_session_id)) return { state: "settled", outcome: `nothing to release (${decision.outcome})` }
  // Cancelling twice is harmless: Avarda answers an already cancelled authorization with success.
  await client.cancel(row.authorization_id, REASON)
  return { state: "released", outcome: REASON }
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
  const verdict = await settle(container, row, (await liveSessions(container, [sessionId])).get(sessionId))
  if (verdict.state === "waiting") return false
  await followedAuthorizations(container).finish(row.authorization_id, verdict.state, verdict.outcome)
  if (verdict.state === "released") {
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).info(`Avarda: released authorization ${row.authorization_id} of deleted session ${sessionId}`)
  }
  return verdict.state === "released"
}

/**
 * Job: every followed authorization still waiting, a page at a time. One that outlived the
 * provider's reconciliation window stops being followed (Avarda lets it lapse); one whose provider
 * is no longer configured is left for when it is again.
 */
export async function releaseOrphanedAuthorizations(container: MedusaContainer, now = new Date()): Promise<{ released: string[]; failed: string[] }> {
  const report = { released: [] as string[], failed: [] as string[] }
  const followed = followedAuthorizations(container)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
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
        const verdict = await settle(container, row, sessions.get(row.checkout_session_id))
        if (verdict.state !== "waiting") {
          await followed.finish(row.authorization_id, verdict.state, verdict.outcome)
          if (verdict.state === "released") report.released.push(row.checkout_session_id)
          continue
        }
      } catch (error) {
        report.failed.push(`${row.checkout_session_id}: ${(error as Error).message}`)
      }
      if (outlived) {
        await followed.finish(row.authorization_id, "settled", "outlived the reconciliation window")
        logger.warn(`Avarda: stopped following authorization ${row.authorization_id} of session ${row.checkout_session_id} after ${maxAgeMs / 3600_000} h; it lapses at Avarda`)
      }
    }
    if (page.length < JOB_PAGE_SIZE) return report
    after = page[page.length - 1].id
  }
}
