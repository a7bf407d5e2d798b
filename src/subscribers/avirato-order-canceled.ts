import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isAviratoProviderId } from "../providers/avirato/core/configured-providers"
import { settleCanceledOrderPayments } from "../operations/shared/settle-canceled-order-payments"

/**
 * A cancelled order: its Avirato payments Medusa's cancel left open (Avirato failed every retry; the
 * reconciliation job retries what fails here), or never saw because an authorisation made them while
 * the cancel ran — cancelled when pre-authorised, refunded when captured.
 */
export default async function aviratoOrderCanceled({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  try {
    await settleCanceledOrderPayments(container, data.id, isAviratoProviderId)
  } catch (error) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`Avirato: settling the payments of cancelled order ${data.id} failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.canceled", context: { subscriberId: "avirato-order-canceled" } }
