import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { minorToDecimalString } from "../../lib/money/minor-units"
import { sessionOutcome, type AviratoClient, type AviratoSession } from "../../lib/avirato"
import { alertAdmin } from "./alert-admin"

export type DiscardedPaymentSettlement = "voided" | "refunded" | "not_paid"

/**
 * A shopper paid on an Avirato session whose Medusa payment session no longer exists (the cart
 * changed and Medusa replaced the session, or the shopper paid an old page twice). Medusa will never
 * turn it into an order, so the money is given back — a pre-authorisation is voided, an auto-captured
 * payment refunded in full — and the admin is told. The Idempotency-Key is derived from the payment
 * reference, so the webhook handler, the return route and the job can all call this safely.
 */
export async function settleDiscardedPayment(
  container: MedusaContainer,
  client: AviratoClient,
  session: AviratoSession,
  detectedBy: "webhook" | "return" | "reconciliation"
): Promise<DiscardedPaymentSettlement> {
  const outcome = sessionOutcome(session)
  if (outcome.kind !== "paid") return "not_paid"
  const reference = outcome.paymentReference
  const amount = `${minorToDecimalString(session.amount.value, session.amount.currency)} ${session.amount.currency}`
  const key = `discarded:${reference}`
  let settlement: DiscardedPaymentSettlement
  if (session.isPreAuth) {
    await client.cancel({ paymentReference: reference }, key)
    settlement = "voided"
  } else {
    await client.refund({ paymentReference: reference, amount: session.amount, reason: "OTHER" }, key)
    settlement = "refunded"
  }
  container
    .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    .warn(`Avirato: payment ${reference} on discarded session ${session.customReference} ${settlement} (${detectedBy})`)
  await alertAdmin(container, {
    key: `avirato:discarded:${reference}`,
    title: `Avirato payment ${settlement} automatically`,
    description:
      `A shopper paid ${amount} (Avirato payment ${reference}, session ${session.sessionId}) on checkout session ` +
      `${session.customReference ?? "?"}, which Medusa had already discarded because the cart changed. No order uses it, ` +
      `so the payment was ${settlement === "voided" ? "voided (pre-authorisation cancelled)" : "refunded in full"}. ` +
      `Check that the shopper completed the order with a new payment.`,
  })
  return settlement
}
