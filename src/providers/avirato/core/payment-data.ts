import { withExtendedAuthorization, type AuthorizationExpiryData } from "../../../lib/authorization-expiry"
import type { AviratoCaptureMode, AviratoEnvironment } from "../../../lib/avirato"

/**
 * What the provider keeps in Medusa's payment session / payment `data`. Session data is returned to
 * the storefront, so nothing here is secret. Amounts are integer minor units of `currency`.
 */
export interface AviratoPaymentData extends Record<string, unknown>, AuthorizationExpiryData {
  /** Medusa payment session id (injected by the Payment Module; also our customReference). */
  session_id: string
  avirato_session_id: string
  /** Hosted payment page: the storefront redirects the shopper here. */
  payment_url: string
  environment: AviratoEnvironment
  mode: AviratoCaptureMode
  amount: number
  currency: string
  /** Avirato session status last seen (pending, completed, failed, …). */
  session_status: string
  /**
   * What the last confirmation with Avirato (GET payment/session at authorisation) found, so the
   * return route can tell the shopper why a payment was not accepted without asking again.
   */
  confirmation?: SessionConfirmation
  /** The real payment, once the session completed; modifications act on it. */
  payment_reference?: string
  captures: ModificationRecord[]
  refunds: ModificationRecord[]
  cancellations: ModificationRecord[]
  extensions: ModificationRecord[]
  /** Written just before a partial capture (see capture-amount-plan.ts); consumed by capturePayment. */
  capture_amount_plan?: CaptureAmountPlan | null
  /** Written just before a refund with a mapped reason (see refund-plan.ts); consumed by refundPayment. */
  refund_plan?: { reason: string; created_at: string } | null
}

export interface SessionConfirmation {
  /** SessionOutcome kind: paid, awaiting_shopper, failed, expired, cancelled or unknown. */
  outcome: string
  /** Status of the shopper's last attempt on the page (refused, error, …), while awaiting the shopper. */
  last_attempt_status?: string
  /** When Avirato was asked (ISO 8601). */
  at: string
}

export type ModificationStatus = "requested" | "succeeded" | "failed"

export interface ModificationRecord {
  /** Idempotency-Key sent to Avirato (Medusa's capture/refund/payment id, or our own). */
  idempotency_key: string
  amount?: number
  reason?: string
  /** Avirato's modificationReference from the 202 answer. */
  reference?: string
  status: ModificationStatus
  requested_at: string
  settled_at?: string
  failure_reason?: string
  /**
   * Booked from Avirato's success webhook alone: the call that made it never got its answer (a lost
   * answer after every retry), so no Medusa capture/refund holds it yet. The admin's next capture
   * adopts it instead of asking Avirato again.
   */
  observed_from_webhook?: boolean
  /**
   * A refund Avirato never answered readably (no answer after every retry, a 5xx): it may have been
   * made. It stays recorded for its amount, and the reconciliation job re-sends it with the same
   * Idempotency-Key (Avirato applies a key once) until Avirato answers with its reference.
   */
  unconfirmed?: { since: string; attempts: number; last_error: string }
}

export interface CaptureAmountPlan {
  /** Minor units to capture. */
  amount: number
  created_at: string
}

export const MODIFICATION_HISTORIES = ["captures", "refunds", "cancellations", "extensions"] as const
export type ModificationHistory = (typeof MODIFICATION_HISTORIES)[number]

/** Reads our data defensively: histories default to empty lists. */
export function readPaymentData(data: Record<string, unknown> | undefined): Partial<AviratoPaymentData> & {
  captures: ModificationRecord[]
  refunds: ModificationRecord[]
  cancellations: ModificationRecord[]
  extensions: ModificationRecord[]
} {
  const source = (data ?? {}) as Partial<AviratoPaymentData>
  return {
    ...source,
    captures: Array.isArray(source.captures) ? source.captures : [],
    refunds: Array.isArray(source.refunds) ? source.refunds : [],
    cancellations: Array.isArray(source.cancellations) ? source.cancellations : [],
    extensions: Array.isArray(source.extensions) ? source.extensions : [],
  }
}

/** Sum of the amounts of records that did not fail. */
export function activeTotal(records: ModificationRecord[]): number {
  return records.filter((r) => r.status !== "failed").reduce((sum, r) => sum + (r.amount ?? 0), 0)
}

/**
 * Applies a modification's outcome (from its webhook) to the matching record, found by Avirato's
 * modificationReference. Returns undefined when nothing changes (unknown reference, or the record
 * already has this outcome), so duplicates and replays are no-ops. Moves only forward: a success
 * never overrides a recorded failure, but a failure reported after a success (e.g. REFUND_FAILED
 * after REFUND, as with Adyen) is recorded, so it stays visible.
 */
export function settleModification(
  data: Record<string, unknown>,
  history: ModificationHistory,
  reference: string,
  outcome: { success: boolean; reason?: string; at: string }
): Record<string, unknown> | undefined {
  const current = readPaymentData(data)
  const records = current[history]
  const index = records.findIndex((r) => r.reference === reference)
  const status = index === -1 ? undefined : records[index].status
  if (!status || status === "failed" || (status === "succeeded" && outcome.success)) return undefined
  const updated: ModificationRecord = {
    ...records[index],
    status: outcome.success ? "succeeded" : "failed",
    settled_at: outcome.at,
    ...(outcome.success ? {} : { failure_reason: outcome.reason ?? "reported as failed by Avirato" }),
  }
  const settled = { ...data, [history]: records.map((r, i) => (i === index ? updated : r)) }
  // A successful extension gives the pre-authorisation a full lifetime from when Avirato made it.
  return history === "extensions" && outcome.success ? withExtendedAuthorization(settled, "avirato-preauth", new Date(outcome.at)) : settled
}

/** An extension requested less than this long ago (and not failed) is the one a key-less request asks for. */
export const EXTENSION_COALESCE_MS = 10 * 60_000

export function extensionJustRequested(extensions: ModificationRecord[], now: Date): boolean {
  const last = extensions.at(-1)
  if (!last || last.status === "failed") return false
  const age = now.getTime() - Date.parse(last.requested_at)
  return age >= 0 && age < EXTENSION_COALESCE_MS
}
