import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { AVARDA_STANDALONE_CREDIT, identifiersByMethod, isProviderIdOf, parseProviderId } from "../../../lib/plugin-vendors"

/** Service identifiers; with `id: "avarda-standalone"` the provider ids are `pp_avarda-standalone-invoice_avarda-standalone`, … */
export const STANDALONE_IDENTIFIERS: Record<StandaloneProduct, string> = identifiersByMethod(AVARDA_STANDALONE_CREDIT)

/** `pp_avarda-standalone-loan_avarda-standalone` → { product: "loan", configId: "avarda-standalone" }. */
export function parseStandaloneProviderId(providerId: string | null | undefined): { product: StandaloneProduct; configId: string } | undefined {
  const parsed = parseProviderId(providerId)
  return parsed?.vendor === "avarda-standalone" ? { product: parsed.method as StandaloneProduct, configId: parsed.configId } : undefined
}

export function isStandaloneProviderId(providerId: string | null | undefined): boolean {
  return isProviderIdOf("avarda-standalone", providerId)
}
