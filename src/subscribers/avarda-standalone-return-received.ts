import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { planStandaloneReturn } from "../workflows/avarda-standalone/plan-return"

/** A received return on an Avarda Standalone Credit order: its refund becomes an itemised `ReturnOrder`. */
export default async function avardaStandaloneReturnReceived({ event: { data }, container }: SubscriberArgs<{ order_id: string; return_id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const result = await planStandaloneReturn(container, data.order_id, data.return_id)
    if (result.status === "planned") logger.info(`Avarda Standalone: return ${data.return_id} planned as ReturnOrder rows (${result.amountMinor} minor units)`)
    else if (!result.reason.startsWith("no Avarda")) logger.info(`Avarda Standalone: return ${data.return_id} not planned: ${result.reason}`)
  } catch (error) {
    logger.error(`Avarda Standalone: planning return ${data.return_id} of order ${data.order_id} failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.return_received", context: { subscriberId: "avarda-standalone-return-received" } }
