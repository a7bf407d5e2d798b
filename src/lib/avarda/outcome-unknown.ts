/**
 * A vendor call whose answer never came (a timeout, a lost connection, an unreadable answer): the
 * vendor may or may not have applied it. Errors that mean this carry `outcomeUnknown: true` as an
 * own property, so the flag survives Medusa's workflow engine, which passes errors on as plain
 * objects with their own properties. Callers decide by the flag, never by the wording of a message.
 */
export interface OutcomeUnknown {
  readonly outcomeUnknown: true
}

export function isOutcomeUnknown(error: unknown): error is OutcomeUnknown {
  return typeof error === "object" && error !== null && (error as { outcomeUnknown?: unknown }).outcomeUnknown === true
}
