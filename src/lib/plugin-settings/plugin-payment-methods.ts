// The plugin's payment methods as the admin shows them: which vendor and which method a provider
// id stands for. Provider ids are `pp_<identifier>_<config id>` (medusa-config's provider `id`).

export type PluginVendor = "avarda" | "avarda-standalone" | "avirato"

export interface PluginPaymentMethod {
  providerId: string
  vendor: PluginVendor
  /** The service identifier, e.g. "avarda-part-payment". */
  identifier: string
  label: string
}

const METHODS: Record<string, { vendor: PluginVendor; label: string }> = {
  "avarda-invoice": { vendor: "avarda", label: "Avarda invoice" },
  "avarda-part-payment": { vendor: "avarda", label: "Avarda part payment" },
  "avarda-loan": { vendor: "avarda", label: "Avarda loan" },
  "avarda-direct-invoice": { vendor: "avarda", label: "Avarda direct invoice" },
  "avarda-standalone-invoice": { vendor: "avarda-standalone", label: "Avarda Standalone Credit invoice" },
  "avarda-standalone-direct-invoice": { vendor: "avarda-standalone", label: "Avarda Standalone Credit direct invoice" },
  "avarda-standalone-loan": { vendor: "avarda-standalone", label: "Avarda Standalone Credit loan" },
  "avarda-standalone-part-payment": { vendor: "avarda-standalone", label: "Avarda Standalone Credit part payment" },
  "avirato-card": { vendor: "avirato", label: "Avirato card" },
}

/** Service identifiers per vendor (in display order). */
export const VENDOR_IDENTIFIERS: Record<PluginVendor, string[]> = {
  avarda: Object.keys(METHODS).filter((id) => METHODS[id]!.vendor === "avarda"),
  "avarda-standalone": Object.keys(METHODS).filter((id) => METHODS[id]!.vendor === "avarda-standalone"),
  avirato: ["avirato-card"],
}

/** The plugin method behind a provider id, or undefined for other providers (e.g. pp_system_default). */
export function pluginPaymentMethodOf(providerId: string): PluginPaymentMethod | undefined {
  const match = /^pp_(.+)_([^_]+)$/.exec(providerId)
  if (!match) return undefined
  const method = METHODS[match[1]!]
  return method ? { providerId, identifier: match[1]!, ...method } : undefined
}
