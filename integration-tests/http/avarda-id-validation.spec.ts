// Avarda's ID-validation flow (HTTP 202) through Medusa's real store API, the sandbox's BankID page
// and the plugin's public return route: identification completes the order; a cancelled or failed
// identification, a forged or early return, and a cart changed meanwhile give no order. A return
// without the plugin's signed state of that session's flow learns nothing (no cart id, no order id)
// and changes nothing. Shoppers who never return are handled by the reconciliation job.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import reconcileCreditPayments from "../../src/jobs/reconcile-credit-payments"
import { forEachPageOfPaymentSessions } from "../../src/operations/shared/find-payment-session"
import { completeCart, prepareCart, SWEDISH_ADDRESS } from "../support/checkout"
import { orderIdsOfCart, paymentsOfOrder } from "../support/queries"
import { completeCartWithAnotherSession } from "../support/cart-paid-with-another-session"
import { useShop } from "../support/shop"
import {
  actOnIdValidationPage,
  AVARDA_FAILURE_URL,
  AVARDA_PROVIDERS,
  AVARDA_SUCCESS_URL,
  AVARDA_SWEDEN,
  AVARDA_TEST_IDENTITIES,
  followToStorefront,
  startAvardaSession,
  startAvardaTestEnv,
} from "../support/avarda"
import { completionStoppedAtAuthorization } from "../support/stopped-completion"
import { itRunsNoScheduledJob, WITHOUT_SCHEDULED_JOBS } from "../support/no-scheduled-jobs"
import { useSandboxEnv } from "../support/sandbox-env"
import { returnStateFor, splitState, STATE_PATTERN } from "../support/return-state"

jest.setTimeout(240_000)

const SE = AVARDA_TEST_IDENTITIES.SE

