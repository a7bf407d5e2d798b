import { MedusaError } from "@medusajs/framework/utils"
import { AvardaInvoiceService } from "../services/avarda-invoice"
import { AvardaPartPaymentService } from "../services/avarda-part-payment"
import { operationalSettingsOf, parseAvardaOptions, paymentWidgetEndpointsOf } from "../core/options"
import { isAvardaProviderId, parseAvardaProviderId } from "../core/provider-ids"
import { avardaTranId } from "../core/tran-id"
import { VALID_AVARDA_OPTIONS } from "./avarda-options-fixture"

const valid = VALID_AVARDA_OPTIONS

describe("Avarda provider options", () => {
  it("fills documented defaults", async () => {
    const options = parseAvardaOptions(valid)
    expect(options).toMatchObject({
      posId: "0",
      products: ["invoice", "direct-invoice", "loan", "part-payment"],
      captureMode: "on_shipment",
      loan: { paymentTerms: [36], sendTermsAndConditions: false },
      partPayment: { paymentTerms: [12, 24, 36], accountClassCode: 1782 },
      timeouts: { createAuthorizationMs: 30_000, requestMs: 15_000 },
      reconciliation: { graceMinutes: 2, maxAgeHours: 24 },
    })
    expect(await operationalSettingsOf(options)).toEqual({ captureMode: "on_shipment", paymentTerms: { loan: [36], partPayment: [12, 24, 36] } })
    expect(parseAvardaOptions({ ...valid, environment: "https://proxy.example/avarda/" }).environment).toBe("https://proxy.example/avarda/")
  })

  it.each<[string, Record<string, unknown>, string]>([
    ["unknown environment", { environment: "staging" }, 'option "environment" must be one of sandbox, test, production or an absolute http(s) base URL'],
    ["missing environment", { environment: undefined }, 'option "environment" is required'],
    ["missing client id", { clientId: "" }, 'option "clientId" is required'],
    ["missing client secret", { clientSecret: undefined }, 'option "clientSecret" is required'],
    ["POS id too long", { posId: "12345678901" }, 'option "posId" must be at most 10 characters'],
    ["relative backend URL", { backendUrl: "/medusa" }, 'option "backendUrl" must be the public URL of this Medusa server'],
    ["missing storefront URLs", { storefront: undefined }, 'option "storefront" is required: { successUrl, failureUrl }'],
    ["bad failure URL", { storefront: { successUrl: "https://s/ok", failureUrl: "nope" } }, 'option "storefront.failureUrl" must be'],
    ["unknown product", { products: ["invoice", "leasing"] }, 'option "products.1"'],
    ["undocumented term", { loan: { paymentTerms: [18] } }, 'option "loan.paymentTerms.0" must be one of 3, 6, 12, 24, 36, 48, 72 months'],
    ["no term offered", { partPayment: { paymentTerms: [], accountClassCode: 1 } }, 'option "partPayment.paymentTerms" must offer at least one term'],
    ["part-payment without account class", { partPayment: {} }, 'option "partPayment.accountClassCode" is required when "part-payment" is in products'],
    ["bad capture mode", { captureMode: "auto" }, 'option "captureMode" must be "on_shipment" or "manual"'],
    ["bad distribution method", { forcedDistributionMethod: 7 }, 'option "forcedDistributionMethod" must be 1, 2, 3 or 4'],
    ["too short timeout", { timeouts: { createAuthorizationMs: 10 } }, 'option "timeouts.createAuthorizationMs"'],
    ["amount limit of an unknown product", { amountLimits: { leasing: { min: 1 } } }, 'option "amountLimits.leasing"'],
    ["amount limit with three decimals", { amountLimits: { loan: { min: 1.005 } } }, 'option "amountLimits.loan.min" must have at most 2 decimals'],
    ["minimum above maximum", { amountLimits: { loan: { min: 500, max: 100 } } }, 'option "amountLimits.loan" min must not be above max'],
    [
      "payment widget on a URL environment without its endpoints",
      { environment: "https://proxy.example/avarda/", paymentWidget: { enabled: true } },
      'option "paymentWidget.checkoutApiUrl" is required when the payment widget is enabled and environment is a URL',
    ],
  ])("%s → names the option", (_name, change, message) => {
    expect(() => parseAvardaOptions({ ...valid, ...change })).toThrow(message)
  })

  it("the payment widget is off unless enabled, and follows the environment", () => {
    expect(paymentWidgetEndpointsOf(parseAvardaOptions(valid))).toBeUndefined()
    expect(paymentWidgetEndpointsOf(parseAvardaOptions({ ...valid, paymentWidget: { enabled: true } }))).toEqual({
      checkoutApiUrl: "https://stage.checkout-api.avarda.com",
      scriptUrl: "https://payment-widget.stage.avarda.com/cdn/payment-widget.js",
    })
    expect(paymentWidgetEndpointsOf(parseAvardaOptions({ ...valid, environment: "production", paymentWidget: { enabled: true } }))).toEqual({
      checkoutApiUrl: "https://checkout-api.avarda.com",
      scriptUrl: "https://payment-widget.avarda.com/cdn/payment-widget.js",
    })
    const sandbox = { checkoutApiUrl: "http://localhost:4010/avarda/checkout-api", scriptUrl: "http://localhost:4010/avarda/payment-widget/cdn/payment-widget.js" }
    expect(paymentWidgetEndpointsOf(parseAvardaOptions({ ...valid, environment: "http://localhost:4010/avarda/authorization-api/", paymentWidget: { enabled: true, ...sandbox } }))).toEqual(sandbox)
  })

  it("part-payment may be left unconfigured when it is not offered", () => {
    expect(() => parseAvardaOptions({ ...valid, partPayment: undefined, products: ["invoice", "loan"] })).not.toThrow()
  })

  it("validateOptions aborts boot with a MedusaError naming the option, for every service", () => {
    for (const service of [AvardaInvoiceService, AvardaPartPaymentService]) {
      expect(() => service.validateOptions({ ...valid, clientId: "" })).toThrow(MedusaError)
      expect(() => service.validateOptions({ ...valid, clientId: "" })).toThrow(/option "clientId"/)
      expect(() => service.validateOptions(valid)).not.toThrow()
    }
    expect(AvardaInvoiceService.identifier).toBe("avarda-invoice")
    expect(AvardaPartPaymentService.identifier).toBe("avarda-part-payment")
  })
})

