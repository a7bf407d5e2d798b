/**
 * The options of a configured Standalone Credit provider, for code outside the provider (store
 * route, return route, subscribers, jobs): the same medusa-config entry, parsed with the same
 * schema. Medusa lets no other code resolve a provider instance.
 */
import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { paymentProviderEntries } from "../../../api/plugin-settings/payment-provider-entries"
import { sharedStandaloneClient } from "../../../lib/avarda/standalone/shared-client"
import type { StandaloneCreditClient } from "../../../lib/avarda/standalone/client"
import { vendorOfEntry } from "../../../lib/plugin-settings/vendor-configuration"
import { parseStandaloneOptions, standaloneBaseUrlOf, type StandaloneOptions } from "./options"
import { parseStandaloneProviderId } from "./provider-ids"

const cache = new WeakMap<object, Map<string, StandaloneOptions>>()

/** Parsed options of the provider entry behind `providerId` (e.g. `pp_avarda-standalone-invoice_avarda-standalone`). */
export function standaloneOptionsFor(container: MedusaContainer, providerId: string): StandaloneOptions {
  const parsedId = parseStandaloneProviderId(providerId)
  if (!parsedId) throw new Error(`${providerId} is not an Avarda Standalone Credit provider`)
  const config = container.resolve<ConfigModule>(ContainerRegistrationKeys.CONFIG_MODULE)
  let byId = cache.get(config)
  if (!byId) cache.set(config, (byId = new Map()))
  const cached = byId.get(parsedId.configId)
  if (cached) return cached
  const entry = paymentProviderEntries(container).find((e) => e.id === parsedId.configId && vendorOfEntry(e) === "avarda-standalone")
  if (!entry) throw new Error(`no Payment Module provider entry with id "${parsedId.configId}" for ${providerId} in medusa-config`)
  const options = parseStandaloneOptions(entry.options)
  byId.set(parsedId.configId, options)
  return options
}

/** Options of the first configured Standalone Credit entry (when no provider id is known). */
export function anyStandaloneOptions(container: MedusaContainer): StandaloneOptions | undefined {
  const entry = paymentProviderEntries(container).find((e) => vendorOfEntry(e) === "avarda-standalone")
  return entry?.id ? standaloneOptionsFor(container, `pp_avarda-standalone-invoice_${entry.id}`) : undefined
}

/** The shared CheckOut2Api client of a configured provider. */
export function standaloneClientFor(container: MedusaContainer, providerId: string): StandaloneCreditClient {
  return clientOf(standaloneOptionsFor(container, providerId))
}

export function clientOf(options: StandaloneOptions): StandaloneCreditClient {
  return sharedStandaloneClient({
    baseUrl: standaloneBaseUrlOf(options),
    siteCode: options.siteCode,
    sitePassword: options.sitePassword,
    timeouts: options.timeouts,
  })
}
