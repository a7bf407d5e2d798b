import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { Logger, ProviderWebhookPayload } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { parseWebhookEvent } from "../lib/avirato"
import { aviratoProvider, isAviratoProviderId } from "../providers/avirato/core/configured-providers"
import { authenticateWebhook } from "../providers/avirato/core/webhook-authentication"
import { bookWebhookEvent } from "../workflows/avirato/book-webhook-event"

/**
 * Runs next to Medusa's own webhook subscriber for Avirato webhooks. Medusa ignores `failed` and
 * unsupported actions, so modification outcomes (a CAPTURE_FAILED, a REFUND_FAILED…) and payments on
 * discarded checkout sessions would otherwise be lost; this books them and alerts the admin.
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
