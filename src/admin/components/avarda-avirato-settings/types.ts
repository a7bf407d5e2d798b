// Shapes of GET/POST /admin/plugin-settings and POST /admin/plugin-settings/connection-check.
import type { OperationalSettings } from "../../../lib/plugin-settings/operational-settings"

export type { OperationalSettings }

export type PluginVendor = "avarda" | "avarda-standalone" | "avirato"

export interface VendorConfiguration {
  vendor: PluginVendor
  name: string
  configured: boolean
  configId?: string
  environment?: "sandbox" | "test" | "live" | "custom"
  baseUrl?: string
  providerIds: string[]
  loadedProviderIds: string[]
  webhookUrl?: string
  configuredDefaults: Record<string, unknown>
}

export interface PluginPaymentMethod {
  providerId: string
  vendor: PluginVendor
  identifier: string
  label: string
}

export interface RegionOfferingMethods {
  id: string
  name: string
  currency_code: string
  countries: string[]
  methods: PluginPaymentMethod[]
}

export interface PluginSettingsResponse {
  settings: OperationalSettings
  effective: OperationalSettings
  vendors: VendorConfiguration[]
  regions: RegionOfferingMethods[]
  choices: { avardaPaymentTerms: number[]; aviratoRefundReasons: string[] }
}

export interface ConnectionCheckResult {
  vendor: PluginVendor
  ok: boolean
  message: string
  durationMs: number
  checkedAt: string
}
