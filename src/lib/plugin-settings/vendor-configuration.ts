// What the admin may see of each vendor's configuration (medusa-config's Payment Module provider
// entries): environment, base URL, provider ids, webhook URL and the operational defaults. Never a
// credential: only the fields listed here leave the server.
import { DEFAULT_EXPIRY_WARNING_DAYS } from "../authorization-expiry"
import { AUTHORIZATION_API_BASE_URLS } from "../avarda/authorization-api/environments"
import { STANDALONE_BASE_URLS, standaloneBaseUrl } from "../avarda/standalone/environments"
import { defaultBaseUrl as aviratoDefaultBaseUrl, type AviratoEnvironment } from "../avirato/environment"
import { sandboxBaseUrlOf, sandboxProviderOptions, sandboxSwitch } from "../sandbox-switch"
import { AVIRATO_CARDS, identifiersOf, PLUGIN_VENDORS, providerIdOf, vendorOfEntry, type PaymentProviderEntry } from "../plugin-vendors"
import type { PluginVendor } from "./plugin-payment-methods"

export { vendorOfEntry, type PaymentProviderEntry } from "../plugin-vendors"

export type VendorEnvironment = "sandbox" | "test" | "live" | "custom"

export interface VendorConfiguration {
  vendor: PluginVendor
  name: string
  /** A provider entry for this vendor exists in medusa-config. */
  configured: boolean
  /** medusa-config's provider `id` (e.g. "avarda"). */
  configId?: string
  /** sandbox = this plugin's simulator; live = production money. */
  environment?: VendorEnvironment
  baseUrl?: string
  providerIds: string[]
  /** Where Avirato must send webhooks (register it in Avirato's back office). */
  webhookUrl?: string
  /** Operational settings as configured in medusa-config (the fallback when the admin sets none). */
  configuredDefaults: Record<string, unknown>
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined)