const env = useSandboxEnv(() => startAvardaTestEnv(WITHOUT_SCHEDULED_JOBS))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    itRunsNoScheduledJob()
    beforeEach(() => env.sandbox.reset())
    const shop = useShop(getContainer, [AVARDA_SWEDEN], { perTest: true, admin: false })

    const swedishCart = () =>
      prepareCart(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity: 2, address: SWEDISH_ADDRESS })

    async function startIdValidation(ssn: string = SE.idValidationRequired) {
      const cart = await swedishCart()
      const started = await startAvardaSession(api, cart, { personal_id_number: ssn })
      expect(started.status).toBe(200)
      expect(started.data.next_action).toEqual({ type: "redirect", url: expect.stringContaining(`${env.sandbox.origin}/avarda/pages/id-validation/`) })
      expect(started.data.payment_session).toMatchObject({ status: "requires_more", data: { decision: { outcome: "pending_id_validation" } } })
      return { cart, session: started.data.payment_session, redirectUrl: started.data.next_action.url as string }
    }

    const ordersOfCart = (cartId: string) => orderIdsOfCart(getContainer(), cartId)
    const stateOf = (sessionId: string) => returnStateFor(getContainer(), "avarda-id-validation-return", sessionId)
    const returnUrl = (params: string) => `${env.backendUrl}/avarda/id-validation/return?${params}`

    async function sessionsOf(paymentCollectionId: string) {
      const { data: [collection] } = await getContainer().resolve("query").graph({
        entity: "payment_collection",
        fields: ["payment_sessions.id", "payment_sessions.status", "payment_sessions.data"],
        filters: { id: paymentCollectionId },
      })
      return collection.payment_sessions as Array<{ id: string; status: string; data: Record<string, unknown> }>
    }

    it("202: the shopper identifies on Avarda's page, returns without a publishable key, and lands on the success page with an order", async () => {
      const { cart, session, redirectUrl } = await startIdValidation()
      // Completing before identification is refused (the session still requires more).
      expect((await completeCart(api, cart)).status).toBe(400)

      const callback = await actOnIdValidationPage(redirectUrl, "identify")
      // The plugin's return URL carries its signed state; Avarda adds its parameters.
      const { state, rest } = splitState(callback)
      expect(state).toMatch(STATE_PATTERN)
      expect(rest).toBe(`${env.backendUrl}/avarda/id-validation/return?authorizationId=${session.data.authorization_id}&orderId=${session.id}`)
      const landing = await followToStorefront(callback)
      expect(`${landing.origin}${landing.pathname}`).toBe(AVARDA_SUCCESS_URL)
      const orderId = landing.searchParams.get("order_id")
      expect(await ordersOfCart(cart.cartId)).toEqual([orderId])

      const { data: [order] } = await getContainer().resolve("query").graph({
        entity: "order",
        fields: ["total", "payment_collections.status", "payment_collections.payments.provider_id", "payment_collections.payments.data"],
        filters: { id: orderId! },
      })
      expect(Number(order.total)).toBe(1047)
      expect(order.payment_collections[0].status).toBe("authorized")
      expect(order.payment_collections[0].payments[0]).toMatchObject({ provider_id: AVARDA_PROVIDERS.invoice, data: { decision: { outcome: "approved" } } })

      // The browser coming back twice (reload) still shows the same order.
      expect((await followToStorefront(callback)).searchParams.get("order_id")).toBe(orderId)
    })

    it.each([
      ["the shopper cancels", SE.idValidationRequired, "cancel" as const, "ID-valideringen misslyckades"],
      ["the identification fails at the provider", SE.idValidationFailsAtProvider, "identify" as const, "ID-valideringen misslyckades"],
      ["someone else identifies", SE.idValidationRequired, "someone-else" as const, "ID-valideringen gjordes med ett annat personnummer än det i ansökan"],
    ])("%s: a clear failure with Avarda's message and the cart id, no order", async (_name, ssn, action, message) => {
      const { cart, redirectUrl } = await startIdValidation(ssn)
      const callback = await actOnIdValidationPage(redirectUrl, action)
      expect(callback).toMatch(/&errorCode=5[12]$/)
      const landing = await followToStorefront(callback)
      expect(`${landing.origin}${landing.pathname}`).toBe(AVARDA_FAILURE_URL)
      expect(Object.fromEntries(landing.searchParams)).toEqual({ cart_id: cart.cartId, reason: "rejected", message })
      expect(await ordersOfCart(cart.cartId)).toEqual([])
      expect((await sessionsOf(cart.paymentCollectionId))[0]).toMatchObject({ status: "error", data: { decision: { outcome: "rejected" } } })
    })

    it("never trusts the redirect: a forged, early or unknown return completes nothing", async () => {
      const { cart, session } = await startIdValidation()
      const state = stateOf(session.id)

      const early = await followToStorefront(returnUrl(`state=${state}&authorizationId=${session.data.authorization_id}&orderId=${session.id}`))
      expect(Object.fromEntries(early.searchParams)).toMatchObject({ cart_id: cart.cartId, reason: "pending" })

      const forged = await followToStorefront(returnUrl(`state=${state}&authorizationId=00000000-0000-0000-0000-000000000000&orderId=${session.id}`))
      expect(forged.searchParams.get("reason")).toBe("unknown_session")
      const unknownSession = "payses_01JZZZZZZZZZZZZZZZZZZZZZZZ"
      const unknown = await followToStorefront(returnUrl(`state=${stateOf(unknownSession)}&authorizationId=x&orderId=${unknownSession}`))
      expect(unknown.searchParams.get("reason")).toBe("unknown_session")
      const empty = await followToStorefront(returnUrl(""))
      expect(Object.fromEntries(empty.searchParams)).toEqual({ reason: "verification_failed" })

      expect(await ordersOfCart(cart.cartId)).toEqual([])
    })

    it("an order reference alone proves nothing: without the flow's state the failure page gets a generic reason, and nothing is done", async () => {
      const { cart, session } = await startIdValidation()
      // Avarda approved (the shopper identified), but the attacker's browser only knows the order
      // reference (the payment session id) and the authorization id.
      env.control.completeIdValidation(session.data.authorization_id, "identify")
      const other = await startIdValidation()
      const attempts = {
        "no state": `authorizationId=${session.data.authorization_id}&orderId=${session.id}`,
        "another session's state": `state=${stateOf(other.session.id)}&authorizationId=${session.data.authorization_id}&orderId=${session.id}`,
        "another route's state": `state=${returnStateFor(getContainer(), "avirato-hosted-page-return", session.id)}&authorizationId=${session.data.authorization_id}&orderId=${session.id}`,
        "a tampered state": `state=${stateOf(session.id).slice(0, -2)}xx&authorizationId=${session.data.authorization_id}&orderId=${session.id}`,
        "only the order reference": `orderId=${session.id}`,
        "Avarda's stray second ?": `?authorizationId=${session.data.authorization_id}?orderId=${session.id}`,
      }
      for (const [what, query] of Object.entries(attempts)) {
        const hop = await fetch(returnUrl(query), { redirect: "manual" })
        expect({ what, status: hop.status }).toEqual({ what, status: 302 })
        const location = hop.headers.get("location")!
        expect({ what, location }).toEqual({ what, location: `${AVARDA_FAILURE_URL}?reason=verification_failed` })
        expect(location).not.toContain(cart.cartId)
        expect(location).not.toContain(session.id)
      }
      // Nothing was looked up or done: no order, the session still waits for the shopper.
      expect(await ordersOfCart(cart.cartId)).toEqual([])
      expect((await sessionsOf(cart.paymentCollectionId))[0]).toMatchObject({ id: session.id, status: "requires_more" })

      // The shopper's own return (with the state the plugin gave Avarda) completes the order as before.
      const landing = await followToStorefront(returnUrl(`state=${stateOf(session.id)}?authorizationId=${session.data.authorization_id}&orderId=${session.id}`))
      expect(`${landing.origin}${landing.pathname}`).toBe(AVARDA_SUCCESS_URL)
      expect(await ordersOfCart(cart.cartId)).toEqual([landing.searchParams.get("order_id")])
    })

    it("malformed parameters get a 400 naming them, never a 500, and change nothing", async () => {
      const { cart, session } = await startIdValidation()
      const state = stateOf(session.id)
      const cases: Array<[string, string]> = [
        ["orderId", `state=${state}&authorizationId=${session.data.authorization_id}&orderId=${session.id}%00`],
        ["orderId", `state=${state}&orderId=payses_${"A".repeat(5000)}`],
        ["orderId", `state=${state}&orderId=cart_01JZZZZZZZZZZZZZZZZZZZZZZZ`],
        ["authorizationId", `state=${state}&authorizationId=%00&orderId=${session.id}`],
        ["state", `state=${state}%00&orderId=${session.id}`],
        ["errorCode", `state=${state}&orderId=${session.id}&errorCode=51%27`],
      ]
      for (const [field, query] of cases) {
        const response = await fetch(returnUrl(query), { redirect: "manual" })
        const body = (await response.json()) as { type: string; errors: Array<{ field: string }> }
        expect({ query, status: response.status, type: body.type, fields: body.errors.map((e) => e.field) }).toEqual({ query, status: 400, type: "invalid_data", fields: [field] })
      }
      expect((await sessionsOf(cart.paymentCollectionId))[0]).toMatchObject({ id: session.id, status: "requires_more" })
    })

    it("a shopper who never returns: the job completes the cart once Avarda approved, and releases timed-out sessions", async () => {
      const approved = await startIdValidation()
      const timedOut = await startIdValidation()
      const stillWaiting = await startIdValidation()

      env.control.completeIdValidation(approved.session.data.authorization_id, "identify") // no browser comes back
      await reconcileCreditPayments(getContainer())
      expect(await ordersOfCart(approved.cart.cartId)).toHaveLength(1)
      expect(await ordersOfCart(stillWaiting.cart.cartId)).toEqual([])
      expect((await sessionsOf(stillWaiting.cart.paymentCollectionId))[0]).toMatchObject({ status: "requires_more" })

      env.sandbox.clock.advance(16 * 60_000) // Avarda's ID validation times out: status 2, errorCode 50
      await reconcileCreditPayments(getContainer())
      expect(await sessionsOf(timedOut.cart.paymentCollectionId)).toEqual([])
      expect(await ordersOfCart(timedOut.cart.cartId)).toEqual([])

      // The shopper returning after the job did the work lands on the same order.
      const late = await followToStorefront(returnUrl(`state=${stateOf(approved.session.id)}&authorizationId=${approved.session.data.authorization_id}&orderId=${approved.session.id}`))
      expect(late.searchParams.get("order_id")).toBe((await ordersOfCart(approved.cart.cartId))[0])
    })

    /**
     * A credit session at ID validation whose cart was completed with another session: Medusa kept a
     * second session in the same collection, and the cart was completed with that one.
     */
    async function idValidationOfACartPaidWithAnother() {
      const container = getContainer()
      const { cart, session } = await startIdValidation()
      const otherSessionId = await completeCartWithAnotherSession(container, api, cart, session, session.currency_code)
      const [orderId, ...moreOrders] = await ordersOfCart(cart.cartId)
      const [payment] = await paymentsOfOrder(container, orderId)
      return { container, cart, session, otherSessionId, orderId, moreOrders, payment }
    }

    /** The shopper identifies on the credit's page and follows the return to the storefront. */
    async function identifyAndComeBack(session: { id: string; data: Record<string, unknown> }) {
      const authorizationId = session.data.authorization_id as string
      env.control.completeIdValidation(authorizationId, "identify")
      const landing = await followToStorefront(returnUrl(`state=${stateOf(session.id)}&authorizationId=${authorizationId}&orderId=${session.id}`))
      return { authorizationId, landing }
    }

    it("a session whose cart was paid with another session: the job releases its credit, the order keeps its payment, and later runs do nothing", async () => {
      const { container, cart, session, otherSessionId, orderId, moreOrders, payment } = await idValidationOfACartPaidWithAnother()
      expect(moreOrders).toEqual([])
      expect(payment).toMatchObject({ provider_id: "pp_system_default", canceled_at: null })

      // The shopper identifies on the credit's page anyway, and never comes back.
      const authorizationId = session.data.authorization_id as string
      env.control.completeIdValidation(authorizationId, "identify")
      const vendorCalls = (route: string) => env.sandbox.journal.entries().filter((e) => e.route === route && e.path.includes(authorizationId))

      await reconcileCreditPayments(container)
      expect(env.control.getAuthorization(authorizationId)).toMatchObject({ cancelled: true })
      expect((await sessionsOf(cart.paymentCollectionId)).map((s) => s.id)).toEqual([otherSessionId])
      expect(await paymentsOfOrder(container, orderId)).toEqual([payment])

      // (The followed-authorization sweep of the same run, seeing the session gone, cancels once more:
      // Avarda answers an already cancelled authorization with success.) Later runs do nothing.
      const cancels = vendorCalls("avarda.authorization.cancel").length
      expect(cancels).toBeGreaterThanOrEqual(1)
      await reconcileCreditPayments(container)
      expect(vendorCalls("avarda.authorization.cancel")).toHaveLength(cancels)
      expect(await ordersOfCart(cart.cartId)).toEqual([orderId])
    })

    it("a session whose cart was paid with another session: the shopper's return cancels its credit at once and lands on the order", async () => {
      const { container, cart, session, otherSessionId, orderId, payment } = await idValidationOfACartPaidWithAnother()

      // The shopper identifies on the credit's page anyway, and comes back.
      const { authorizationId, landing } = await identifyAndComeBack(session)
      expect(landing.searchParams.get("order_id")).toBe(orderId)
      // Cancelled before the shopper landed, not left to the job.
      expect(env.control.getAuthorization(authorizationId)).toMatchObject({ cancelled: true })
      expect((await sessionsOf(cart.paymentCollectionId)).map((s) => s.id)).toEqual([otherSessionId])
      expect(await paymentsOfOrder(container, orderId)).toEqual([payment])
      expect(await ordersOfCart(cart.cartId)).toEqual([orderId])
    })

    it("a session whose cart's order was cancelled before the shopper identified: the return cancels its credit at once, and the cancelled order takes no payment", async () => {
      const { container, cart, session, otherSessionId, orderId, payment } = await idValidationOfACartPaidWithAnother()
      await cancelOrderWorkflow(container).run({ input: { order_id: orderId } }) // what the admin's Cancel order runs
      const { data: [order] } = await container.resolve("query").graph({ entity: "order", fields: ["status"], filters: { id: orderId } })
      expect(order.status).toBe("canceled")
      const [canceledPayment] = await paymentsOfOrder(container, orderId)
      expect(canceledPayment).toMatchObject({ id: payment.id, canceled_at: expect.anything() })

      // The shopper, on a tab left open, identifies on the credit's page and comes back.
      const { authorizationId, landing } = await identifyAndComeBack(session)
      expect(landing.searchParams.get("order_id")).toBe(orderId)
      expect(env.control.getAuthorization(authorizationId)).toMatchObject({ cancelled: true })
      expect((await sessionsOf(cart.paymentCollectionId)).map((s) => s.id)).toEqual([otherSessionId])
      expect((await paymentsOfOrder(container, orderId)).map((p) => p.id)).toEqual([payment.id])
    })

    describe("an order whose completion stopped before authorizing the payment", () => {
      /**
       * A cart whose shopper identified at Avarda (the authorization is approved) and whose
       * completion stops where Medusa authorizes the session, as if its process died there: the
       * order exists and the cart is completed, and no payment records the credit. `resumeStopped`
       * lets that completion go on.
       */
      async function approvedCartWithAStoppedCompletion() {
        const container = getContainer()
        const { cart, session, redirectUrl } = await startIdValidation()
        env.control.completeIdValidation(session.data.authorization_id, "identify")
        const stopped = await completionStoppedAtAuthorization(container, cart.cartId)
        const orderId = stopped.orderId
        const orderPayments = () => paymentsOfOrder(container, orderId)
        expect(await orderPayments()).toEqual([])
        await stopped.releaseCartLock()
        return {
          session,
          redirectUrl,
          orderId,
          orderPayments,
          /** The one payment the order holds is the credit's; the stopped completion, resumed, adds none and cancels nothing. */
          async expectOneCreditPayment() {
            const [payment, ...more] = await orderPayments()
            expect(more).toEqual([])
            expect(payment).toMatchObject({ provider_id: AVARDA_PROVIDERS.invoice, canceled_at: null })
            await stopped.resume()
            expect((await orderPayments()).map((p) => p.id)).toEqual([payment.id])
            expect(env.control.getAuthorization(session.data.authorization_id)).toMatchObject({ cancelled: false })
          },
        }
      }

      it("gets that payment at the shopper's return, once", async () => {
        const stopped = await approvedCartWithAStoppedCompletion()
        const landing = await followToStorefront(
          returnUrl(`state=${stateOf(stopped.session.id)}&authorizationId=${stopped.session.data.authorization_id}&orderId=${stopped.session.id}`)
        )
        expect(`${landing.origin}${landing.pathname}`).toBe(AVARDA_SUCCESS_URL)
        expect(landing.searchParams.get("order_id")).toBe(stopped.orderId)
        await stopped.expectOneCreditPayment()
      })

      it("gets that payment from the reconciliation job, once (the shopper never returns)", async () => {
        const stopped = await approvedCartWithAStoppedCompletion()
        // What the job's loop asks the database for: sessions Medusa has not authorized yet.
        const waitingSessions = async () => {
          const ids: string[] = []
          const filters = { provider_id: [AVARDA_PROVIDERS.invoice], status: ["requires_more", "authorized"], withoutPayment: true }
          await forEachPageOfPaymentSessions(getContainer(), filters, async (sessions) => void ids.push(...sessions.map((s) => s.id)))
          return ids
        }
        expect(await waitingSessions()).toContain(stopped.session.id)
        await reconcileCreditPayments(getContainer())
        await stopped.expectOneCreditPayment()
        // Its order holds its payment: the job's query no longer hands it over.
        expect(await waitingSessions()).not.toContain(stopped.session.id)
        // Done: the next run leaves the session alone.
        const reads = () => env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.status" && e.path.includes(stopped.session.data.authorization_id)).length
        const before = reads()
        await reconcileCreditPayments(getContainer())
        expect(reads()).toBe(before)
      })
    })

    it("a cart changed after authorization never completes with the old authorization", async () => {
      // Approved at once (201): changing the cart deletes the session and cancels the authorization at Avarda.
      const cart = await swedishCart()
      const started = await startAvardaSession(api, cart, { personal_id_number: SE.approved })
      expect(started.status).toBe(200)
      const changed = await api.post(`/store/carts/${cart.cartId}/line-items`, { variant_id: shop.store.product.variantId, quantity: 1 }, { headers: cart.headers })
      expect(changed.data.cart.total).toBe(3 * 499 + 49)
      expect(await sessionsOf(cart.paymentCollectionId)).toEqual([])
      expect(env.control.getAuthorization(started.data.payment_session.data.authorization_id)).toMatchObject({ cancelled: true })
      expect((await completeCart(api, cart)).status).toBeGreaterThanOrEqual(400)
      expect(await ordersOfCart(cart.cartId)).toEqual([])

      // During ID validation: the shopper changes the cart in another tab, then identifies.
      const pending = await startIdValidation()
      await api.post(`/store/carts/${pending.cart.cartId}/line-items`, { variant_id: shop.store.product.variantId, quantity: 1 }, { headers: pending.cart.headers })
      const landing = await followToStorefront(await actOnIdValidationPage(pending.redirectUrl, "identify"))
      // The session is gone with the change; the storefront still knows its cart and offers the methods again.
      expect(landing.searchParams.get("reason")).toBe("unknown_session")
      // The credit Avarda reserved when the shopper identified is released at the return.
      expect(env.control.getAuthorization(pending.session.data.authorization_id)).toMatchObject({ cancelled: true })
      await reconcileCreditPayments(getContainer())
      expect(await ordersOfCart(pending.cart.cartId)).toEqual([])
    })

    it("a cart changed during ID validation: the job releases what the return could not, and what no return came back for", async () => {
      const cancels = (authorizationId: string) =>
        env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.cancel" && e.path.includes(authorizationId))
      const changeCart = (cart: { cartId: string; headers: Record<string, string> }) =>
        api.post(`/store/carts/${cart.cartId}/line-items`, { variant_id: shop.store.product.variantId, quantity: 1 }, { headers: cart.headers })

      // The shopper identifies and comes back, but Avarda fails the release at the return.
      const refused = await startIdValidation()
      await changeCart(refused.cart)
      env.sandbox.faults.add({ route: "avarda.authorization.cancel", kind: "status", status: 500, times: 1 })
      const landing = await followToStorefront(await actOnIdValidationPage(refused.redirectUrl, "identify"))
      expect(landing.searchParams.get("reason")).toBe("unknown_session")
      expect(env.control.getAuthorization(refused.session.data.authorization_id)).toMatchObject({ cancelled: false })

      // The shopper identifies in another tab and never comes back.
      const abandoned = await startIdValidation()
      await changeCart(abandoned.cart)
      env.control.completeIdValidation(abandoned.session.data.authorization_id, "identify")

      // Still at ID validation: nothing to release yet, and the job waits for it.
      const waiting = await startIdValidation()
      await changeCart(waiting.cart)

      await reconcileCreditPayments(getContainer())
      for (const released of [refused, abandoned]) {
        expect(env.control.getAuthorization(released.session.data.authorization_id)).toMatchObject({ cancelled: true })
        expect(await ordersOfCart(released.cart.cartId)).toEqual([])
      }
      expect(env.control.getAuthorization(waiting.session.data.authorization_id)).toMatchObject({ cancelled: false })

      // Later runs act on none of them again, and one identified later is released too.
      env.control.completeIdValidation(waiting.session.data.authorization_id, "identify")
      await reconcileCreditPayments(getContainer())
      await reconcileCreditPayments(getContainer())
      expect(env.control.getAuthorization(waiting.session.data.authorization_id)).toMatchObject({ cancelled: true })
      // (Medusa's session delete asked too, before the shopper identified: Avarda refused that one.)
      for (const { session } of [refused, abandoned, waiting]) expect(cancels(session.data.authorization_id).filter((e) => e.status === 200)).toHaveLength(1)
    })
  },
})
