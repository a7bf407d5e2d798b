/**
 * The options of a configured Standalone Credit provider, for code outside the provider (store
 * route, return route, subscribers, jobs): the same medusa-config entry, parsed with the same
 * schema. Medusa lets no other code resolve a provider instance.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { sharedStandaloneClient } from "../../../lib/avarda/standalone/shared-client"
import type { StandaloneCreditClient } from "../../../lib/avarda/standalone/client"
import { vendorOfEntry } from "../../../lib/plugin-vendors"
import { configuredProviders } from "../../shared/payment-provider-entries"
import { parseStandaloneOptions, standaloneBaseUrlOf, type StandaloneOptions } from "./options"
import { parseStandaloneProviderId } from "./provider-ids"

const standaloneProviders = configuredProviders({ isEntry: (entry) => vendorOfEntry(entry) === "avarda-standalone", parseOptions: parseStandaloneOptions })

/** Parsed options of the provider entry behind `providerId` (e.g. `pp_avarda-standalone-invoice_avarda-standalone`). */
export function standaloneOptionsFor(container: MedusaContainer, providerId: string): StandaloneOptions {
  const parsedId = parseStandaloneProviderId(providerId)
  if (!parsedId) throw new Error(`${providerId} is not an Avarda Standalone Credit provider`)
  return standaloneProviders.requiredOptionsOf(container, parsedId.configId, providerId)
}

/** Options of the first configured Standalone Credit entry (when no provider id is known). */
export function anyStandaloneOptions(container: MedusaContainer): StandaloneOptions | undefined {
  const [entry] = standaloneProviders.entries(container)
  return entry?.id ? standaloneProviders.optionsOf(container, entry.id) : undefined
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

/** Every configured Standalone Credit entry with its parsed options, in medusa-config order. */
export function configuredStandaloneOptions(container: MedusaContainer): Array<{ configId: string; options: StandaloneOptions }> {
  return standaloneProviders.all(container)
}
