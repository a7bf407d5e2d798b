import type { IPaymentModuleService, PaymentDTO } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { aviratoProvider, isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { extensionJustRequested, readPaymentData, type ModificationRecord } from "../../providers/avirato/core/payment-data"
import { withPaymentLock } from "../helpers/payment-lock"
import { writePaymentData } from "../helpers/write-payment-data"

export interface ExtendAviratoAuthorizationInput {
  payment_id: string
  /** Idempotency-Key for Avirato; default `extend:<payment id>:<n>` (n = this payment's n-th extension). */
  idempotency_key?: string
}

const extendAviratoAuthorizationStep = createStep(
  "extend-avirato-authorization-at-avirato",
  // Checked and recorded inside the payment's lock: two extensions (or an extension and a capture)
  // asked at once in different processes must not both pass the checks.
  async (input: ExtendAviratoAuthorizationInput, { container }) => withPaymentLock(container, input.payment_id, async () => {
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await paymentModule.retrievePayment(input.payment_id, {
      select: ["id", "provider_id", "data", "captured_at", "canceled_at"],
      relations: ["captures"],
    })
    const data = readPaymentData(payment.data as Record<string, unknown>)
    const refuse = (why: string) => {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cannot extend payment ${payment.id}: ${why}`)
    }
    if (!isAviratoProviderId(payment.provider_id)) refuse("it is not an Avirato payment")
    if (data.mode !== "preauth") refuse("it was captured at authorisation (auto-capture), there is nothing to extend")
    if (!data.payment_reference) refuse("it has no Avirato paymentReference")
    if (payment.canceled_at || data.cancellations.some((c) => c.status !== "failed")) refuse("the pre-authorisation was cancelled")
    if ((payment.captures ?? []).length > 0 || data.captures.some((c) => c.status !== "failed")) refuse("it has already been captured")
    const key = input.idempotency_key ?? `extend:${payment.id}:${data.extensions.length + 1}`
    if (data.extensions.some((e) => e.idempotency_key === key)) return new StepResponse(payment as PaymentDTO)
    // Without a key, a request that comes while the last extension is barely made (a double click,
    // two admins at once) asks for that same extension: Avirato is not asked twice.
    if (!input.idempotency_key && extensionJustRequested(data.extensions, new Date())) return new StepResponse(payment as PaymentDTO)

    const provider = aviratoProvider(container, payment.provider_id)
    if (!provider) refuse(`provider ${payment.provider_id} is not configured`)
    const accepted = await provider!.client.extend({ paymentReference: data.payment_reference! }, key)
    const record: ModificationRecord = {
      idempotency_key: key,
      ...(accepted.modificationReference ? { reference: accepted.modificationReference } : {}),
      status: "requested",
      requested_at: new Date().toISOString(),
    }
    await writePaymentData(paymentModule, payment.id, { ...(payment.data ?? {}), extensions: [...data.extensions, record] })
    return new StepResponse(await paymentModule.retrievePayment(payment.id, { select: ["id", "provider_id", "data", "amount", "currency_code"] }))
  })
)

/**
 * Extends an Avirato pre-authorisation (POST payment/extend) so it can still be captured later;
 * Avirato answers 202 and reports the outcome by webhook (AUTHORISATION_ADJUSTMENT), booked on the
 * payment's `extensions` history.
 */
export const extendAviratoAuthorizationWorkflow = createWorkflow(
  "extend-avirato-authorization",
  (input: ExtendAviratoAuthorizationInput) => new WorkflowResponse(extendAviratoAuthorizationStep(input))
)
