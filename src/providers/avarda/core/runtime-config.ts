/**
 * The options of a configured Avarda provider, for code outside the provider (store route, return
 * route, subscribers, jobs). Medusa gives providers their options but lets no other code resolve a
 * provider instance, so we read the same entry of the Payment Module's `providers` list from the
 * loaded config and parse it with the same schema: one source of truth, no second configuration.
 */
import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseAvardaOptions, type AvardaOptions } from "./options"
import { AVARDA_IDENTIFIERS, parseAvardaProviderId } from "./provider-ids"

interface ProviderEntry {
  id?: string
  resolve?: unknown
  options?: unknown
}

function paymentProviderEntries(config: ConfigModule): ProviderEntry[] {
  const modules = (config.modules ?? {}) as Record<string, unknown> | unknown[]
  const list = Array.isArray(modules) ? modules : Object.values(modules)
  return list.flatMap((module) => {
    const providers = (module as { options?: { providers?: unknown } } | undefined)?.options?.providers
    return Array.isArray(providers) ? (providers as ProviderEntry[]) : []
  })
}

/** This provider module, referenced by path (`./src/providers/avarda`, `<plugin>/providers/avarda`) or imported. */
function isAuthorizationApiEntry(entry: ProviderEntry): boolean {
  if (typeof entry.resolve === "string") return /(^|\/)avarda(\/index(\.[cm]?[jt]s)?)?\/?$/.test(entry.resolve)
  const resolved = entry.resolve as { default?: { services?: unknown[] }; services?: unknown[] } | undefined
  const services = resolved?.services ?? resolved?.default?.services ?? []
  const identifiers = Object.values(AVARDA_IDENTIFIERS)
  return services.some((service) => identifiers.includes((service as { identifier?: string }).identifier ?? ""))
}

const cache = new WeakMap<object, Map<string, AvardaOptions>>()

/** Parsed options of the provider entry behind `providerId` (e.g. `pp_avarda-invoice_avarda`). */
export function avardaOptionsFor(container: MedusaContainer, providerId: string): AvardaOptions {
  const parsedId = parseAvardaProviderId(providerId)
  if (!parsedId) throw new Error(`${providerId} is not an Avarda Authorization API provider`)
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  let byId = cache.get(config)
  if (!byId) cache.set(config, (byId = new Map()))
  const cached = byId.get(parsedId.configId)
  if (cached) return cached
  const entry = paymentProviderEntries(config).find((e) => e.id === parsedId.configId && isAuthorizationApiEntry(e))
  if (!entry) throw new Error(`no Payment Module provider entry with id "${parsedId.configId}" for ${providerId} in medusa-config`)
  const options = parseAvardaOptions(entry.options)
  byId.set(parsedId.configId, options)
  return options
}

/** Options of the first configured Avarda Authorization API entry (when no provider id is known). */
export function anyAvardaOptions(container: MedusaContainer): AvardaOptions | undefined {
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  const entry = paymentProviderEntries(config).find(isAuthorizationApiEntry)
  return entry?.id ? avardaOptionsFor(container, `pp_avarda-invoice_${entry.id}`) : undefined
}
