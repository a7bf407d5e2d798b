import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { shipmentCaptures } from "../operations/plugin-vendor-operations"

/**
 * Capture on shipment for every vendor: each vendor's capture looks at the shipment's order and
 * captures its own payments (credit: the shipped lines; Avirato: the shipped value once everything
 * has shipped). One vendor's failure does not keep the others from capturing, and never fails the
 * shipment. `shipment.created` may arrive twice: every capture is idempotent per shipment.
 */
export default async function captureOnShipment({ event: { data }, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  for (const capture of shipmentCaptures()) {
    await capture(container, data.id).catch((error: Error) => logger.error(`Capture on shipment ${data.id} failed: ${error.message}`))
  }
}

export const config: SubscriberConfig = {
  event: "shipment.created",
  context: { subscriberId: "avarda-avirato-capture-on-shipment" },
}
