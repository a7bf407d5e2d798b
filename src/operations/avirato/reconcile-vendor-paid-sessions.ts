import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  AviratoApiError,
  decideDiscardedPayment,
  isMedusaPaymentSessionId,
  sessionOutcome,
  type AviratoClient,
  type AviratoSession,
  type AviratoSessionPage,
  type CheckoutSessionState,
} from "../../lib/avirato"
import { AVIRATO_SETTLEMENTS_MODULE, type AviratoSettlementsService } from "../../modules/avirato-settlements"
import { aviratoProvider, configuredAviratoProviderIds } from "../../providers/avirato/core/configured-providers"
import { checkoutSessionState, provesOrigin, settleDiscardedPayment } from "../../workflows/avirato/settle-discarded-payment"

export interface VendorPaidSessionsOptions {
  /** How far back Avirato sessions are listed (by creation): the pending-session job's window. */
  lookbackMs?: number
  now?: Date
  /** Sessions per page asked from Avirato. */
  pageSize?: number
  /** Pages read per account and run at most; the rest waits for the next run. */
  maxPages?: number
}

export interface VendorPaidSessionsReport {
  /** Paid sessions Avirato listed. */
  listed: number
  voided: string[]
  refunded: string[]
  failed: Array<{ aviratoSessionId: string; message: string }>
}

export const VENDOR_PAGE_SIZE = 100
const DEFAULT_LOOKBACK_MS = 3 * 24 * 3600_000
const DEFAULT_MAX_PAGES = 50
/** How often the job runs (its schedule): the pages a run reads beyond its budget move on by one run's worth each time. */
const RUN_EVERY_MS = 10 * 60_000

/**
 * Reconciliation from Avirato's side, for payments Medusa cannot find by itself: a shopper paid an
 * Avirato session whose Medusa payment session was already deleted (the cart changed), and both the
 * webhook and the return were missed — Medusa has no row left to check. Avirato's paid sessions of
 * the window are listed page by page; each is mapped to Medusa by its customReference (the Medusa
 * payment session id); those a live Medusa session or order holds are left alone, those already
 * given back are skipped, and the rest are voided (pre-authorisation) or refunded (captured) once,
 * with the admin told — see settleDiscardedPayment for the lock, key and record that make it once.
 */
export async function reconcileAviratoVendorPaidSessions(
  container: MedusaContainer,
  { lookbackMs = DEFAULT_LOOKBACK_MS, now = new Date(), pageSize = VENDOR_PAGE_SIZE, maxPages = DEFAULT_MAX_PAGES }: VendorPaidSessionsOptions = {}
): Promise<VendorPaidSessionsReport> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const report: VendorPaidSessionsReport = { listed: 0, voided: [], refunded: [], failed: [] }
  const window = { from: new Date(now.getTime() - lookbackMs), to: now }
  for (const { providerId, client } of distinctAccounts(container)) {
    const readPage = async (page: number): Promise<AviratoSessionPage | undefined> => {
      try {
        return await client.listSessions({ status: "completed", ...window, page, limit: pageSize })
      } catch (error) {
        if (error instanceof AviratoApiError && error.status === 404) {
          // The list endpoint's path is an assumption Avirato has not confirmed.
          logger.warn("Avirato: the account does not answer GET payment/sessions; payments on discarded checkouts are found by webhook and return only")
        } else {
          logger.error(`Avirato: could not list paid sessions (page ${page}): ${(error as Error).message}`)
        }
        return undefined
      }
    }
    const first = await readPage(1)
    if (!first) continue
    await settlePage(first)
    if (isLastPage(first, pageSize)) continue
    const { pages, note, inOrder } = laterPagesOfRun(first, pageSize, maxPages, now)
    let reachedEnd = false
    for (const page of pages) {
      const listed = await readPage(page)
      if (!listed) break
      await settlePage(listed)
      if (inOrder && isLastPage(listed, pageSize)) {
        reachedEnd = true
        break
      }
    }
    if (note && !reachedEnd) logger.warn(`Avirato: ${note}`)

    async function settlePage(listed: AviratoSessionPage): Promise<void> {
      const paid = listed.items.filter((s) => sessionOutcome(s).kind === "paid" && isMedusaPaymentSessionId(s.customReference))
      report.listed += paid.length
      for (const session of await sessionsToSettle(container, paid)) {
        try {
          // GET session is Avirato's authoritative answer; the list item only pointed at it.
          const current = await client.getSession(session.sessionId)
          if (current.customReference !== session.customReference) continue
          const settlement = await settleDiscardedPayment(container, providerId, current, "reconciliation")
          if (settlement === "voided") report.voided.push(session.sessionId)
          if (settlement === "refunded") report.refunded.push(session.sessionId)
        } catch (error) {
          report.failed.push({ aviratoSessionId: session.sessionId, message: (error as Error).message })
          logger.error(`Avirato: could not give back the payment of session ${session.sessionId}: ${(error as Error).message}`)
        }
      }
    }
  }
  return report
}

