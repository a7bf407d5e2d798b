import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { AVARDA_AUTHORIZATION_API, identifiersByMethod, isProviderIdOf, parseProviderId } from "../../../lib/plugin-vendors"

/** Service identifiers; with `id: "avarda"` in medusa-config the provider ids are `pp_avarda-invoice_avarda`, … */
export const AVARDA_IDENTIFIERS: Record<AuthorizationProduct, string> = identifiersByMethod(AVARDA_AUTHORIZATION_API)

/** `pp_avarda-loan_avarda` → { product: "loan", configId: "avarda" }; undefined for other providers. */
export function parseAvardaProviderId(providerId: string | null | undefined): { product: AuthorizationProduct; configId: string } | undefined {
  const parsed = parseProviderId(providerId)
  return parsed?.vendor === "avarda" ? { product: parsed.method as AuthorizationProduct, configId: parsed.configId } : undefined
}

export function isAvardaProviderId(providerId: string | null | undefined): boolean {
  return isProviderIdOf("avarda", providerId)
}
