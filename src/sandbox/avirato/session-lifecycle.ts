import type { AviratoSession } from "./model"

/** Once the payment page is opened, the customer has 300 s to pay. */
export const PAGE_TIME_LIMIT_MS = 300_000

export function pageSecondsLeft(session: AviratoSession, now: Date): number {
  if (!session.pageOpenedAt) return PAGE_TIME_LIMIT_MS / 1000
  return Math.max(0, Math.ceil((session.pageOpenedAt.getTime() + PAGE_TIME_LIMIT_MS - now.getTime()) / 1000))
}

/**
 * Applies the page time limit lazily (on every read): a pending session whose page ran out becomes
 * `expired`, or `failed` if it already had failed attempts (a sandbox choice, assumption A16: Avirato does not say when `failed` and `expired` apply).
 */
export function settlePageTimeout(session: AviratoSession, now: Date): void {
  if (session.status !== "pending" || !session.pageOpenedAt) return
  if (now.getTime() - session.pageOpenedAt.getTime() < PAGE_TIME_LIMIT_MS) return
  session.status = session.attempts.length > 0 ? "failed" : "expired"
}

/** The first GET of the payment page starts the timer. */
export function openPage(session: AviratoSession, now: Date): void {
  session.pageOpenedAt ??= now
}
