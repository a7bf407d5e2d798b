/**
 * Avirato answers a capture, refund, cancel or extension with 202 and reports its outcome later by
 * webhook; by then Medusa has recorded the capture or refund as done. A modification Avirato reports
 * as failed is kept on the payment's history with its reason, the admin is alerted, and the order's
 * payment panel keeps showing it — each with what the admin should do about it.
 */
import { MODIFICATION_HISTORIES, readPaymentData, type ModificationHistory, type ModificationRecord } from "./payment-data"

/** What each history holds, in the admin's words. */
export const MODIFICATION_LABEL: Record<ModificationHistory, string> = {
  captures: "capture",
  refunds: "refund",
  cancellations: "cancellation",
  extensions: "extension",
}

/** What the admin should do about a failed modification (Medusa already recorded it as done). */
export const FAILED_MODIFICATION_NEXT_STEP: Record<ModificationHistory, string> = {
  captures: "Medusa records the capture, but Avirato did not take the money: check the authorisation in the Avirato dashboard (it may have expired) and collect the amount another way.",
  refunds: "Medusa records the refund, but the customer has not been paid back: refund them another way.",
  cancellations: "The authorisation is still open at Avirato: cancel it in the Avirato dashboard.",
  extensions: "The authorisation was not extended: capture it before it expires.",
}

export interface FailedModification {
  history: ModificationHistory
  record: ModificationRecord
}

/** The modifications Avirato reported as failed, in the order of the histories and, within one, as requested. */
export function failedModificationsOf(data: Record<string, unknown> | undefined): FailedModification[] {
  const histories = readPaymentData(data)
  return MODIFICATION_HISTORIES.flatMap((history) => histories[history].filter((record) => record?.status === "failed").map((record) => ({ history, record })))
}
