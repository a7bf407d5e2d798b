/**
 * An Avarda authorization whose Medusa payment session was deleted (the cart changed, another
 * method was chosen) while the shopper was still at ID validation: Avarda refuses to cancel it then,
 * and approves it once the shopper identifies — credit reserved for an order that can never be
 * placed. It is cancelled as soon as it can be: when the shopper comes back from ID validation (by
 * Avarda's record of the authorization: Medusa deletes session rows outright), and by the
 * reconciliation job for deleted sessions whose rows are still kept. Only authorizations of deleted
 * sessions are touched.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { approvedForOrderReference, decisionOfStatus } from "../../lib/avarda/authorization-api/credit-decision"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { avardaClientFor, avardaClientOf, avardaOptionsFor, configuredAvardaOptions } from "../../providers/avarda/core/runtime-config"

const REASON = "Payment session deleted during ID validation (cart changed or another payment method chosen)"

interface DeletedSession {
  id: string
  provider_id: string
  data?: Record<string, unknown> | null
  deleted_at?: string | Date | null
}

async function deletedSessions(container: MedusaContainer, filters: Record<string, unknown>): Promise<DeletedSession[]> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const sessions = (await paymentModule.listPaymentSessions({ ...filters, deleted_at: { $ne: null } } as never, {
    select: ["id", "provider_id", "data", "deleted_at"],
    withDeleted: true,
    take: 200,
    order: { created_at: "DESC" },
  })) as DeletedSession[]
  return sessions.filter((s) => s.deleted_at && isAvardaProviderId(s.provider_id))
}

/** Cancels the authorization of one deleted session if Avarda approved it; returns true when it was cancelled. */
async function release(container: MedusaContainer, session: DeletedSession): Promise<boolean> {
  const stored = readAvardaPaymentData(session.data ?? undefined)
  if (!stored?.authorization_id || stored.cancellation || stored.captures.length > 0) return false
  if (stored.decision.outcome !== "pending_id_validation") return false
  const client = avardaClientFor(container, session.provider_id)
  const decision = decisionOfStatus(await client.getAuthorization(stored.authorization_id))
  if (decision.outcome !== "approved") return false
  await client.cancel(stored.authorization_id, REASON)
  container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).info(`Avarda: released authorization ${stored.authorization_id} of deleted session ${session.id}`)
  return true
}

/**
 * The shopper came back from ID validation to a session that no longer exists (the return route
 * checked the signed state naming `sessionId` first). Medusa deletes session rows outright, so
 * Avarda's own record says whose the authorization is: it is cancelled only when Avarda approved
 * it for this session's order reference.
 */
export async function releaseDeletedSessionAuthorization(container: MedusaContainer, sessionId: string, authorizationId: string): Promise<boolean> {
  const [session] = await deletedSessions(container, { id: sessionId })
  if (session) {
    const stored = readAvardaPaymentData(session.data ?? undefined)
    return stored?.authorization_id?.toLowerCase() === authorizationId.toLowerCase() && release(container, session)
  }
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  for (const { options } of configuredAvardaOptions(container)) {
    const client = avardaClientOf(options)
    const status = await client.getAuthorization(authorizationId).catch(() => undefined) // another account's, or unreachable
    if (!status || !approvedForOrderReference(status, sessionId)) continue
    await client.cancel(authorizationId, REASON)
    logger.info(`Avarda: released authorization ${authorizationId} of deleted session ${sessionId}`)
    return true
  }
  return false
}

/** Job: authorizations of sessions deleted during ID validation within the reconciliation window. */
export async function releaseOrphanedAuthorizations(container: MedusaContainer, now = new Date()): Promise<{ released: string[]; failed: string[] }> {
  const report = { released: [] as string[], failed: [] as string[] }
  for (const session of await deletedSessions(container, {})) {
    let maxAgeMs: number
    try {
      maxAgeMs = avardaOptionsFor(container, session.provider_id).reconciliation.maxAgeHours * 3600_000
    } catch {
      continue
    }
    if (session.deleted_at && now.getTime() - new Date(session.deleted_at).getTime() > maxAgeMs) continue
    try {
      if (await release(container, session)) report.released.push(session.id)
    } catch (error) {
      report.failed.push(`${session.id}: ${(error as Error).message}`)
    }
  }
  return report
}