/**
 * The pages a run reads after page 1, within its budget of `maxPages`. When Avirato says how many
 * sessions the window holds and they take more pages than the budget, each run reads another part
 * of them, chosen by the time of the run (every process agrees, nothing is kept between runs): run
 * after run the part moves on, so every page is read within a few runs — one that always started
 * again at page 2 would never reach the sessions beyond the budget. Without the total, pages are
 * read in order up to the budget (`inOrder`: the reading stops at the last one). `note` says what
 * was left for later runs.
 */
export function laterPagesOfRun(
  first: Pick<AviratoSessionPage, "total">,
  pageSize: number,
  maxPages: number,
  now: Date
): { pages: number[]; inOrder: boolean; note?: string } {
  const budget = maxPages - 1
  const totalPages = typeof first.total === "number" ? Math.ceil(first.total / pageSize) : undefined
  if (totalPages === undefined) {
    const pages = Array.from({ length: Math.max(0, budget) }, (_, i) => i + 2)
    return { pages, inOrder: true, note: `listed paid sessions up to page ${maxPages}, the most a run reads; Avirato gave no total, so later pages wait until fewer sessions are paid in the window` }
  }
  const others = totalPages - 1
  if (others <= budget) return { pages: Array.from({ length: others }, (_, i) => i + 2), inOrder: true }
  const offset = (Math.floor(now.getTime() / RUN_EVERY_MS) * budget) % others
  const pages = Array.from({ length: budget }, (_, i) => 2 + ((offset + i) % others))
  return { pages, inOrder: false, note: `${totalPages} pages of paid sessions in the window, ${maxPages} read per run: this run read page 1 and pages ${pages.join(", ")}; the next runs read the others` }
}

/** One client per Avirato account (base URL + webcode), however many provider entries share it, with the first provider of it. */
function distinctAccounts(container: MedusaContainer): Array<{ providerId: string; client: AviratoClient }> {
  const byAccount = new Map<string, { providerId: string; client: AviratoClient }>()
  for (const providerId of configuredAviratoProviderIds(container)) {
    const provider = aviratoProvider(container, providerId)
    if (!provider) continue
    const account = `${provider.options.baseUrl}|${provider.options.webcode}`
    if (!byAccount.has(account)) byAccount.set(account, { providerId, client: provider.client })
  }
  return [...byAccount.values()]
}

/** No page follows: a short page, or the total reached. */
export function isLastPage(listed: Pick<AviratoSessionPage, "items" | "page" | "total">, pageSize: number): boolean {
  if (listed.items.length < pageSize) return true
  return typeof listed.total === "number" && listed.page * pageSize >= listed.total
}

/**
 * The paid sessions of one page that may need giving back, with one query per question for the
 * whole page: sessions already settled and sessions a Medusa payment was made from (the usual case)
 * are dropped at once; the few others are looked at one by one.
 */
async function sessionsToSettle(container: MedusaContainer, paid: AviratoSession[]): Promise<AviratoSession[]> {
  if (!paid.length) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const settlements = container.resolve<AviratoSettlementsService>(AVIRATO_SETTLEMENTS_MODULE)
  const checkoutIds = paid.map((s) => s.customReference as string)
  const [settled, { data: payments }] = await Promise.all([
    settlements.settledSessionIds(paid.map((s) => s.sessionId)),
    query.graph({ entity: "payment", fields: ["id", "payment_session_id"], filters: { payment_session_id: checkoutIds } }),
  ])
  const paidInMedusa = new Set((payments as Array<{ payment_session_id?: string | null }>).map((p) => p.payment_session_id))
  const toSettle: AviratoSession[] = []
  for (const session of paid) {
    const alreadySettled = settled.has(session.sessionId)
    const checkout: CheckoutSessionState =
      alreadySettled || paidInMedusa.has(session.customReference) ? "paid_in_medusa" : await checkoutSessionState(container, session.customReference as string)
    // A list item without urlOk cannot prove or disprove its origin here; GET session decides.
    const madeByThisStore = checkout !== "deleted" || !session.urlOk || provesOrigin(container, session)
    if (decideDiscardedPayment({ session, checkout, madeByThisStore, alreadySettled }).action !== "leave") toSettle.push(session)
  }
  return toSettle
}
