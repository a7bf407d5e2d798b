/**
 * The count a payment's data keeps of an operation that keeps failing and is tried again later (a
 * cancelled order's cancel or refund): how many attempts, since when, the last one and its error,
 * and when the admin was told (once per payment).
 */
export interface FailedAttempts {
  attempts: number
  /** The first failed attempt (ISO 8601). */
  since: string
  /** The latest failed attempt (ISO 8601). */
  last_attempt_at: string
  last_error: string
  /** When the admin was told (ISO 8601); unset until then. */
  notified_at?: string
}

/** A count of failed attempts as the workflows write it, read from a payment's data; undefined for anything else (no count, or one cleared with null). */
export function failedAttemptsIn(value: unknown): FailedAttempts | undefined {
  const count = value as Partial<FailedAttempts> | null | undefined
  return count && typeof count.attempts === "number" && typeof count.since === "string" ? (count as FailedAttempts) : undefined
}

/** The count after one more failed attempt, `previous` being the count so far (if any). */
export function oneMoreFailedAttempt(previous: Partial<FailedAttempts> | undefined, message: string, now: Date = new Date()): FailedAttempts {
  const at = now.toISOString()
  return {
    attempts: (previous?.attempts ?? 0) + 1,
    since: previous?.since ?? at,
    last_attempt_at: at,
    last_error: message,
    ...(previous?.notified_at ? { notified_at: previous.notified_at } : {}),
  }
}

/**
 * Whether the admin is to be told now: `failure` reached `attemptsBeforeNotice` attempts and nobody
 * was told yet. When so, the count it answers records the notice; write that count before telling.
 */
export function takeNoticeIfDue(failure: FailedAttempts, attemptsBeforeNotice: number, now: Date = new Date()): { failure: FailedAttempts; notify: boolean } {
  if (failure.notified_at || failure.attempts < attemptsBeforeNotice) return { failure, notify: false }
  return { failure: { ...failure, notified_at: now.toISOString() }, notify: true }
}
