// Avarda Standalone Credit (CheckOut2Api) at checkout through Medusa's real store API against the
// sandbox: the plugin route builds the PascalCase request from the cart; an immediate approval ends
// in an order, a rejection in Avarda's localized message, the electronic ID goes through the
// sandbox's CheckOut2ElectronicId page and the plugin's public return route (only State 2 makes an
// order), shoppers who never return are handled by the job, and faults never lose or double an order.
// The personal ID number is never stored, logged or echoed.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileCreditPayments from "../../src/jobs/reconcile-credit-payments"
import { completeCart, createPaymentSession, prepareCart, SPANISH_ADDRESS, SWEDISH_ADDRESS } from "../support/checkout"
import { SPAIN } from "../support/store-fixtures"
import { countOrders, orderIdsOfCart, paymentsOfOrder } from "../support/queries"
import { completeCartWithAnotherSession } from "../support/cart-paid-with-another-session"
import { useShop } from "../support/shop"
import { AVARDA_TEST_IDENTITIES, followToStorefront, tablesContaining } from "../support/avarda"
import {
  actOnElectronicIdPage,
  STANDALONE_FAILURE_URL,
  STANDALONE_PROVIDERS,
  STANDALONE_SUCCESS_URL,
  STANDALONE_SWEDEN,
  startStandaloneSession,
  startStandaloneTestEnv,
} from "../support/avarda-standalone"
import { captureLogger } from "../support/logs"
import { useSandboxEnv } from "../support/sandbox-env"
import { returnStateFor, splitState, STATE_PATTERN } from "../support/return-state"
import { completionStoppedAtAuthorization } from "../support/stopped-completion"
import { itRunsNoScheduledJob, WITHOUT_SCHEDULED_JOBS } from "../support/no-scheduled-jobs"

jest.setTimeout(240_000)

const SE = AVARDA_TEST_IDENTITIES.SE

