import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { Logger, ProviderWebhookPayload } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { parseWebhookEvent } from "../lib/avirato"
import { aviratoProvider, isAviratoProviderId } from "../providers/avirato/core/configured-providers"
import { authenticateWebhook } from "../providers/avirato/core/webhook-authentication"
import { bookWebhookEvent } from "../workflows/avirato/book-webhook-event"

/**
 * Handles every authentic Avirato webhook (bookWebhookEvent). Medusa's own webhook subscriber gets the
 * same event, but the provider answers it `not_supported`: Medusa's generic handling would record a
 * payment made on a session whose cart another session paid as a second payment of the order, and it
 * ignores modification outcomes (a CAPTURE_FAILED, a REFUND_FAILED…) and payments on discarded
 * checkout sessions. This places orders, books outcomes, gives back unused payments and alerts the admin.
 */
export default async function aviratoWebhookOutcomes({
  event,
  container,
}: SubscriberArgs<{ provider: string; payload: ProviderWebhookPayload["payload"] }>): Promise<void> {
  const providerId = `pp_${event.data.provider}`
  if (!isAviratoProviderId(providerId)) return
  const configured = aviratoProvider(container, providerId)
  if (!configured) return
  // The provider already rejected (and logged) unauthenticated webhooks; they change nothing here either.
  if (!authenticateWebhook(event.data.payload, configured.options).valid) return
  const parsed = parseWebhookEvent(event.data.payload.data)
  if (!parsed) return
  try {
    await bookWebhookEvent(container, { id: providerId, client: configured.client }, parsed)
  } catch (error) {
    container
      .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
      .error(`Avirato: could not book webhook ${parsed.eventCode} for ${parsed.customReference ?? "?"}: ${(error as Error).message}`)
    throw error
  }
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "avirato-webhook-outcomes" },
}
