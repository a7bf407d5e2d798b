import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { releaseStandaloneRemainders } from "../workflows/avarda-standalone/release-remainder"

/** An order cancelled after a partial delivery: `RefundRemaining` releases the undelivered rest at Avarda. */
export default async function avardaStandaloneOrderCanceled({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const released = await releaseStandaloneRemainders(container, data.id)
    if (released.length) logger.info(`Avarda Standalone: released the undelivered rest of order ${data.id} (payments ${released.join(", ")})`)
  } catch (error) {
    logger.error(`Avarda Standalone: releasing the undelivered rest of order ${data.id} failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.canceled", context: { subscriberId: "avarda-standalone-order-canceled" } }
