/**
 * Runs before Medusa's `POST /admin/payments/:id/capture` for credit payments: Medusa passes no
 * amount to the provider, so the amount the admin asked for (default: everything left) is written
 * into the payment as a capture plan — rows per VAT rate, or the authorized rows when it is all —
 * that the provider executes. Other payments pass through untouched.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { BigNumberInput, IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { adminCapturePlan, remainingToCaptureMinor, uncapturedByTaxRate, type CapturePlan, type CreditLedger } from "../../lib/avarda/credit-ledger"
import { rowsPerTaxRate } from "../../lib/avarda/vat-rate-rows"
import { medusaAmountToMinor } from "../../providers/shared/medusa-amount"
import { rowCaptureFamilyOf } from "../../operations/credit/row-capture-families"
import { holdPaymentLockUntilResponse } from "../../operations/shared/payment-lock"
import { writePaymentData } from "../../operations/shared/write-payment-data"

const PLAN_LIFETIME_MS = 2 * 60_000

export async function planAdminCapture(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): Promise<void> {
  try {
    const paymentModule = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const paymentId = req.params.id!
    const { provider_id, data } = await paymentModule.retrievePayment(paymentId, { select: ["id", "provider_id", "data"] })
    if (!rowCaptureFamilyOf(provider_id, data)) return next()
    // The payment's lock is held until Medusa's capture route has answered: a shipment's capture in
    // the worker may be planning at the same moment, and must neither plan in between nor see a
    // half-done capture. The plan is decided on the data as read inside the lock.
    await holdPaymentLockUntilResponse(req.scope, paymentId, res)
    await writeAdminCapturePlan(paymentModule, paymentId, (req.body as { amount?: BigNumberInput } | undefined)?.amount)
    next()
  } catch (error) {
    next(error)
  }
}

async function writeAdminCapturePlan(paymentModule: IPaymentModuleService, paymentId: string, requested: BigNumberInput | undefined): Promise<void> {
  const payment = await paymentModule.retrievePayment(paymentId, { select: ["id", "provider_id", "currency_code", "data", "captured_at", "canceled_at"] })
  const family = rowCaptureFamilyOf(payment.provider_id, payment.data)
  if (!family || payment.captured_at || payment.canceled_at) return
  const ledger = payment.data as unknown as CreditLedger & { order_reference: string }
  const remaining = remainingToCaptureMinor(ledger)
  const amountMinor = requested === undefined || requested === null ? remaining : medusaAmountToMinor(requested, payment.currency_code)
  // Let Medusa answer impossible amounts with its own validation errors.
  if (amountMinor <= 0 || amountMinor > remaining) return
  const rows =
    ledger.captures.length === 0 && amountMinor === ledger.amount_minor
      ? ledger.rows
      : rowsPerTaxRate(amountMinor, uncapturedByTaxRate(ledger), { kind: "delivery", description: "Delivery" })
  const now = Date.now()
  const plan: CapturePlan = {
    ...adminCapturePlan(ledger, rows, family.adminTranId(ledger, ledger.captures.length + 1), now),
    expires_at: new Date(now + PLAN_LIFETIME_MS).toISOString(),
  }
  const data = payment.data as Record<string, unknown>
  // Medusa merges JSON on update: clear an old plan first so none of its keys survive into this one.
  if (data.capture_plan) await writePaymentData(paymentModule, payment.id, { ...data, capture_plan: null })
  await writePaymentData(paymentModule, payment.id, { ...data, capture_plan: plan })
}
