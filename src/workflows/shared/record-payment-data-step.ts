import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { writePaymentData } from "../../operations/shared/write-payment-data"

/** What a vendor step answers: the payment's data that records the vendor's answers, or null for nothing to record. */
export interface PaymentDataToRecord {
  payment_id: string
  data: Record<string, unknown> | null
}

/**
 * Records what the vendor answered in the payment's data — the last step before the lock is
 * released. No compensation: what it records already happened at the vendor and must not be undone
 * by a failure after it. When it fails itself, the data stays as before, and the work the vendor
 * answered stays open for the next run to re-send with the same key.
 */
export const recordPaymentDataStep = createStep(
  "record-avarda-avirato-payment-data",
  async (answers: PaymentDataToRecord, { container }) => {
    if (answers.data) await writePaymentData(container.resolve<IPaymentModuleService>(Modules.PAYMENT), answers.payment_id, answers.data)
    return new StepResponse(undefined)
  }
)
