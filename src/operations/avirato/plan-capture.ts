import type { BigNumberInput, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { withCaptureAmountPlan } from "../../providers/avirato/core/capture-amount-plan"
import { readPaymentData } from "../../providers/avirato/core/payment-data"
import { medusaAmountToMinor } from "../../providers/shared/medusa-amount"
import { writePaymentData } from "../shared/write-payment-data"

/**
 * Writes the amount of the coming capture into an Avirato pre-auth payment's data (see
 * capture-amount-plan.ts), because Medusa's capturePaymentWorkflow does not pass the amount to the
 * provider. Without `amount`, the uncaptured rest is planned, as Medusa does. Returns the previous
 * data (to restore on failure), or undefined when the payment is not an Avirato pre-authorisation.
 * Call it holding the payment's lock: it reads, decides and writes.
 */
export async function planAviratoCapture(
  container: MedusaContainer,
  paymentId: string,
  amount?: BigNumberInput
): Promise<Record<string, unknown> | undefined> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await paymentModule.retrievePayment(paymentId, {
    select: ["id", "provider_id", "data", "amount", "raw_amount", "currency_code"],
    relations: ["captures"],
  })
  const data = (payment.data ?? {}) as Record<string, unknown>
  if (!isAviratoProviderId(payment.provider_id) || readPaymentData(data).mode !== "preauth") return undefined
  const captured = (payment.captures ?? []).reduce((sum, c) => MathBN.add(sum, c.raw_amount ?? c.amount), MathBN.convert(0))
  const planned = amount ?? MathBN.sub(payment.raw_amount ?? payment.amount, captured)
  await writePaymentData(paymentModule, paymentId, withCaptureAmountPlan(data, medusaAmountToMinor(planned, payment.currency_code), new Date()))
  return data
}
