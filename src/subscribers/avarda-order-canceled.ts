import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { settleCanceledOrderPayments } from "../operations/shared/settle-canceled-order-payments"
import { isAvardaProviderId } from "../providers/avarda/core/provider-ids"
import { recordUncapturedRemainders } from "../workflows/avarda/record-uncaptured-remainders"

/**
 * A cancelled order: cancel its Authorization API payments Medusa's cancel left open (Avarda failed or did not
 * answer; the reconciliation job retries what fails here) or never saw (made while it ran), and, after a
 * partial Avarda capture, record the unreleased rest for the admin.
 */
export default async function avardaOrderCanceled({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  try {
    await settleCanceledOrderPayments(container, data.id, isAvardaProviderId)
  } catch (error) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`Avarda: settling the credit payments of cancelled order ${data.id} failed (open ones are retried by the reconciliation job): ${(error as Error).message}`)
  }
  try {
    await recordUncapturedRemainders(container, data.id)
  } catch (error) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`Avarda: recording the uncaptured rest of order ${data.id} failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.canceled" }
