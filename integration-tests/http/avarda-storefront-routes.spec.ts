// The store routes a storefront needs before it starts a payment: which of the plugin's methods a
// cart may use (terms read fresh after an admin change, amount limits, currency and market rules,
// personal ID number), and Avarda's widget session for the monthly-cost and APR widgets (cached and
// single-flight, no secret in the answer, vendor failures as clear statuses). Bad input is a 400
// naming the field.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { closeWidgetSessions } from "../../src/lib/avarda/payment-widget/widget-sessions"
import { prepareCart, SPANISH_ADDRESS, SWEDISH_ADDRESS, storeHeaders } from "../support/checkout"
import { SPAIN } from "../support/store-fixtures"
import { useShop } from "../support/shop"
import { AVARDA_PROVIDERS, AVARDA_SWEDEN, AVARDA_TEST_IDENTITIES, startAvardaSession, startAvardaTestEnv } from "../support/avarda"
import { AVIRATO_PROVIDER_ID } from "../support/avirato"
import { useSandboxEnv } from "../support/sandbox-env"

jest.setTimeout(240_000)

const STANDALONE_INVOICE = "pp_avarda-standalone-invoice_avarda-standalone"
const env = useSandboxEnv(() => startAvardaTestEnv({ AVARDA_AMOUNT_LIMITS: JSON.stringify({ loan: { min: 1000, max: 40000 } }) }))
const anyStatus = { validateStatus: () => true }

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const shop = useShop(getContainer, [
      { ...AVARDA_SWEDEN, paymentProviders: [...AVARDA_SWEDEN.paymentProviders, STANDALONE_INVOICE, AVIRATO_PROVIDER_ID] },
      { ...SPAIN, paymentProviders: [AVIRATO_PROVIDER_ID, AVARDA_PROVIDERS.invoice, "pp_system_default"] },
    ])
    const key = () => ({ headers: storeHeaders(shop.store.publishableKey), ...anyStatus })
    const swedishCart = (quantity = 1) =>
      prepareCart(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity, address: SWEDISH_ADDRESS })
    const optionsOf = (cartId: string) => api.get(`/store/avarda/payment-options?cart_id=${cartId}`, key())
    const byProvider = (body: { payment_options: Array<Record<string, any>> }): Record<string, Record<string, any>> =>
      Object.fromEntries(body.payment_options.map((o) => [o.provider_id, o]))

    beforeEach(async () => {
      env.sandbox.reset()
      await closeWidgetSessions()
      expect((await api.post("/admin/plugin-settings", {}, { headers: shop.admin.headers })).status).toBe(200)
    })

    describe("GET /store/avarda/payment-options", () => {
      it("lists the region's plugin methods with what the storefront needs to offer them", async () => {
        const cart = await swedishCart(1)
        const res = await optionsOf(cart.cartId)
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ cart_id: cart.cartId, region_id: shop.store.regions.Sweden.id, currency_code: "sek", amount: 548 })
        const options = byProvider(res.data)
        // In the order a checkout lists them: Avarda's products, Standalone Credit's, cards.
        expect(res.data.payment_options.map((o: { provider_id: string }) => o.provider_id)).toEqual([
          AVARDA_PROVIDERS.invoice,
          AVARDA_PROVIDERS.partPayment,
          AVARDA_PROVIDERS.loan,
          AVARDA_PROVIDERS.directInvoice,
          STANDALONE_INVOICE,
          AVIRATO_PROVIDER_ID,
        ])
        expect(options[AVARDA_PROVIDERS.invoice]).toEqual({
          provider_id: AVARDA_PROVIDERS.invoice,
          vendor: "avarda",
          method: "invoice",
          label: "Avarda invoice",
          available: true,
          unavailable_reason: null,
          requires_personal_id_number: true,
          payment_terms: null,
          min_amount: null,
          max_amount: null,
          session_route: "/store/avarda/payment-sessions",
          cost_notice_required: false,
          apr_widget: { payment_method: "invoice", account_class: null },
        })
        expect(options[AVARDA_PROVIDERS.partPayment]).toMatchObject({
          available: true,
          payment_terms: [12, 24, 36],
          cost_notice_required: true,
          apr_widget: { payment_method: "loan", account_class: 1782 },
        })
        // Loans start at 1 000 SEK in this shop (provider option amountLimits): 548 SEK is too little.
        expect(options[AVARDA_PROVIDERS.loan]).toMatchObject({
          available: false,
          unavailable_reason: "amount_below_minimum",
          payment_terms: [36],
          min_amount: 1000,
          max_amount: 40000,
          cost_notice_required: true,
        })
        expect(options[STANDALONE_INVOICE]).toMatchObject({ available: true, vendor: "avarda-standalone", session_route: "/store/avarda-standalone/payment-sessions", apr_widget: null })
        expect(options[AVIRATO_PROVIDER_ID]).toMatchObject({
          available: false,
          unavailable_reason: "currency_not_supported",
          requires_personal_id_number: false,
          session_route: "/store/payment-collections/:id/payment-sessions",
        })

        const bigger = byProvider((await optionsOf((await swedishCart(2)).cartId)).data)
        expect(bigger[AVARDA_PROVIDERS.loan]).toMatchObject({ available: true, unavailable_reason: null })
      })

      it("shows the instalment terms the admin offers now, without a restart", async () => {
        const cart = await swedishCart(1)
        const saved = await api.post("/admin/plugin-settings", { avarda: { partPaymentTerms: [6, 12] } }, { headers: shop.admin.headers })
        expect(saved.status).toBe(200)
        expect(byProvider((await optionsOf(cart.cartId)).data)[AVARDA_PROVIDERS.partPayment].payment_terms).toEqual([6, 12])
      })

      it("offers cards but no Avarda credit to a Spanish EUR cart", async () => {
        const cart = await prepareCart(api, {
          publishableKey: shop.store.publishableKey,
          regionId: shop.store.regions.Spain.id,
          variantId: shop.store.product.variantId,
          address: SPANISH_ADDRESS,
        })
        const options = byProvider((await optionsOf(cart.cartId)).data)
        expect(options[AVIRATO_PROVIDER_ID]).toMatchObject({ available: true, unavailable_reason: null })
        expect(options[AVARDA_PROVIDERS.invoice]).toMatchObject({ available: false, unavailable_reason: "country_not_supported" })
        expect(options.pp_system_default).toBeUndefined()
      })

      it("refuses a missing or malformed cart_id with a 400 naming the field, and an unknown cart with a 404", async () => {
        for (const query of ["", "?cart_id=", "?cart_id=abc", "?cart_id=cart_01%27%20OR%201%3D1", "?cart_id=cart_1&cart_id=cart_2"]) {
          const res = await api.get(`/store/avarda/payment-options${query}`, key())
          expect(res.status).toBe(400)
          expect(res.data).toMatchObject({ type: "invalid_data", errors: [{ field: "cart_id", message: expect.any(String) }] })
        }
        const unknown = await api.get("/store/avarda/payment-options?cart_id=cart_01JZZZZZZZZZZZZZZZZZZZZZZZ", key())
        expect(unknown.status).toBe(404)
        expect((await api.get(`/store/avarda/payment-options?cart_id=${(await swedishCart()).cartId}`, anyStatus)).status).toBe(400)
      })

      it("is what the session route enforces: a loan below the shop's minimum is refused before any call to Avarda", async () => {
        const cart = await swedishCart(1)
        const res = await startAvardaSession(api, cart, { provider_id: AVARDA_PROVIDERS.loan, personal_id_number: AVARDA_TEST_IDENTITIES.SE.approved })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/from 1000\.00 SEK.*amountLimits/)
        expect(res.data.errors).toEqual([{ field: "provider_id", message: expect.stringMatching(/from 1000\.00 SEK.*amountLimits/) }])
        expect(env.sandbox.journal.entries({ route: "avarda.authorization.create.*" })).toHaveLength(0)
      })
    })

    describe("GET /store/avarda/payment-widget", () => {
      it("hands every shopper the same widget session with one call to Avarda, and no secret", async () => {
        const answers = await Promise.all(Array.from({ length: 50 }, () => api.get("/store/avarda/payment-widget", key())))
        expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200))
        const [first] = answers
        expect(first!.data).toEqual({
          payment_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          widget_jwt: expect.any(String),
          expires_at: expect.stringMatching(/Z$/),
          script_url: `${env.sandbox.origin}/avarda/payment-widget/cdn/payment-widget.js`,
        })
        expect(new Set(answers.map((a) => a.data.widget_jwt)).size).toBe(1)
        expect(env.sandbox.journal.entries({ route: "avarda.paymentwidget.init" })).toHaveLength(1)
        expect(JSON.stringify(first!.data)).not.toContain(env.sandbox.settings.avarda.clientSecret)
        expect(JSON.stringify(first!.headers)).not.toContain(env.sandbox.settings.avarda.clientSecret)

        const forProvider = await api.get(`/store/avarda/payment-widget?provider_id=${AVARDA_PROVIDERS.partPayment}`, key())
        expect(forProvider.data.widget_jwt).toBe(first!.data.widget_jwt)
      })

      it("answers 400 for a malformed provider_id, 404 for a provider entry that does not exist", async () => {
        const bad = await api.get("/store/avarda/payment-widget?provider_id=stripe", key())
        expect(bad.status).toBe(400)
        expect(bad.data.errors).toEqual([{ field: "provider_id", message: expect.any(String) }])
        expect((await api.get("/store/avarda/payment-widget?provider_id=pp_avarda-invoice_nordics", key())).status).toBe(404)
      })

      it("turns Avarda's failures into statuses the storefront can act on, and caches no failure", async () => {
        env.sandbox.faults.add({ route: "avarda.paymentwidget.init", kind: "status", status: 503, times: 1 })
        const down = await api.get("/store/avarda/payment-widget", key())
        expect(down.status).toBe(503)
        expect(down.data).toEqual({ type: "avarda_unavailable", message: expect.any(String) })
        expect((await api.get("/store/avarda/payment-widget", key())).status).toBe(200)
      })
    })
  },
})
