// The plugin's payment methods as the admin shows them: which vendor and which method a provider
// id stands for. Provider ids are `pp_<identifier>_<config id>` (medusa-config's provider `id`).
import { identifiersOf, parseProviderId, PLUGIN_VENDORS, type PluginVendorKey } from "../plugin-vendors"

export type PluginVendor = PluginVendorKey

export interface PluginPaymentMethod {
  providerId: string
  vendor: PluginVendor
  /** The service identifier, e.g. "avarda-part-payment". */
  identifier: string
  label: string
}

/** Service identifiers per vendor (in display order). */
export const VENDOR_IDENTIFIERS = Object.fromEntries(PLUGIN_VENDORS.map((facts) => [facts.vendor, identifiersOf(facts.vendor)])) as Record<PluginVendor, string[]>

/** The plugin method behind a provider id, or undefined for other providers (e.g. pp_system_default). */
export function pluginPaymentMethodOf(providerId: string): PluginPaymentMethod | undefined {
  const parsed = parseProviderId(providerId)
  return parsed ? { providerId, vendor: parsed.vendor, identifier: parsed.identifier, label: parsed.label } : undefined
}
