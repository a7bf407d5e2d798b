/**
 * Completes or releases payment sessions whose shopper never came back from the vendor's page:
 * approved → the cart is completed (as a webhook would); rejected or timed out → the session is
 * deleted so the cart can be paid another way; still pending → left for the next run, until the
 * family's max age, after which the session is released.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { completeCartForPaymentSession } from "../shared/complete-cart-for-payment-session"
import { forEachPageOfPaymentSessions } from "./find-payment-session"
import type { PendingPaymentChecker } from "./pending-payment-checker"
import { pendingPaymentCheckers } from "./pending-payment-checkers"

export interface ReconciliationReport {
  checked: number
  completed: Array<{ sessionId: string; orderId: string }>
  released: string[]
  pending: string[]
  failed: Array<{ sessionId: string; error: string }>
}

export async function reconcilePendingSessions(
  container: MedusaContainer,
  options: { checkers?: PendingPaymentChecker[]; now?: Date; pageSize?: number } = {}
): Promise<ReconciliationReport> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const report: ReconciliationReport = { checked: 0, completed: [], released: [], pending: [], failed: [] }
  const now = (options.now ?? new Date()).getTime()
  const providerIds = (await paymentModule.listPaymentProviders({ is_enabled: true })).map((p) => p.id)

  for (const checker of options.checkers ?? pendingPaymentCheckers()) {
    for (const providerId of providerIds.filter((id) => checker.matches(id))) {
      const { graceMs, maxAgeMs } = checker.timing(container, providerId)
      // The database selects this provider's waiting sessions whose shopper had time to come back.
      const filters = { provider_id: [providerId], status: checker.pendingStatuses, createdBefore: new Date(now - graceMs) }
      await forEachPageOfPaymentSessions(container, filters, async (sessions) => {
        for (const session of sessions) {
          // A cancelled payment means its authorization was cancelled (the compensation of a failed
          // cart completion): never completed with, nor released again.
          if (!session.cartId || session.orderId || session.paymentCanceled || !checker.eligible(session)) continue
          const age = now - new Date(session.created_at ?? now).getTime()
          if (age < graceMs) continue
          report.checked++
          try {
            const result = await checker.check(container, session)
            if (result === "approved") {
              const completion = await completeCartForPaymentSession(container, session.id)
              if (completion.outcome === "failed") report.failed.push({ sessionId: session.id, error: completion.message })
              else report.completed.push({ sessionId: session.id, orderId: completion.orderId })
            } else if (result === "rejected" || age > maxAgeMs) {
              await paymentModule.deletePaymentSession(session.id)
              report.released.push(session.id)
            } else {
              report.pending.push(session.id)
            }
          } catch (error) {
            report.failed.push({ sessionId: session.id, error: (error as Error).message })
          }
        }
      }, { pageSize: options.pageSize })
    }
  }
  return report
}
