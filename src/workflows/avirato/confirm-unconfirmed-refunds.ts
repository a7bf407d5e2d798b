/**
 * Re-sends the Avirato refunds that never got a readable answer (recorded as `unconfirmed` by the
 * provider) with the same Idempotency-Key: Avirato applies a key once, so a refund that did arrive
 * is answered with its original reference and not made again. Once the reference is known, the
 * outcome its webhook reported (kept in the payment's outcome log) is booked.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { RefundInput } from "../../lib/avirato/client"
import { aviratoProvider, configuredAviratoProviderIds } from "../../providers/avirato/core/configured-providers"
import { readPaymentData } from "../../providers/avirato/core/payment-data"
import { refundOutcomeUnknown } from "../../providers/avirato/core/avirato-base"
import { withPaymentLock } from "../helpers/payment-lock"
import { forEachPageOfRows } from "../helpers/paged-rows"
import { writePaymentData } from "../helpers/write-payment-data"
import { projectLoggedOutcomes } from "./book-webhook-event"

export interface RefundConfirmationReport {
  confirmed: string[]
  refused: Array<{ paymentId: string; key: string; error: string }>
  stillUnknown: number
}

export async function confirmAviratoRefunds(container: MedusaContainer): Promise<RefundConfirmationReport> {
  const report: RefundConfirmationReport = { confirmed: [], refused: [], stillUnknown: 0 }
  const providerIds = configuredAviratoProviderIds(container)
  if (!providerIds.length) return report
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const open = (data: Record<string, unknown> | null | undefined) => readPaymentData(data ?? {}).refunds.filter((r) => r.unconfirmed && !r.reference)

  // Every payment of these providers, a page at a time; the open entries live in the JSON data,
  // so which payments have work is decided per row.
  await forEachPageOfRows<{ id: string; provider_id: string; data?: Record<string, unknown> | null }>(
    container,
    { entity: "payment", fields: ["id", "provider_id", "data"], filters: { provider_id: providerIds } },
    async (payments) => {
      for (const payment of payments) {
        if (open(payment.data).length === 0) continue
        const provider = aviratoProvider(container, payment.provider_id)
        if (!provider) continue
        await withPaymentLock(container, payment.id, async () => {
          const current = await paymentModule.retrievePayment(payment.id, { select: ["id", "data", "metadata"] })
          const data = (current.data ?? {}) as Record<string, unknown>
          const view = readPaymentData(data)
          const refunds = view.refunds.map((r) => ({ ...r }))
          for (const entry of refunds.filter((r) => r.unconfirmed && !r.reference)) {
            try {
              const accepted = await provider.client.refund(
                { paymentReference: view.payment_reference!, amount: { value: entry.amount!, currency: view.currency! }, reason: entry.reason as RefundInput["reason"] },
                entry.idempotency_key
              )
              if (accepted.modificationReference) entry.reference = accepted.modificationReference
              delete entry.unconfirmed
              report.confirmed.push(`${payment.id}:${entry.idempotency_key}`)
              logger.info(`Avirato: unconfirmed refund ${entry.idempotency_key} of ${view.payment_reference} confirmed (${entry.reference})`)
            } catch (error) {
              const message = (error as Error).message
              if (refundOutcomeUnknown(error)) {
                entry.unconfirmed = { ...entry.unconfirmed!, attempts: entry.unconfirmed!.attempts + 1, last_error: message }
                report.stillUnknown++
              } else {
                delete entry.unconfirmed
                entry.status = "failed"
                entry.failure_reason = `Avirato refused the refund when it was re-sent: ${message}`
                report.refused.push({ paymentId: payment.id, key: entry.idempotency_key, error: message })
                logger.error(`Avirato: refund ${entry.idempotency_key} of ${view.payment_reference} is recorded in Medusa but Avirato refuses it (${message}): refund the customer another way`)
              }
            }
          }
          const updated = { ...data, refunds }
          const metadata = (current as { metadata?: Record<string, unknown> | null }).metadata
          await writePaymentData(paymentModule, payment.id, projectLoggedOutcomes(updated, metadata) ?? updated)
        })
      }
    }
  )
  return report
}