function isLocal(url: string): boolean {
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname)
  } catch {
    return false
  }
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`
}

/** Avarda: `environment` is "sandbox" | "test" | "production" or a base URL. */
function avardaEnvironment(options: Record<string, unknown>): { environment: VendorEnvironment; baseUrl?: string } {
  const env = text(options.environment) ?? text(options.baseUrl)
  if (!env) return { environment: "custom" }
  const known: Record<string, VendorEnvironment> = { sandbox: "sandbox", test: "test", production: "live", live: "live" }
  if (known[env]) {
    const name = env === "live" ? "production" : env
    return { environment: known[env]!, baseUrl: AUTHORIZATION_API_BASE_URLS[name as keyof typeof AUTHORIZATION_API_BASE_URLS] }
  }
  const url = withSlash(env)
  if (url === AUTHORIZATION_API_BASE_URLS.test) return { environment: "test", baseUrl: url }
  if (url === AUTHORIZATION_API_BASE_URLS.production) return { environment: "live", baseUrl: url }
  return { environment: isLocal(url) ? "sandbox" : "custom", baseUrl: url }
}

function aviratoEnvironment(options: Record<string, unknown>): { environment: VendorEnvironment; baseUrl?: string } {
  const env = (text(options.environment) ?? "sandbox") as AviratoEnvironment
  const baseUrl = text(options.baseUrl) ?? (["sandbox", "test", "live"].includes(env) ? aviratoDefaultBaseUrl(env) : undefined)
  return { environment: ["sandbox", "test", "live"].includes(env) ? (env as VendorEnvironment) : "custom", baseUrl }
}

/** Standalone Credit: `environment` ("sandbox" | "test" | "production" or a URL); `baseUrl` wins when set. */
function standaloneEnvironment(options: Record<string, unknown>): { environment: VendorEnvironment; baseUrl?: string } {
  const env = text(options.environment)
  const explicit = text(options.baseUrl) ?? (env && /^https?:/.test(env) ? env : undefined)
  const baseUrl = explicit ? standaloneBaseUrl(explicit) : env ? STANDALONE_BASE_URLS[env as keyof typeof STANDALONE_BASE_URLS] : undefined
  if (!baseUrl) return { environment: "custom" }
  if (baseUrl.toLowerCase() === STANDALONE_BASE_URLS.test.toLowerCase()) return { environment: "test", baseUrl }
  if (baseUrl.toLowerCase() === STANDALONE_BASE_URLS.production.toLowerCase()) return { environment: "live", baseUrl }
  if (env === "test") return { environment: "test", baseUrl }
  if (env === "production") return { environment: "live", baseUrl }
  return { environment: isLocal(baseUrl) || env === "sandbox" ? "sandbox" : "custom", baseUrl }
}

function configuredDefaults(vendor: PluginVendor, options: Record<string, unknown>): Record<string, unknown> {
  switch (vendor) {
    case "avarda":
      return {
        captureMode: options.captureMode ?? "on_shipment",
        partPaymentTerms: record(options.partPayment).paymentTerms ?? [12, 24, 36],
        loanTerms: record(options.loan).paymentTerms ?? [36],
        expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS,
      }
    case "avarda-standalone":
      return {
        captureMode: options.captureMode ?? "on_shipment",
        partPaymentTerms: record(options.partPayment).paymentTerms ?? [12, 24, 36],
        loanTerms: record(options.loan).paymentTerms ?? [36],
        expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS,
      }
    case "avirato":
      return {
        captureMode: options.captureMode ?? "auto",
        captureOnShipment: options.captureOnShipment ?? true,
        defaultRefundReason: options.defaultRefundReason ?? "CUSTOMER REQUEST",
        expiryWarningDays: DEFAULT_EXPIRY_WARNING_DAYS,
      }
  }
}

/**
 * The options a provider entry runs with: as configured, or — with the sandbox switch on
 * (AVARDA_AVIRATO_SANDBOX_URL) — with the sandbox's endpoint and credentials, as the provider sees them.
 */
export function effectiveProviderOptions(vendor: PluginVendor, entry: PaymentProviderEntry, env: Readonly<Record<string, string | undefined>> = process.env): Record<string, unknown> {
  const sandbox = sandboxSwitch(env)
  return sandbox ? sandboxProviderOptions(vendor, entry.options, sandbox) : record(entry.options)
}

/**
 * Per vendor, what the settings page shows. `backendUrl` is this server's public URL (for the
 * Avirato webhook URL when the provider's own `backendUrl` option is missing).
 */
export function describeVendorConfigurations(
  entries: PaymentProviderEntry[],
  backendUrl: string,
  env: Readonly<Record<string, string | undefined>> = process.env
): VendorConfiguration[] {
  const sandbox = sandboxSwitch(env)
  return PLUGIN_VENDORS.map(({ vendor, name }) => {
    const entry = entries.find((e) => vendorOfEntry(e) === vendor)
    if (!entry) return { vendor, name, configured: false, providerIds: [], configuredDefaults: {} }
    const options = effectiveProviderOptions(vendor, entry, env)
    const configId = entry.id
    const location = sandbox
      ? { environment: "sandbox" as const, baseUrl: sandboxBaseUrlOf(vendor, sandbox) }
      : vendor === "avarda"
        ? avardaEnvironment(options)
        : vendor === "avirato"
          ? aviratoEnvironment(options)
          : standaloneEnvironment(options)
    const providerIds = identifiersOf(vendor).map((identifier) => (configId ? providerIdOf(identifier, configId) : `pp_${identifier}`))
    const publicUrl = (text(options.backendUrl) ?? backendUrl).replace(/\/+$/, "")
    return {
      vendor,
      name,
      configured: true,
      configId,
      ...location,
      providerIds,
      ...(vendor === "avirato" ? { webhookUrl: `${publicUrl}/hooks/payment/${AVIRATO_CARDS.methods.card.identifier}${configId ? `_${configId}` : ""}` } : {}),
      configuredDefaults: configuredDefaults(vendor, options),
    }
  })
}
