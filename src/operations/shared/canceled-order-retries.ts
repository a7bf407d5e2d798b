/**
 * What a cancelled order's payment keeps in its data while the plugin keeps trying to settle it —
 * the cancel (an open payment still reserved at the vendor), the refund (a captured payment the
 * order no longer owes) or the release of an Avarda Standalone purchase's undelivered rest — and
 * when a failed refund is tried again. Read by the workflows that count
 * the attempts, the reconciliation jobs that find them, and the admin's payment panel.
 */
import type { IPaymentModuleService } from "@medusajs/framework/types"
import type { FailedAttempts } from "./failed-attempts"
import { writePaymentData } from "./write-payment-data"

/** Payment data key counting the failed cancels of a cancelled order's payment. */
export const ORDER_CANCEL_FAILURE_KEY = "order_cancel_failure"

/** Payment data key counting the attempts at refunding a cancelled order's captured payment that did not refund it. */
export const CANCELED_ORDER_REFUND_FAILURE_KEY = "canceled_order_refund_failure"

/** Payment data key counting the failed releases of a cancelled order's undelivered Standalone rest (in the current window). */
export const REMAINDER_RELEASE_FAILURE_KEY = "remainder_release_failure"

export type OrderCancelFailure = FailedAttempts
export type CanceledOrderRefundFailure = FailedAttempts

const MINUTE_MS = 60_000
const REFUND_RETRY_MAX_WAIT_MS = 6 * 60 * MINUTE_MS

/**
 * When a failed refund is due again: a while after the last attempt, the while doubling with each
 * attempt (2, 4, 8 … minutes) up to six hours — a vendor that refuses a refund is not asked every
 * minute for days, and one that was down is asked again soon. Undefined for a count without a
 * readable last attempt (due at once).
 */
export function canceledOrderRefundNextAttemptAt(failure: Pick<CanceledOrderRefundFailure, "attempts" | "last_attempt_at">): Date | undefined {
  const last = Date.parse(failure.last_attempt_at)
  if (!Number.isFinite(last)) return undefined
  return new Date(last + Math.min(2 ** Math.min(failure.attempts, 20) * MINUTE_MS, REFUND_RETRY_MAX_WAIT_MS))
}

/** Whether the jobs try a failed refund again at `now`. */
export function canceledOrderRefundRetryDue(failure: Pick<CanceledOrderRefundFailure, "attempts" | "last_attempt_at">, now: Date): boolean {
  const next = canceledOrderRefundNextAttemptAt(failure)
  return !next || now.getTime() >= next.getTime()
}

/**
 * Once a cancelled order's payment owes nothing more (refunded by the plugin or by the admin), its
 * count of failed refunds is removed: the jobs stop trying, the admin's panel stops showing it.
 * `data` is the payment's data as just read under its lock; nothing is written without a count.
 */
export async function removeCanceledOrderRefundCount(paymentModule: IPaymentModuleService, paymentId: string, data: Record<string, unknown>): Promise<boolean> {
  if (!data[CANCELED_ORDER_REFUND_FAILURE_KEY]) return false
  await writePaymentData(paymentModule, paymentId, { ...data, [CANCELED_ORDER_REFUND_FAILURE_KEY]: null })
  return true
}
