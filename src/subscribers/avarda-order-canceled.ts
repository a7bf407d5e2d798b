import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recordUncapturedRemainders } from "../workflows/avarda/record-uncaptured-remainders"

/** An order cancelled after a partial Avarda capture: record the unreleased rest for the admin. */
export default async function avardaOrderCanceled({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  try {
    await recordUncapturedRemainders(container, data.id)
  } catch (error) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`Avarda: recording the uncaptured rest of order ${data.id} failed: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = { event: "order.canceled" }
