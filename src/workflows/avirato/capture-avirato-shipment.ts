/**
 * Capture on shipment of an Avirato pre-authorisation, once everything has shipped: Avirato
 * captures a pre-authorisation once (a partial capture releases the rest), so it takes the shipped
 * value — less than authorised when items were removed from the order. When the order has other
 * payments (an order edit's), it takes only what the shipped value still lacks after what they
 * captured.
 */
import type { BigNumberInput, IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { readPaymentData } from "../../providers/avirato/core/payment-data"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"
import { captureAviratoPaymentWorkflow } from "./capture-avirato-payment"

export interface CaptureAviratoShipmentInput {
  payment_id: string
  /** The order the payment pays (through any of its payment collections). */
  order_id: string
  /** What the order's shipments are worth, in major units (all items shipped). */
  shipped_total: number
  currency_code: string
}

type CaptureRow = { raw_amount?: BigNumberInput | null; amount?: BigNumberInput | null }
type OrderCapturesRow = { payment_collections?: Array<{ payments?: Array<{ captures?: CaptureRow[] | null } | null> | null } | null> | null }

/** What the order's payments (every provider's, every payment collection's) have captured so far, in major units. */
async function capturedForOrder(container: MedusaContainer, orderId: string) {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ["id", "payment_collections.payments.captures.raw_amount"],
    filters: { id: orderId },
  })
  const captures = ((data[0] as OrderCapturesRow | undefined)?.payment_collections ?? [])
    .flatMap((collection) => collection?.payments ?? [])
    .flatMap((payment) => payment?.captures ?? [])
  return captures.reduce((total, capture) => MathBN.add(total, capture.raw_amount ?? capture.amount ?? 0), MathBN.convert(0))
}

/**
 * Under the payment's lock, with the payment read again (the event may be delivered twice, and an
 * admin may capture at the same moment): still uncaptured and not cancelled? Then what the shipped
 * value still lacks after the order's captures, read here as well (the order's other payments, and
 * those this shipment captured a moment ago), at most what was authorised; nothing when the order's
 * payments have captured the shipped value already.
 */
export const decideAviratoShipmentCaptureStep = createStep("decide-avirato-shipment-capture", async (input: CaptureAviratoShipmentInput, { container }) => {
  const payment = await container
    .resolve<IPaymentModuleService>(Modules.PAYMENT)
    .retrievePayment(input.payment_id, { select: ["id", "amount", "raw_amount", "data", "canceled_at"], relations: ["captures"] })
  const current = readPaymentData((payment.data ?? {}) as Record<string, unknown>)
  if (payment.canceled_at || (payment.captures ?? []).length > 0 || current.captures.some((c) => c.status !== "failed")) return new StepResponse<number | null>(null)
  const stillToCapture = MathBN.sub(input.shipped_total, await capturedForOrder(container, input.order_id))
  if (MathBN.lte(stillToCapture, 0)) return new StepResponse<number | null>(null)
  return new StepResponse<number | null>(MathBN.min(stillToCapture, (payment.raw_amount ?? payment.amount) as BigNumberInput).toNumber())
})

/** The capture itself (its plan step's compensation restores the data when Medusa's capture fails). A capture cannot be taken back. */
export const captureAviratoShipmentStep = createStep(
  "capture-avirato-shipped-value",
  async ({ input, amount }: { input: CaptureAviratoShipmentInput; amount: number | null }, { container }) => {
    if (amount === null) return new StepResponse(false)
    await captureAviratoPaymentWorkflow(container).run({ input: { payment_id: input.payment_id, amount } })
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).info(`Avirato: captured ${amount} ${input.currency_code} of payment ${input.payment_id} on shipment`)
    return new StepResponse(true)
  }
)

/**
 * Capture on shipment of an Avirato pre-authorisation: the payment's lock (compensation releases
 * it), decide with the payment read again, capture, unlock. Answers whether it captured.
 */
export const captureAviratoShipmentWorkflow = createWorkflow("capture-avirato-shipment", (input: CaptureAviratoShipmentInput) => {
  const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: input.payment_id })))
  const amount = decideAviratoShipmentCaptureStep(input)
  const captured = captureAviratoShipmentStep({ input, amount })
  releasePaymentLockStep(lock)
  return new WorkflowResponse(captured)
})
