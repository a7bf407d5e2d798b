/**
 * Capture on shipment for credit payments (both Avarda APIs): the shipped lines are captured when a
 * shipment is created. It never fails the shipment: a capture that cannot be made yet stays planned
 * and the reconciliation job makes it later.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { captureShipmentWorkflow } from "../../workflows/credit/capture-shipment-workflow"

export async function captureCreditShipment(container: MedusaContainer, fulfillmentId: string): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await captureShipmentWorkflow(container).run({ input: { fulfillment_id: fulfillmentId } })
    if (result.status !== "skipped") logger.info(`Capture on shipment ${fulfillmentId}: ${result.status} (${result.amountMinor} minor units)`)
  } catch (error) {
    logger.error(`Capture on shipment ${fulfillmentId} failed: ${(error as Error).message}`)
  }
}
