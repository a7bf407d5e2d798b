/**
 * An error a workflow run reports (`errors[n].error`, or what `run` throws) is an Error only in
 * some cases: Medusa's engine stores a step's error as a plain `{ message, name, stack }` object and
 * hands that back, so `instanceof Error` and `toThrow` do not see it.
 */

/** The error's message, whichever form it came in. */
export function workflowErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message
  return String(error)
}

/** The error as an Error (its stored fields kept), for code that rethrows it. */
export function workflowErrorAsError(error: unknown): Error {
  if (error instanceof Error) return error
  return Object.assign(new Error(workflowErrorMessage(error)), error && typeof error === "object" ? error : {})
}
