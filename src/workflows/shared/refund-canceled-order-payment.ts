/**
 * Medusa's order cancel refunds what the order's payments captured — the payments it read when it
 * started — and carries on when a refund fails (it logs the provider's error). Two ways a cancelled
 * order keeps a captured payment, and nothing in Medusa gives it back:
 * - a payment the plugin creates after that read (an order edit's or claim's session paid at the
 *   vendor and authorised by the webhook or the job while the order was being cancelled), captured on
 *   the spot by an Avirato auto-capture;
 * - a payment whose refund the vendor refused during the cancellation.
 *
 * This refunds such a payment with the workflow of the admin's refund button (the provider refunds
 * at the vendor, Medusa records the refund and the order's transaction and emits
 * `payment.refunded`), under the payment's lock with its state read again there: the refund is what
 * its captures hold beyond its refunds, on a payment of this plugin whose order is cancelled, with
 * the cancellation's refund reason where the vendor takes one. A second run (a repeated event,
 * another process) finds nothing left to refund. The provider carries Medusa's refund id as the
 * vendor's idempotency key and records an answer it never got as unconfirmed (the reconciliation
 * job re-sends it with the same key), so a lost answer is not refunded twice.
 */
import type { BigNumberInput, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import { alertAdmin } from "../../operations/shared/alert-admin"
import { planCanceledOrderRefundReasonStep } from "../avirato/plan-refund-reason"
import { acquirePaymentLockStep, releasePaymentLockStep } from "./payment-lock-steps"

export type CanceledOrderRefundOutcome = "refunded" | "nothing_to_do" | "failed"

interface RefundablePayment {
  id: string
  provider_id: string
  captures?: Array<{ raw_amount: BigNumberInput }> | null
  refunds?: Array<{ raw_amount: BigNumberInput }> | null
  payment_collection?: { order?: { status?: string } | null } | null
}

/** What a payment's captures hold beyond its refunds; zero or less when nothing is left. */
export function unrefundedCapturedAmount(payment: Pick<RefundablePayment, "captures" | "refunds">): BigNumberInput {
  const sum = (rows: Array<{ raw_amount: BigNumberInput }> | null | undefined) =>
    (rows ?? []).reduce<BigNumberInput>((total, row) => MathBN.add(total, row.raw_amount), MathBN.convert(0))
  return MathBN.sub(sum(payment.captures), sum(payment.refunds))
}

/** Under the lock: the payment read again, and the amount to refund if its order is cancelled and something is left. */
export const decideCanceledOrderRefundStep = createStep("decide-canceled-order-payment-refund", async (input: { payment_id: string }, { container }) => {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "payment",
    fields: ["id", "provider_id", "captures.raw_amount", "refunds.raw_amount", "payment_collection.order.status"],
    filters: { id: input.payment_id },
  })
  const payment = data[0] as RefundablePayment | undefined
  if (!payment || !vendorOfProviderId(payment.provider_id) || payment.payment_collection?.order?.status !== "canceled") return new StepResponse(null)
  const amount = unrefundedCapturedAmount(payment)
  return new StepResponse(MathBN.gt(amount, 0) ? { payment_id: payment.id, amount } : null)
})

/** One payment of a cancelled order: its lock (compensation releases it), decide, refund with Medusa's workflow, unlock. */
export const refundCanceledOrderPaymentWorkflow = createWorkflow("refund-canceled-order-payment", (input: { payment_id: string }) => {
  const lock = acquirePaymentLockStep(input)
  const refund = decideCanceledOrderRefundStep(input)
  when({ refund }, ({ refund }) => !!refund).then(() => {
    planCanceledOrderRefundReasonStep(input)
    refundPaymentWorkflow.runAsStep({
      input: transform({ refund }, ({ refund }) => ({ payment_id: refund!.payment_id, amount: refund!.amount, note: "Refunded after the order's cancellation" })),
    })
  })
  releasePaymentLockStep(lock)
  return new WorkflowResponse(transform({ refund }, ({ refund }): CanceledOrderRefundOutcome => (refund ? "refunded" : "nothing_to_do")))
})

/**
 * Refunds what a cancelled order's payment still holds captured. Never throws: a refund that fails
 * (the vendor refused it or is down) reaches the admin, once per payment, to refund it by hand.
 */
export async function refundCanceledOrderPayment(container: MedusaContainer, paymentId: string, orderId: string): Promise<CanceledOrderRefundOutcome> {
  try {
    const { result } = await refundCanceledOrderPaymentWorkflow(container).run({ input: { payment_id: paymentId } })
    if (result === "refunded") {
      container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).info(`Order ${orderId}: refunded what payment ${paymentId} held captured after the order's cancellation`)
    }
    return result
  } catch (error) {
    await alertAdmin(container, {
      key: `avarda-avirato:canceled-order-refund-failed:${paymentId}`,
      title: `Order ${orderId}: a captured payment of the cancelled order was not refunded`,
      description:
        `Payment ${paymentId} still holds a captured amount after its order was cancelled, and refunding it failed (${(error as Error).message}). ` +
        `Refund it from the order's page.`,
      data: { payment_id: paymentId, order_id: orderId },
    })
    return "failed"
  }
}
