/**
 * Runs first on Medusa's `POST /admin/payments/:id/capture` (before the plugin's capture planners):
 * the payment id and the amount are checked before anything converts or writes them. For this
 * plugin's payments the amount must also fit the currency (at most its number of decimals: Avarda
 * takes 2, Avirato integer minor units) and what is still capturable — otherwise a plan would be
 * written that Medusa then refuses. Other payments are left to Medusa.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { BigNumberInput, IPaymentModuleService } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { z } from "zod"
import { remainingToCaptureMinor, type CreditLedger } from "../../lib/avarda/credit-ledger"
import { minorToMedusaAmount } from "../../providers/shared/medusa-amount"
import { rowCaptureFamilyOf } from "../../operations/credit/row-capture-families"
import { isPluginProvider } from "../admin-payment-panel/payment-panel-view"
import { paymentId } from "../request-validation/ids"
import { fieldErrorsOf, respondInvalidData } from "../request-validation/invalid-data"
import { adminAmountSchema, amountDecimalsError } from "./admin-amount"

export const adminCaptureParamsSchema = z.object({ id: paymentId })

export const adminCaptureBodySchema = z.object({ amount: adminAmountSchema })

interface CapturedPayment {
  id: string
  provider_id: string
  currency_code: string
  amount: BigNumberInput
  raw_amount?: BigNumberInput | null
  data?: Record<string, unknown> | null
  captured_at?: unknown
  canceled_at?: unknown
  captures?: Array<{ amount: BigNumberInput; raw_amount?: BigNumberInput | null }> | null
}

export async function validateAdminCapture(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  const params = adminCaptureParamsSchema.safeParse(req.params ?? {})
  const body = adminCaptureBodySchema.safeParse(req.body ?? {})
  const errors = [...(params.success ? [] : fieldErrorsOf(params.error, "id")), ...(body.success ? [] : fieldErrorsOf(body.error))]
  if (errors.length || !params.success || !body.success) return respondInvalidData(res, errors)
  const amount = body.data.amount
  if (amount === undefined || amount === null) return next()

  let payment: CapturedPayment
  try {
    const paymentModule = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
    payment = (await paymentModule.retrievePayment(params.data.id, {
      select: ["id", "provider_id", "currency_code", "amount", "raw_amount", "data", "captured_at", "canceled_at"],
      relations: ["captures"],
    })) as unknown as CapturedPayment
  } catch {
    // Unknown payment: Medusa answers it.
    return next()
  }
  if (!isPluginProvider(payment.provider_id) || payment.captured_at || payment.canceled_at) return next()

  const decimals = amountDecimalsError(amount, payment.currency_code)
  if (decimals) return respondInvalidData(res, [decimals])
  const capturable = capturableAmount(payment)
  if (MathBN.gt(amount, capturable)) {
    return respondInvalidData(res, [{ field: "amount", message: `must not be more than what is left to capture (${capturable.toFixed()} ${payment.currency_code.toUpperCase()})` }])
  }
  next()
}

/** Authorized minus captured, in major units; for credit payments the ledger's remainder when it is smaller. */
function capturableAmount(payment: CapturedPayment) {
  const captured = (payment.captures ?? []).reduce<ReturnType<typeof MathBN.convert>>((sum, c) => MathBN.add(sum, c.raw_amount ?? c.amount), MathBN.convert(0))
  const left = MathBN.sub(payment.raw_amount ?? payment.amount, captured)
  if (!rowCaptureFamilyOf(payment.provider_id, payment.data)) return left
  const ledger = minorToMedusaAmount(remainingToCaptureMinor(payment.data as unknown as CreditLedger), payment.currency_code)
  return MathBN.lt(ledger, left) ? MathBN.convert(ledger) : left
}
