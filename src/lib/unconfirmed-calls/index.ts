/**
 * Vendor calls recorded without a readable answer. A capture, refund or cancellation whose answer
 * was lost (no answer in time, a cut connection, a 5xx) may or may not have been applied, so the
 * provider records it in the payment's `data` with an `unconfirmed` mark, and the reconciliation
 * job sends it again under the same transaction id or idempotency key (applied once by the vendor)
 * until the vendor answers. Each vendor family says once, in its registry entry, under which keys
 * of the data it records such calls; the jobs and the order's payment panel read them here.
 */

/** What was sent, in the admin's words. */
export type UnconfirmedOperation = "capture" | "return" | "refund" | "release of the rest" | "cancellation"

/** The mark a provider puts on a call it got no readable answer to. */
export interface UnconfirmedMark {
  since: string
  attempts: number
  last_error: string
  /** The vendor refused the call when it was sent again: nothing sends it any more. */
  failed?: boolean
}

export interface RecordedUnconfirmedCall {
  operation: UnconfirmedOperation
  /** The call's amount in minor units, when it has one (a cancellation has none). */
  amount_minor: number | null
  unconfirmed: UnconfirmedMark
}

/**
 * Where one vendor family records its calls in the payment data, by operation: the key of a list of
 * records (`captures`, `refunds`, …) or of a single record (`cancellation`), in display order.
 */
export type UnconfirmedCallPlaces = Partial<Record<UnconfirmedOperation, string>>

type RecordWithMark = { unconfirmed?: unknown; amount?: unknown; amount_minor?: unknown }

function markOf(record: RecordWithMark | null | undefined): UnconfirmedMark | undefined {
  const mark = record?.unconfirmed as Partial<UnconfirmedMark> | null | undefined
  return mark && typeof mark === "object" && typeof mark.attempts === "number" ? (mark as UnconfirmedMark) : undefined
}

/** Every call recorded as unconfirmed under `places`, including those the vendor refused when re-sent. */
export function unconfirmedCallsIn(data: Record<string, unknown> | null | undefined, places: UnconfirmedCallPlaces): RecordedUnconfirmedCall[] {
  if (!data) return []
  const entries = Object.entries(places) as Array<[UnconfirmedOperation, string]>
  return entries.flatMap(([operation, key]) => {
    const value = data[key]
    const records = (Array.isArray(value) ? value : value && typeof value === "object" ? [value] : []) as RecordWithMark[]
    return records.flatMap((record) => {
      const unconfirmed = markOf(record)
      if (!unconfirmed) return []
      // Avarda's records carry `amount_minor`; Avirato's `amount` is already in minor units.
      const amount = typeof record.amount_minor === "number" ? record.amount_minor : typeof record.amount === "number" ? record.amount : null
      return [{ operation, amount_minor: amount, unconfirmed }]
    })
  })
}

/** A call the reconciliation job still sends again (the vendor has not refused it). */
export function awaitingResend(call: RecordedUnconfirmedCall): boolean {
  return !call.unconfirmed.failed
}
