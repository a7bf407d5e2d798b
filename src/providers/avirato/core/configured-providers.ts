import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AviratoClient } from "../../../lib/avirato"
import { AVIRATO_CARDS, providerIdOf, vendorOfEntry, vendorProviderIds } from "../../../lib/plugin-vendors"
import { configuredProviders } from "../../shared/payment-provider-entries"
import { parseAviratoOptions, type AviratoOptions } from "./options"

/** Service identifier of the card provider; provider ids look like `pp_avirato-card_<id>`. */
export const AVIRATO_CARD_IDENTIFIER = AVIRATO_CARDS.methods.card.identifier

const aviratoProviderIds = vendorProviderIds(AVIRATO_CARDS)

export const isAviratoProviderId = aviratoProviderIds.is

/**
 * App code (routes, subscribers, jobs, workflows) cannot reach provider instances: they live in the
 * Payment Module's own container. It reads the SAME options from the provider entries in the
 * loaded config, validated by the same schema (see `../../shared/payment-provider-entries`).
 */
const aviratoProviders = configuredProviders({
  isEntry: (entry) => typeof entry.id === "string" && vendorOfEntry(entry) === "avirato",
  parseOptions: parseAviratoOptions,
})

interface Resolved {
  options: AviratoOptions
  client: AviratoClient
}

/** One shared client per parsed options object, i.e. per provider entry of a loaded config. */
const resolvedByOptions = new WeakMap<AviratoOptions, Resolved>()

/** Options and a shared client for one configured Avirato provider id, or undefined if none. */
export function aviratoProvider(container: MedusaContainer, providerId: string): Resolved | undefined {
  const parsed = aviratoProviderIds.parse(providerId)
  if (!parsed) return undefined
  const options = aviratoProviders.optionsOf(container, parsed.configId)
  if (!options) return undefined
  const cached = resolvedByOptions.get(options)
  if (cached) return cached
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const client = new AviratoClient({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    webcode: options.webcode,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
    onRetry: ({ operation, attempt, error }) => logger.warn(`Avirato: retrying ${operation} (attempt ${attempt + 1}) after: ${error.message}`),
  })
  const resolved = { options, client }
  resolvedByOptions.set(options, resolved)
  return resolved
}

/** Every configured Avirato provider id (e.g. for the reconciliation job). */
export function configuredAviratoProviderIds(container: MedusaContainer): string[] {
  return aviratoProviders.entries(container).map((entry) => providerIdOf(AVIRATO_CARD_IDENTIFIER, entry.id!))
}
