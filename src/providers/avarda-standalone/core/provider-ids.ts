import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"

/** Service identifiers; with `id: "avarda-standalone"` the provider ids are `pp_avarda-standalone-invoice_avarda-standalone`, … */
export const STANDALONE_IDENTIFIERS: Record<StandaloneProduct, string> = {
  invoice: "avarda-standalone-invoice",
  "direct-invoice": "avarda-standalone-direct-invoice",
  loan: "avarda-standalone-loan",
  "part-payment": "avarda-standalone-part-payment",
}

const PROVIDER_ID = /^pp_avarda-standalone-(invoice|direct-invoice|loan|part-payment)_(.+)$/

/** `pp_avarda-standalone-loan_avarda-standalone` → { product: "loan", configId: "avarda-standalone" }. */
export function parseStandaloneProviderId(providerId: string | null | undefined): { product: StandaloneProduct; configId: string } | undefined {
  const match = PROVIDER_ID.exec(providerId ?? "")
  return match ? { product: match[1] as StandaloneProduct, configId: match[2]! } : undefined
}

export function isStandaloneProviderId(providerId: string | null | undefined): boolean {
  return parseStandaloneProviderId(providerId) !== undefined
}
