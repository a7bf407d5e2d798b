import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { pluginPaymentMethodOf, type PluginPaymentMethod } from "../../lib/plugin-settings/plugin-payment-methods"

export interface RegionOfferingMethods {
  id: string
  name: string
  currency_code: string
  countries: string[]
  methods: PluginPaymentMethod[]
}

/** Every region with the plugin's payment methods enabled on it (regions without any are listed too, with none). */
export async function regionsOfferingMethods(container: MedusaContainer): Promise<RegionOfferingMethods[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "name", "currency_code", "countries.iso_2", "payment_providers.id"],
  })
  return (regions as Array<{ id: string; name: string; currency_code: string; countries?: Array<{ iso_2: string } | null>; payment_providers?: Array<{ id: string } | null> }>)
    .map((region) => ({
      id: region.id,
      name: region.name,
      currency_code: region.currency_code,
      countries: (region.countries ?? []).flatMap((c) => (c ? [c.iso_2] : [])),
      methods: (region.payment_providers ?? [])
        .flatMap((p) => (p ? [pluginPaymentMethodOf(p.id)] : []))
        .filter((m): m is PluginPaymentMethod => m !== undefined)
        .sort((a, b) => a.label.localeCompare(b.label)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Provider ids the Payment Module has loaded (registered and enabled). */
export async function loadedPaymentProviderIds(container: MedusaContainer): Promise<string[]> {
  const providers = await container.resolve(Modules.PAYMENT).listPaymentProviders({ is_enabled: true })
  return providers.map((p) => p.id).sort()
}
