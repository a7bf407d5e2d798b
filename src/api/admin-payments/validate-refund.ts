/**
 * Runs first on Medusa's `POST /admin/payments/:id/refund` (before the payment's lock and the
 * vendors' refund planners): the payment id, the refund reason and the amount are checked before
 * anything reads or writes them. For this plugin's payments the amount must also fit the currency
 * (Avarda takes 2 decimals, Avirato integer minor units): Medusa would record 10.005 while the vendor
 * refunded 10.01, or record 0.004 while nothing reached the vendor. What may be refunded at all is
 * Medusa's to answer (captured minus refunded).
 */
import { z } from "zod"
import { adminAmountSchema, checkAdminAmount } from "./admin-amount"

/** A refund reason id, or empty (the admin sends "" when no reason was picked). */
export const refundReasonId = z.string().regex(/^(refr_[0-9A-Z]{26})?$/, "must be a refund reason id (refr_ followed by 26 letters and digits)")

/** What the plugin checks of the body; Medusa's own validator checks the rest (note, the amount's type). */
export const adminRefundBodySchema = z.object({
  amount: adminAmountSchema,
  refund_reason_id: refundReasonId.optional().nullable(),
})

export const validateAdminRefund = checkAdminAmount({ bodySchema: adminRefundBodySchema, read: { select: [] } })
