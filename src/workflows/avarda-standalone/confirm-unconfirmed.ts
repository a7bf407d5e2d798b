/**
 * Re-sends the commerce calls Avarda never answered (recorded as `unconfirmed` by the provider)
 * with the same TranId until Avarda answers: a TranId is applied once, so a call that did arrive the
 * first time is not applied again. A refusal is kept on the record (`unconfirmed.failed`) and logged
 * for the admin: Medusa recorded something Avarda did not do.
 */
import type { IPaymentModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { minorToDecimalNumber } from "../../lib/money/minor-units"
import type { StandaloneCreditClient } from "../../lib/avarda/standalone/client"
import { commerceFailureKind } from "../../lib/avarda/standalone/errors"
import { toStandaloneItems } from "../../lib/avarda/standalone/request"
import { hasUnconfirmed, readStandalonePaymentData, type StandalonePaymentData, type Unconfirmed } from "../../providers/avarda-standalone/core/payment-data"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { standaloneClientFor } from "../../providers/avarda-standalone/core/runtime-config"
import { writePaymentData } from "../helpers/write-payment-data"
import { forEachPageOfRows } from "../helpers/paged-rows"
import { withPaymentLock } from "../helpers/payment-lock"

export interface ConfirmationReport {
  confirmed: string[]
  refused: Array<{ paymentId: string; operation: string; error: string }>
  stillUnknown: number
}

interface Pending {
  operation: string
  tranId?: string
  unconfirmed: Unconfirmed
  send(client: StandaloneCreditClient): Promise<void>
  /** Codes meaning "already done". */
  alreadyDone?: string[]
  settle(result: Unconfirmed | undefined): void
}

function pendingOperations(data: StandalonePaymentData): Pending[] {
  const externalId = data.purchase_id!
  const open = (u: Unconfirmed | undefined): u is Unconfirmed => !!u && !u.failed
  const list: Pending[] = []
  for (const capture of data.captures) {
    if (!open(capture.unconfirmed)) continue
    list.push({
      operation: "PurchaseOrder",
      tranId: capture.tran_id,
      unconfirmed: capture.unconfirmed,
      send: (client) =>
        client.purchaseOrder({
          ExternalId: externalId,
          OrderReference: capture.order_reference ?? data.order_reference,
          TranId: capture.tran_id,
          ...(capture.tracking_code ? { TrackingCode: capture.tracking_code } : {}),
          Items: toStandaloneItems(capture.rows, data.currency_code),
        }),
      settle: (result) => (result ? (capture.unconfirmed = result) : delete capture.unconfirmed),
    })
  }
  for (const entry of data.returns) {
    if (!open(entry.unconfirmed)) continue
    list.push({
      operation: "ReturnOrder",
      tranId: entry.tran_id,
      unconfirmed: entry.unconfirmed,
      send: (client) => client.returnOrder({ ExternalId: externalId, OrderReference: entry.order_reference, TranId: entry.tran_id, Items: toStandaloneItems(entry.rows, data.currency_code) }),
      settle: (result) => (result ? (entry.unconfirmed = result) : delete entry.unconfirmed),
    })
  }
  for (const entry of data.refunds) {
    if (!open(entry.unconfirmed)) continue
    list.push({
      operation: "Refund",
      tranId: entry.tran_id,
      unconfirmed: entry.unconfirmed,
      send: (client) =>
        client.refund({ ExternalId: externalId, Amount: minorToDecimalNumber(entry.amount_minor, data.currency_code), OrderReference: entry.order_reference, TranId: entry.tran_id }),
      settle: (result) => (result ? (entry.unconfirmed = result) : delete entry.unconfirmed),
    })
  }
  const remainder = data.remainder_released
  if (remainder && open(remainder.unconfirmed)) {
    list.push({
      operation: "RefundRemaining",
      tranId: remainder.tran_id,
      unconfirmed: remainder.unconfirmed,
      send: (client) => client.refundRemaining({ ExternalId: externalId, OrderReference: remainder.order_reference, TranId: remainder.tran_id }),
      alreadyDone: ["10016"],
      // Medusa merges nested objects of payment data on update: clear with null, not delete.
      settle: (result) => (remainder.unconfirmed = result ?? (null as unknown as undefined)),
    })
  }
  const cancellation = data.cancellation
  if (cancellation && open(cancellation.unconfirmed)) {
    list.push({
      operation: "CancelPayment",
      unconfirmed: cancellation.unconfirmed,
      send: (client) => client.cancelPayment({ ExternalId: externalId, Reason: cancellation.reason }),
      alreadyDone: ["10014"],
      settle: (result) => (cancellation.unconfirmed = result ?? (null as unknown as undefined)),
    })
  }
  return list
}

export async function confirmStandaloneOperations(container: MedusaContainer, options: { pageSize?: number } = {}): Promise<ConfirmationReport> {
  const report: ConfirmationReport = { confirmed: [], refused: [], stillUnknown: 0 }
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const providerIds = (await paymentModule.listPaymentProviders({})).map((p) => p.id).filter(isStandaloneProviderId)
  if (!providerIds.length) return report
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)

  // This plugin's Standalone payments, from the database page by page (which of them wait on an
  // unconfirmed call is recorded in their JSON data, read on each row).
  await forEachPageOfRows<{ id: string; provider_id: string; data?: Record<string, unknown> | null }>(
    container,
    { entity: "payment", fields: ["id", "provider_id", "data"], filters: { provider_id: providerIds }, pageSize: options.pageSize },
    async (payments) => {
      for (const payment of payments) {
        const candidate = readStandalonePaymentData(payment.data)
        if (!candidate?.purchase_id || !hasUnconfirmed(candidate)) continue
        const client = standaloneClientFor(container, payment.provider_id)
        await withPaymentLock(container, payment.id, async () => {
          const current = (await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })).data as Record<string, unknown>
          const data = readStandalonePaymentData(current)!
          for (const pending of pendingOperations(data)) {
            const subject = `Avarda ${pending.operation}${pending.tranId ? ` (TranId ${pending.tranId})` : ""} on purchase ${data.purchase_id}`
            try {
              await pending.send(client)
              pending.settle(undefined)
              report.confirmed.push(`${payment.id}:${pending.tranId ?? pending.operation}`)
              logger.info(`${subject}: confirmed by re-sending it`)
            } catch (error) {
              const message = (error as Error).message
              const kind = commerceFailureKind(error)
              if (kind === "refused" && pending.alreadyDone?.some((code) => (error as { hasCode?: (c: string) => boolean }).hasCode?.(code))) {
                pending.settle(undefined)
                report.confirmed.push(`${payment.id}:${pending.tranId ?? pending.operation}`)
              } else if (kind === "refused") {
                pending.settle({ ...pending.unconfirmed, attempts: pending.unconfirmed.attempts + 1, last_error: message, failed: true })
                report.refused.push({ paymentId: payment.id, operation: pending.operation, error: message })
                logger.error(`${subject} was recorded in Medusa but Avarda refuses it (${message}): check the order in Avarda's back office`)
              } else {
                pending.settle({ ...pending.unconfirmed, attempts: pending.unconfirmed.attempts + 1, last_error: message })
                report.stillUnknown++
              }
            }
          }
          await writePaymentData(paymentModule, payment.id, { ...current, ...data })
        })
      }
    }
  )
  return report
}
