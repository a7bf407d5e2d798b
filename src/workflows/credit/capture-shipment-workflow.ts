/**
 * Capture on shipment for credit payments, as a workflow:
 *
 * 1. find — the order's uncaptured credit payment whose method captures on shipment; without one,
 *    the workflow ends `skipped` and locks nothing.
 * 2. lock — the payment's lock (acquirePaymentLockStep), so that two deliveries of the event, or
 *    two processes, plan one after the other.
 * 3. plan — inside the lock, with the shipment, the order and the payment's data read again, the
 *    shipped lines become a capture plan in the payment's pending captures (or the shipment is
 *    recorded for the admin and nothing is planned). Compensation: a plan that never ran is
 *    withdrawn and the payment's data is as before it; a plan that may have reached the vendor
 *    stays (see withdrawShipmentPlan).
 * 4. unlock, then tell the admin about a shipment recorded for them.
 * 5. capture — the plan runs through Medusa's capture workflow under the payment's lock, taken
 *    again by the capture itself. A vendor capture cannot be taken back, so this step has no
 *    compensation: what the vendor booked is recorded on the payment by the capture itself, and a
 *    capture that failed or was cut off stays pending with its error — the record the
 *    reconciliation job resumes (with the same vendor transaction id, so the vendor books it once)
 *    and the admin sees. An error the capture does not recognise (no lock, the database gone)
 *    therefore ends the step as `postponed` too, instead of failing the workflow into withdrawing a
 *    plan whose capture may be under way.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"
import {
  executeShipmentCapture,
  findShipmentCreditPayment,
  notifyShipmentAttention,
  planShipmentCaptureLocked,
  withdrawShipmentPlan,
  type ShipmentCapturePlanning,
  type ShipmentCaptureResult,
  type ShipmentPaymentLookup,
} from "./capture-shipment"

export interface CaptureShipmentInput {
  /** The shipment's fulfillment (`ful_…`). */
  fulfillment_id: string
}

type FoundPayment = Extract<ShipmentPaymentLookup, { status: "found" }>

export const findShipmentCreditPaymentStep = createStep(
  "find-credit-shipment-payment",
  async (input: CaptureShipmentInput, { container }) => new StepResponse(await findShipmentCreditPayment(container, input.fulfillment_id))
)

/** Runs inside the payment's lock (acquirePaymentLockStep before it, releasePaymentLockStep after). */
export const planShipmentCaptureStep = createStep(
  "plan-credit-shipment-capture",
  async (found: FoundPayment, { container }) => {
    const planning = await planShipmentCaptureLocked(container, found)
    return new StepResponse(planning, planning.status === "planned" ? planning : undefined)
  },
  async (planned, { container }) => {
    if (!planned) return
    await withdrawShipmentPlan(container, planned.paymentId, planned.planId, planned.undo)
  }
)

export const notifyShipmentAttentionStep = createStep(
  "notify-credit-shipment-attention",
  async (planning: ShipmentCapturePlanning, { container }) => {
    await notifyShipmentAttention(container, planning)
    return new StepResponse(undefined)
  }
)

/** Runs the planned capture; see the file's comment for why it never fails the workflow. */
export async function runPlannedCapture(container: MedusaContainer, planning: ShipmentCapturePlanning): Promise<ShipmentCaptureResult> {
  if (planning.status === "skipped") return { status: "skipped", reason: planning.reason }
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
  const found = findShipmentCreditPaymentStep(input)
  const captured = when("credit-shipment-has-payment-to-capture", { found }, ({ found }) => found.status === "found").then(() => {
    const payment = transform({ found }, ({ found }) => found as FoundPayment)
    const lock = acquirePaymentLockStep(transform({ payment }, ({ payment }) => ({ payment_id: payment.paymentId })))
    const planning = planShipmentCaptureStep(payment)
    releasePaymentLockStep(lock)
    notifyShipmentAttentionStep(planning)
    return captureShipmentPlanStep(planning)
  })
  return new WorkflowResponse(
    transform({ found, captured }, ({ found, captured }): ShipmentCaptureResult => captured ?? (found as Extract<ShipmentPaymentLookup, { status: "skipped" }>))
  )
})
