// Faults injected by the sandbox (expired token, malformed JSON, 500, timeouts after Avarda did the
// work) through Medusa's real store and admin API: no duplicate authorization, capture or refund,
// and no lost order — retries reuse the same transaction id and the job finishes what a fault stopped.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileCreditPayments from "../../src/jobs/reconcile-credit-payments"
import { completeCart, prepareCart, SWEDISH_ADDRESS } from "../support/checkout"
import { orderIdsOfCart } from "../support/queries"
import { useShop } from "../support/shop"
import {
  actOnIdValidationPage,
  AVARDA_SWEDEN,
  AVARDA_TEST_IDENTITIES,
  followToStorefront,
  paymentView,
  placeAvardaOrder,
  shipItems,
  startAvardaSession,
  startAvardaTestEnv,
  waitFor,
} from "../support/avarda"
import { useSandboxEnv } from "../support/sandbox-env"
import { itRunsNoScheduledJob, WITHOUT_SCHEDULED_JOBS } from "../support/no-scheduled-jobs"

jest.setTimeout(240_000)

const SE = AVARDA_TEST_IDENTITIES.SE

const env = useSandboxEnv(() => startAvardaTestEnv(WITHOUT_SCHEDULED_JOBS))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    itRunsNoScheduledJob()
    beforeEach(() => env.sandbox.reset())
    const shop = useShop(getContainer, [AVARDA_SWEDEN], { perTest: true })

    const swedishCart = (quantity = 1) =>
      prepareCart(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity, address: SWEDISH_ADDRESS })
    const journal = (route: string) => env.sandbox.journal.entries().filter((e) => e.route === route)

    const ordersOfCart = (cartId: string) => orderIdsOfCart(getContainer(), cartId)

    it("an expired token is renewed once and the call repeated: one authorization, no error", async () => {
      const cart = await swedishCart()
      await startAvardaSession(api, cart, { personal_id_number: SE.approved }) // caches a token
      const beforeExpiry = new Set(env.sandbox.journal.entries())
      env.control.expireAccessTokens()
      const again = await startAvardaSession(api, cart, { personal_id_number: SE.approved })
      expect(again.status).toBe(200)
      expect(journal("avarda.authorization.create.invoice").filter((e) => e.status === 201)).toHaveLength(2)
      // The first call to meet the expired token is this request's, or one of the minutely
      // reconciliation job's (it asks Avarda too, and may still be running): every call refused is
      // repeated with a new token, and the token is renewed once.
      const after = env.sandbox.journal.entries().filter((e) => !beforeExpiry.has(e))
      const refused = after.filter((e) => e.status === 401)
      expect(refused.length).toBeGreaterThanOrEqual(1)
      for (const call of refused) {
        const repeated = after.slice(after.indexOf(call) + 1).find((e) => e.route === call.route)
        expect(repeated?.status).toBeLessThan(300)
      }
      expect(after.filter((e) => e.route === "avarda.auth.token" && e.status === 200)).toHaveLength(1)

      env.sandbox.faults.add({ route: "avarda.authorization.status", kind: "expired-token", times: 1 })
      expect((await completeCart(api, cart)).data.type).toBe("order")
    })

    it("malformed JSON while confirming the authorization: no order yet, the next attempt places exactly one", async () => {
      const cart = await swedishCart()
      await startAvardaSession(api, cart, { personal_id_number: SE.approved })
      env.sandbox.faults.add({ route: "avarda.authorization.status", kind: "malformed", times: 1 })
      const first = await completeCart(api, cart)
      expect(first.data.type).not.toBe("order")
      expect(await ordersOfCart(cart.cartId)).toEqual([])
      const second = await completeCart(api, cart)
      expect(second.data.type).toBe("order")
      expect(await ordersOfCart(cart.cartId)).toEqual([second.data.order.id])
    })

    it("Avarda failing while the shopper returns from ID validation: no lost order — the job completes it", async () => {
      const cart = await swedishCart()
      const started = await startAvardaSession(api, cart, { personal_id_number: SE.idValidationRequired })
      const callback = await actOnIdValidationPage(started.data.next_action.url, "identify")
      env.sandbox.faults.add({ route: "avarda.authorization.status", kind: "status", status: 500, times: 1 })
      const landing = await followToStorefront(callback)
      expect(Object.fromEntries(landing.searchParams)).toMatchObject({ cart_id: cart.cartId, reason: "pending" })
      expect(await ordersOfCart(cart.cartId)).toEqual([])

      await reconcileCreditPayments(getContainer())
      const [orderId] = await ordersOfCart(cart.cartId)
      expect(orderId).toBeTruthy()
      expect((await followToStorefront(callback)).searchParams.get("order_id")).toBe(orderId)
    })

    it("a capture whose answer is lost after Avarda captured: retried with the same tranId, captured once", async () => {
      const placed = await placeAvardaOrder(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity: 1, adminHeaders: shop.admin.headers })
      env.sandbox.faults.add({ route: "avarda.authorization.order", kind: "after-processing", then: "hang", times: 1 })
      const fulfillmentId = await shipItems(api, shop.admin.headers, placed.orderId, [{ id: placed.items[0]!.id, quantity: 1 }])
      const unknown = await waitFor(async () => {
        const view = await paymentView(api, shop.admin.headers, placed.paymentId)
        return view.data.pending_captures?.[0]?.outcome_unknown && view
      }, 60_000, "the unknown capture outcome")
      expect(unknown.captures).toEqual([])
      expect(unknown.data.pending_captures[0]).toMatchObject({ tran_id: fulfillmentId, last_error: expect.stringMatching(/may have processed it/) })
      expect(env.control.getAuthorization(unknown.data.authorization_id)).toMatchObject({ captured: 548 })

      await reconcileCreditPayments(getContainer())
      const done = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(done.captures).toEqual([548])
      expect(done.data.captures.map((c: any) => c.tran_id)).toEqual([fulfillmentId])
      const orders = journal("avarda.authorization.order")
      expect(orders.map((e) => (e.body as any).tranId)).toEqual([fulfillmentId, fulfillmentId])
      expect(env.control.getAuthorization(done.data.authorization_id)).toMatchObject({ captured: 548 })
    })

    it("a capture refused with a 500: nothing recorded, the job captures it once later", async () => {
      const placed = await placeAvardaOrder(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity: 2, adminHeaders: shop.admin.headers })
      env.sandbox.faults.add({ route: "avarda.authorization.order", kind: "status", status: 500, times: 1 })
      await shipItems(api, shop.admin.headers, placed.orderId, [{ id: placed.items[0]!.id, quantity: 2 }])
      await waitFor(async () => (await paymentView(api, shop.admin.headers, placed.paymentId)).data.pending_captures?.[0]?.attempts === 1, 60_000, "a failed capture")
      expect((await paymentView(api, shop.admin.headers, placed.paymentId)).captures).toEqual([])
      await reconcileCreditPayments(getContainer())
      const done = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(done.captures).toEqual([1047])
      expect(env.control.getAuthorization(done.data.authorization_id)).toMatchObject({ captured: 1047 })
    })

    it("a refund whose answer is lost after Avarda returned it stands as unconfirmed; the job re-sends its tranId — refunded once, another amount is another refund", async () => {
      const placed = await placeAvardaOrder(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity: 2, adminHeaders: shop.admin.headers })
      await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 1047 }, { headers: shop.admin.headers })
      env.sandbox.faults.add({ route: "avarda.authorization.return", kind: "after-processing", then: "reset", times: 1 })
      const lost = await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount: 200 }, { headers: shop.admin.headers })
      expect(lost.status).toBe(200)
      const unconfirmed = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(unconfirmed.refunds).toEqual([200])
      expect(unconfirmed.data.returns).toEqual([expect.objectContaining({ amount_minor: 20000, unconfirmed: expect.objectContaining({ attempts: 1 }) })])

      // The admin refunds another amount: a refund of its own (its own tranId), not a retry of the first.
      expect((await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount: 150 }, { headers: shop.admin.headers })).status).toBe(200)
      await reconcileCreditPayments(getContainer())
      const view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(view.refunds).toEqual([200, 150])
      expect(view.data.returns.map((r: any) => [r.amount_minor, r.unconfirmed ?? null])).toEqual([
        [20000, null],
        [15000, null],
      ])
      const returns = journal("avarda.authorization.return")
      // The lost one and the job's re-send of it (same tranId, applied once), and the other refund; the
      // scheduled job may re-send the lost one before or after the admin's second refund.
      const sent = returns.map((e) => (e.body as any).tranId as string)
      expect([...sent].sort()).toEqual([view.data.returns[0].tran_id, view.data.returns[0].tran_id, view.data.returns[1].tran_id].sort())
      expect(sent[0]).toBe(view.data.returns[0].tran_id)
      expect(env.control.getAuthorization(view.data.authorization_id)).toMatchObject({ returned: 350 })
    })
  },
})
