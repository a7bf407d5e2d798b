/**
 * The rules both Avarda credit APIs (Authorization API, Standalone Credit) follow alike, as pure
 * functions. README "Credit policies" states them for store owners.
 */
import type { BigNumberInput } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { CreditApplication } from "../../lib/avarda/credit-request-handoff"
import type { CapturePlan, CreditLedger } from "../../lib/avarda/credit-ledger"
import { creditSessionStatusOf } from "../../lib/avarda/credit-session-status"
import { avardaTranId, tranIdOf } from "../avarda/core/tran-id"
import { medusaAmountToMinor } from "../shared/medusa-amount"

/**
 * The credit request was built from the cart before Medusa created the session; when the amount or
 * currency Medusa asks for differs, the cart changed in between. That is a conflict with the cart's
 * current state (HTTP 409): the storefront starts the session again, nothing was sent to Avarda.
 */
export function assertCartUnchanged(application: Pick<CreditApplication, "currency" | "amountMinor">, amount: BigNumberInput, currencyCode: string): void {
  if (application.currency !== currencyCode.toLowerCase() || application.amountMinor !== medusaAmountToMinor(amount, currencyCode)) {
    throw new MedusaError(MedusaError.Types.CONFLICT, "The cart changed while the Avarda payment session was created: create it again")
  }
}

/** The sequence number ending a capture tranId of the plugin's own (`…-c<n>`); 0 for other tranIds (a shipment's fulfillment id). */
function captureSequenceOf(tranId: string): number {
  const match = /-c(\d+)$/.exec(tranId)
  return match ? Number(match[1]) : 0
}

/**
 * The sequence number of the next capture tranId of the plugin's own: past every capture recorded
 * and every capture planned (the pending plans, the last plan written). A planned capture's tranId
 * stays taken whether or not Avarda has it — an attempt whose answer was lost may have been made —
 * so another capture never goes out under it: Avarda would answer it as the earlier one.
 */
export function nextCaptureSequence(ledger: Pick<CreditLedger, "captures" | "pending_captures" | "capture_plan">): number {
  const planned = [...ledger.captures, ...(ledger.pending_captures ?? []), ...(ledger.capture_plan ? [ledger.capture_plan] : [])]
  return Math.max(ledger.captures.length, ...planned.map((entry) => captureSequenceOf(entry.tran_id))) + 1
}

/**
 * TranId of Medusa's own capture of the rest (no capture plan): the next capture sequence. Medusa
 * makes a new capture id for every attempt and deletes it when the provider fails, so its id would
 * let a retry after a lost answer capture twice; the sequence stays the same until a capture is
 * recorded or planned.
 */
export function ownCaptureTranId(ledger: Pick<CreditLedger, "captures" | "pending_captures" | "capture_plan"> & { order_reference: string }): string {
  return avardaTranId(ledger.order_reference, "c", nextCaptureSequence(ledger))
}

/**
 * TranId of a refund: Medusa's refund id (two refunds clicked at once are two refunds at Avarda),
 * else the session's n-th credit. A refund whose answer was lost is recorded unconfirmed under this
 * id and re-sent with it; the admin's next refund, of any amount, has its own id.
 */
export function refundTranId(ledger: { order_reference: string }, refundId: string | undefined, creditsSoFar: number): string {
  return tranIdOf(refundId) ?? avardaTranId(ledger.order_reference, "r", creditsSoFar + 1)
}

/**
 * A capture whose tranId is already recorded was made: running it again would count it twice. The
 * same tranId recorded for another amount is not this capture: it is refused (409), since sending it
 * would be answered as the earlier capture and recording it would book money Avarda never took.
 */
export function isCaptureRecorded(ledger: Pick<CreditLedger, "captures">, plan: Pick<CapturePlan, "tran_id" | "amount_minor">): boolean {
  const recorded = ledger.captures.find((capture) => capture.tran_id === plan.tran_id)
  if (!recorded) return false
  if (recorded.amount_minor !== plan.amount_minor) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Avarda capture ${plan.tran_id} of ${plan.amount_minor} minor units was not sent: that tranId was used for a capture of ${recorded.amount_minor}`
    )
  }
  return true
}

/** The order's reference used by the captures (its display id), else the session id. */
export function orderReferenceForManagement(ledger: Pick<CreditLedger, "captures"> & { order_reference: string }): string {
  return ledger.captures.at(-1)?.order_reference ?? ledger.order_reference
}

/** Medusa session status of a credit decision, as the vendor registry maps it for both Avarda APIs. */
export function sessionStatusOfOutcome(outcome: string): PaymentSessionStatus {
  return creditSessionStatusOf(outcome) as PaymentSessionStatus
}

/** The time stamps of the credit records. */
export const isoNow = (): string => new Date().toISOString()
