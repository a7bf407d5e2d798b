import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { cancelPaymentsOfCanceledOrder } from "../workflows/credit/cancel-payments-of-canceled-orders"

/**
 * An order was cancelled: Medusa has tried to cancel its uncaptured payments and carries on when a
 * provider's cancel fails. Ask Avarda again for each credit payment left open; what still fails is
 * retried by the credit reconciliation job.
 */
export default async function creditOrderCanceledPayments({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const report = await cancelPaymentsOfCanceledOrder(container, data.id)
    if (report.cancelled.length) logger.info(`Order ${data.id} cancelled: Avarda authorizations left open by the cancellation are now cancelled (payments ${report.cancelled.join(", ")})`)
  } catch (error) {
    logger.error(`Order ${data.id} cancelled: checking its credit payments failed, the reconciliation job tries again: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.canceled", context: { subscriberId: "credit-order-canceled-payments" } }
