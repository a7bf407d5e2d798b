import type { AviratoSession } from "../../../lib/avirato"

/** How long a paid answer of Avirato stands in for asking again. */
export const RECENT_CONFIRMATION_MS = 10_000
const MAX_KEPT = 1000

/**
 * Paid sessions Avirato confirmed moments ago in this process, each used once. Processing a webhook
 * confirms the session with Avirato to choose Medusa's action, and Medusa's authorisation step then
 * asks the provider again within the same processing; this lets that second question reuse the
 * first answer instead of calling Avirato twice. Only "paid" answers are kept (a paid session stays
 * paid), for seconds; a process that has none (another server, a restart) simply asks Avirato.
 */
export class RecentConfirmations {
  private readonly paid = new Map<string, { session: AviratoSession; at: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  remember(session: AviratoSession): void {
    this.paid.delete(session.sessionId)
    this.paid.set(session.sessionId, { session, at: this.now() })
    if (this.paid.size > MAX_KEPT) this.paid.delete(this.paid.keys().next().value as string)
  }

  /** The paid session confirmed within the last `RECENT_CONFIRMATION_MS`, once; undefined otherwise. */
  take(sessionId: string): AviratoSession | undefined {
    const kept = this.paid.get(sessionId)
    if (!kept) return undefined
    this.paid.delete(sessionId)
    return this.now() - kept.at <= RECENT_CONFIRMATION_MS ? kept.session : undefined
  }
}
