/**
 * An admin's refund of a cancelled order's payment (the refund button on the order's page), for this
 * plugin's payments. Medusa's refund workflow (2.21) refunds at the vendor and records the refund,
 * and only then refuses the credit line it adds for a cancelled order: the admin is told the refund
 * failed although the customer has the money, and may refund again. This makes the refund with the
 * steps of Medusa's workflow that concern the payment — the amount checked against what was
 * captured and not refunded yet, the Payment Module's refund (the provider refunds with Medusa's
 * refund id as its idempotency key; Medusa records the refund row), `payment.refunded` — and none
 * that concern the order: a cancelled order takes no credit line, and Medusa's cancel already booked
 * an order transaction for every refund it attempted (the refused one the admin now makes by hand
 * included), so the order's transactions add up without another.
 *
 * Once the payment owes nothing more, the count of the plugin's own failed refunds after the
 * cancellation is removed (the jobs stop trying, the order's panel stops showing it).
 *
 * The route holds the payment's lock while this runs (hold-lock-during-refund.ts). What the vendor
 * refunded cannot be taken back: no compensation.
 */
import type { BigNumberInput, IPaymentModuleService, PaymentDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules, PaymentEvents } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, refundPaymentStep, useQueryGraphStep, validateRefundPaymentExceedsCapturedAmountStep } from "@medusajs/medusa/core-flows"
import { removeCanceledOrderRefundCount } from "../../operations/shared/canceled-order-retries"
import { unrefundedCapturedAmount } from "./refund-canceled-order-payment"

export interface AdminRefundOfCanceledOrderInput {
  payment_id: string
  /** Medusa's default when absent: the payment's whole amount (the Payment Module checks it against what was captured). */
  amount?: BigNumberInput
  created_by?: string
  note?: string | null
  refund_reason_id?: string | null
}

/** After the refund: the count of failed refunds after the cancellation removed once nothing is left to refund. */
export const settleCanceledOrderRefundCountStep = createStep("settle-canceled-order-refund-count", async (input: { payment_id: string }, { container }) => {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment",
    fields: ["id", "data", "captures.raw_amount", "refunds.raw_amount"],
    filters: { id: input.payment_id },
  })
  const payment = data[0] as { data?: Record<string, unknown> | null; captures?: Array<{ raw_amount: BigNumberInput }>; refunds?: Array<{ raw_amount: BigNumberInput }> } | undefined
  if (!payment || MathBN.gt(unrefundedCapturedAmount(payment), 0)) return new StepResponse(false)
  return new StepResponse(await removeCanceledOrderRefundCount(container.resolve<IPaymentModuleService>(Modules.PAYMENT), input.payment_id, payment.data ?? {}))
})

export const refundCanceledOrderPaymentByAdminWorkflow = createWorkflow(
  "refund-canceled-order-payment-by-admin",
  (input: AdminRefundOfCanceledOrderInput) => {
    const { data: payments } = useQueryGraphStep({
      entity: "payment",
      fields: ["id", "currency_code", "captures.raw_amount", "refunds.raw_amount"],
      filters: { id: input.payment_id },
      options: { throwIfKeyNotFound: true },
    })
    const payment = transform({ payments }, ({ payments }) => payments[0]!)
    when("refund-canceled-order-payment-by-admin-amount-given", { input }, ({ input }) => input.amount !== undefined).then(() => {
      validateRefundPaymentExceedsCapturedAmountStep(transform({ payment, input }, ({ payment, input }) => ({ payment: payment as unknown as PaymentDTO, refundAmount: input.amount! })))
    })
    refundPaymentStep(input)
    emitEventStep({ eventName: PaymentEvents.REFUNDED, data: transform({ input }, ({ input }) => ({ id: input.payment_id })) })
    settleCanceledOrderRefundCountStep(input)
    return new WorkflowResponse(undefined)
  }
)