describe("provider ids and transaction ids", () => {
  it.each([
    ["pp_avarda-invoice_avarda", { method: "invoice", configId: "avarda" }],
    ["pp_avarda-part-payment_avarda_se", { method: "part-payment", configId: "avarda_se" }],
    ["pp_avarda-direct-invoice_x", { method: "direct-invoice", configId: "x" }],
    ["pp_avarda-standalone-invoice_avarda", undefined],
    ["pp_system_default", undefined],
  ])("%s → %j", (id, parsed) => {
    expect(parseAvardaProviderId(id)).toEqual(parsed)
    expect(isAvardaProviderId(id)).toBe(parsed !== undefined)
  })

  it("derives tranIds of at most 36 characters that repeat for the same operation", () => {
    expect(avardaTranId("payses_01M7ZVRXMER6BB59FVET3WAKVQ", "c", 1)).toBe("01M7ZVRXMER6BB59FVET3WAKVQ-c1")
    expect(avardaTranId("payses_01M7ZVRXMER6BB59FVET3WAKVQ", "r", 12)).toBe("01M7ZVRXMER6BB59FVET3WAKVQ-r12")
    const long = avardaTranId("x".repeat(60), "r", 3)
    expect(long.length).toBeLessThanOrEqual(36)
    expect(long).toBe(avardaTranId("x".repeat(60), "r", 3))
    expect(long).not.toBe(avardaTranId("y".repeat(60), "r", 3))
  })
})
