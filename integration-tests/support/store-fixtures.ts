// A small but complete store for HTTP tests: a sales channel with a publishable key, regions with
// chosen payment providers, taxes, a stock location with a shipping option per region, and a product
// with prices and stock. Built with Medusa's own workflows, as a seed script would.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"

export interface RegionSpec {
  name: string
  currency: string
  countries: string[]
  /** Payment provider ids enabled on the region, e.g. "pp_system_default". */
  paymentProviders: string[]
  /** VAT in percent for every country of the region (default 25). */
  taxRate?: number
  /** Shipping price in major units (default 49). */
  shippingPrice?: number
}

export interface StoreFixtures {
  publishableKey: string
  salesChannelId: string
  stockLocationId: string
  regions: Record<string, { id: string; currency: string; countries: string[]; shippingOptionId: string }>
  product: { id: string; title: string; variantId: string; sku: string; prices: Record<string, number> }
}

export const SWEDEN: RegionSpec = {
  name: "Sweden",
  currency: "sek",
  countries: ["se"],
  paymentProviders: ["pp_system_default"],
  taxRate: 25,
  shippingPrice: 49,
}

export const SPAIN: RegionSpec = {
  name: "Spain",
  currency: "eur",
  countries: ["es"],
  paymentProviders: ["pp_system_default"],
  taxRate: 21,
  shippingPrice: 4.95,
}

/** Unit prices of the test product per currency (major units, VAT included in SEK/EUR stores). */
export const PRODUCT_PRICES: Record<string, number> = { sek: 499, eur: 45.5 }

export async function createStoreFixtures(
  container: MedusaContainer,
  regionSpecs: RegionSpec[] = [SWEDEN, SPAIN]
): Promise<StoreFixtures> {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)

  const { result: [salesChannel] } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Webshop" }] },
  })
  const { result: [apiKey] } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Storefront", type: "publishable", created_by: "tests" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey.id, add: [salesChannel.id] },
  })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: regionSpecs.map((r) => ({
        name: r.name,
        currency_code: r.currency,
        countries: r.countries,
        payment_providers: r.paymentProviders,
        automatic_taxes: true,
      })),
    },
  })
  // Prices are gross (VAT included), as Nordic and Spanish shops show them.
  const pricing = container.resolve(Modules.PRICING)
  const existing = await pricing.listPricePreferences({ attribute: "currency_code" })
  await pricing.upsertPricePreferences(
    regionSpecs.map((r) => ({
      id: existing.find((p) => p.value === r.currency)?.id,
      attribute: "currency_code",
      value: r.currency,
      is_tax_inclusive: true,
    }))
  )
  await createTaxRegionsWorkflow(container).run({
    input: regionSpecs.flatMap((r) =>
      r.countries.map((country) => ({
        country_code: country,
        provider_id: "tp_system",
        default_tax_rate: { rate: r.taxRate ?? 25, code: `VAT${r.taxRate ?? 25}`, name: "VAT" },
      }))
    ),
  })

  const { result: [stockLocation] } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Warehouse", address: { address_1: "Lagergatan 1", city: "Stockholm", country_code: "se" } }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: stockLocation.id, add: [salesChannel.id] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  const { result: [shippingProfile] } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Warehouse delivery",
    type: "shipping",
    service_zones: [
      {
        name: "Europe",
        geo_zones: regionSpecs.flatMap((r) => r.countries.map((country_code) => ({ type: "country" as const, country_code }))),
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: stockLocation.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })

  // One shipping option, priced per currency, so every region's carts see exactly one.
  const { result: [shippingOption] } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard delivery",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: shippingProfile.id,
        type: { label: "Standard", description: "2-4 days", code: "standard" },
        prices: regionSpecs.map((spec) => ({ currency_code: spec.currency, amount: spec.shippingPrice ?? 49 })),
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })
  const regionsByName: StoreFixtures["regions"] = {}
  for (const spec of regionSpecs) {
    const region = regions.find((r) => r.name === spec.name)!
    regionsByName[spec.name] = { id: region.id, currency: spec.currency, countries: spec.countries, shippingOptionId: shippingOption.id }
  }

  const sku = "WOOL-SOCKS-1"
  const { result: [product] } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Wool socks",
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: shippingProfile.id,
          options: [{ title: "Size", values: ["M"] }],
          sales_channels: [{ id: salesChannel.id }],
          variants: [
            {
              title: "M",
              sku,
              options: { Size: "M" },
              manage_inventory: true,
              prices: Object.entries(PRODUCT_PRICES).map(([currency_code, amount]) => ({ currency_code, amount })),
            },
          ],
        },
      ],
    },
  })
  const variant = product.variants[0]
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [withInventory] } = await query.graph({
    entity: "variant",
    fields: ["inventory_items.inventory_item_id"],
    filters: { id: variant.id },
  })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: [
        {
          inventory_item_id: withInventory.inventory_items[0].inventory_item_id,
          location_id: stockLocation.id,
          stocked_quantity: 1000,
        },
      ],
    },
  })

  return {
    publishableKey: apiKey.token,
    salesChannelId: salesChannel.id,
    stockLocationId: stockLocation.id,
    regions: regionsByName,
    product: { id: product.id, title: product.title, variantId: variant.id, sku, prices: PRODUCT_PRICES },
  }
}
