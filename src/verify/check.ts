/**
 * One check of the go-live suite: a few calls through the plugin's own vendor clients whose answers
 * either match the assumption row it is tied to (what the sandbox does) or contradict it. A check
 * that cannot get an answer (no credentials, the vendor down, a prerequisite failed) is
 * "unreachable", never counted as confirmed.
 */
import type { AssumptionId } from "../lib/vendor-assumptions"
import { VendorConnectError, VendorConnectionLostError, VendorError, VendorHttpError, VendorProtocolError, VendorTimeoutError } from "../lib/http/errors"
import { AviratoApiError } from "../lib/avirato/errors"
import { AvardaOrderManagementError } from "../lib/avarda/authorization-api/errors"
import { StandaloneApiError } from "../lib/avarda/standalone/errors"
import { ReadOnlyViolationError } from "./production-guard"

export type Verdict = "confirmed" | "contradicted" | "unreachable"

/** The vendor API a check talks to (each needs its own credentials). */
export type VerifyApi = "avarda-authorization-api" | "avarda-standalone" | "avarda-my-pages" | "avarda-payment-widget" | "avirato"

/** The check could not observe the vendor's behaviour; the reason says what to fix. */
export class Unreachable extends Error {
  constructor(message: string) {
    super(message)
    this.name = "Unreachable"
  }
}

/** What a check saw, observation by observation, each judged against the sandbox's behaviour. */
export class Findings {
  private readonly items: Array<{ seen: string; holds: boolean }> = []

  /** Records an observation and whether it is what the sandbox does. */
  expect(holds: boolean, seen: string): void {
    this.items.push({ seen, holds })
  }

  get holds(): boolean {
    return this.items.length > 0 && this.items.every((item) => item.holds)
  }

  /** At least one observation differs from the sandbox. */
  get contradicts(): boolean {
    return this.items.some((item) => !item.holds)
  }

  get count(): number {
    return this.items.length
  }

  /** Every observation; the ones that contradict the sandbox come first. */
  describe(): string {
    const ordered = [...this.items.filter((item) => !item.holds), ...this.items.filter((item) => item.holds)]
    return ordered.map((item) => (item.holds ? item.seen : `✗ ${item.seen}`)).join("; ")
  }
}

export interface VerifyCheck<Context> {
  assumption: AssumptionId
  api: VerifyApi
  /** What the sandbox does — the plugin's assumption — in a few words (the report's "expected" column). */
  expected: string
  /** Calls only token and read endpoints, so it may run with `--production-read-only`. */
  readOnly?: boolean
  /** Needs an operator in a browser (`--interactive`). */
  interactive?: boolean
  /** Runs only when this opt-in feature is on. */
  feature?: "payment-widget"
  run(context: Context, findings: Findings): Promise<void>
}

/** A call that is expected to fail: its error (or the fact that it succeeded). */
export async function outcomeOf<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await call }
  } catch (error) {
    if (isTransportFailure(error)) throw error
    return { ok: false, error }
  }
}

/** Failures that say nothing about the vendor's contract: no answer, or the vendor failed. */
function isTransportFailure(error: unknown): boolean {
  return (
    error instanceof VendorConnectError ||
    error instanceof VendorTimeoutError ||
    error instanceof VendorConnectionLostError ||
    error instanceof ReadOnlyViolationError ||
    error instanceof Unreachable ||
    // A vendor failing (5xx) tells nothing about the answer the check is waiting for.
    (error instanceof VendorHttpError && error.status >= 500)
  )
}

/** A short, secret-free description of a vendor answer that was an error. */
export function describeError(error: unknown): string {
  if (error instanceof AviratoApiError) return `HTTP ${error.status}${error.code !== undefined ? ` / ${error.code}` : ""}`
  if (error instanceof AvardaOrderManagementError) {
    const codes = error.errors.map((e) => e.code).filter(Boolean)
    return `HTTP ${error.status}${codes.length ? ` [${codes.join(", ")}]` : ""}`
  }
  if (error instanceof StandaloneApiError) return `HTTP ${error.status}${error.code ? ` ${error.code}` : ""}${error.entries[0]?.message ? ` “${error.entries[0].message}”` : ""}`
  if (error instanceof VendorHttpError) return `HTTP ${error.status}`
  if (error instanceof Error) return error.message
  return String(error)
}

/** The verdict for an error that escaped a check. */
export function verdictOfError(error: unknown): { verdict: Verdict; seen: string } {
  if (error instanceof Unreachable) return { verdict: "unreachable", seen: error.message }
  if (error instanceof ReadOnlyViolationError) return { verdict: "unreachable", seen: error.message }
  if (error instanceof VendorConnectError || error instanceof VendorTimeoutError || error instanceof VendorConnectionLostError) {
    return { verdict: "unreachable", seen: error.message }
  }
  if (error instanceof VendorHttpError && (error.status >= 500 || error.status === 401 || error.status === 403 || error.status === 429)) {
    return { verdict: "unreachable", seen: `${error.operation}: ${describeError(error)} (the vendor refused or failed the call)` }
  }
  // An answer the plugin's own schema cannot read, or an unexpected 4xx: the vendor behaves otherwise.
  if (error instanceof VendorProtocolError) return { verdict: "contradicted", seen: error.message }
  if (error instanceof VendorHttpError) return { verdict: "contradicted", seen: `${error.operation}: unexpected ${describeError(error)}` }
  if (error instanceof VendorError) return { verdict: "unreachable", seen: error.message }
  return { verdict: "unreachable", seen: `the check failed: ${error instanceof Error ? error.message : String(error)}` }
}
