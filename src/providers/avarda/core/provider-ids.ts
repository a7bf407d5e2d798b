import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import { AVARDA_AUTHORIZATION_API, vendorProviderIds } from "../../../lib/plugin-vendors"

/** With `id: "avarda"` in medusa-config the provider ids are `pp_avarda-invoice_avarda`, `pp_avarda-loan_avarda`, … */
const providerIds = vendorProviderIds<AuthorizationProduct>(AVARDA_AUTHORIZATION_API)

export const AVARDA_IDENTIFIERS = providerIds.identifiers
export const parseAvardaProviderId = providerIds.parse
export const isAvardaProviderId = providerIds.is
