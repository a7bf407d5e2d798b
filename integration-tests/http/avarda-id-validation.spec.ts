// Avarda's ID-validation flow (HTTP 202) through Medusa's real store API, the sandbox's BankID page
// and the plugin's public return route: identification completes the order; a cancelled or failed
// identification, a forged or early return, and a cart changed meanwhile give no order. Shoppers who
// never return are handled by the reconciliation job.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileCreditPayments from "../../src/jobs/reconcile-credit-payments"
import { completeCart, prepareCart, SWEDISH_ADDRESS } from "../support/checkout"
import { orderIdsOfCart } from "../support/queries"
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
import { useSandboxEnv } from "../support/sandbox-env"

jest.setTimeout(240_000)

const SE = AVARDA_TEST_IDENTITIES.SE

const env = useSandboxEnv(() => startAvardaTestEnv())

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
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
      expect(callback).toBe(`${env.backendUrl}/avarda/id-validation/return?authorizationId=${session.data.authorization_id}&orderId=${session.id}`)
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
      const returnUrl = (params: string) => `${env.backendUrl}/avarda/id-validation/return?${params}`

      const early = await followToStorefront(returnUrl(`authorizationId=${session.data.authorization_id}&orderId=${session.id}`))
      expect(Object.fromEntries(early.searchParams)).toMatchObject({ cart_id: cart.cartId, reason: "pending" })

      const forged = await followToStorefront(returnUrl(`authorizationId=00000000-0000-0000-0000-000000000000&orderId=${session.id}`))
      expect(forged.searchParams.get("reason")).toBe("unknown_session")
      const unknown = await followToStorefront(returnUrl("authorizationId=x&orderId=payses_unknown"))
      expect(unknown.searchParams.get("reason")).toBe("unknown_session")
      const empty = await followToStorefront(returnUrl(""))
      expect(empty.searchParams.get("reason")).toBe("unknown_session")

      expect(await ordersOfCart(cart.cartId)).toEqual([])
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
      const late = await followToStorefront(`${env.backendUrl}/avarda/id-validation/return?authorizationId=${approved.session.data.authorization_id}&orderId=${approved.session.id}`)
      expect(late.searchParams.get("order_id")).toBe((await ordersOfCart(approved.cart.cartId))[0])
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
      await reconcileCreditPayments(getContainer())
      expect(await ordersOfCart(pending.cart.cartId)).toEqual([])
    })
  },
})
