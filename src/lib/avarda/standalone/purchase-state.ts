/**
 * What a CheckOut2 purchase's `State` (CheckOutPurchaseState) means for the shop: only
 * 2 = Completed is an approved credit. The decision is stored in payment data (admin-visible) with
 * the same outcome words as the Authorization API providers, so the admin panel reads both alike.
 */
export const PURCHASE_STATES: Record<number, string> = {
  0: "New",
  1: "BeingProcessed",
  2: "Completed",
  3: "Error",
  4: "WaitingForSignicat",
  5: "SessionTimedOut",
  6: "WaitingForCardPayments",
  7: "WaitingForBankId",
  8: "Cancelled",
  9: "WaitingForFinnishDirectPayment",
  10: "WaitingCreditApproval",
  11: "CreditNotApproved",
  12: "WaitingForSwishPayment",
  13: "PaymentHandledByMerchant",
  99: "Unknown",
}
import { shopperMessage, type ShopperLanguage, type ShopperMessageKey } from "../shopper-messages"

export const COMPLETED_STATE = 2

export type StandaloneDecisionOutcome =
  /** State 2, or an immediate approval. */
  | "approved"
  /** The shopper has not finished the electronic ID yet (or Avarda is still deciding). */
  | "pending_id_validation"
  /** Credit not approved (30154, State 11). */
  | "rejected"
  /** The electronic ID was not done in time (State 5). */
  | "timed_out"
  /** Cancelled on the electronic-ID page or with CancelPayment (State 8). */
  | "cancelled"
  /** Technical error at Avarda (State 3, HTTP 5xx). */
  | "failed"
  /** Avarda's answer never arrived: it may have decided. */
  | "unknown"

export interface StandaloneDecision {
  outcome: StandaloneDecisionOutcome
  /** `State` of the last GetPaymentStatus. */
  state?: number
  state_name?: string
  /** Avarda's code; a number when numeric (e.g. 30154), as the admin panel shows it. */
  error_code?: number | string
  /** Text for the shopper (Avarda's `LocalizedErrorMessage` where it gave one). */
  message?: string
  /**
   * Never kept: the credit limit Avarda grants is the person's financial data, and session data is
   * public (Medusa's store routes return it to whoever holds the cart). Written as null, which clears
   * a value an earlier version wrote (Medusa merges JSON data on update).
   */
  credit_limit?: null
  checked_at: string
}

const WAITING = new Set([0, 1, 4, 6, 7, 9, 10, 12])

export function outcomeOfState(state: number): StandaloneDecisionOutcome {
  if (state === COMPLETED_STATE) return "approved"
  if (WAITING.has(state)) return "pending_id_validation"
  if (state === 5) return "timed_out"
  if (state === 8) return "cancelled"
  if (state === 11) return "rejected"
  if (state === 99) return "unknown"
  return "failed"
}

const MESSAGES: Partial<Record<StandaloneDecisionOutcome, ShopperMessageKey>> = {
  pending_id_validation: "identification_not_finished",
  rejected: "credit_not_approved",
  timed_out: "identification_timed_out",
  cancelled: "identification_cancelled",
  failed: "payment_not_completed_by_avarda",
}

/** The decision for a purchase State, its shopper text in the purchase's language (see shopper-messages.ts). */
export function decisionOfState(state: number, language: ShopperLanguage, now: Date = new Date()): StandaloneDecision {
  const outcome = outcomeOfState(state)
  const message = MESSAGES[outcome]
  return {
    outcome,
    state,
    state_name: PURCHASE_STATES[state] ?? `State ${state}`,
    ...(message ? { message: shopperMessage(message, language) } : {}),
    checked_at: now.toISOString(),
  }
}

/** A code as the decision stores it: a number when it is one. */
export function errorCodeValue(code: string | undefined): number | string | undefined {
  if (code === undefined) return undefined
  return /^\d+$/.test(code) ? Number(code) : code
}
