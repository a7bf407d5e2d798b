/**
 * The options of a configured Avarda provider, for code outside the provider (store route, return
 * route, subscribers, jobs): the same medusa-config entry, parsed with the same schema (see
 * `../../shared/payment-provider-entries`). Medusa lets no other code resolve a provider instance.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { AuthorizationApiClient } from "../../../lib/avarda/authorization-api/client"
import { authorizationApiBaseUrl } from "../../../lib/avarda/authorization-api/environments"
import { sharedAuthorizationApiClient } from "../../../lib/avarda/authorization-api/shared-client"
import { AVARDA_AUTHORIZATION_API } from "../../../lib/plugin-vendors"
import { vendorProviderOptions } from "../../shared/payment-provider-entries"
import { parseAvardaOptions, type AvardaOptions } from "./options"

/** Options by provider id (e.g. `pp_avarda-invoice_avarda`), of the first entry, of every entry. */
export const { optionsFor: avardaOptionsFor, isConfigured: isAvardaProviderConfigured, first: anyAvardaOptions, all: configuredAvardaOptions } = vendorProviderOptions(AVARDA_AUTHORIZATION_API, parseAvardaOptions)

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
