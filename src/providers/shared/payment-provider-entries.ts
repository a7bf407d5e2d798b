/**
 * The options of a configured payment provider, for code outside it (store and admin routes,
 * subscribers, jobs, workflows). Medusa gives providers their options but lets no other code
 * resolve a provider instance, so we read the same entry of the Payment Module's `providers` list
 * from the loaded config and parse it with the provider's own schema: one source of truth, no
 * second configuration.
 */
import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { PaymentProviderEntry } from "../../lib/plugin-settings/vendor-configuration"
import { vendorOfEntry, vendorProviderIds, type PluginVendorFacts } from "../../lib/plugin-vendors"

/** Every provider entry of every module in the loaded medusa-config (array or keyed form). */
export function paymentProviderEntries(container: MedusaContainer): PaymentProviderEntry[] {
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  const modules = (config.modules ?? {}) as Record<string, unknown> | unknown[]
  const list = Array.isArray(modules) ? modules : Object.values(modules)
  return list.flatMap((module) => {
    const providers = (module as { options?: { providers?: unknown } } | undefined)?.options?.providers
    return Array.isArray(providers) ? (providers as PaymentProviderEntry[]) : []
  })
}

/** One provider module of this plugin: how to recognise its entries and its options schema. */
export interface ProviderFamily<Options> {
  isEntry(entry: PaymentProviderEntry): boolean
  parseOptions(raw: unknown): Options
}

export interface ConfiguredProviders<Options> {
  /** The family's entries, in medusa-config order. */
  entries(container: MedusaContainer): PaymentProviderEntry[]
  /** Parsed options of the family's entry with this `id` (undefined when there is none), parsed once per loaded config. */
  optionsOf(container: MedusaContainer, configId: string): Options | undefined
  /** `optionsOf` for `providerId` (whose config id is `configId`), which must be configured. */
  requiredOptionsOf(container: MedusaContainer, configId: string, providerId: string): Options
  /** Every entry of the family with its parsed options, in medusa-config order. */
  all(container: MedusaContainer): Array<{ configId: string; options: Options }>
}

export function configuredProviders<Options>(family: ProviderFamily<Options>): ConfiguredProviders<Options> {
  const cache = new WeakMap<object, Map<string, Options>>()
  const entries = (container: MedusaContainer) => paymentProviderEntries(container).filter((entry) => family.isEntry(entry))
  const optionsOf = (container: MedusaContainer, configId: string): Options | undefined => {
    const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
    let byId = cache.get(config)
    if (!byId) cache.set(config, (byId = new Map()))
    const cached = byId.get(configId)
    if (cached) return cached
    const entry = entries(container).find((e) => e.id === configId)
    if (!entry) return undefined
    const options = family.parseOptions(entry.options)
    byId.set(configId, options)
    return options
  }
  return {
    entries,
    optionsOf,
    requiredOptionsOf(container, configId, providerId) {
      const options = optionsOf(container, configId)
      if (!options) throw new Error(`no Payment Module provider entry with id "${configId}" for ${providerId} in medusa-config`)
      return options
    },
    all(container) {
      return entries(container).flatMap((entry) => {
        const options = entry.id ? optionsOf(container, entry.id) : undefined
        return entry.id && options ? [{ configId: entry.id, options }] : []
      })
    },
  }
}

/** A vendor's configured providers, reached by provider id: what code outside the providers asks. */
export interface VendorProviderOptions<Options> {
  /** Parsed options of the entry behind `providerId` (e.g. `pp_avarda-invoice_avarda`), which must be this vendor's and configured. */
  optionsFor(container: MedusaContainer, providerId: string): Options
  /** Whether `providerId` is this vendor's and its entry is in medusa-config (a storefront may send any id). */
  isConfigured(container: MedusaContainer, providerId: string): boolean
  /** Options of the vendor's first entry (when no provider id is known). */
  first(container: MedusaContainer): Options | undefined
  /** Every entry of the vendor with its parsed options, in medusa-config order. */
  all(container: MedusaContainer): Array<{ configId: string; options: Options }>
}

/** The vendor's entries as the vendor registry recognises them, parsed with the provider's own options schema. */
export function vendorProviderOptions<Options>(facts: PluginVendorFacts, parseOptions: (raw: unknown) => Options): VendorProviderOptions<Options> {
  const providers = configuredProviders({ isEntry: (entry) => vendorOfEntry(entry) === facts.vendor, parseOptions })
  const providerIds = vendorProviderIds(facts)
  return {
    optionsFor(container, providerId) {
      const parsed = providerIds.parse(providerId)
      if (!parsed) throw new Error(`${providerId} is not a provider of ${facts.name}`)
      return providers.requiredOptionsOf(container, parsed.configId, providerId)
    },
    isConfigured(container, providerId) {
      const parsed = providerIds.parse(providerId)
      return !!parsed && providers.optionsOf(container, parsed.configId) !== undefined
    },
    first(container) {
      const [entry] = providers.entries(container)
      return entry?.id ? providers.optionsOf(container, entry.id) : undefined
    },
    all: (container) => providers.all(container),
  }
}
