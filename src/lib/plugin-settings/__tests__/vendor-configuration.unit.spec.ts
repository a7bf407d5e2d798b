import { connectionCheckInputOf } from "../connection-check-input"
import { pluginPaymentMethodOf } from "../plugin-payment-methods"
import { describeVendorConfigurations, vendorOfEntry } from "../vendor-configuration"

const avardaEntry = {
  resolve: "./src/providers/avarda",
  id: "avarda",
  options: {
    environment: "http://localhost:4010/avarda/authorization-api/",
    clientId: "id-1",
    clientSecret: "TOP-SECRET-1",
    captureMode: "manual",
    partPayment: { paymentTerms: [12, 24] },
  },
}
const aviratoEntry = {
  resolve: "medusa-plugin-avarda-avirato/providers/avirato",
  id: "cards",
  options: { environment: "live", apiKey: "TOP-SECRET-2", webcode: "SHOP", clientSecrets: ["TOP-SECRET-3"], backendUrl: "https://shop.example.com/" },
}

describe("vendor configuration for the admin", () => {
  it("recognises provider entries by resolve path, and ignores others", () => {
    expect(vendorOfEntry(avardaEntry)).toBe("avarda")
    expect(vendorOfEntry(aviratoEntry)).toBe("avirato")
    expect(vendorOfEntry({ resolve: "medusa-plugin-avarda-avirato/providers/avarda-standalone" })).toBe("avarda-standalone")
    expect(vendorOfEntry({ resolve: "@medusajs/medusa/payment-stripe" })).toBeUndefined()
    expect(vendorOfEntry({ resolve: { services: [{ identifier: "avirato-card" }] } })).toBe("avirato")
  })

  it("describes environment, providers, webhook URL and operational defaults, never a credential", () => {
    const vendors = describeVendorConfigurations([avardaEntry, aviratoEntry], "http://localhost:9000")
    expect(vendors.find((v) => v.vendor === "avarda")).toEqual({
      vendor: "avarda",
      name: "Avarda (Authorization API)",
      configured: true,
      configId: "avarda",
      environment: "sandbox",
      baseUrl: "http://localhost:4010/avarda/authorization-api/",
      providerIds: ["pp_avarda-invoice_avarda", "pp_avarda-part-payment_avarda", "pp_avarda-loan_avarda", "pp_avarda-direct-invoice_avarda"],
      configuredDefaults: { captureMode: "manual", partPaymentTerms: [12, 24], loanTerms: [36], expiryWarningDays: 2 },
    })
    expect(vendors.find((v) => v.vendor === "avirato")).toMatchObject({
      environment: "live",
      baseUrl: "https://aviratopayments.com/external/v1/",
      providerIds: ["pp_avirato-card_cards"],
      webhookUrl: "https://shop.example.com/hooks/payment/avirato-card_cards",
    })
    expect(vendors.find((v) => v.vendor === "avarda-standalone")).toMatchObject({ configured: false, providerIds: [] })
    expect(JSON.stringify(vendors)).not.toMatch(/TOP-SECRET/)
  })

  it("names Avarda's environments from their names and known URLs", () => {
    const env = (environment: string) =>
      describeVendorConfigurations([{ ...avardaEntry, options: { environment } }], "http://x").find((v) => v.vendor === "avarda")!
    expect(env("test")).toMatchObject({ environment: "test", baseUrl: "https://stage.authorization-api.avarda.com/" })
    expect(env("production")).toMatchObject({ environment: "live" })
    expect(env("https://authorization-api.avarda.com")).toMatchObject({ environment: "live" })
    expect(env("https://proxy.example.com/avarda/")).toMatchObject({ environment: "custom" })
  })

  it("prepares connection checks from the options, naming missing options without values", () => {
    const [avarda, , avirato] = describeVendorConfigurations([avardaEntry, aviratoEntry], "http://x")
    expect(connectionCheckInputOf(avarda!, avardaEntry)).toEqual({
      input: { vendor: "avarda", baseUrl: "http://localhost:4010/avarda/authorization-api/", clientId: "id-1", clientSecret: "TOP-SECRET-1" },
    })
    const noKey = { ...aviratoEntry, options: { ...aviratoEntry.options, apiKey: "" } }
    expect(connectionCheckInputOf(avirato!, noKey)).toEqual({ problem: "Avirato: option(s) apiKey missing." })
  })

  it("labels the plugin's provider ids and ignores others", () => {
    expect(pluginPaymentMethodOf("pp_avarda-part-payment_avarda")).toEqual({
      providerId: "pp_avarda-part-payment_avarda",
      identifier: "avarda-part-payment",
      vendor: "avarda",
      label: "Avarda part payment",
    })
    expect(pluginPaymentMethodOf("pp_avarda-standalone-invoice_avarda-standalone")).toMatchObject({
      vendor: "avarda-standalone",
      label: "Avarda Standalone Credit invoice",
    })
    expect(pluginPaymentMethodOf("pp_stripe_stripe")).toBeUndefined()
    expect(pluginPaymentMethodOf("pp_system_default")).toBeUndefined()
  })
})
