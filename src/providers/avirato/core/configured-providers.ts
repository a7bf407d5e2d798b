import type { ConfigModule, Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { AviratoClient } from "../../../lib/avirato"
import { parseAviratoOptions, type AviratoOptions } from "./options"

/** Service identifier of the card provider; provider ids look like `pp_avirato-card_<id>`. */
export const AVIRATO_CARD_IDENTIFIER = "avirato-card"
const PROVIDER_ID_PREFIX = `pp_${AVIRATO_CARD_IDENTIFIER}_`

export function isAviratoProviderId(providerId: string | null | undefined): providerId is string {
  return !!providerId && providerId.startsWith(PROVIDER_ID_PREFIX)
}

/** `./src/providers/avirato`, `<plugin>/providers/avirato`, or the absolute path Medusa resolved it to. */
const AVIRATO_PROVIDER_RESOLVE = /providers\/avirato(\/index(\.[cm]?[jt]s)?)?\/?$/

interface ProviderEntry {
  id?: string
  options?: Record<string, unknown>
}

/**
 * App code (routes, subscribers, jobs, workflows) cannot reach provider instances: they live in the
 * Payment Module's own container. It reads the SAME options from the payment module's provider
 * entries in the loaded config, validated by the same schema, so there is one source of truth and
 * no second set of settings to keep in sync.
 */
export function aviratoProviderEntries(configModule: ConfigModule): Array<{ providerId: string; rawOptions: unknown }> {
  const modules = configModule.modules as Record<string, unknown> | unknown[] | undefined
  const payment = Array.isArray(modules)
    ? modules.find((m) => (m as { resolve?: string }).resolve?.includes("payment"))
    : modules?.[Modules.PAYMENT]
  const providers = ((payment as { options?: { providers?: ProviderEntry[] } } | undefined)?.options?.providers ?? []) as ProviderEntry[]
  return providers
    .filter((entry) => typeof entry.id === "string" && (entry as { resolve?: unknown }).resolve !== undefined)
    .filter((entry) => AVIRATO_PROVIDER_RESOLVE.test(String((entry as { resolve?: unknown }).resolve)))
    .map((entry) => ({ providerId: `${PROVIDER_ID_PREFIX}${entry.id}`, rawOptions: entry.options }))
}

interface Resolved {
  options: AviratoOptions
  client: AviratoClient
}

const cache = new WeakMap<ConfigModule, Map<string, Resolved>>()

/** Options and a shared client for one configured Avirato provider id, or undefined if none. */
export function aviratoProvider(container: MedusaContainer, providerId: string): Resolved | undefined {
  const configModule = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  let byId = cache.get(configModule)
  if (!byId) cache.set(configModule, (byId = new Map()))
  const cached = byId.get(providerId)
  if (cached) return cached
  const entry = aviratoProviderEntries(configModule).find((e) => e.providerId === providerId)
  if (!entry) return undefined
  const options = parseAviratoOptions(entry.rawOptions)
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
  byId.set(providerId, resolved)
  return resolved
}

/** Every configured Avirato provider id (e.g. for the reconciliation job). */
export function configuredAviratoProviderIds(container: MedusaContainer): string[] {
  const configModule = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  return aviratoProviderEntries(configModule).map((e) => e.providerId)
}
