/**
 * Re-sends the Authorization API refunds (`/return`) Avarda never answered readably — recorded as
 * `unconfirmed` by the provider — with the same tranId and rows until Avarda answers: a tranId is
 * applied once, so a return that did arrive the first time is not applied again. A refusal is kept
 * on the record (`unconfirmed.failed`) and logged for the admin: Medusa recorded a refund Avarda did
 * not make.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { refundOutcomeUnknown } from "../../lib/avarda/authorization-api/errors"
import { toAvardaItems } from "../../lib/avarda/authorization-api/request"
import { readAvardaPaymentData } from "../../providers/avarda/core/payment-data"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { avardaClientFor, avardaOptionsFor } from "../../providers/avarda/core/runtime-config"
import { withPaymentLock } from "../helpers/payment-lock"
import { forEachPageOfRows } from "../helpers/paged-rows"
import { writePaymentData } from "../helpers/write-payment-data"

export interface ReturnConfirmationReport {
  confirmed: string[]
  refused: Array<{ paymentId: string; tranId: string; error: string }>
  stillUnknown: number
}

export async function confirmAvardaReturns(container: MedusaContainer): Promise<ReturnConfirmationReport> {
  const report: ReturnConfirmationReport = { confirmed: [], refused: [], stillUnknown: 0 }
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providerIds = (await paymentModule.listPaymentProviders({})).map((p) => p.id).filter(isAvardaProviderId)
  if (!providerIds.length) return report
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const open = (data: ReturnType<typeof readAvardaPaymentData>) => (data?.returns ?? []).filter((r) => r.unconfirmed && !r.unconfirmed.failed)

  // Every payment of these providers, a page at a time; the open entries live in the JSON data,
  // so which payments have work is decided per row.
  await forEachPageOfRows<{ id: string; provider_id: string; data?: Record<string, unknown> | null }>(
    container,
    { entity: "payment", fields: ["id", "provider_id", "data"], filters: { provider_id: providerIds } },
    async (payments) => {
      for (const payment of payments) {
        const candidate = readAvardaPaymentData(payment.data ?? undefined)
        if (!candidate?.authorization_id || open(candidate).length === 0) continue
        const client = avardaClientFor(container, payment.provider_id)
        const posId = avardaOptionsFor(container, payment.provider_id).posId
        await withPaymentLock(container, payment.id, async () => {
          const current = (await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })).data as Record<string, unknown>
          const data = readAvardaPaymentData(current)!
          for (const entry of open(data)) {
            const subject = `Avarda refund (tranId ${entry.tran_id}) of authorization ${data.authorization_id}`
            try {
              await client.returnItems(data.authorization_id!, {
                items: toAvardaItems(entry.rows, data.currency_code),
                orderReference: data.captures.at(-1)?.order_reference ?? data.order_reference,
                tranId: entry.tran_id,
                posId,
              })
              delete entry.unconfirmed
              report.confirmed.push(`${payment.id}:${entry.tran_id}`)
              logger.info(`${subject}: confirmed by re-sending it`)
            } catch (error) {
              const message = (error as Error).message
              if (refundOutcomeUnknown(error)) {
                entry.unconfirmed = { ...entry.unconfirmed!, attempts: entry.unconfirmed!.attempts + 1, last_error: message }
                report.stillUnknown++
              } else {
                entry.unconfirmed = { ...entry.unconfirmed!, attempts: entry.unconfirmed!.attempts + 1, last_error: message, failed: true }
                report.refused.push({ paymentId: payment.id, tranId: entry.tran_id, error: message })
                logger.error(`${subject} was recorded in Medusa but Avarda refuses it (${message}): check the order in Avarda's back office`)
              }
            }
          }
          await writePaymentData(paymentModule, payment.id, { ...current, returns: data.returns })
        })
      }
    }
  )
  return report
}
