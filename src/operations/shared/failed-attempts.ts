/**
 * The count a payment's data keeps of an operation that keeps failing and is tried again later (a
 * cancelled order's cancel or refund): how many attempts, since when, the last one and its error.
 */
export interface FailedAttempts {
  attempts: number
  /** The first failed attempt (ISO 8601). */
  since: string
  /** The latest failed attempt (ISO 8601). */
  last_attempt_at: string
  last_error: string
}

/** The count after one more failed attempt, `previous` being the count so far (if any). */
export function oneMoreFailedAttempt(previous: Partial<FailedAttempts> | undefined, message: string, now: Date = new Date()): FailedAttempts {
  const at = now.toISOString()
  return { attempts: (previous?.attempts ?? 0) + 1, since: previous?.since ?? at, last_attempt_at: at, last_error: message }
}
