import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { settleCanceledOrderPayments } from "../operations/shared/settle-canceled-order-payments"
import { isStandaloneProviderId } from "../providers/avarda-standalone/core/provider-ids"
import { releaseStandaloneRemainders } from "../workflows/avarda-standalone/release-remainder"

/**
 * A cancelled order: `CancelPayment` for the Standalone payments nothing was delivered of that
 * Medusa's cancel left open (Avarda failed or did not answer; the reconciliation job retries what
 * fails here) or never saw (made while it ran), and after a partial delivery `RefundRemaining`
 * releases the undelivered rest (a release that fails is retried by the job as well; one Avarda
 * refuses reaches the admin).
 */
export default async function avardaStandaloneOrderCanceled({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await settleCanceledOrderPayments(container, data.id, isStandaloneProviderId)
  } catch (error) {
    logger.error(`Avarda Standalone: settling the payments of cancelled order ${data.id} failed (open ones are retried by the reconciliation job): ${(error as Error).message}`)
  }
  try {
    const outcomes = await releaseStandaloneRemainders(container, data.id)
    const released = Object.keys(outcomes).filter((paymentId) => outcomes[paymentId] === "released")
    if (released.length) logger.info(`Avarda Standalone: released the undelivered rest of order ${data.id} (payments ${released.join(", ")})`)
  } catch (error) {
    logger.error(`Avarda Standalone: releasing the undelivered rest of order ${data.id} failed, retried by the reconciliation job: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.canceled", context: { subscriberId: "avarda-standalone-order-canceled" } }
