/**
 * What an authorization's status means for the shop: a pure mapping from
 * `GET /authorization/{id}` (or a create answer) to a decision stored in payment data.
 */
import type { AuthorizationStatusBody } from "./schemas"

export type CreditDecisionOutcome =
  /** Status 0: approved (after ID validation where it was needed). */
  | "approved"
  /** ID validation not finished yet (no status in the answer). */
  | "pending_id_validation"
  /** Status 1 or a 422: credit denied, or ID validation failed. */
  | "rejected"
  /** Status 2: the ID validation timed out and the reservation was cancelled. */
  | "timed_out"
  /** Status 3 or a 500: technical failure at Avarda. */
  | "failed"
  /** Avarda's answer never arrived (timeout, lost connection, unreadable body): it may have decided. */
  | "unknown"

/**
 * Every key is always present (null when unknown): Medusa merges JSON data on update, so a key left
 * out would keep the value of an earlier decision.
 */
export interface CreditDecision {
  outcome: CreditDecisionOutcome
  /** Avarda's code (1–7 rejection, 50–52 ID validation, 100–101 technical). */
  error_code: number | null
  /** Avarda's text, localized to the shopper's language: show it to the shopper. */
  message: string | null
  /**
   * Never kept: the credit limit Avarda grants is the person's financial data, and session data is
   * public (Medusa's store routes return it to whoever holds the cart). Always null, which also clears
   * a value an earlier version wrote (Medusa merges JSON data on update).
   */
  credit_limit: null
  /** Order management is allowed once Avarda's background processing is done. */
  in_back_office: boolean | null
  checked_at: string
}

export function creditDecision(
  outcome: CreditDecisionOutcome,
  details: Partial<Omit<CreditDecision, "outcome" | "checked_at">> = {},
  now: Date = new Date()
): CreditDecision {
  return {
    outcome,
    error_code: details.error_code ?? null,
    message: details.message ?? null,
    credit_limit: null,
    in_back_office: details.in_back_office ?? null,
    checked_at: now.toISOString(),
  }
}

export function decisionOfStatus(body: AuthorizationStatusBody, now: Date = new Date()): CreditDecision {
  const details = { error_code: body.errorCode ?? null, message: body.errorMessage || null }
  switch (body.status) {
    case undefined:
      return creditDecision("pending_id_validation", { in_back_office: false }, now)
    case 0:
      return creditDecision("approved", { in_back_office: body.inBackOffice === true }, now)
    case 1:
      return creditDecision("rejected", details, now)
    case 2:
      return creditDecision("timed_out", details, now)
    default:
      return creditDecision("failed", details, now)
  }
}

/** True when Avarda will not change its answer any more. */
export function isFinalDecision(decision: CreditDecision): boolean {
  return decision.outcome !== "pending_id_validation" && decision.outcome !== "unknown"
}

/**
 * Whether Avarda's record of an authorization shows it approved for this order reference (taken
 * from Avarda's copy of the credit request we sent; `orderReference` = our payment session id).
 * How the plugin knows an authorization belongs to a session Medusa has already deleted.
 */
export function approvedForOrderReference(body: AuthorizationStatusBody, orderReference: string): boolean {
  return decisionOfStatus(body).outcome === "approved" && body.orderReference === orderReference
}