const env = useSandboxEnv(() => startStandaloneTestEnv(WITHOUT_SCHEDULED_JOBS))
const logged = captureLogger()

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, dbConnection }) => {
    itRunsNoScheduledJob()
    beforeEach(() => env.sandbox.reset())
    const shop = useShop(getContainer, [STANDALONE_SWEDEN, { ...SPAIN, paymentProviders: [STANDALONE_PROVIDERS.invoice, "pp_system_default"] }], { perTest: true, admin: false })

    const swedishCart = (quantity = 2, address = SWEDISH_ADDRESS) =>
      prepareCart(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity, address })

    const ordersOfCart = (cartId: string) => orderIdsOfCart(getContainer(), cartId)
    const stateOf = (sessionId: string) => returnStateFor(getContainer(), "avarda-standalone-electronic-id-return", sessionId)
    const eidReturn = (query: string) => `${env.backendUrl}/avarda-standalone/electronic-id/return?${query}`

    const orderCount = () => countOrders(getContainer())

    async function sessionsOf(collectionId: string): Promise<Array<{ id: string; status: string; data: Record<string, unknown> }>> {
      const { data } = await getContainer().resolve("query").graph({ entity: "payment_collection", fields: ["payment_sessions.*"], filters: { id: collectionId } })
      return data[0]?.payment_sessions ?? []
    }

    const authorizeCalls = () => env.sandbox.journal.entries().filter((e) => e.route.startsWith("avarda.checkout2.authorize"))

    async function startElectronicId(ssn: string = SE.idValidationRequired) {
      const cart = await swedishCart()
      const started = await startStandaloneSession(api, cart, { personal_id_number: ssn })
      expect(started.status).toBe(200)
      expect(started.data.next_action).toEqual({ type: "redirect", url: expect.stringContaining(`${env.sandbox.origin}/avarda/checkout2/CheckOut2ElectronicId/?externalId=`) })
      expect(started.data.payment_session).toMatchObject({ status: "requires_more", data: { decision: { outcome: "pending_id_validation" } } })
      return { cart, session: started.data.payment_session, redirectUrl: started.data.next_action.url as string }
    }

    it("approved at once: the PascalCase request is built from the cart, the cart completes into an order with an authorized payment", async () => {
      const cart = await swedishCart()
      const started = await startStandaloneSession(api, cart, { personal_id_number: SE.approved })
      expect(started.status).toBe(200)
      expect(started.data.next_action).toEqual({ type: "complete_cart" })
      expect(started.data.payment_session).toMatchObject({ provider_id: STANDALONE_PROVIDERS.invoice, status: "pending", amount: 1047 })

      const authorize = authorizeCalls()[0]!
      expect(authorize.route).toBe("avarda.checkout2.authorize.invoice")
      expect(authorize.path).toBe("/avarda/checkout2/CheckOut2Api/v2/AuthorizeInvoiceEID")
      expect(authorize.headers.authorization).toBe("Basic ****")
      expect(authorize.body).toEqual({
        IdentificationNumber: SE.approved,
        UserLanguageCode: "sv-SE",
        Price: 1047,
        Phone: "0701234567",
        Mail: "shopper@example.com",
        InvoicingFirstName: "Sven",
        InvoicingLastName: "Svensson",
        InvoicingAddressLine1: "Storgatan 1",
        InvoicingZip: "11122",
        InvoicingCity: "Stockholm",
        DeliveryFirstName: "Sven",
        DeliveryLastName: "Svensson",
        DeliveryAddressLine1: "Storgatan 1",
        DeliveryZip: "11122",
        DeliveryCity: "Stockholm",
        IsDeliveryEditable: false,
        UseDifferentDeliveryAddress: false,
        Items: [
          { Description: "2 x Wool socks M", Notes: "WOOL-SOCKS-1", Amount: 998, TaxCode: "25", TaxAmount: 199.6 },
          { Description: "Standard delivery", Amount: 49, TaxCode: "25", TaxAmount: 9.8 },
        ],
        OrderReference: started.data.payment_session.id,
      })

      const completed = await completeCart(api, cart)
      expect(completed.data.type).toBe("order")
      const [purchase] = env.control.listStandalonePurchases()
      const { data } = await getContainer().resolve("query").graph({
        entity: "order",
        fields: ["payment_collections.status", "payment_collections.payments.*"],
        filters: { id: completed.data.order.id },
      })
      const collection = data[0].payment_collections[0]
      expect(collection.status).toBe("authorized")
      expect(collection.payments[0]).toMatchObject({
        provider_id: STANDALONE_PROVIDERS.invoice,
        amount: 1047,
        data: { purchase_id: purchase!.externalId, product: "invoice", decision: { outcome: "approved", state: 2 }, captures: [], returns: [], refunds: [] },
      })
      // One authorization; besides it Avarda was only asked for the purchase's status: by the completion,
      // which confirms the approval, and possibly by the job (its run can begin later than its minute
      // when its previous run was slow, so its reads are not counted). The sandbox serves Avirato too,
      // whose own ten-minute reconciliation lists its sessions whenever its run falls in the test.
      const calls = env.sandbox.journal.entries().filter((call) => call.route.startsWith("avarda."))
      expect(calls.filter((call) => call.route !== "avarda.checkout2.status").map((call) => call.route)).toEqual(["avarda.checkout2.authorize.invoice"])
      const statusReads = calls.filter((call) => call.route === "avarda.checkout2.status")
      expect(statusReads.length).toBeGreaterThanOrEqual(1)
      for (const read of statusReads) expect(read.body).toMatchObject({ PurchaseId: purchase!.externalId })
    })

    it("rejected: the shopper gets Avarda's localized message, no order, and can pay with another method", async () => {
      const cart = await swedishCart()
      const started = await startStandaloneSession(api, cart, { personal_id_number: SE.rejectedCreditNotApproved })
      expect(started.status).toBe(422)
      expect(started.data).toMatchObject({
        type: "payment_rejected",
        message: expect.stringMatching(/Krediten beviljades inte/),
        payment_session: { status: "error", data: { decision: { outcome: "rejected", error_code: 30154 } } },
      })
      expect((await completeCart(api, cart)).status).toBeGreaterThanOrEqual(400)
      expect(await orderCount()).toBe(0)

      const other = await createPaymentSession(api, cart, "pp_system_default")
      expect(other.status).toBe(200)
      expect((await completeCart(api, cart)).data.type).toBe("order")
    })

    it("400 before any vendor call: each rule names the field to fix, never echoing the personal ID number", async () => {
      const cart = await swedishCart()
      const badSsn = await startStandaloneSession(api, cart, { personal_id_number: "198005012004" })
      expect(badSsn.status).toBe(400)
      expect(badSsn.data.errors).toEqual([{ field: "personal_id_number", message: expect.stringMatching(/Swedish personnummer/) }])
      expect(JSON.stringify(badSsn.data)).not.toContain("198005012004")

      const wrongProvider = await startStandaloneSession(api, cart, { personal_id_number: SE.approved, provider_id: "pp_avarda-invoice_avarda" })
      expect(wrongProvider.data.errors).toEqual([{ field: "provider_id", message: expect.stringMatching(/Standalone Credit provider id/) }])

      const longCity = await swedishCart(1, { ...SWEDISH_ADDRESS, city: "Stockholms-Näsby-Upplands-Väsby-X" })
      const tooLong = await startStandaloneSession(api, longCity, { personal_id_number: SE.approved })
      expect(tooLong.status).toBe(400)
      expect(tooLong.data.errors).toEqual(
        expect.arrayContaining([{ field: "billing_address.city", message: "must be at most 30 characters (has 33)" }])
      )

      const loanWithoutTerm = await startStandaloneSession(api, cart, { personal_id_number: SE.approved, provider_id: STANDALONE_PROVIDERS.partPayment })
      expect(loanWithoutTerm.status).toBe(400)
      expect(loanWithoutTerm.data.message).toMatch(/payment_terms is required for part-payment: choose one of 12, 24, 36/)
      expect(loanWithoutTerm.data.errors).toEqual([{ field: "payment_terms", message: "is required for part-payment: choose one of 12, 24, 36 months" }])
      const unofferedTerm = await startStandaloneSession(api, cart, { personal_id_number: SE.approved, provider_id: STANDALONE_PROVIDERS.partPayment, payment_terms: 72 })
      expect(unofferedTerm.status).toBe(400)
      expect(unofferedTerm.data.errors).toEqual([{ field: "payment_terms", message: "72 is not offered for part-payment: choose one of 12, 24, 36 months" }])

      const spanish = await prepareCart(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Spain.id, variantId: shop.store.product.variantId, address: SPANISH_ADDRESS })
      const spain = await startStandaloneSession(api, spanish, { personal_id_number: SE.approved })
      expect(spain.data.errors).toContainEqual({ field: "billing_address.country_code", message: expect.stringMatching(/SE, FI, NO, DK/) })

      expect(authorizeCalls()).toHaveLength(0)
    })

    it("the core session route for a Standalone provider: a clear error pointing to the plugin route", async () => {
      const cart = await swedishCart()
      const res = await createPaymentSession(api, cart, STANDALONE_PROVIDERS.invoice, { personal_id_number: SE.approved })
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/POST \/store\/avarda-standalone\/payment-sessions/)
      expect(JSON.stringify(res.data)).not.toContain(SE.approved)
    })

    it("electronic ID: Identify → the public return route confirms State 2 with GetPaymentStatus → order → 302 to the success page", async () => {
      const { cart, session, redirectUrl } = await startElectronicId()
      // The plugin's return URL names the session and carries its signed state.
      const { state, rest } = splitState(new URL(redirectUrl).searchParams.get("returnUrl")!)
      expect(state).toMatch(STATE_PATTERN)
      expect(rest).toBe(`${env.backendUrl}/avarda-standalone/electronic-id/return?session_id=${session.id}`)
      expect(env.control.getStandalonePurchase(session.data.purchase_id)).toMatchObject({ state: 7 })

      const returnUrl = await actOnElectronicIdPage(redirectUrl, "identify")
      expect(new URL(returnUrl).searchParams.get("status")).toBe("OK")
      const landing = await followToStorefront(returnUrl) // no publishable key: a browser redirect
      const [orderId] = await ordersOfCart(cart.cartId)
      expect(`${landing.origin}${landing.pathname}`).toBe(STANDALONE_SUCCESS_URL)
      expect(landing.searchParams.get("order_id")).toBe(orderId)

      // Returning twice (a reload) lands on the same order.
      const again = await followToStorefront(returnUrl)
      expect(again.searchParams.get("order_id")).toBe(orderId)
      expect(await ordersOfCart(cart.cartId)).toHaveLength(1)
    })

    it("electronic ID cancelled, failed at the provider, or a forged return: the failure page with the reason, no order", async () => {
      const cancelled = await startElectronicId()
      const cancelLanding = await followToStorefront(await actOnElectronicIdPage(cancelled.redirectUrl, "cancel"))
      expect(`${cancelLanding.origin}${cancelLanding.pathname}`).toBe(STANDALONE_FAILURE_URL)
      // A Swedish purchase reads the plugin's texts in Swedish, as it reads Avarda's (one language rule).
      expect(Object.fromEntries(cancelLanding.searchParams)).toEqual({
        cart_id: cancelled.cart.cartId,
        reason: "cancelled",
        message: "Den elektroniska identifieringen avbröts. Försök igen eller välj ett annat betalsätt.",
      })

      const failing = await startElectronicId(SE.idValidationFailsAtProvider)
      const failLanding = await followToStorefront(await actOnElectronicIdPage(failing.redirectUrl, "identify"))
      expect(failLanding.searchParams.get("reason")).toBe("failed")

      // status=OK in the URL is not trusted: Avarda still says State 7, or the purchase belongs to another session.
      const waiting = await startElectronicId()
      const waitingState = stateOf(waiting.session.id)
      const forged = eidReturn(`session_id=${waiting.session.id}&state=${waitingState}&externalId=${waiting.session.data.purchase_id}&status=OK`)
      expect((await followToStorefront(forged)).searchParams.get("reason")).toBe("pending")
      const otherPurchase = eidReturn(`session_id=${waiting.session.id}&state=${waitingState}&externalId=${cancelled.session.data.purchase_id}&status=OK`)
      expect((await followToStorefront(otherPurchase)).searchParams.get("reason")).toBe("unknown_session")
      expect(Object.fromEntries((await followToStorefront(eidReturn(""))).searchParams)).toEqual({ reason: "verification_failed" })

      for (const attempt of [cancelled, failing, waiting]) expect(await ordersOfCart(attempt.cart.cartId)).toEqual([])
      // The shopper can try again with a new session.
      const retry = await startStandaloneSession(api, cancelled.cart, { personal_id_number: SE.approved })
      expect(retry.status).toBe(200)
      expect((await completeCart(api, cancelled.cart)).data.type).toBe("order")
    })

    it("a session id alone proves nothing: without the flow's state the failure page gets a generic reason, and nothing is done", async () => {
      const { cart, session } = await startElectronicId()
      env.control.completeElectronicId(session.data.purchase_id, "OK") // Avarda says State 2
      const other = await startElectronicId()
      const base = `session_id=${session.id}&externalId=${session.data.purchase_id}&status=OK`
      for (const [what, query] of Object.entries({
        "no state": base,
        "another session's state": `${base}&state=${stateOf(other.session.id)}`,
        "another route's state": `${base}&state=${returnStateFor(getContainer(), "avarda-id-validation-return", session.id)}`,
      })) {
        const hop = await fetch(eidReturn(query), { redirect: "manual" })
        expect({ what, status: hop.status, location: hop.headers.get("location") }).toEqual({ what, status: 302, location: `${STANDALONE_FAILURE_URL}?reason=verification_failed` })
      }
      expect(await ordersOfCart(cart.cartId)).toEqual([])
      expect((await sessionsOf(cart.paymentCollectionId))[0]).toMatchObject({ id: session.id, status: "requires_more" })

      // With the state the plugin gave Avarda: the order, as before.
      const landing = await followToStorefront(eidReturn(`${base}&state=${stateOf(session.id)}`))
      expect(landing.searchParams.get("order_id")).toBe((await ordersOfCart(cart.cartId))[0])

      // Malformed parameters: 400 naming them, never a 500.
      for (const [field, query] of [
        ["session_id", `session_id=${session.id}%00&state=${stateOf(session.id)}`],
        ["session_id", `session_id=${"payses_".padEnd(3000, "Z")}`],
        ["externalId", `session_id=${session.id}&externalId=%00`],
        ["status", `session_id=${session.id}&status=${"O".repeat(50)}`],
      ] as const) {
        const response = await fetch(eidReturn(query), { redirect: "manual" })
        const body = (await response.json()) as { type: string; errors: Array<{ field: string }> }
        expect({ query, status: response.status, type: body.type, fields: body.errors.map((e) => e.field) }).toEqual({ query, status: 400, type: "invalid_data", fields: [field] })
      }
    })

    it("a shopper who never returns: the job completes the cart once State is 2 and releases timed-out sessions", async () => {
      const approved = await startElectronicId()
      const timedOut = await startElectronicId()
      env.control.completeElectronicId(approved.session.data.purchase_id, "OK") // the browser never comes back
      await reconcileCreditPayments(getContainer())
      expect(await ordersOfCart(approved.cart.cartId)).toHaveLength(1)
      expect((await sessionsOf(timedOut.cart.paymentCollectionId))[0]).toMatchObject({ status: "requires_more" })

      env.sandbox.clock.advance(16 * 60_000) // the electronic ID times out: State 5
      await reconcileCreditPayments(getContainer())
      expect(await sessionsOf(timedOut.cart.paymentCollectionId)).toEqual([])
      expect(await ordersOfCart(timedOut.cart.cartId)).toEqual([])

      // The shopper returning after the job lands on the same order.
      const late = await followToStorefront(
        eidReturn(`session_id=${approved.session.id}&state=${stateOf(approved.session.id)}&externalId=${approved.session.data.purchase_id}&status=OK`)
      )
      expect(late.searchParams.get("order_id")).toBe((await ordersOfCart(approved.cart.cartId))[0])
    })

    it("a session whose cart was paid with another session: the job cancels its purchase at Avarda and deletes it; the order keeps its payment", async () => {
      const container = getContainer()
      const { cart, session } = await startElectronicId()
      // Medusa kept a second session in the same collection, and the cart was completed with that one.
      const otherSessionId = await completeCartWithAnotherSession(container, api, cart, session, session.currency_code)
      const [orderId] = await ordersOfCart(cart.cartId)
      const orderPayments = await paymentsOfOrder(container, orderId)
      expect(orderPayments).toEqual([expect.objectContaining({ provider_id: "pp_system_default" })])

      env.control.completeElectronicId(session.data.purchase_id, "OK") // the shopper identifies anyway, and never comes back
      await reconcileCreditPayments(container)
      expect(env.control.getStandalonePurchase(session.data.purchase_id)).toMatchObject({ cancelled: true })
      expect((await sessionsOf(cart.paymentCollectionId)).map((s) => s.id)).toEqual([otherSessionId])
      expect(await paymentsOfOrder(container, orderId)).toEqual(orderPayments)

      const cancels = () => env.sandbox.journal.entries().filter((e) => e.route === "avarda.checkout2.cancel-payment")
      expect(cancels()).toHaveLength(1)
      await reconcileCreditPayments(container)
      expect(cancels()).toHaveLength(1)
      expect(await ordersOfCart(cart.cartId)).toEqual([orderId])
    })

    it("an order whose completion stopped before authorizing the payment gets it at the shopper's return, once", async () => {
      const { cart, session } = await startElectronicId()
      env.control.completeElectronicId(session.data.purchase_id, "OK")
      const stopped = await completionStoppedAtAuthorization(getContainer(), cart.cartId)
      const orderPayments = () => paymentsOfOrder(getContainer(), stopped.orderId)
      expect(await orderPayments()).toEqual([])
      await stopped.releaseCartLock()

      const landing = await followToStorefront(eidReturn(`session_id=${session.id}&state=${stateOf(session.id)}&externalId=${session.data.purchase_id}&status=OK`))
      expect(`${landing.origin}${landing.pathname}`).toBe(STANDALONE_SUCCESS_URL)
      expect(landing.searchParams.get("order_id")).toBe(stopped.orderId)
      const [payment, ...more] = await orderPayments()
      expect(more).toEqual([])
      expect(payment).toMatchObject({ provider_id: STANDALONE_PROVIDERS.invoice, canceled_at: null })
      // The stopped completion, resumed, adds no payment.
      await stopped.resume()
      expect((await orderPayments()).map((p) => p.id)).toEqual([payment.id])
    })

    it("authorize faults (500, timeout, reset, malformed JSON): a clear error, no order, exactly one authorize per attempt", async () => {
      const cart = await swedishCart()
      const technical = await startStandaloneSession(api, cart, { personal_id_number: SE.technicalError })
      expect(technical.status).toBe(502)
      expect(technical.data).toMatchObject({ type: "payment_provider_error", payment_session: { status: "error", data: { decision: { outcome: "failed", error_code: 30900 } } } })

      const faults = [
        { kind: "status", status: 500 },
        { kind: "hang" },
        { kind: "reset" },
        { kind: "malformed" },
      ] as const
      const expected = [502, 504, 504, 504]
      for (const [i, fault] of faults.entries()) {
        env.sandbox.faults.add({ route: "avarda.checkout2.authorize.invoice", ...fault, times: 1 })
        const res = await startStandaloneSession(api, cart, { personal_id_number: SE.approved })
        expect([fault.kind, res.status]).toEqual([fault.kind, expected[i]])
        expect(res.data.payment_session.status).toBe("error")
        expect((await completeCart(api, cart)).status).toBeGreaterThanOrEqual(400)
      }
      expect(authorizeCalls()).toHaveLength(1 + faults.length)
      expect(await orderCount()).toBe(0)

      // After the faults the next attempt goes through.
      expect((await startStandaloneSession(api, cart, { personal_id_number: SE.approved })).status).toBe(200)
      expect((await completeCart(api, cart)).data.type).toBe("order")
    })

    it("GetPaymentStatus fails when the shopper returns: 'pending' for the shopper, the job makes the order later — never lost, never twice", async () => {
      const { cart, session, redirectUrl } = await startElectronicId()
      const returnUrl = await actOnElectronicIdPage(redirectUrl, "identify")
      env.sandbox.faults.add({ route: "avarda.checkout2.status", kind: "status", status: 500, times: 1 })
      const landing = await followToStorefront(returnUrl)
      expect(landing.searchParams.get("reason")).toBe("pending")
      expect(await ordersOfCart(cart.cartId)).toEqual([])

      env.sandbox.faults.add({ route: "avarda.checkout2.status", kind: "malformed", times: 1 })
      await reconcileCreditPayments(getContainer()) // still unreadable: stays pending
      expect(await ordersOfCart(cart.cartId)).toEqual([])
      await reconcileCreditPayments(getContainer())
      const [orderId] = await ordersOfCart(cart.cartId)
      expect(orderId).toBeDefined()
      expect((await followToStorefront(returnUrl)).searchParams.get("order_id")).toBe(orderId)
      expect(await ordersOfCart(cart.cartId)).toHaveLength(1)
      expect(session.data.purchase_id).toBe(env.control.listStandalonePurchases()[0]!.externalId)
    })

    it("the personal ID numbers used above were never stored in the database or logged", async () => {
      const cart = await swedishCart()
      await startStandaloneSession(api, cart, { personal_id_number: SE.approved })
      await completeCart(api, cart)
      const numbers = [SE.approved, SE.rejectedCreditNotApproved, SE.idValidationRequired, SE.technicalError, "198005012004", "8005012003"]
      for (const number of numbers) expect(await tablesContaining(dbConnection, number)).toEqual([])
      expect(logged.some((line) => /Avarda Standalone/.test(line))).toBe(true)
      for (const number of numbers) expect(logged.filter((line) => line.includes(number))).toEqual([])
    })
  },
})
