/**
 * The plugin's vendors: which provider ids each owns and how its entry in the Payment Module's
 * `providers` list of medusa-config is recognised. Routes, subscribers, jobs, workflows and the
 * settings page ask this module, so a provider id or a recognition rule is written once.
 */
import { AVARDA_AUTHORIZATION_API } from "./avarda"
import { AVARDA_STANDALONE_CREDIT } from "./avarda-standalone"
import { AVIRATO_CARDS } from "./avirato"
import { identifiersByMethod, providerIdOf, type PluginVendorFacts, type PluginVendorKey } from "./plugin-vendor"

export { AVARDA_AUTHORIZATION_API } from "./avarda"
export { AVARDA_STANDALONE_CREDIT } from "./avarda-standalone"
export { AVIRATO_CARDS } from "./avirato"
export { identifiersByMethod, providerIdOf, type PluginPaymentMethodFacts, type PluginVendorFacts, type PluginVendorKey } from "./plugin-vendor"

/** One entry of the Payment Module's `providers` option. */
export interface PaymentProviderEntry {
  id?: string
  resolve?: unknown
  options?: unknown
}

/** Every vendor, in the order the admin lists them. */
export const PLUGIN_VENDORS: readonly PluginVendorFacts[] = [AVARDA_AUTHORIZATION_API, AVARDA_STANDALONE_CREDIT, AVIRATO_CARDS]

export function pluginVendor(vendor: PluginVendorKey): PluginVendorFacts {
  return PLUGIN_VENDORS.find((facts) => facts.vendor === vendor)!
}

/** The service identifiers of a vendor's methods, in display order. */
export function identifiersOf(vendor: PluginVendorKey): string[] {
  return Object.values(pluginVendor(vendor).methods).map((method) => method.identifier)
}

export interface ParsedProviderId {
  vendor: PluginVendorKey
  /** The vendor's own name of the method (e.g. "part-payment", "card"). */
  method: string
  identifier: string
  label: string
  /** medusa-config's provider `id`. */
  configId: string
}

/**
 * Every method's provider-id prefix `pp_<identifier>_` with what it stands for, built once: ids are
 * parsed on every webhook, payment route and subscriber call.
 */
const PROVIDER_ID_PREFIXES: ReadonlyArray<{ prefix: string; method: Omit<ParsedProviderId, "configId"> }> = PLUGIN_VENDORS.flatMap((facts) =>
  Object.entries(facts.methods).map(([method, { identifier, label }]) => ({ prefix: providerIdOf(identifier, ""), method: { vendor: facts.vendor, method, identifier, label } }))
)

/** `pp_avarda-loan_avarda` → Avarda's loan under config id "avarda"; undefined for other providers. */
export function parseProviderId(providerId: string | null | undefined): ParsedProviderId | undefined {
  if (!providerId?.startsWith("pp_")) return undefined
  // A plain loop that copies only the matching entry: this runs on every webhook and payment call.
  for (const { prefix, method } of PROVIDER_ID_PREFIXES) {
    if (providerId.length > prefix.length && providerId.startsWith(prefix)) return { ...method, configId: providerId.slice(prefix.length) }
  }
  return undefined
}

/** The vendor owning a provider id, or undefined for other providers (e.g. `pp_system_default`). */
export function vendorOfProviderId(providerId: string | null | undefined): PluginVendorKey | undefined {
  return parseProviderId(providerId)?.vendor
}

/** Whether a provider id is one of this plugin's: pp_avarda-invoice_avarda, pp_avarda-standalone-loan_avarda-standalone, pp_avirato-card_avirato. */
export function isPluginProvider(providerId: string | null | undefined): providerId is string {
  return vendorOfProviderId(providerId) !== undefined
}

/** Whether a provider id belongs to this vendor. */
export function isProviderIdOf(vendor: PluginVendorKey, providerId: string | null | undefined): providerId is string {
  return vendorOfProviderId(providerId) === vendor
}

/** A vendor's provider ids: its service identifiers by method, and the reading and recognising of `pp_<identifier>_<configId>`. */
export interface VendorProviderIds<Method extends string> {
  /** Service identifiers by method, e.g. `{ loan: "avarda-loan", … }`. */
  identifiers: Record<Method, string>
  /** `pp_avarda-loan_avarda` → { method: "loan", configId: "avarda" }; undefined for other vendors' and Medusa's providers. */
  parse(providerId: string | null | undefined): { method: Method; configId: string } | undefined
  is(providerId: string | null | undefined): providerId is string
}

export function vendorProviderIds<Method extends string>(facts: PluginVendorFacts<Method>): VendorProviderIds<Method> {
  return {
    identifiers: identifiersByMethod(facts),
    parse(providerId) {
      const parsed = parseProviderId(providerId)
      return parsed?.vendor === facts.vendor ? { method: parsed.method as Method, configId: parsed.configId } : undefined
    },
    is: (providerId): providerId is string => isProviderIdOf(facts.vendor, providerId),
  }
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && (typeof value === "object" || typeof value === "function") ? (value as Record<string, unknown>) : {}

/** `…/providers/<directory>`, optionally its index file: a package path, `./src/…` or an absolute path. */
function resolvePathPattern(directory: string): RegExp {
  return new RegExp(`(^|[\\\\/])providers[\\\\/]${directory}([\\\\/]index(\\.[cm]?[jt]s)?)?[\\\\/]?$`)
}

/** The service identifiers of an imported provider module (`ModuleProvider(...)`, or an ES module with it as default). */
function serviceIdentifiersOf(resolved: unknown): string[] {
  const module = record(resolved)
  const services = module.services ?? record(module.default).services
  if (!Array.isArray(services)) return []
  return services.map((service) => record(service).identifier).filter((id): id is string => typeof id === "string")
}

/**
 * The vendor a provider entry belongs to. Medusa accepts `resolve` as a path (a package path such
 * as `<plugin>/providers/avarda`, `./src/providers/avarda` or the absolute path it resolved) or as
 * the imported module itself; the module is recognised by its services' identifiers.
 */
export function vendorOfEntry(entry: PaymentProviderEntry): PluginVendorKey | undefined {
  if (typeof entry.resolve === "string") {
    const path = entry.resolve
    return PLUGIN_VENDORS.find((facts) => resolvePathPattern(facts.providerDirectory).test(path))?.vendor
  }
  const identifiers = serviceIdentifiersOf(entry.resolve)
  return PLUGIN_VENDORS.find((facts) => identifiersOf(facts.vendor).some((id) => identifiers.includes(id)))?.vendor
}
