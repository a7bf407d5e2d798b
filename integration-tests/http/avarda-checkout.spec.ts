// Avarda credit at checkout through Medusa's real store API against the sandbox: the plugin route
// builds the credit request from the cart, and every credit outcome ends as it must — an order with
// an authorized payment, a localized rejection with another method still possible, a clear error
// for the developer, or a technical failure that leaves no order and keeps the authorization id.
// The personal ID number is never stored, logged or echoed.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { completeCart, createPaymentSession, prepareCart, SPANISH_ADDRESS, storeHeaders, SWEDISH_ADDRESS } from "../support/checkout"
import { SPAIN } from "../support/store-fixtures"
import { countOrders } from "../support/queries"
import { useShop } from "../support/shop"
import {
  AVARDA_PROVIDERS,
  AVARDA_SWEDEN,
  AVARDA_TEST_IDENTITIES,
  startAvardaSession,
  startAvardaTestEnv,
  tablesContaining,
} from "../support/avarda"
import { captureLogger } from "../support/logs"
import { registerCustomer } from "../support/actors"
import { useSandboxEnv } from "../support/sandbox-env"

jest.setTimeout(240_000)

const SE = AVARDA_TEST_IDENTITIES.SE

const env = useSandboxEnv(() => startAvardaTestEnv())
const logged = captureLogger()

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, dbConnection }) => {
    beforeEach(() => env.sandbox.reset())
    const shop = useShop(getContainer, [AVARDA_SWEDEN, { ...SPAIN, paymentProviders: [AVARDA_PROVIDERS.invoice, "pp_system_default"] }], { perTest: true })

    const swedishCart = (quantity = 2, address = SWEDISH_ADDRESS) =>
      prepareCart(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity, address })

    const orderCount = () => countOrders(getContainer())

    it("201: the session is ready, the cart completes into an order with an authorized Avarda payment", async () => {
      const cart = await swedishCart()
      const started = await startAvardaSession(api, cart, { personal_id_number: SE.approved })
      expect(started.status).toBe(200)
      expect(started.data.next_action).toEqual({ type: "complete_cart" })
      expect(started.data.payment_session).toMatchObject({ provider_id: AVARDA_PROVIDERS.invoice, status: "pending", amount: 1047 })

      // The request was built from the cart: rows, addresses, contact data, reference = session id.
      const create = env.sandbox.journal.entries().find((e) => e.route === "avarda.authorization.create.invoice")!
      expect(create.status).toBe(201)
      expect(create.body).toMatchObject({
        customer: { userLanguageCode: 752, phone: "0701234567", email: "shopper@example.com" },
        invoicingAddress: { firstName: "Sven", lastName: "Svensson", addressLine1: "Storgatan 1", city: "Stockholm", zip: "11122", country: "SE" },
        items: [
          { description: "2 x Wool socks M", notes: "WOOL-SOCKS-1", amount: 998, taxCode: "25", taxAmount: 199.6, quantity: 1 },
          { description: "Standard delivery", amount: 49, taxCode: "25", taxAmount: 9.8, quantity: 1 },
        ],
        orderReference: started.data.payment_session.id,
        posId: "0",
        // The return route with the plugin's signed state for this session.
        idValidationCallbackUrl: expect.stringContaining(`${env.backendUrl}/avarda/id-validation/return?state=v1.`),
      })

      const completed = await completeCart(api, cart)
      expect(completed.status).toBe(200)
      expect(completed.data.type).toBe("order")
      const order = completed.data.order
      const { data: { order: adminOrder } } = await api.get(`/admin/orders/${order.id}?fields=*payment_collections,*payment_collections.payments`, { headers: shop.admin.headers })
      const payment = adminOrder.payment_collections[0].payments[0]
      expect(payment).toMatchObject({ provider_id: AVARDA_PROVIDERS.invoice, amount: 1047 })
      expect(payment.data).toMatchObject({
        authorization_id: env.control.listAuthorizations()[0]!.authorizationId,
        product: "invoice",
        order_reference: started.data.payment_session.id,
        decision: { outcome: "approved", in_back_office: true },
        captures: [],
        returns: [],
      })
      expect(adminOrder.payment_collections[0].status).toBe("authorized")
    })

    it("a promotion becomes a discount row with its VAT rate; the rows add up to Medusa's total", async () => {
      await createPromotionsWorkflow(getContainer()).run({
        input: {
          promotionsData: [
            {
              code: "TENOFF",
              type: "standard",
              status: "active",
              application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10 },
            },
          ],
        },
      } as never)
      const cart = await swedishCart()
      const promoted = await api.post(`/store/carts/${cart.cartId}/promotions`, { promo_codes: ["TENOFF"] }, { headers: cart.headers })
      expect(promoted.data.cart.total).toBe(947.2) // 2 × 499 − 10 % + 49
      const started = await startAvardaSession(api, cart, { personal_id_number: SE.approved })
      expect(started.status).toBe(200)
      expect(started.data.payment_session.amount).toBe(947.2)
      const create = env.sandbox.journal.entries().find((e) => e.route === "avarda.authorization.create.invoice" && e.status === 201)!
      expect((create.body as { items: unknown[] }).items).toEqual([
        { description: "2 x Wool socks M", notes: "WOOL-SOCKS-1", amount: 998, taxCode: "25", taxAmount: 179.64, quantity: 1 },
        { description: "Standard delivery", amount: 49, taxCode: "25", taxAmount: 9.8, quantity: 1 },
        { description: "Discount", amount: -99.8, taxCode: "25", taxAmount: 0, quantity: 1 },
      ])
      expect((await completeCart(api, cart)).data.type).toBe("order")
    })

    it.each<[string, number | undefined, string, { paymentTerms?: number; accountClassCode?: number }]>([
      [AVARDA_PROVIDERS.partPayment, 24, "part-payment", { paymentTerms: 24, accountClassCode: 1782 }],
      [AVARDA_PROVIDERS.loan, undefined, "loan", { paymentTerms: 36 }],
      [AVARDA_PROVIDERS.directInvoice, undefined, "direct-invoice", {}],
    ])("%s: the product's endpoint and fields, the shopper's term where one is chosen", async (providerId, terms, product, fields) => {
      const cart = await swedishCart()
      const started = await startAvardaSession(api, cart, { personal_id_number: SE.approved, provider_id: providerId, ...(terms ? { payment_terms: terms } : {}) })
      expect(started.status).toBe(200)
      expect(started.data.payment_session.data).toMatchObject({ product, ...(fields.paymentTerms ? { payment_terms: fields.paymentTerms } : {}) })
      const create = env.sandbox.journal.entries().find((e) => e.route === `avarda.authorization.create.${product}` && e.status === 201)!
      expect(create.body).toMatchObject(fields)
      expect((await completeCart(api, cart)).data.type).toBe("order")
    })

    it("part-payment without a chosen term, or with one the store does not offer: 400 naming payment_terms, no vendor call", async () => {
      const cart = await swedishCart()
      const missing = await startAvardaSession(api, cart, { personal_id_number: SE.approved, provider_id: AVARDA_PROVIDERS.partPayment })
      expect(missing.status).toBe(400)
      expect(missing.data.message).toMatch(/payment_terms is required for part-payment: choose one of 12, 24, 36 months/)
      expect(missing.data).toMatchObject({ type: "invalid_data", errors: [{ field: "payment_terms", message: "is required for part-payment: choose one of 12, 24, 36 months" }] })
      const unoffered = await startAvardaSession(api, cart, { personal_id_number: SE.approved, provider_id: AVARDA_PROVIDERS.partPayment, payment_terms: 72 })
      expect(unoffered.status).toBe(400)
      expect(unoffered.data.message).toMatch(/payment_terms 72 is not offered/)
      expect(unoffered.data).toMatchObject({ type: "invalid_data", errors: [{ field: "payment_terms", message: "72 is not offered for part-payment: choose one of 12, 24, 36 months" }] })
      expect(env.sandbox.journal.entries().filter((e) => e.route.startsWith("avarda.authorization.create"))).toHaveLength(0)
    })

    it("422: the shopper gets Avarda's localized message, no order, and can pay with another method", async () => {
      const cart = await swedishCart()
      const started = await startAvardaSession(api, cart, { personal_id_number: SE.rejectedAddressMismatch })
      expect(started.status).toBe(422)
      expect(started.data).toMatchObject({
        type: "payment_rejected",
        message: "Krediten beviljades inte, kontrollera att namn och adress stämmer med folkbokföringsadressen",
        payment_session: { status: "error", data: { decision: { outcome: "rejected", error_code: 3 }, authorization_id: expect.any(String) } },
      })
      const refused = await completeCart(api, cart)
      expect(refused.status).toBeGreaterThanOrEqual(400)
      expect(await orderCount()).toBe(0)

      const other = await createPaymentSession(api, cart, "pp_system_default")
      expect(other.status).toBe(200)
      expect(other.data.payment_collection.payment_sessions.map((s: { provider_id: string }) => s.provider_id)).toEqual(["pp_system_default"])
      const completed = await completeCart(api, cart)
      expect(completed.data.type).toBe("order")
    })

    it("400 before any vendor call: each rule names the field to fix (and never echoes the personal ID number)", async () => {
      const cart = await swedishCart()
      const badSsn = await startAvardaSession(api, cart, { personal_id_number: "198005012004" })
      expect(badSsn.status).toBe(400)
      expect(badSsn.data.errors).toEqual([{ field: "personal_id_number", message: expect.stringMatching(/Swedish personnummer/) }])
      expect(JSON.stringify(badSsn.data)).not.toContain("198005012004")

      const noBody = await startAvardaSession(api, cart, { personal_id_number: "" })
      expect(noBody.status).toBe(400)
      expect(noBody.data.errors).toContainEqual({ field: "personal_id_number", message: expect.any(String) })

      const wrongProvider = await startAvardaSession(api, cart, { personal_id_number: SE.approved, provider_id: "pp_system_default" })
      expect(wrongProvider.data.errors).toEqual([{ field: "provider_id", message: expect.stringMatching(/Avarda provider id/) }])

      const longName = await swedishCart(1, { ...SWEDISH_ADDRESS, first_name: "Maximiliana-Johanna-Fredrika-Charlotta-Ebba" })
      const tooLong = await startAvardaSession(api, longName, { personal_id_number: SE.approved })
      expect(tooLong.status).toBe(400)
      expect(tooLong.data.errors).toEqual([{ field: "billing_address.first_name", message: "must be at most 40 characters (has 43)" }])

      const { phone: _phone, ...withoutPhone } = SWEDISH_ADDRESS
      const noPhone = await swedishCart(1, withoutPhone)
      const missingPhone = await startAvardaSession(api, noPhone, { personal_id_number: SE.approved })
      expect(missingPhone.data.errors).toEqual([{ field: "billing_address.phone", message: expect.stringMatching(/is required/) }])

      const spanish = await prepareCart(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Spain.id, variantId: shop.store.product.variantId, address: SPANISH_ADDRESS })
      const spain = await startAvardaSession(api, spanish, { personal_id_number: SE.approved })
      expect(spain.data.errors).toContainEqual({ field: "billing_address.country_code", message: expect.stringMatching(/SE, FI, NO, DK/) })

      // A cart id checked by its shape first (400 naming it), then looked up (404).
      const malformedCart = await startAvardaSession(api, { cartId: "cart_unknown", headers: cart.headers }, { personal_id_number: SE.approved })
      expect([malformedCart.status, malformedCart.data.errors]).toEqual([400, [{ field: "cart_id", message: expect.stringMatching(/must be a cart id/) }]])
      const unknownCart = await startAvardaSession(api, { cartId: "cart_01JZZZZZZZZZZZZZZZZZZZZZZZ", headers: cart.headers }, { personal_id_number: SE.approved })
      expect(unknownCart.status).toBe(404)

      expect(env.sandbox.journal.entries().filter((e) => e.route.startsWith("avarda.authorization.create"))).toHaveLength(0)
    })

    it("400 from Avarda (a rule only Avarda checks): a clear developer error, no session kept", async () => {
      const cart = await swedishCart(1, { ...SWEDISH_ADDRESS, phone: "08-123 456 78" }) // a landline: Avarda wants a mobile number
      const started = await startAvardaSession(api, cart, { personal_id_number: SE.approved })
      expect(started.status).toBe(400)
      expect(started.data.message).toMatch(/Avarda refused the credit request as invalid \(HTTP 400\): Customer\.Phone: /)
      // Values Avarda quotes back (personal data) are masked in errors and logs.
      expect(started.data.message).not.toContain("0812345678")
      const { data: [collection] } = await getContainer().resolve("query").graph({ entity: "payment_collection", fields: ["payment_sessions.id"], filters: { id: cart.paymentCollectionId } })
      expect(collection.payment_sessions).toEqual([])
    })

    it("a cart whose addresses have no phone sends the logged-in customer's own phone", async () => {
      const customer = await registerCustomer(api, shop.store.publishableKey, { email: "phone-fallback@example.com" })
      await api.post("/store/customers/me", { phone: "0707654321" }, { headers: customer.headers })
      const cart = await prepareCart(api, {
        publishableKey: shop.store.publishableKey,
        customerToken: customer.token,
        email: customer.email,
        regionId: shop.store.regions.Sweden.id,
        variantId: shop.store.product.variantId,
        quantity: 2,
        address: { ...SWEDISH_ADDRESS, phone: "" },
      })
      const started = await startAvardaSession(api, cart, { personal_id_number: SE.approved })
      expect(started.status).toBe(200)
      const create = env.sandbox.journal.entries({ route: "avarda.authorization.create.invoice", status: 201 })
      expect(create).toHaveLength(1)
      expect((create[0]!.body as { customer: { phone: string } }).customer.phone).toBe("0707654321")
    })

    describe("the session route reads the cart once", () => {
      /** Counts the plugin's cart reads (query.graph on "cart") from now on. */
      function countCartReads() {
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const graph = jest.spyOn(query, "graph")
        return {
          count: () => graph.mock.calls.filter(([config]) => (config as { entity?: string }).entity === "cart").length,
          restore: () => graph.mockRestore(),
        }
      }

      it("when the storefront created the payment collection", async () => {
        const cart = await swedishCart()
        const reads = countCartReads()
        try {
          const started = await startAvardaSession(api, cart, { personal_id_number: SE.approved })
          expect(started.status).toBe(200)
          expect(started.data.payment_session).toMatchObject({ payment_collection_id: cart.paymentCollectionId, amount: 1047 })
          expect(reads.count()).toBe(1)
        } finally {
          reads.restore()
        }
      })

      it("when it creates the payment collection itself (the amount is the collection's)", async () => {
        const headers = storeHeaders(shop.store.publishableKey)
        const created = await api.post("/store/carts", { region_id: shop.store.regions.Sweden.id, email: "shopper@example.com", items: [{ variant_id: shop.store.product.variantId, quantity: 2 }] }, { headers })
        const cartId = created.data.cart.id as string
        await api.post(`/store/carts/${cartId}`, { shipping_address: SWEDISH_ADDRESS, billing_address: SWEDISH_ADDRESS }, { headers })
        const options = await api.get(`/store/shipping-options?cart_id=${cartId}`, { headers })
        await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: options.data.shipping_options[0].id }, { headers })
        const reads = countCartReads()
        try {
          const started = await startAvardaSession(api, { cartId, headers }, { personal_id_number: SE.approved })
          expect(started.status).toBe(200)
          expect(started.data.payment_session).toMatchObject({ provider_id: AVARDA_PROVIDERS.invoice, amount: 1047, payment_collection_id: expect.stringMatching(/^pay_col_/) })
          expect(reads.count()).toBe(1)
        } finally {
          reads.restore()
        }
        // (A token the sandbox forgot at its reset may cost one 401 and a retry: count the accepted request.)
        const create = env.sandbox.journal.entries({ route: "avarda.authorization.create.invoice", status: 201 })
        expect(create).toHaveLength(1)
        expect((create[0]!.body as { items: Array<{ amount: number }> }).items.map((item) => item.amount)).toEqual([998, 49])
      })
    })

    it("plain core session route for an Avarda provider: a clear error pointing to the plugin route", async () => {
      const cart = await swedishCart()
      const res = await createPaymentSession(api, cart, AVARDA_PROVIDERS.invoice, { personal_id_number: SE.approved })
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/POST \/store\/avarda\/payment-sessions/)
      expect(JSON.stringify(res.data)).not.toContain(SE.approved)
    })

    it("500 and timeout: a clear error, the authorization id kept where known, no order", async () => {
      const cart = await swedishCart()
      const failed = await startAvardaSession(api, cart, { personal_id_number: SE.technicalError })
      expect(failed.status).toBe(502)
      expect(failed.data).toMatchObject({
        type: "payment_provider_error",
        // The plugin's own text, in the purchase's language (Swedish cart).
        message: "Avarda kunde inte behandla kreditansökan (tekniskt fel). Välj ett annat betalsätt eller försök igen senare.",
        payment_session: { status: "error", data: { authorization_id: env.control.listAuthorizations()[0]!.authorizationId, decision: { outcome: "failed", error_code: 101 } } },
      })
      expect((await completeCart(api, cart)).status).toBeGreaterThanOrEqual(400)

      env.sandbox.faults.add({ route: "avarda.authorization.create.invoice", kind: "hang", times: 1 })
      const hung = await startAvardaSession(api, cart, { personal_id_number: SE.approved })
      expect(hung.status).toBe(504)
      expect(hung.data).toMatchObject({ payment_session: { status: "error", data: { decision: { outcome: "unknown" }, order_reference: hung.data.payment_session.id } } })
      expect((await completeCart(api, cart)).status).toBeGreaterThanOrEqual(400)
      // Exactly one create per attempt: a create is never retried after an unknown outcome.
      // (A 401 after the sandbox reset forgot our token is answered before anything is created.)
      expect(env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.create.invoice" && e.status !== 401)).toHaveLength(2)
      expect(await orderCount()).toBe(0)
    })

    it("the personal ID number is never stored in the database, logged, or echoed — whatever the outcome", async () => {
      // The database is reset between tests, so every outcome runs here again before the scan.
      const approved = await swedishCart()
      await startAvardaSession(api, approved, { personal_id_number: SE.approved })
      await completeCart(api, approved)
      const answers = [
        await startAvardaSession(api, await swedishCart(), { personal_id_number: SE.rejectedAddressMismatch }),
        await startAvardaSession(api, await swedishCart(), { personal_id_number: SE.technicalError }),
        await startAvardaSession(api, await swedishCart(), { personal_id_number: SE.idValidationRequired }),
        await startAvardaSession(api, await swedishCart(), { personal_id_number: "198005012004" }),
        await startAvardaSession(api, await swedishCart(1, { ...SWEDISH_ADDRESS, phone: "08-123 456 78" }), { personal_id_number: "800501-2003" }),
      ]
      expect(answers.map((a) => a.status)).toEqual([422, 502, 200, 400, 400])
      const numbers = [SE.approved, SE.rejectedAddressMismatch, SE.technicalError, SE.idValidationRequired, "198005012004", "8005012003", "800501-2003"]
      for (const number of numbers) {
        expect(await tablesContaining(dbConnection, number)).toEqual([])
        for (const answer of answers) expect(JSON.stringify(answer.data)).not.toContain(number)
      }
      expect(logged.some((line) => /Avarda/.test(line))).toBe(true)
      for (const number of numbers) expect(logged.filter((line) => line.includes(number))).toEqual([])
    })
  },
})
