/**
 * Medusa's payment module records a capture in three separate writes: the capture row, then the
 * provider call (which returns the plugin's record of the capture in the payment data), then
 * `captured_at` and the payment collection's status. A process that dies in between leaves a
 * capture row the provider never reported back: Medusa then believes the amount is captured (it
 * refuses to capture it again, "Capture amount must be greater than 0."), while the payment is not
 * marked captured and the plugin's record has no such capture.
 *
 * This decides, for the plan about to run, what such rows are. Pure: no Medusa or vendor calls.
 */
import type { BigNumberInput } from "@medusajs/framework/types"
import { activeCapturePlan, capturedMinor, type CapturePlan, type CreditLedger } from "../../lib/avarda/credit-ledger"
import { medusaAmountToMinor } from "../../providers/shared/medusa-amount"

export interface CaptureRow {
  id: string
  amount: BigNumberInput
  raw_amount?: unknown
}

export type InterruptedCapture =
  /** Every Medusa capture row is in the plugin's record: nothing was interrupted. */
  | { kind: "none" }
  /**
   * The rows are this plan's own run, cut off before the provider answered. Resume it the way
   * Medusa undoes a capture whose provider call did not complete — delete the rows — and run the
   * plan again through Medusa's capture: the vendor gets the plan's same transaction id, so a
   * capture it already booked is answered as done and never booked twice, and Medusa records the
   * capture, `captured_at`, the collection status and the order transaction once.
   */
  | { kind: "resume"; captureIds: string[] }
  /** Another capture (an admin's, not run under the payment's lock) may be in flight right now. */
  | { kind: "busy"; reason: string }
  /** Rows that belong to no plan this can tell: they are left for the admin, nothing is sent. */
  | { kind: "unexplained"; reason: string }

function rowMinor(row: CaptureRow, currency: string): number {
  return medusaAmountToMinor((row.raw_amount ?? row.amount) as BigNumberInput, currency)
}

/**
 * @param planMinor the plan's amount in Medusa (minor units): what its interrupted run recorded.
 */
export function interruptedCaptureOf(
  payment: { currency_code: string; captures?: CaptureRow[] | null },
  ledger: Pick<CreditLedger, "captures" | "capture_plan">,
  plan: CapturePlan,
  planMinor: number,
  now: Date = new Date()
): InterruptedCapture {
  const rows = payment.captures ?? []
  const medusaMinor = rows.reduce((sum, row) => sum + rowMinor(row, payment.currency_code), 0)
  if (medusaMinor <= capturedMinor(ledger)) return { kind: "none" }
  const recorded = new Set(ledger.captures.map((c) => c.capture_id).filter(Boolean))
  const unrecorded = rows.filter((row) => !recorded.has(row.id))
  const unrecordedMinor = unrecorded.reduce((sum, row) => sum + rowMinor(row, payment.currency_code), 0)
  const describe = `Medusa has capture(s) of ${unrecordedMinor} minor units (${unrecorded.map((r) => r.id).join(", ")}) the provider never reported`
  // Set just before this plan's capture ran, under the payment's lock: the rows are that run's.
  if (ledger.capture_plan?.id === plan.id) {
    if (unrecordedMinor === planMinor) return { kind: "resume", captureIds: unrecorded.map((r) => r.id) }
    return { kind: "unexplained", reason: `${describe}; plan ${plan.tran_id} is of ${planMinor}` }
  }
  const other = activeCapturePlan(ledger, now)
  if (other) return { kind: "busy", reason: `${describe}; capture ${other.tran_id} may still be running` }
  // The plan marker was cleared since (an older retry that failed on these rows): the amount must match.
  if (unrecordedMinor === planMinor) return { kind: "resume", captureIds: unrecorded.map((r) => r.id) }
  return { kind: "unexplained", reason: `${describe}; plan ${plan.tran_id} is of ${planMinor}` }
}
