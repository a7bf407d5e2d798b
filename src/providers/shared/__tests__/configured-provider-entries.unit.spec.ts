import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { vendorOfEntry } from "../../../lib/plugin-vendors"
import avardaModule from "../../avarda"
import avardaStandaloneModule from "../../avarda-standalone"
import aviratoModule from "../../avirato"
import { configuredAvardaOptions } from "../../avarda/core/runtime-config"
import { configuredStandaloneOptions } from "../../avarda-standalone/core/runtime-config"
import { aviratoProvider, configuredAviratoProviderIds } from "../../avirato/core/configured-providers"
import { AVIRATO_SANDBOX_OPTIONS } from "../../avirato/__tests__/sandbox-options"

const storefront = { successUrl: "http://s/ok", failureUrl: "http://s/ko" }
const avardaOptions = { environment: "test", clientId: "c", clientSecret: "s", backendUrl: "http://shop.test", storefront, partPayment: { accountClassCode: 1782 } }
const standaloneOptions = { environment: "test", siteCode: "site", sitePassword: "password", backendUrl: "http://shop.test", storefront }
const aviratoOptions = AVIRATO_SANDBOX_OPTIONS

/** A container whose loaded medusa-config lists these Payment Module provider entries. */
function containerWith(providers: unknown[]): MedusaContainer {
  const config = { modules: { payment: { resolve: "@medusajs/medusa/payment", options: { providers } } } }
  const logger = { warn: () => undefined }
  const registrations: Record<string, unknown> = { [ContainerRegistrationKeys.CONFIG_MODULE]: config, [ContainerRegistrationKeys.LOGGER]: logger }
  return { resolve: (key: string) => registrations[key] } as unknown as MedusaContainer
}

describe("provider entries given as imported modules (medusa-config `resolve: importedModule`)", () => {
  it("recognises each of the plugin's provider modules", () => {
    expect(vendorOfEntry({ resolve: avardaModule })).toBe("avarda")
    expect(vendorOfEntry({ resolve: avardaStandaloneModule })).toBe("avarda-standalone")
    expect(vendorOfEntry({ resolve: aviratoModule })).toBe("avirato")
    expect(vendorOfEntry({ resolve: { default: aviratoModule } })).toBe("avirato")
  })

  it("finds the options of every vendor, whether the entry names a path or the module", () => {
    const container = containerWith([
      { resolve: avardaModule, id: "credit", options: avardaOptions },
      { resolve: "./src/providers/avarda-standalone", id: "standalone", options: standaloneOptions },
      { resolve: { default: avardaStandaloneModule }, id: "standalone-2", options: standaloneOptions },
      { resolve: aviratoModule, id: "cards", options: aviratoOptions },
      { resolve: "medusa-plugin-avarda-avirato/providers/avirato", id: "cards-eu", options: aviratoOptions },
      { resolve: "@medusajs/medusa/payment-stripe", id: "stripe", options: {} },
    ])
    expect(configuredAvardaOptions(container).map((entry) => entry.configId)).toEqual(["credit"])
    expect(configuredStandaloneOptions(container).map((entry) => entry.configId)).toEqual(["standalone", "standalone-2"])
    expect(configuredAviratoProviderIds(container)).toEqual(["pp_avirato-card_cards", "pp_avirato-card_cards-eu"])
    expect(aviratoProvider(container, "pp_avirato-card_cards")?.options.webcode).toBe("SHOP01")
    expect(aviratoProvider(container, "pp_avirato-card_stripe")).toBeUndefined()
    expect(aviratoProvider(container, "pp_avarda-invoice_credit")).toBeUndefined()
  })
})
