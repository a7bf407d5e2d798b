/**
 * Capture on shipment for Avirato pre-authorisations. Avirato captures a pre-authorisation once
 * (a partial capture releases the rest), so the capture waits until every item has shipped and then
 * takes the shipped value — less than authorised when items were removed from the order. An order
 * paid by several payments (an order edit's) captures the shipped value once across them: each
 * takes what the order's payments have not captured yet, one after the other under the order's
 * shipment-capture lock.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { aviratoProvider, isAviratoProviderId } from "../../providers/avirato/core/configured-providers"
import { resolveOperationalSettings } from "../../providers/avirato/core/options"
import { readPaymentData } from "../../providers/avirato/core/payment-data"
import { withOrderShipmentCaptureLock } from "../shared/payment-lock"
import { captureAviratoShipmentWorkflow } from "../../workflows/avirato/capture-avirato-shipment"
import { shippedAmountForFulfillment } from "../shared/shipped-amount"

interface OrderPayment {
  id: string
  provider_id: string
  amount: number
  data: Record<string, unknown> | null
  canceled_at?: string | null
  captures?: Array<{ id: string }>
}

/**
 * Captures the order's Avirato pre-authorisations on shipment, in the order Medusa lists them, under
 * the order's shipment-capture lock: another delivery of the event (in this process or another)
 * waits, and then finds the shipped value captured.
 */
export async function captureAviratoShipment(container: MedusaContainer, fulfillmentId: string): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const shipped = await shippedAmountForFulfillment(container, fulfillmentId)
  if (!shipped) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  await withOrderShipmentCaptureLock(container, shipped.orderId, async () => {
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "payment_collections.payments.id",
        "payment_collections.payments.provider_id",
        "payment_collections.payments.amount",
        "payment_collections.payments.data",
        "payment_collections.payments.canceled_at",
        "payment_collections.payments.captures.id",
      ],
      filters: { id: shipped.orderId },
    })
    const payments = ((data[0]?.payment_collections ?? []) as Array<{ payments?: OrderPayment[] }>).flatMap((c) => c.payments ?? [])
    for (const candidate of payments) {
      if (!isAviratoProviderId(candidate.provider_id) || candidate.canceled_at || (candidate.captures ?? []).length > 0) continue
      if (readPaymentData(candidate.data ?? {}).mode !== "preauth") continue
      const provider = aviratoProvider(container, candidate.provider_id)
      if (!provider || !(await resolveOperationalSettings(provider.options)).captureOnShipment) continue
      if (!shipped.allItemsShipped) {
        logger.info(`Avirato: order ${shipped.orderId} partly shipped; capturing once everything has shipped (one capture per authorisation)`)
        continue
      }
      try {
        await captureAviratoShipmentWorkflow(container).run({
          input: { payment_id: candidate.id, order_id: shipped.orderId, shipped_total: shipped.shippedTotal, currency_code: shipped.currencyCode },
        })
      } catch (error) {
        logger.error(`Avirato: capture on shipment failed for payment ${candidate.id}: ${(error as Error).message}`)
      }
    }
  })
}
