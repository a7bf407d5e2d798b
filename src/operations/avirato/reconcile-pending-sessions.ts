import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { sessionOutcome } from "../../lib/avirato"
import { aviratoProvider, configuredAviratoProviderIds } from "../../providers/avirato/core/configured-providers"
import { readPaymentData } from "../../providers/avirato/core/payment-data"
import { completeCartForPaymentSession } from "../shared/complete-cart-for-payment-session"
import { forEachPageOfRows } from "../shared/paged-rows"

export interface ReconcileOptions {
  /** Leave younger sessions alone: the shopper may still be on the page (5-minute page limit). */
  minAgeMs?: number
  /** Older sessions are abandoned; Avirato never expires an unopened page, so stop asking. */
  maxAgeMs?: number
  now?: Date
  /** Sessions read per page (default JOB_PAGE_SIZE). */
  pageSize?: number
}

interface PendingSessionRow {
  id: string
  provider_id: string
  data?: Record<string, unknown> | null
}

export interface ReconcileReport {
  checked: number
  completed: string[]
  failed: Array<{ paymentSessionId: string; message: string }>
}

/**
 * Safety net for missed webhooks when the shopper also never came back: Medusa payment sessions of
 * Avirato providers still waiting (all of them, page by page) are checked with GET payment/session,
 * and a paid one completes its cart (or is authorised when no cart is linked) exactly as the return
 * route would.
 */
export async function reconcilePendingAviratoSessions(
  container: MedusaContainer,
  { minAgeMs = 10 * 60_000, maxAgeMs = 3 * 24 * 3600_000, now = new Date(), pageSize }: ReconcileOptions = {}
): Promise<ReconcileReport> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const report: ReconcileReport = { checked: 0, completed: [], failed: [] }
  const providerIds = configuredAviratoProviderIds(container)
  if (!providerIds.length) return report
  // Only this plugin's sessions still waiting, old enough to have been abandoned and young enough
  // to be worth asking about — selected by the database, page by page.
  const filters = {
    provider_id: providerIds,
    status: ["pending", "requires_more"],
    created_at: { $lte: new Date(now.getTime() - minAgeMs), $gte: new Date(now.getTime() - maxAgeMs) },
  }
  await forEachPageOfRows<PendingSessionRow>(container, { entity: "payment_session", fields: ["id", "provider_id", "data"], filters, pageSize }, async (sessions) => {
    for (const session of sessions) {
      const provider = aviratoProvider(container, session.provider_id)
      const data = readPaymentData((session.data ?? {}) as Record<string, unknown>)
      if (!provider || !data.avirato_session_id) continue
      report.checked += 1
      try {
        const vendor = await provider.client.getSession(data.avirato_session_id)
        if (sessionOutcome(vendor).kind !== "paid") continue
        const completion = await completeCartForPaymentSession(container, session.id)
        if (completion.outcome === "failed" && !completion.cartId) {
          await paymentModule.authorizePaymentSession(session.id, {})
        } else if (completion.outcome === "failed") {
          throw new Error(completion.message)
        }
        report.completed.push(session.id)
        logger.info(`Avirato: reconciled paid session ${session.id} (webhook and return were missed)`)
      } catch (error) {
        report.failed.push({ paymentSessionId: session.id, message: (error as Error).message })
        logger.error(`Avirato: could not reconcile payment session ${session.id}: ${(error as Error).message}`)
      }
    }
  })
  return report
}
