/**
 * The one loop over payment sessions whose shopper never came back from the vendor's page, for
 * every vendor: each vendor's checker (credit: credit/pending-payment-checkers.ts, Avirato:
 * avirato/reconcile-pending-sessions.ts) says which providers and statuses it watches, how long the
 * shopper has before the job looks, what becomes of a session past its maximum age, and reads the
 * vendor. Per session:
 *
 * - approved → the cart is completed (as the shopper's return or a webhook would; a cart whose order
 *   a stopped completion left without the payment gets it recorded), or, for a session no cart
 *   holds, the session is authorized;
 * - rejected, or past its maximum age when the vendor releases abandoned sessions → the session is
 *   deleted (the provider releases what the vendor holds) so the cart can be paid another way;
 * - still pending → left for the next run. A vendor whose abandoned sessions are forgotten instead
 *   is not asked about them once they are past their maximum age.
 *
 * A superseded session — its cart's order holds another session's payment (the cart was paid with
 * that one) or was cancelled, or, with no cart, its payment collection was cancelled — is released
 * whatever the vendor says, without asking it: no order will ever use it, and what the vendor holds
 * for it goes back.
 *
 * Sessions already done are not touched: with an order and their payment (Medusa creates it when it
 * authorizes the session), or with their payment cancelled (the compensation of a failed cart
 * completion cancelled its authorization: never completed with, nor released again). A session
 * whose cart has an order without any payment is looked at only within its maximum age, and never
 * released: a stopped completion left the order without this payment, recorded here once the vendor
 * approves. Its status does not tell: a credit re-read at the vendor is `authorized` before any
 * payment exists.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { authorizeSessionWithoutCart } from "./authorize-session-without-cart"
import { completeCartForPaymentSession } from "./complete-cart-for-payment-session"
import type { PendingPaymentChecker } from "./pending-payment-checker"
import { findPaymentSession, forEachPageOfPaymentSessions, type SessionWithCart } from "./find-payment-session"
import { withPaymentSessionWritersLock } from "./payment-lock"
import { isSuperseded, releaseSupersededSession } from "./release-superseded-session"

export interface ReconciliationReport {
  checked: number
  completed: Array<{ sessionId: string; orderId?: string }>
  released: string[]
  pending: string[]
  failed: Array<{ sessionId: string; error: string }>
}

export async function reconcilePendingSessions(
  container: MedusaContainer,
  { checkers, now: at, pageSize }: { checkers: PendingPaymentChecker[]; now?: Date; pageSize?: number }
): Promise<ReconciliationReport> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const report: ReconciliationReport = { checked: 0, completed: [], released: [], pending: [], failed: [] }
  const now = (at ?? new Date()).getTime()
  const providerIds = (await paymentModule.listPaymentProviders({ is_enabled: true })).map((p) => p.id)

  for (const checker of checkers) {
    for (const providerId of providerIds.filter((id) => checker.matches(id))) {
      const { graceMs, maxAgeMs } = checker.timing(container, providerId)
      // The database selects this provider's waiting sessions whose shopper had time to come back
      // and that have no payment yet (and, for a vendor that forgets abandoned sessions, that are
      // not yet past their maximum age): the sessions of placed orders, which stay `authorized`
      // forever, are not read again on every run.
      const filters = {
        provider_id: [providerId],
        status: checker.pendingStatuses,
        withoutPayment: true,
        createdBefore: new Date(now - graceMs),
        ...(checker.pastMaxAge === "forget" ? { createdAfter: new Date(now - maxAgeMs) } : {}),
      }
      await forEachPageOfPaymentSessions(container, filters, async (sessions) => {
        for (const session of sessions) {
          const age = now - new Date(session.created_at ?? now).getTime()
          if (age < graceMs || session.paymentCanceled) continue
          if (isSuperseded(session)) {
            report.checked++
            try {
              if (await releaseSupersededSession(container, session, checker.giveBackBeforeRelease)) report.released.push(session.id)
            } catch (error) {
              report.failed.push({ sessionId: session.id, error: (error as Error).message })
            }
            continue
          }
          if (!checker.eligible(session)) continue
          // A session whose cart has an order is done once it has its payment; until then (a stopped
          // completion left the order without it) it is looked at only within its maximum age.
          if (session.orderId && (session.paymentId || age > maxAgeMs)) continue
          report.checked++
          try {
            const result = await checker.check(container, session)
            if (result === "approved") {
              if (!session.cartId) {
                const authorization = await authorizeSessionWithoutCart(container, session.id)
                if (authorization === "pending") report.pending.push(session.id)
                // Its payment collection was cancelled meanwhile, or changed to another amount: superseded.
                else if (authorization === "superseded") {
                  if (await releaseSupersededSession(container, session, checker.giveBackBeforeRelease)) report.released.push(session.id)
                } else if (authorization !== "gone") report.completed.push({ sessionId: session.id })
                continue
              }
              const completion = await completeCartForPaymentSession(container, session.id)
              if (completion.outcome === "failed") report.failed.push({ sessionId: session.id, error: completion.message })
              // The cart was completed with another session meanwhile: this one is superseded.
              else if (completion.superseded) {
                if (await releaseSupersededSession(container, session, checker.giveBackBeforeRelease)) report.released.push(session.id)
              } else report.completed.push({ sessionId: session.id, orderId: completion.orderId })
            } else if (result === "rejected" || (checker.pastMaxAge === "release" && age > maxAgeMs)) {
              if (await releaseUnpaidSession(container, session)) report.released.push(session.id)
              else report.pending.push(session.id)
            } else {
              report.pending.push(session.id)
            }
          } catch (error) {
            report.failed.push({ sessionId: session.id, error: (error as Error).message })
          }
        }
      }, { pageSize })
    }
  }
  return report
}

/**
 * Deletes a session the vendor refused, or one abandoned past its maximum age (the provider's delete
 * releases what the vendor holds), under the lock Medusa's writers of the session take, with the
 * session read again inside it: a shopper's return or a webhook that authorised it after the
 * vendor was asked has finished by then, and a session that has its payment, or is no longer of its
 * cart, stays. Answers whether it deleted the session.
 */
async function releaseUnpaidSession(container: MedusaContainer, session: SessionWithCart): Promise<boolean> {
  return withPaymentSessionWritersLock(container, session, async () => {
    const current = await findPaymentSession(container, session.id)
    if (!current || current.paymentId || current.cartId !== session.cartId) return false
    await container.resolve<IPaymentModuleService>(Modules.PAYMENT).deletePaymentSession(current.id)
    return true
  })
}
