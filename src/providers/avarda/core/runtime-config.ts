/**
 * The options of a configured Avarda provider, for code outside the provider (store route, return
 * route, subscribers, jobs). Medusa gives providers their options but lets no other code resolve a
 * provider instance, so we read the same entry of the Payment Module's `providers` list from the
 * loaded config and parse it with the same schema: one source of truth, no second configuration.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { AuthorizationApiClient } from "../../../lib/avarda/authorization-api/client"
import { authorizationApiBaseUrl } from "../../../lib/avarda/authorization-api/environments"
import { sharedAuthorizationApiClient } from "../../../lib/avarda/authorization-api/shared-client"
import { vendorOfEntry } from "../../../lib/plugin-vendors"
import { configuredProviders } from "../../shared/payment-provider-entries"
import { parseAvardaOptions, type AvardaOptions } from "./options"
import { parseAvardaProviderId } from "./provider-ids"

const authorizationApiProviders = configuredProviders({ isEntry: (entry) => vendorOfEntry(entry) === "avarda", parseOptions: parseAvardaOptions })

/** Parsed options of the provider entry behind `providerId` (e.g. `pp_avarda-invoice_avarda`). */
export function avardaOptionsFor(container: MedusaContainer, providerId: string): AvardaOptions {
  const parsedId = parseAvardaProviderId(providerId)
  if (!parsedId) throw new Error(`${providerId} is not an Avarda Authorization API provider`)
  return authorizationApiProviders.requiredOptionsOf(container, parsedId.configId, providerId)
}

/** Options of the first configured Avarda Authorization API entry (when no provider id is known). */
export function anyAvardaOptions(container: MedusaContainer): AvardaOptions | undefined {
  const [entry] = authorizationApiProviders.entries(container)
  return entry?.id ? authorizationApiProviders.optionsOf(container, entry.id) : undefined
}

/** Every configured Authorization API entry with its parsed options, in medusa-config order. */
export function configuredAvardaOptions(container: MedusaContainer): Array<{ configId: string; options: AvardaOptions }> {
  return authorizationApiProviders.all(container)
}

/** The shared Authorization API client of a configured provider (jobs re-sending unanswered calls). */
export function avardaClientFor(container: MedusaContainer, providerId: string): AuthorizationApiClient {
  return avardaClientOf(avardaOptionsFor(container, providerId))
}

/** The shared Authorization API client for these options (when only the configuration is known). */
export function avardaClientOf(options: AvardaOptions): AuthorizationApiClient {
  return sharedAuthorizationApiClient({
    baseUrl: authorizationApiBaseUrl(options.environment),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeouts: { createMs: options.timeouts.createAuthorizationMs, requestMs: options.timeouts.requestMs },
  })
}
