/**
 * The admin's capture of a credit payment: Medusa passes no amount to the provider, so the amount
 * the admin asked for is written into the payment as a capture plan — rows per VAT rate, or the
 * authorized rows when it is all — that the provider executes.
 */
import type { BigNumberInput, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { adminCapturePlan, remainingToCaptureMinor, uncapturedByTaxRate, type CapturePlan, type CreditLedger } from "../../lib/avarda/credit-ledger"
import { rowsPerTaxRate } from "../../lib/avarda/vat-rate-rows"
import { sameInvoiceRows, type InvoiceRow } from "../../lib/avarda/invoice-rows"
import { medusaAmountToMinor } from "../../providers/shared/medusa-amount"
import { nextCaptureSequence } from "../../providers/avarda-credit/credit-policies"
import { rowCaptureFamilyOf, type RowCaptureFamily } from "./row-capture-families"
import { writePaymentData } from "../shared/write-payment-data"

const PLAN_LIFETIME_MS = 2 * 60_000

/**
 * Writes the admin's capture of `requested` (default: everything left) into a credit payment as
 * its capture plan. Call it holding the payment's lock: it reads, decides and writes. An amount
 * Medusa is going to refuse plans nothing.
 */
export async function planCreditAdminCapture(container: MedusaContainer, paymentId: string, requested?: BigNumberInput | null): Promise<void> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
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
    ...adminCapturePlan(ledger, rows, adminCaptureTranId(ledger, rows, family), now),
    expires_at: new Date(now + PLAN_LIFETIME_MS).toISOString(),
  }
  const data = payment.data as Record<string, unknown>
  // Medusa merges JSON on update: clear an old plan first so none of its keys survive into this one.
  if (data.capture_plan) await writePaymentData(paymentModule, payment.id, { ...data, capture_plan: null })
  await writePaymentData(paymentModule, payment.id, { ...data, capture_plan: plan })
}

/**
 * The admin's capture goes out under the tranId of their last capture when that one was never
 * recorded and asked for the same rows: the same capture tried again (its answer may have been lost,
 * and Avarda must see it as the same transaction). Any other capture takes the next sequence, past
 * every tranId recorded or planned, so it is never answered as an earlier one.
 */
function adminCaptureTranId(ledger: CreditLedger & { order_reference: string }, rows: InvoiceRow[], family: RowCaptureFamily): string {
  const previous = ledger.capture_plan
  const retried =
    previous?.source === "admin" &&
    !ledger.captures.some((capture) => capture.tran_id === previous.tran_id) &&
    sameInvoiceRows(previous.rows, rows)
  return retried ? previous.tran_id : family.adminTranId(ledger, nextCaptureSequence(ledger))
}
