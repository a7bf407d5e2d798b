/**
 * `POST /Pay/Status` answers: `Paid`, `Unpaid`, `Error`, `Cancelled`, `TimedOut`,
 * compared case-insensitively because the docs' example is lower case ("paid"). Avarda sends no
 * notification for My Pages payments (U17), so the storefront polls until the state is final.
 */
export type PayOutcome = "paid" | "pending" | "error" | "cancelled" | "timed_out" | "unknown"

export interface PayStatusView {
  /** As Avarda sent it. */
  state: string
  outcome: PayOutcome
  /** No point polling again. */
  final: boolean
}

const OUTCOMES: Record<string, PayOutcome> = {
  paid: "paid",
  unpaid: "pending",
  error: "error",
  cancelled: "cancelled",
  canceled: "cancelled",
  timedout: "timed_out",
}

export function describePayStatus(state: string): PayStatusView {
  const outcome = OUTCOMES[state.replace(/[\s_-]/g, "").toLowerCase()] ?? "unknown"
  return { state, outcome, final: outcome !== "pending" && outcome !== "unknown" }
}
