import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { captureShipmentWorkflow } from "../workflows/credit/capture-shipment-workflow"

/**
 * Capture on shipment for credit payments (Avarda): the shipped lines are captured when a shipment
 * is created. It never fails the shipment: a capture that cannot be made yet stays planned and the
 * reconciliation job makes it later.
 */
export default async function creditCaptureOnShipment({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await captureShipmentWorkflow(container).run({ input: { fulfillment_id: data.id } })
    if (result.status !== "skipped") logger.info(`Capture on shipment ${data.id}: ${result.status} (${result.amountMinor} minor units)`)
  } catch (error) {
    logger.error(`Capture on shipment ${data.id} failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "shipment.created" }
