/**
 * Extends an Avirato pre-authorisation (POST payment/extend) so it can still be captured later;
 * Avirato answers 202 and reports the outcome by webhook (AUTHORISATION_ADJUSTMENT), booked on the
 * payment's `extensions` history.
 *
 * One workflow under the payment's lock (its compensation releases it), so two extensions, or an
 * extension and a capture, asked at once in different processes never both pass the checks: decide
 * with the payment read again, ask Avirato (no compensation: an extension cannot be taken back; a
 * failure is thrown, the lock released, and the admin's next click sends the same key), record the
 * request, unlock.
 */
import type { IPaymentModuleService, PaymentDTO } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { aviratoProvider, isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { extensionJustRequested, readPaymentData, type ModificationRecord } from "../../providers/avirato/core/payment-data"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../shared/payment-lock-steps"
import { writePaymentData } from "../../operations/shared/write-payment-data"

export interface ExtendAviratoAuthorizationInput {
  payment_id: string
  /** Idempotency-Key for Avirato; default `extend:<payment id>:<n>` (n = this payment's n-th extension). */
  idempotency_key?: string
}

/** What the decision leaves to do: nothing (this extension is made already), or ask Avirato with `key`. */
type ExtensionDecision = { action: "none" } | { action: "extend"; key: string; provider_id: string; payment_reference: string }

/**
 * Under the lock, with the payment read again: an extendable pre-authorisation (the refusals are
 * NOT_ALLOWED errors the admin reads), and the extension's key — one already recorded, or one just
 * asked for without a key (a double click, two admins at once), is not asked again.
 */
export const decideAviratoExtensionStep = createStep("decide-avirato-extension", async (input: ExtendAviratoAuthorizationInput, { container }) => {
  const payment = await container.resolve<IPaymentModuleService>(Modules.PAYMENT).retrievePayment(input.payment_id, {
    select: ["id", "provider_id", "data", "captured_at", "canceled_at"],
    relations: ["captures"],
  })
  const data = readPaymentData(payment.data as Record<string, unknown>)
  const refuse = (why: string): never => {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cannot extend payment ${payment.id}: ${why}`)
  }
  if (!isAviratoProviderId(payment.provider_id)) refuse("it is not an Avirato payment")
  if (data.mode !== "preauth") refuse("it was captured at authorisation (auto-capture), there is nothing to extend")
  if (!data.payment_reference) refuse("it has no Avirato paymentReference")
  if (payment.canceled_at || data.cancellations.some((c) => c.status !== "failed")) refuse("the pre-authorisation was cancelled")
  if ((payment.captures ?? []).length > 0 || data.captures.some((c) => c.status !== "failed")) refuse("it has already been captured")
  const key = input.idempotency_key ?? `extend:${payment.id}:${data.extensions.length + 1}`
  if (data.extensions.some((e) => e.idempotency_key === key)) return new StepResponse<ExtensionDecision>({ action: "none" })
  if (!input.idempotency_key && extensionJustRequested(data.extensions, new Date())) return new StepResponse<ExtensionDecision>({ action: "none" })
  if (!aviratoProvider(container, payment.provider_id)) refuse(`provider ${payment.provider_id} is not configured`)
  return new StepResponse<ExtensionDecision>({ action: "extend", key, provider_id: payment.provider_id, payment_reference: data.payment_reference! })
})

/** Asks Avirato to extend, with the decided Idempotency-Key; answers the request to record. */
export const extendAtAviratoStep = createStep("extend-avirato-authorization-at-avirato", async (decision: ExtensionDecision, { container }) => {
  if (decision.action !== "extend") return new StepResponse<ModificationRecord | null>(null)
  const provider = aviratoProvider(container, decision.provider_id)!
  const accepted = await provider.client.extend({ paymentReference: decision.payment_reference }, decision.key)
  return new StepResponse<ModificationRecord | null>({
    idempotency_key: decision.key,
    ...(accepted.modificationReference ? { reference: accepted.modificationReference } : {}),
    status: "requested",
    requested_at: new Date().toISOString(),
  })
})

/** Adds the request to the payment's `extensions` (the webhook books its outcome); answers the payment. */
export const recordAviratoExtensionStep = createStep(
  "record-avirato-extension",
  async ({ input, record }: { input: ExtendAviratoAuthorizationInput; record: ModificationRecord | null }, { container }) => {
    const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    if (record) {
      const current = await paymentModule.retrievePayment(input.payment_id, { select: ["id", "data"] })
      const data = readPaymentData(current.data as Record<string, unknown>)
      await writePaymentData(paymentModule, input.payment_id, { ...(current.data ?? {}), extensions: [...data.extensions, record] })
    }
    return new StepResponse((await paymentModule.retrievePayment(input.payment_id, { select: ["id", "provider_id", "data", "amount", "currency_code"] })) as PaymentDTO)
  }
)

export const extendAviratoAuthorizationWorkflow = createWorkflow("extend-avirato-authorization", (input: ExtendAviratoAuthorizationInput) => {
  const lock = acquirePaymentLockStep(transform({ input }, ({ input }) => ({ payment_id: input.payment_id })))
  const decision = decideAviratoExtensionStep(input)
  const record = extendAtAviratoStep(decision)
  const payment = recordAviratoExtensionStep({ input, record })
  releasePaymentLockStep(lock)
  return new WorkflowResponse(payment)
})
