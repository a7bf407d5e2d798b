import type { StandaloneProduct } from "../../../lib/avarda/standalone/request"
import { AVARDA_STANDALONE_CREDIT, vendorProviderIds } from "../../../lib/plugin-vendors"

/** With `id: "avarda-standalone"` the provider ids are `pp_avarda-standalone-invoice_avarda-standalone`, … */
const providerIds = vendorProviderIds<StandaloneProduct>(AVARDA_STANDALONE_CREDIT)

export const STANDALONE_IDENTIFIERS = providerIds.identifiers
export const parseStandaloneProviderId = providerIds.parse
export const isStandaloneProviderId = providerIds.is
