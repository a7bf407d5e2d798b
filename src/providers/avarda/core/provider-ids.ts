import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"

/** Service identifiers; with `id: "avarda"` in medusa-config the provider ids are `pp_avarda-invoice_avarda`, … */
export const AVARDA_IDENTIFIERS: Record<AuthorizationProduct, string> = {
  invoice: "avarda-invoice",
  "part-payment": "avarda-part-payment",
  loan: "avarda-loan",
  "direct-invoice": "avarda-direct-invoice",
}

const PROVIDER_ID = /^pp_avarda-(invoice|part-payment|loan|direct-invoice)_(.+)$/

/** `pp_avarda-loan_avarda` → { product: "loan", configId: "avarda" }; undefined for other providers. */
export function parseAvardaProviderId(providerId: string | null | undefined): { product: AuthorizationProduct; configId: string } | undefined {
  const match = PROVIDER_ID.exec(providerId ?? "")
  return match ? { product: match[1] as AuthorizationProduct, configId: match[2]! } : undefined
}

export function isAvardaProviderId(providerId: string | null | undefined): boolean {
  return parseAvardaProviderId(providerId) !== undefined
}
