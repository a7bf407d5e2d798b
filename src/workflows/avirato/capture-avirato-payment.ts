import type { BigNumberInput, IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { planAviratoCapture } from "../../operations/avirato/plan-capture"

export interface CaptureAviratoPaymentInput {
  payment_id: string
  /** Major units; omitted = the uncaptured rest. */
  amount?: BigNumberInput
  captured_by?: string
}

const planAviratoCaptureStep = createStep(
  "plan-avirato-capture",
  async (input: CaptureAviratoPaymentInput, { container }) => {
    const previous = await planAviratoCapture(container, input.payment_id, input.amount)
    return new StepResponse(undefined, previous ? { paymentId: input.payment_id, previous } : undefined)
  },
  async (compensation, { container }) => {
    if (!compensation) return
    await writePaymentData(container.resolve<IPaymentModuleService>(Modules.PAYMENT), compensation.paymentId, compensation.previous)
  }
)

/**
 * Captures (all or part of) a payment; for an Avirato pre-authorisation the amount reaches Avirato
 * through the capture plan. Used by capture on shipment; works for any provider.
 */
export const captureAviratoPaymentWorkflow = createWorkflow("capture-avirato-payment", (input: CaptureAviratoPaymentInput) => {
  planAviratoCaptureStep(input)
  const payment = capturePaymentWorkflow.runAsStep({ input })
  return new WorkflowResponse(payment)
})
