/**
 * Runs first on Medusa's `POST /admin/payments/:id/capture` (before the plugin's capture planners):
 * the payment id and the amount are checked before anything converts or writes them. For this
 * plugin's payments the amount must also fit the currency (at most its number of decimals: Avarda
 * takes 2, Avirato integer minor units) and what is still capturable — otherwise a plan would be
 * written that Medusa then refuses. Other payments are left to Medusa.
 */
import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { z } from "zod"
import { remainingToCaptureMinor, type CreditLedger } from "../../lib/avarda/credit-ledger"
import { minorToMedusaAmount } from "../../providers/shared/medusa-amount"
import { rowCaptureFamilyOf } from "../../operations/credit/row-capture-families"
import { adminAmountSchema, checkAdminAmount, type AdminAmountPayment } from "./admin-amount"

export const adminCaptureBodySchema = z.object({ amount: adminAmountSchema })

interface CapturedPayment extends AdminAmountPayment {
  amount: BigNumberInput
  raw_amount?: BigNumberInput | null
  data?: Record<string, unknown> | null
  captured_at?: unknown
  canceled_at?: unknown
  captures?: Array<{ amount: BigNumberInput; raw_amount?: BigNumberInput | null }> | null
}

export const validateAdminCapture = checkAdminAmount<CapturedPayment>({
  bodySchema: adminCaptureBodySchema,
  read: { select: ["amount", "raw_amount", "data", "captured_at", "canceled_at"], relations: ["captures"] },
  // A captured or cancelled payment is Medusa's to refuse.
  judges: (payment) => !payment.captured_at && !payment.canceled_at,
  check: (amount, payment) => {
    const capturable = capturableAmount(payment)
    if (!MathBN.gt(amount, capturable)) return undefined
    return { field: "amount", message: `must not be more than what is left to capture (${capturable.toFixed()} ${payment.currency_code.toUpperCase()})` }
  },
})

/** Authorized minus captured, in major units; for credit payments the ledger's remainder when it is smaller. */
function capturableAmount(payment: CapturedPayment) {
  const captured = (payment.captures ?? []).reduce<ReturnType<typeof MathBN.convert>>((sum, c) => MathBN.add(sum, c.raw_amount ?? c.amount), MathBN.convert(0))
  const left = MathBN.sub(payment.raw_amount ?? payment.amount, captured)
  if (!rowCaptureFamilyOf(payment.provider_id, payment.data)) return left
  const ledger = minorToMedusaAmount(remainingToCaptureMinor(payment.data as unknown as CreditLedger), payment.currency_code)
  return MathBN.lt(ledger, left) ? MathBN.convert(ledger) : left
}
