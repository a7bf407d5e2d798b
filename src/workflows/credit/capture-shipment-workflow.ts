/**
 * Capture on shipment for credit payments, as a workflow of two steps:
 *
 * 1. plan — the shipped lines become a capture plan in the payment's pending captures (or the
 *    shipment is recorded for the admin and nothing is planned). Compensation: a plan that never ran
 *    is withdrawn and the payment's data is as before it; a plan that may have reached the vendor
 *    stays (see withdrawShipmentPlan).
 * 2. capture — the plan runs through Medusa's capture workflow under the payment's lock. A vendor
 *    capture cannot be taken back, so this step has no compensation: what the vendor booked is
 *    recorded on the payment by the capture itself, and a capture that failed or was cut off stays
 *    pending with its error — the record the reconciliation job resumes (with the same vendor
 *    transaction id, so the vendor books it once) and the admin sees. An error the capture does not
 *    recognise (no lock, the database gone) therefore ends the step as `postponed` too, instead of
 *    failing the workflow into withdrawing a plan whose capture may be under way.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  executeShipmentCapture,
  planShipmentCapture,
  withdrawShipmentPlan,
  type ShipmentCapturePlanning,
  type ShipmentCaptureResult,
} from "./capture-shipment"

export interface CaptureShipmentInput {
  /** The shipment's fulfillment (`ful_…`). */
  fulfillment_id: string
}

export const planShipmentCaptureStep = createStep(
  "plan-credit-shipment-capture",
  async (input: CaptureShipmentInput, { container }) => {
    const planning = await planShipmentCapture(container, input.fulfillment_id)
    return new StepResponse(planning, planning.status === "planned" ? planning : undefined)
  },
  async (planned, { container }) => {
    if (!planned) return
    await withdrawShipmentPlan(container, planned.paymentId, planned.planId, planned.undo)
  }
)

/** Runs the planned capture; see the file's comment for why it never fails the workflow. */
export async function runPlannedCapture(container: MedusaContainer, planning: ShipmentCapturePlanning): Promise<ShipmentCaptureResult> {
  if (planning.status === "skipped") return planning
  try {
    return await executeShipmentCapture(container, planning)
  } catch (error) {
    const message = (error as Error).message
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Capture on shipment ${planning.fulfillmentId} postponed: ${message}`)
    return { status: "postponed", paymentId: planning.paymentId, amountMinor: planning.amountMinor, error: message }
  }
}

export const captureShipmentPlanStep = createStep(
  "capture-credit-shipment-plan",
  async (planning: ShipmentCapturePlanning, { container }) => new StepResponse(await runPlannedCapture(container, planning))
)

/**
 * Captures a shipment of an order paid on credit: the shipped lines (and, with the first shipment,
 * shipping, gift cards and the rounding row). A repeated event for the same shipment plans nothing
 * twice; a capture the vendor is not ready for is made later by the reconciliation job.
 */
export const captureShipmentWorkflow = createWorkflow("capture-credit-shipment", (input: CaptureShipmentInput) => {
  const planning = planShipmentCaptureStep(input)
  const result = captureShipmentPlanStep(planning)
  return new WorkflowResponse(transform({ result }, ({ result }) => result))
})
