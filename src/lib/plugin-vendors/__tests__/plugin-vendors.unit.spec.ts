import { creditSessionStatusOf } from "../../avarda/credit-session-status"
import { toMedusaSessionStatus } from "../../avirato/session-status"
import {
  AVARDA_AUTHORIZATION_API,
  AVARDA_STANDALONE_CREDIT,
  AVIRATO_CARDS,
  identifiersOf,
  isPluginProvider,
  isProviderIdOf,
  parseProviderId,
  PLUGIN_VENDORS,
  providerIdOf,
  vendorOfEntry,
  vendorOfProviderId,
  type PaymentProviderEntry,
  type PluginVendorKey,
} from ".."

/** A provider module as `ModuleProvider(Modules.PAYMENT, { services })` builds it, with services of these identifiers. */
const moduleWith = (...identifiers: string[]) => ({ module: "payment", services: identifiers.map((identifier) => ({ identifier })) })

describe("recognising the plugin's entries in medusa-config", () => {
  it.each<[string, PaymentProviderEntry["resolve"], PluginVendorKey | undefined]>([
    ["package path, Authorization API", "medusa-plugin-avarda-avirato/providers/avarda", "avarda"],
    ["package path, Standalone Credit", "medusa-plugin-avarda-avirato/providers/avarda-standalone", "avarda-standalone"],
    ["package path, Avirato", "medusa-plugin-avarda-avirato/providers/avirato", "avirato"],
    ["project path", "./src/providers/avarda", "avarda"],
    ["absolute path with a trailing slash", "/srv/shop/node_modules/medusa-plugin-avarda-avirato/providers/avirato/", "avirato"],
    ["built index file", "/srv/shop/.medusa/server/src/providers/avarda-standalone/index.js", "avarda-standalone"],
    ["Windows path", "C:\\shop\\src\\providers\\avirato\\index.ts", "avirato"],
    ["another provider", "@medusajs/medusa/payment-stripe", undefined],
    ["a folder merely named like a vendor", "@other/medusa-payment-avarda", undefined],
    ["a vendor folder outside providers/", "@other/avarda", undefined],
    ["a file next to the provider", "./src/providers/avarda/options", undefined],
    ["imported module, Authorization API", moduleWith("avarda-invoice", "avarda-part-payment", "avarda-loan", "avarda-direct-invoice"), "avarda"],
    ["imported module, Standalone Credit", moduleWith("avarda-standalone-invoice", "avarda-standalone-loan"), "avarda-standalone"],
    ["imported module, Avirato", moduleWith("avirato-card"), "avirato"],
    ["ES module whose default is the provider module", { default: moduleWith("avirato-card") }, "avirato"],
    ["imported module of another provider", moduleWith("stripe"), undefined],
    ["module without services", { default: {} }, undefined],
    ["no resolve", undefined, undefined],
  ])("%s → %s", (_name, resolve, vendor) => {
    expect(vendorOfEntry({ id: "x", resolve })).toBe(vendor)
  })

  it("recognises the services by their class's static identifier", () => {
    class Card {
      static identifier = "avirato-card"
      pay(): void {}
    }
    expect(vendorOfEntry({ resolve: { services: [Card] } })).toBe("avirato")
  })
})

describe("provider ids", () => {
  it.each<[string | null | undefined, ReturnType<typeof parseProviderId>]>([
    ["pp_avarda-invoice_avarda", { vendor: "avarda", method: "invoice", identifier: "avarda-invoice", label: "Avarda invoice", configId: "avarda" }],
    ["pp_avarda-part-payment_credit", { vendor: "avarda", method: "part-payment", identifier: "avarda-part-payment", label: "Avarda part payment", configId: "credit" }],
    [
      "pp_avarda-standalone-direct-invoice_avarda-standalone",
      { vendor: "avarda-standalone", method: "direct-invoice", identifier: "avarda-standalone-direct-invoice", label: "Avarda Standalone Credit direct invoice", configId: "avarda-standalone" },
    ],
    ["pp_avirato-card_cards", { vendor: "avirato", method: "card", identifier: "avirato-card", label: "Avirato card", configId: "cards" }],
    ["pp_avirato-card_eu_shop", { vendor: "avirato", method: "card", identifier: "avirato-card", label: "Avirato card", configId: "eu_shop" }],
    ["pp_avirato-card_", undefined],
    ["pp_avarda-standalone_avarda", undefined],
    ["pp_avarda-giftcard_avarda", undefined],
    ["avarda-invoice_avarda", undefined],
    ["pp_system_default", undefined],
    ["pp_stripe_stripe", undefined],
    [null, undefined],
    [undefined, undefined],
  ])("%s → %j", (providerId, parsed) => {
    expect(parseProviderId(providerId)).toEqual(parsed)
    expect(vendorOfProviderId(providerId)).toBe(parsed?.vendor)
    expect(isPluginProvider(providerId)).toBe(parsed !== undefined)
  })

  it("builds every provider id it parses back, for every method of every vendor", () => {
    for (const facts of PLUGIN_VENDORS) {
      for (const [method, { identifier }] of Object.entries(facts.methods)) {
        const providerId = providerIdOf(identifier, "shop")
        expect(parseProviderId(providerId)).toMatchObject({ vendor: facts.vendor, method, configId: "shop" })
        for (const other of PLUGIN_VENDORS) expect(isProviderIdOf(other.vendor, providerId)).toBe(other.vendor === facts.vendor)
      }
    }
  })

  it("lists each vendor's identifiers once, in display order, none shared between vendors", () => {
    expect(PLUGIN_VENDORS.map((facts) => facts.vendor)).toEqual(["avarda", "avarda-standalone", "avirato"])
    expect(identifiersOf("avarda")).toEqual(["avarda-invoice", "avarda-part-payment", "avarda-loan", "avarda-direct-invoice"])
    expect(identifiersOf("avarda-standalone")).toEqual([
      "avarda-standalone-invoice",
      "avarda-standalone-direct-invoice",
      "avarda-standalone-loan",
      "avarda-standalone-part-payment",
    ])
    expect(identifiersOf("avirato")).toEqual(["avirato-card"])
    const all = PLUGIN_VENDORS.flatMap((facts) => identifiersOf(facts.vendor))
    expect(new Set(all).size).toBe(all.length)
    // Medusa puts the identifier between `pp_` and `_<config id>`: an underscore would make ids ambiguous.
    for (const identifier of all) expect(identifier).toMatch(/^[a-z-]+$/)
  })
})

describe("one session status mapper per vendor family", () => {
  it("both Avarda APIs map their decisions with the same mapper", () => {
    expect(AVARDA_AUTHORIZATION_API.sessionStatusOf).toBe(creditSessionStatusOf)
    expect(AVARDA_STANDALONE_CREDIT.sessionStatusOf).toBe(creditSessionStatusOf)
    expect(AVIRATO_CARDS.sessionStatusOf).toBe(toMedusaSessionStatus)
  })
})
