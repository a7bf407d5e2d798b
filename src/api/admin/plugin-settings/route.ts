// The "Avarda & Avirato" admin settings page's data (GET) and its operational settings (POST).
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AVIRATO_REFUND_REASONS } from "../../../lib/avirato/schemas"
import { AVARDA_PAYMENT_TERMS, parseOperationalSettings } from "../../../lib/plugin-settings/operational-settings"
import { describeVendorConfigurations } from "../../../lib/plugin-settings/vendor-configuration"
import { getRuntimeSettings } from "../../../lib/runtime-settings"
import { PLUGIN_SETTINGS_MODULE, type PluginSettingsModuleService } from "../../../modules/plugin-settings"
import { paymentProviderEntries } from "../../../providers/shared/payment-provider-entries"
import { configuredBackendUrl } from "../../plugin-settings/backend-url"
import { loadedPaymentProviderIds, regionsOfferingMethods } from "../../plugin-settings/regions-offering-methods"

function requestOrigin(req: AuthenticatedMedusaRequest): string {
  return `${req.protocol}://${req.get("host")}`
}

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const settingsService = req.scope.resolve<PluginSettingsModuleService>(PLUGIN_SETTINGS_MODULE)
  const [settings, regions, loadedProviders] = await Promise.all([
    settingsService.retrieveOperationalSettings(),
    regionsOfferingMethods(req.scope),
    loadedPaymentProviderIds(req.scope),
  ])
  const vendors = describeVendorConfigurations(paymentProviderEntries(req.scope), configuredBackendUrl(req.scope, requestOrigin(req))).map(
    (vendor) => ({ ...vendor, loadedProviderIds: vendor.providerIds.filter((id) => loadedProviders.includes(id)) })
  )
  res.json({
    settings,
    /** What the providers in this process use right now (equal to `settings` once loaded). */
    effective: getRuntimeSettings(),
    vendors,
    regions,
    choices: { avardaPaymentTerms: AVARDA_PAYMENT_TERMS, aviratoRefundReasons: AVIRATO_REFUND_REASONS },
  })
}

/** Replaces the operational settings; effective for the next checkout, without a restart. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const parsed = parseOperationalSettings(req.body)
  if (!parsed.success) {
    res.status(400).json({
      type: "invalid_data",
      message: `Invalid settings: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`,
      // `problems` is what the settings page reads; `errors` is every plugin route's 400 shape.
      problems: parsed.problems,
      errors: parsed.problems,
    })
    return
  }
  const settingsService = req.scope.resolve<PluginSettingsModuleService>(PLUGIN_SETTINGS_MODULE)
  const settings = await settingsService.replaceOperationalSettings(parsed.settings, req.auth_context?.actor_id)
  res.json({ settings, effective: getRuntimeSettings() })
}
