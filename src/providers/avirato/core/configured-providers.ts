import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AviratoClient } from "../../../lib/avirato"
import { configuredProviders } from "../../shared/payment-provider-entries"
import { parseAviratoOptions, type AviratoOptions } from "./options"

/** Service identifier of the card provider; provider ids look like `pp_avirato-card_<id>`. */
export const AVIRATO_CARD_IDENTIFIER = "avirato-card"
const PROVIDER_ID_PREFIX = `pp_${AVIRATO_CARD_IDENTIFIER}_`

export function isAviratoProviderId(providerId: string | null | undefined): providerId is string {
  return !!providerId && providerId.startsWith(PROVIDER_ID_PREFIX)
}

/** `./src/providers/avirato`, `<plugin>/providers/avirato`, or the absolute path Medusa resolved it to. */
const AVIRATO_PROVIDER_RESOLVE = /providers\/avirato(\/index(\.[cm]?[jt]s)?)?\/?$/

/**
 * App code (routes, subscribers, jobs, workflows) cannot reach provider instances: they live in the
 * Payment Module's own container. It reads the SAME options from the provider entries in the
 * loaded config, validated by the same schema (see `../../shared/payment-provider-entries`).
 */
const aviratoProviders = configuredProviders({
  isEntry: (entry) => typeof entry.id === "string" && entry.resolve !== undefined && AVIRATO_PROVIDER_RESOLVE.test(String(entry.resolve)),
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
  if (!isAviratoProviderId(providerId)) return undefined
  const options = aviratoProviders.optionsOf(container, providerId.slice(PROVIDER_ID_PREFIX.length))
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
  return aviratoProviders.entries(container).map((entry) => `${PROVIDER_ID_PREFIX}${entry.id}`)
}
