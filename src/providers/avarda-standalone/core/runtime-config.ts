/**
 * The options of a configured Standalone Credit provider, for code outside the provider (store
 * route, return route, subscribers, jobs): the same medusa-config entry, parsed with the same
 * schema (see `../../shared/payment-provider-entries`). Medusa lets no other code resolve a provider
 * instance.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { sharedStandaloneClient } from "../../../lib/avarda/standalone/shared-client"
import type { StandaloneCreditClient } from "../../../lib/avarda/standalone/client"
import { AVARDA_STANDALONE_CREDIT } from "../../../lib/plugin-vendors"
import { vendorProviderOptions } from "../../shared/payment-provider-entries"
import { parseStandaloneOptions, standaloneBaseUrlOf, type StandaloneOptions } from "./options"

/** Options by provider id (e.g. `pp_avarda-standalone-invoice_avarda-standalone`), of the first entry, of every entry. */
export const { optionsFor: standaloneOptionsFor, isConfigured: isStandaloneProviderConfigured, first: anyStandaloneOptions, all: configuredStandaloneOptions } = vendorProviderOptions(AVARDA_STANDALONE_CREDIT, parseStandaloneOptions)

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
