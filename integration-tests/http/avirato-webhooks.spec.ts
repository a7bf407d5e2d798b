// Avirato webhooks through Medusa's real webhook route (/hooks/payment/avirato-card_avirato):
// webhook-only completion, the webhook/return race, forged and stale ones refused at receipt, replayed, duplicated and
// reordered deliveries, secret rotation, payments on discarded sessions, on carts completed with
// another payment or on a cancelled order's payment collection, and the reconciliation job.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { SignJWT } from "jose"
import { checkout, createPaymentSession, prepareCart, SPANISH_ADDRESS, type PreparedCart } from "../support/checkout"
import { SPAIN } from "../support/store-fixtures"
import { completeCartWithAnotherSession } from "../support/cart-paid-with-another-session"
import { useShop } from "../support/shop"
import {
  AVIRATO_PROVIDER_ID,
  AVIRATO_TEST_SECRET,
  AVIRATO_WEBHOOK_PATH,
  followReturn,
  payOnHostedPage,
  settleAviratoWebhooks,
  sleep,
  startAviratoTestEnv,
  waitFor,
  type TestPaymentData,
  type TestPaymentSession,
} from "../support/avirato"
import { computeWebhookSignature, WEBHOOK_RECEIPT_HEADER } from "../../src/lib/avirato"
import { reconcilePendingAviratoSessions } from "../../src/operations/avirato/reconcile-pending-sessions"
import { authorizeSessionWithoutCart } from "../../src/operations/shared/authorize-session-without-cart"
import aviratoWebhookOutcomes from "../../src/subscribers/avirato-webhook-outcomes"
import { useSandboxEnv } from "../support/sandbox-env"
import { itRunsNoScheduledJob, WITHOUT_SCHEDULED_JOBS } from "../support/no-scheduled-jobs"

jest.setTimeout(180_000)

// Rotation in progress: a new secret is configured first; the sandbox still signs with the old one.
const NEW_SECRET = "brand_new_client_secret_2026"

const env = useSandboxEnv(() => startAviratoTestEnv({ AVIRATO_CAPTURE_MODE: "auto", AVIRATO_CLIENT_SECRETS: `${NEW_SECRET},${AVIRATO_TEST_SECRET}`, ...WITHOUT_SCHEDULED_JOBS }))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    // Medusa's system provider too, for a cart completed with another payment than a paid Avirato session.
    const shop = useShop(getContainer, [{ ...SPAIN, paymentProviders: [AVIRATO_PROVIDER_ID, "pp_system_default"] }])

    itRunsNoScheduledJob()
    beforeEach(async () => {
      env.sandbox.reset()
    })
    afterEach(() => settleAviratoWebhooks(env.sandbox))

    async function spanishCart(): Promise<PreparedCart> {
      return prepareCart(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Spain.id,
        variantId: shop.store.product.variantId,
        address: SPANISH_ADDRESS,
      })
    }

    type AdminAlert = { data: { title: string; description: string } }

    /** The admin feed's alerts that name this Avirato payment. */
    async function alertsAbout(paymentReference: string): Promise<AdminAlert[]> {
      const { data } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
      return (data.notifications as AdminAlert[]).filter((n) => n.data.description.includes(paymentReference))
    }

    /** The admin got one alert, the automatic refund of this payment, saying why; answers its description. */
    async function expectOneRefundAlert(paymentReference: string, why: string): Promise<string> {
      const alerts = await alertsAbout(paymentReference)
      expect(alerts.map((a) => a.data.title)).toEqual(["Avirato payment refunded automatically"])
      expect(alerts[0].data.description).toContain(why)
      return alerts[0].data.description
    }

    async function aviratoSession(cart: PreparedCart) {
      const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
      expect(response.status).toBe(200)
      return response.data.payment_collection.payment_sessions[0] as TestPaymentSession
    }

    async function ordersOfCart(cartId: string): Promise<string[]> {
      const { data } = await getContainer().resolve("query").graph({ entity: "cart", fields: ["order.id"], filters: { id: cartId } })
      return data.map((c: { order?: { id: string } | null }) => c.order?.id).filter(Boolean) as string[]
    }

    async function paymentsOfOrder(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=*payment_collections.payments,*payment_collections.payments.captures`,
        { headers: shop.admin.headers }
      )
      return data.order.payment_collections.flatMap((c: { payments: unknown[] }) => c.payments) as Array<{
        id: string
        captures: Array<{ amount: number }>
        data: TestPaymentData
      }>
    }

    /** An AUTHORISATION body as Avirato sends it, for a paid sandbox session. */
    function authorisationBody(session: TestPaymentSession) {
      const vendor = env.sandbox.avirato.session(session.data.avirato_session_id)!
      return JSON.stringify({
        eventId: `evt_test_${Date.now()}`,
        event_code: "AUTHORISATION",
        success: true,
        createdAt: "2026-01-01 10:00:00",
        webcode: "SHOP01",
        data: {
          sessionId: vendor.sessionId,
          paymentReference: vendor.paymentReference,
          customReference: session.id,
          amount: vendor.amount,
          paymentStatus: "AUTHORISED",
          isPreAuth: false,
        },
      })
    }

    function postWebhook(body: string, headers: Record<string, string>) {
      return fetch(`${env.backendUrl}${AVIRATO_WEBHOOK_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      })
    }

    function signedHeaders(secret: string, body: string, t = Math.floor(Date.now() / 1000)) {
      return { "x-avirato-timestamp": String(t), "x-avirato-signature": `t=${t},v1=${computeWebhookSignature(secret, t, body)}` }
    }

    it("the webhook alone completes the order when the shopper closed the browser", async () => {
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      await payOnHostedPage(session.data.payment_url) // the redirect is never followed
      // The order row appears a moment before its payment is linked: wait for the completed checkout.
      const payments = await waitFor(async () => {
        const [orderId] = await ordersOfCart(cart.cartId)
        const linked = orderId ? await paymentsOfOrder(orderId) : []
        return linked.length && linked[0].captures.length ? linked : undefined
      })
      expect(await ordersOfCart(cart.cartId)).toHaveLength(1)
      expect(payments).toHaveLength(1)
      expect(payments[0].captures.map((c) => c.amount)).toEqual([50.45])
      // The provider confirmed the webhook with GET payment/session, once: Medusa's authorisation
      // step that followed reused that answer.
      expect(env.sandbox.journal.entries({ route: "avirato.test.session.get" })).toHaveLength(1)
    })

    it("webhook (delivered twice) and two returns at once: exactly one order, one payment, one capture", async () => {
      env.sandbox.avirato.holdWebhooks()
      env.sandbox.avirato.duplicateNextWebhook()
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      const location = await payOnHostedPage(session.data.payment_url)
      expect(env.sandbox.avirato.heldWebhooks()).toBe(2)

      const [, first, second] = await Promise.all([
        env.sandbox.avirato.releaseWebhooks("original"),
        followReturn(location),
        followReturn(location),
      ])
      await env.sandbox.avirato.webhooksIdle()
      const orderId = await waitFor(async () => (await ordersOfCart(cart.cartId))[0])
      await sleep(1500) // let every delivery finish processing
      expect(await ordersOfCart(cart.cartId)).toEqual([orderId])
      for (const landing of [first, second]) {
        expect(landing.url.searchParams.get("order_id")).toBe(orderId)
      }
      const payments = await paymentsOfOrder(orderId)
      expect(payments).toHaveLength(1)
      expect(payments[0].captures).toHaveLength(1)
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.capture" })).toHaveLength(0)
      // The authorisation asked Avirato itself (the webhook's body decides nothing), once.
      expect(env.sandbox.journal.entries({ route: "avirato.test.session.get" })).toHaveLength(1)
    })

    async function expectRejected(response: Response, code: string) {
      expect(response.status).toBe(401)
      const body = (await response.json()) as { type: string; code: string; message: string }
      expect(body).toMatchObject({ type: "unauthorized", code })
      expect(body.message).toMatch(/^Avirato webhook rejected: /)
      expect(JSON.stringify(body)).not.toContain(AVIRATO_TEST_SECRET)
    }

    it("forged and stale webhooks are refused with 401 at receipt and change nothing; a genuine one completes; its replay changes nothing", async () => {
      env.sandbox.avirato.disableWebhooks()
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      await payOnHostedPage(session.data.payment_url)
      const body = authorisationBody(session)

      await expectRejected(await postWebhook(body, signedHeaders("an-attacker-guess-secret", body)), "signature_mismatch")
      await expectRejected(await postWebhook(body, signedHeaders(AVIRATO_TEST_SECRET, body, Math.floor(Date.now() / 1000) - 301)), "stale_timestamp")
      await expectRejected(await postWebhook(body, { "x-avirato-signature": "t=1,v1=zz" }), "malformed_signature")
      await expectRejected(await postWebhook(body, {}), "missing_signature")
      const tampered = body.replace('"success":true', '"success":true ')
      await expectRejected(await postWebhook(tampered, signedHeaders(AVIRATO_TEST_SECRET, body)), "signature_mismatch")
      // A stale webhook bringing its own receipt header is judged by its arrival all the same.
      const staleWithReceipt = { ...signedHeaders(AVIRATO_TEST_SECRET, body, Math.floor(Date.now() / 1000) - 3600), [WEBHOOK_RECEIPT_HEADER]: `t=${Math.floor(Date.now() / 1000) - 3600},v1=${"0".repeat(64)}` }
      await expectRejected(await postWebhook(body, staleWithReceipt), "stale_timestamp")
      await sleep(2000)
      expect(await ordersOfCart(cart.cartId)).toEqual([])
      // Rejected before any lookup at Avirato.
      const lookups = env.sandbox.journal.entries({ route: "avirato.test.session.get" })
      expect(lookups.filter((e) => e.path.endsWith(session.data.avirato_session_id))).toHaveLength(0)

      const genuine = signedHeaders(AVIRATO_TEST_SECRET, body)
      expect((await postWebhook(body, genuine)).status).toBe(200)
      const orderId = await waitFor(async () => (await ordersOfCart(cart.cartId))[0])
      await postWebhook(body, genuine) // exact replay within the window
      await postWebhook(body, genuine)
      await sleep(2000)
      expect(await ordersOfCart(cart.cartId)).toEqual([orderId])
      const payments = await paymentsOfOrder(orderId)
      expect(payments).toHaveLength(1)
      expect(payments[0].captures).toHaveLength(1)
    })

    it("secret rotation: webhooks and return tokens signed with the new or the previous secret are accepted", async () => {
      env.sandbox.avirato.disableWebhooks()
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      const location = new URL(await payOnHostedPage(session.data.payment_url)) // signed with the previous secret
      const claims = JSON.parse(Buffer.from(location.searchParams.get("data")!.split(".")[1], "base64url").toString())
      const withNewSecret = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(NEW_SECRET))
      location.searchParams.set("data", withNewSecret)
      const landing = await followReturn(location.toString())
      const orderId = landing.url.searchParams.get("order_id")
      expect(orderId).toBeTruthy()

      // A webhook signed with the new secret is authenticated (and, the order existing, changes nothing).
      const cart2 = await spanishCart()
      const session2 = await aviratoSession(cart2)
      await payOnHostedPage(session2.data.payment_url)
      const body = authorisationBody(session2)
      expect((await postWebhook(body, signedHeaders(NEW_SECRET, body))).status).toBe(200)
      await waitFor(async () => (await ordersOfCart(cart2.cartId))[0])
    })

    it("duplicated and reordered modification webhooks book each outcome once", async () => {
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      const landing = await followReturn(await payOnHostedPage(session.data.payment_url))
      await env.sandbox.avirato.webhooksIdle()
      const [payment] = await paymentsOfOrder(landing.url.searchParams.get("order_id")!)

      env.sandbox.avirato.holdWebhooks()
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 5 }, { headers: shop.admin.headers })
      env.sandbox.avirato.duplicateNextWebhook()
      env.sandbox.avirato.failNextModification("refund", "Refund rejected by the acquirer")
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 7 }, { headers: shop.admin.headers })
      expect(env.sandbox.avirato.heldWebhooks()).toBe(3)
      await env.sandbox.avirato.releaseWebhooks("reverse") // failure (twice) before the first success

      const readRefunds = async () => {
        const { data } = await api.get(`/admin/payments/${payment.id}?fields=id,data`, { headers: shop.admin.headers })
        return data.payment.data.refunds as Array<{ amount: number; status: string; failure_reason?: string }>
      }
      const refunds = await waitFor(async () => {
        const current = await readRefunds()
        return current.every((r) => r.status !== "requested") ? current : undefined
      })
      expect(refunds.map((r) => [r.amount, r.status])).toEqual([
        [500, "succeeded"],
        [700, "failed"],
      ])
      expect(refunds[1].failure_reason).toBe("Refund rejected by the acquirer")

      // The failure reached the admin feed exactly once despite the duplicate delivery (the alert
      // follows the booking, so it may trail the refund's status by a moment).
      const refundAlerts = async () => {
        const { data } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
        return (data.notifications as Array<{ data: { title: string; description: string } }>).filter((n) => n.data.title.startsWith("Avirato refund failed"))
      }
      await waitFor(async () => (await refundAlerts()).length > 0)
      await env.sandbox.avirato.webhooksIdle()
      const alerts = await refundAlerts()
      expect(alerts).toHaveLength(1)
      expect(alerts[0].data.description).toContain("7.00 EUR")
      expect(alerts[0].data.description).toContain("Refund rejected by the acquirer")

      // The order's payment panel keeps it in the payment's history, with what to do.
      const { data: panel } = await api.get(`/admin/avarda-avirato/orders/${landing.url.searchParams.get("order_id")}/payments`, { headers: shop.admin.headers })
      expect(panel.payments[0].history.filter((entry: { kind: string }) => entry.kind === "failed_at_vendor")).toEqual([
        expect.objectContaining({ amount: 7, note: expect.stringMatching(/^Refund failed at Avirato \(Refund rejected by the acquirer\)\. .*refund them another way\.$/) }),
      ])
    })

    it("a refund made in Avirato's dashboard, which Medusa never asked for: the admin is told once, also when its webhook comes twice; a refund Medusa asked for raises no such alert", async () => {
      const session = await aviratoSession(await spanishCart())
      const landing = await followReturn(await payOnHostedPage(session.data.payment_url))
      await env.sandbox.avirato.webhooksIdle()
      const [payment] = await paymentsOfOrder(landing.url.searchParams.get("order_id")!)
      const paymentReference = payment.data.payment_reference as string
      expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 5 }, { headers: shop.admin.headers })).status).toBe(200)
      env.sandbox.avirato.duplicateNextWebhook()
      expect(env.sandbox.avirato.refundInDashboard(paymentReference, 300).success).toBe(true)

      const unknownRefundAlerts = async () => (await alertsAbout(paymentReference)).filter((alert) => alert.data.title.startsWith("Avirato refund Medusa has no record of"))
      await waitFor(async () => (await unknownRefundAlerts()).length > 0)
      await env.sandbox.avirato.webhooksIdle()
      const alerts = await unknownRefundAlerts()
      expect(alerts).toHaveLength(1)
      expect(alerts[0]!.data.title).toMatch(/, order #\d+ \(order_/)
      expect(alerts[0]!.data.description).toContain("REFUND for 3.00 EUR")
      expect(alerts[0]!.data.description).toContain("do not refund it again from Medusa")
      // The refund Medusa asked for is booked as usual, and Medusa records only it.
      const { data } = await api.get(`/admin/payments/${payment.id}?fields=id,data,*refunds`, { headers: shop.admin.headers })
      expect((data.payment.data.refunds as Array<{ amount: number; status: string }>).map((r) => [r.amount, r.status])).toEqual([[500, "succeeded"]])
      expect((data.payment.refunds as Array<{ amount: number }>).map((r) => Number(r.amount))).toEqual([5])
    })

    it("a payment made on a session Medusa discarded (cart changed) is refunded and shown to the admin", async () => {
      const cart = await spanishCart()
      const stale = await aviratoSession(cart)
      const current = await aviratoSession(cart) // the storefront re-initiated: Medusa deletes the first session
      const { data: lookup } = await getContainer().resolve("query").graph({ entity: "payment_session", fields: ["id"], filters: { id: stale.id } })
      expect(lookup).toEqual([])

      // The shopper still pays the old page, and comes back to it.
      const location = await payOnHostedPage(stale.data.payment_url)
      const paymentReference = env.sandbox.avirato.session(stale.data.avirato_session_id)!.paymentReference as string
      const landing = await followReturn(location)
      expect(landing.url.searchParams.get("reason")).toBe("session_replaced")

      await waitFor(async () => env.sandbox.avirato.payment(paymentReference)?.refundedAmount === 5045)
      await env.sandbox.avirato.webhooksIdle()
      const refunds = env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })
      // Webhook handler and return route both settled it, with one Idempotency-Key derived from the Avirato session: one refund.
      expect(new Set(refunds.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([`discarded:${stale.data.avirato_session_id}`]))
      expect(env.sandbox.avirato.payment(paymentReference)?.refundedAmount).toBe(5045)
      expect(await ordersOfCart(cart.cartId)).toEqual([])

      const alerts = await alertsAbout(paymentReference)
      expect(alerts).toHaveLength(1)
      expect(alerts[0].data.title).toBe("Avirato payment refunded automatically")

      // The current session still checks out normally.
      const ok = await followReturn(await payOnHostedPage(current.data.payment_url))
      expect(ok.url.searchParams.get("order_id")).toBeTruthy()
    })

    it("the plugin's share of an authorisation webhook places the order Medusa's own handling did not, and then does nothing more", async () => {
      env.sandbox.avirato.disableWebhooks()
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      await payOnHostedPage(session.data.payment_url)
      const body = authorisationBody(session)
      // The plugin's subscriber alone, as if Medusa's webhook subscriber had given up (a busy cart).
      const deliver = () =>
        aviratoWebhookOutcomes({
          event: {
            name: "payment.webhook_received",
            data: { provider: AVIRATO_PROVIDER_ID.replace(/^pp_/, ""), payload: { data: JSON.parse(body), rawData: Buffer.from(body), headers: signedHeaders(AVIRATO_TEST_SECRET, body) } },
          },
          container: getContainer(),
        } as never)

      await deliver()
      expect(await ordersOfCart(cart.cartId)).toHaveLength(1)
      const vendorReads = env.sandbox.journal.entries({ route: "avirato.test.session.get" }).length
      expect(vendorReads).toBeGreaterThan(0) // the completion asked Avirato (the webhook body decides nothing)

      // Delivered again once the cart is an order: no completion (Medusa's would take the cart's
      // lock), no call to Avirato, still one order.
      const locking = getContainer().resolve(Modules.LOCKING)
      const acquire = jest.spyOn(locking, "acquire")
      try {
        await deliver()
        expect(acquire.mock.calls.filter(([keys]) => [keys].flat().includes(cart.cartId))).toEqual([])
      } finally {
        acquire.mockRestore()
      }
      expect(await ordersOfCart(cart.cartId)).toHaveLength(1)
      expect(env.sandbox.journal.entries({ route: "avirato.test.session.get" })).toHaveLength(vendorReads)
    })

    it("the reconciliation job completes a paid session whose webhook and return were both missed", async () => {
      env.sandbox.avirato.disableWebhooks()
      const paidCart = await spanishCart()
      const paid = await aviratoSession(paidCart)
      await payOnHostedPage(paid.data.payment_url)
      const unpaidCart = await spanishCart()
      const unpaid = await aviratoSession(unpaidCart)

      const tooYoung = await reconcilePendingAviratoSessions(getContainer())
      expect(tooYoung.checked).toBe(0)

      const report = await reconcilePendingAviratoSessions(getContainer(), { minAgeMs: 0 })
      expect(report).toEqual({ checked: 2, completed: [{ sessionId: paid.id, orderId: expect.stringMatching(/^order_/) }], released: [], pending: [unpaid.id], failed: [] })
      expect(await ordersOfCart(paidCart.cartId)).toHaveLength(1)
      expect(await ordersOfCart(unpaidCart.cartId)).toEqual([])
      expect(unpaid.id).toBeTruthy()

      const again = await reconcilePendingAviratoSessions(getContainer(), { minAgeMs: 0 })
      expect(again.completed).toEqual([])
    })

    /**
     * A paid Avirato session whose cart was completed with another session: Medusa kept a second
     * session in the same collection, and the cart was completed with that one.
     */
    async function paidSessionOfACartPaidWithAnother() {
      const container = getContainer()
      const cart = await spanishCart()
      const paid = await aviratoSession(cart)
      const returnLocation = await payOnHostedPage(paid.data.payment_url)
      const otherSessionId = await completeCartWithAnotherSession(container, api, cart, paid, "eur")
      const [orderId] = await ordersOfCart(cart.cartId)
      const [otherPayment] = (await paymentsOfOrder(orderId)).map((p) => p.id)
      const paymentReference = env.sandbox.avirato.session(paid.data.avirato_session_id)!.paymentReference as string
      return { container, cart, paid, returnLocation, otherSessionId, orderId, otherPayment, paymentReference }
    }

    /**
     * The paid session was refunded in full and deleted, the order kept its one payment, and the admin
     * got one alert; answers that alert's description. Waits for what a queued webhook does.
     */
    async function expectGivenBack(
      setup: Awaited<ReturnType<typeof paidSessionOfACartPaidWithAnother>>,
      why = "whose cart was completed with another payment"
    ): Promise<string> {
      const { container, cart, paid, otherSessionId, orderId, otherPayment, paymentReference } = setup
      expect(await waitFor(async () => env.sandbox.avirato.payment(paymentReference)?.refundedAmount || undefined)).toBe(paid.amount * 100)
      const sessionsLeft = async () =>
        (await container.resolve("query").graph({ entity: "payment_session", fields: ["id"], filters: { payment_collection_id: cart.paymentCollectionId } })).data.map(
          (s: { id: string }) => s.id
        )
      await waitFor(async () => ((await sessionsLeft()).length === 1 ? true : undefined))
      expect(await sessionsLeft()).toEqual([otherSessionId])
      expect((await paymentsOfOrder(orderId)).map((p) => p.id)).toEqual([otherPayment])
      return expectOneRefundAlert(paymentReference, why)
    }

    /** Nothing is left for the job, and Avirato refunded once. */
    async function expectNothingMoreToGiveBack(container: ReturnType<typeof getContainer>) {
      expect(await reconcilePendingAviratoSessions(container, { minAgeMs: 0 })).toEqual({ checked: 0, completed: [], released: [], pending: [], failed: [] })
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })).toHaveLength(1)
    }

    it("a paid session whose cart was completed with another payment: the job refunds it, deletes it and tells the admin; later runs do nothing", async () => {
      env.sandbox.avirato.disableWebhooks() // and the shopper never comes back
      const setup = await paidSessionOfACartPaidWithAnother()

      const report = await reconcilePendingAviratoSessions(setup.container, { minAgeMs: 0 })
      expect(report).toEqual({ checked: 1, completed: [], released: [setup.paid.id], pending: [], failed: [] })
      expect(await expectGivenBack(setup)).toContain("Found by the reconciliation job.")
      await expectNothingMoreToGiveBack(setup.container)
    })

    it("a paid session whose cart was completed with another payment: its AUTHORISATION webhook refunds it at once and the order keeps its one payment", async () => {
      env.sandbox.avirato.holdWebhooks() // and the shopper never comes back
      const setup = await paidSessionOfACartPaidWithAnother()

      await settleAviratoWebhooks(env.sandbox) // the AUTHORISATION, through Medusa's subscriber and the plugin's
      expect(await expectGivenBack(setup)).not.toContain("reconciliation job")
      await expectNothingMoreToGiveBack(setup.container)
    })

    it("a session paid before its cart's order was cancelled, whose AUTHORISATION arrives after: refunded at once, the cancelled order takes no payment", async () => {
      env.sandbox.avirato.holdWebhooks() // the shopper paid on a tab left open; the webhook comes late
      const setup = await paidSessionOfACartPaidWithAnother()
      const cancel = await api.post(`/admin/orders/${setup.orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(cancel.status).toBe(200)
      expect(cancel.data.order.status).toBe("canceled")

      await settleAviratoWebhooks(env.sandbox)
      expect(await expectGivenBack(setup, "whose cart's order was cancelled before the payment arrived")).not.toContain("reconciliation job")
      await expectNothingMoreToGiveBack(setup.container)
    })

    it("a paid session whose cart was completed with another payment: the shopper's return refunds it at once and lands on the order", async () => {
      env.sandbox.avirato.disableWebhooks()
      const setup = await paidSessionOfACartPaidWithAnother()

      const landing = await followReturn(setup.returnLocation)
      expect(landing.url.searchParams.get("order_id")).toBe(setup.orderId)
      // Given back before the shopper landed.
      expect(env.sandbox.avirato.payment(setup.paymentReference)?.refundedAmount).toBe(setup.paid.amount * 100)
      expect(await expectGivenBack(setup)).not.toContain("reconciliation job")

      // The same return followed again gives nothing back twice (its session is gone).
      await followReturn(setup.returnLocation)
      await expectNothingMoreToGiveBack(setup.container)
    })

    it("a paid session that no cart holds (a payment collection of its own) is authorised by its AUTHORISATION webhook, once when delivered twice", async () => {
      const paymentModule = getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)
      const [collection] = await paymentModule.createPaymentCollections([{ currency_code: "eur", amount: 12.34 }])
      const created = await paymentModule.createPaymentSession(collection.id, { provider_id: AVIRATO_PROVIDER_ID, amount: 12.34, currency_code: "eur", data: {} })
      env.sandbox.avirato.duplicateNextWebhook()
      await payOnHostedPage((created.data as TestPaymentData).payment_url)

      const payment = await waitFor(async () => (await paymentModule.listPayments({ payment_session_id: created.id }, { relations: ["captures"] }))[0])
      await settleAviratoWebhooks(env.sandbox)
      await sleep(6000) // the second delivery is processed after Medusa's delay too
      const payments = await paymentModule.listPayments({ payment_session_id: created.id }, { relations: ["captures"] })
      expect(payments.map((p) => p.id)).toEqual([payment.id])
      // Auto-capture: Avirato took the money with the payment, and Medusa records that capture once.
      expect(payments[0].captures?.map((c) => Number(c.amount))).toEqual([12.34])
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.capture" })).toHaveLength(0)
      // The authorisation asked Avirato itself (the webhook's body decides nothing), once.
      expect(env.sandbox.journal.entries({ route: "avirato.test.session.get" })).toHaveLength(1)
    })

    /**
     * An order placed with Medusa's system provider, a payment collection of its own for the order
     * (as an order edit's), and an Avirato session on it that the shopper pays.
     */
    async function paidSessionOfAnOrdersCollection() {
      const container = getContainer()
      const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
      const placed = await checkout(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Spain.id,
        variantId: shop.store.product.variantId,
        address: SPANISH_ADDRESS,
        providerId: "pp_system_default",
      })
      expect(placed.complete?.status).toBe(200)
      const orderId = placed.complete!.data.order.id as string
      const created = await api.post(`/admin/payment-collections`, { order_id: orderId, amount: 12.34 }, { headers: shop.admin.headers })
      const collectionId = created.data.payment_collection.id as string
      const session = await paymentModule.createPaymentSession(collectionId, { provider_id: AVIRATO_PROVIDER_ID, amount: 12.34, currency_code: "eur", data: {} })
      const data = session.data as TestPaymentData
      await payOnHostedPage(data.payment_url)
      const paymentReference = env.sandbox.avirato.session(data.avirato_session_id)!.paymentReference as string
      return { container, paymentModule, orderId, collectionId, session, paymentReference }
    }

    /** The admin cancels the order, which cancels the order's payment collections. */
    async function cancelOrder({ paymentModule, orderId, collectionId }: Awaited<ReturnType<typeof paidSessionOfAnOrdersCollection>>) {
      const cancel = await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(cancel.status).toBe(200)
      expect((await paymentModule.retrievePaymentCollection(collectionId)).status).toBe("canceled")
    }

    /** The paid session of an order's own payment collection; then the admin cancels the order. */
    async function paidSessionOfACanceledOrdersCollection() {
      const setup = await paidSessionOfAnOrdersCollection()
      await cancelOrder(setup)
      return setup
    }

    /**
     * The paid session was refunded in full and deleted, nothing was authorised on the cancelled
     * collection, and the admin got one alert; answers its description.
     */
    async function expectCollectionPaymentGivenBack(setup: Awaited<ReturnType<typeof paidSessionOfACanceledOrdersCollection>>): Promise<string> {
      const { paymentModule, collectionId, session, paymentReference } = setup
      expect(await waitFor(async () => env.sandbox.avirato.payment(paymentReference)?.refundedAmount || undefined)).toBe(1234)
      await waitFor(async () => ((await paymentModule.listPaymentSessions({ id: session.id })).length === 0 ? true : undefined))
      expect(await paymentModule.listPayments({ payment_session_id: session.id })).toEqual([])
      expect((await paymentModule.retrievePaymentCollection(collectionId)).status).toBe("canceled")
      return expectOneRefundAlert(paymentReference, "whose payment collection Medusa had cancelled")
    }

    it("a session no cart holds, paid before its order was cancelled, whose AUTHORISATION arrives after: refunded at once, nothing authorised on the cancelled collection", async () => {
      env.sandbox.avirato.holdWebhooks() // the shopper paid the order's payment link; the webhook comes late
      const setup = await paidSessionOfACanceledOrdersCollection()

      await settleAviratoWebhooks(env.sandbox)
      expect(await expectCollectionPaymentGivenBack(setup)).not.toContain("reconciliation job")
      await expectNothingMoreToGiveBack(setup.container)
    })

    it("a session no cart holds, paid before its order was cancelled, with no webhook: the job refunds it and deletes it; later runs do nothing", async () => {
      env.sandbox.avirato.disableWebhooks()
      const setup = await paidSessionOfACanceledOrdersCollection()

      const report = await reconcilePendingAviratoSessions(setup.container, { minAgeMs: 0 })
      expect(report).toEqual({ checked: 1, completed: [], released: [setup.session.id], pending: [], failed: [] })
      expect(await expectCollectionPaymentGivenBack(setup)).toContain("Found by the reconciliation job.")
      await expectNothingMoreToGiveBack(setup.container)
    })

    it("a session no cart holds, paid on a page opened before an order edit changed its collection's amount in place: refunded at once, nothing authorised", async () => {
      env.sandbox.avirato.holdWebhooks() // the shopper paid the order's payment link; the webhook comes after the edit
      const setup = await paidSessionOfAnOrdersCollection()
      const { paymentModule, orderId, collectionId, session, paymentReference } = setup
      // The order's own payment is captured (its collection completed), then the admin edits the
      // order (one more item): Medusa sets the new amount due on the collection nothing was paid on
      // yet, in place, and keeps its sessions.
      const { data: placedOrder } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, { headers: shop.admin.headers })
      const systemPayment = (placedOrder.order.payment_collections as Array<{ id: string; payments: Array<{ id: string }> }>).find((c) => c.id !== collectionId)!.payments[0]!
      expect((await api.post(`/admin/payments/${systemPayment.id}/capture`, {}, { headers: shop.admin.headers })).status).toBe(200)
      const admin = { headers: shop.admin.headers }
      expect((await api.post(`/admin/order-edits`, { order_id: orderId }, admin)).status).toBe(200)
      expect((await api.post(`/admin/order-edits/${orderId}/items`, { items: [{ variant_id: shop.store.product.variantId, quantity: 1 }] }, admin)).status).toBe(200)
      expect((await api.post(`/admin/order-edits/${orderId}/request`, {}, admin)).status).toBe(200)
      expect((await api.post(`/admin/order-edits/${orderId}/confirm`, {}, admin)).status).toBe(200)
      const edited = await paymentModule.retrievePaymentCollection(collectionId)
      expect(edited.status).not.toBe("canceled")
      expect(Number(edited.amount)).not.toBe(12.34)
      expect((await paymentModule.listPaymentSessions({ id: session.id })).map((s) => Number(s.amount))).toEqual([12.34])

      await settleAviratoWebhooks(env.sandbox)
      expect(await waitFor(async () => env.sandbox.avirato.payment(paymentReference)?.refundedAmount || undefined)).toBe(1234)
      await waitFor(async () => ((await paymentModule.listPaymentSessions({ id: session.id })).length === 0 ? true : undefined))
      expect(await paymentModule.listPayments({ payment_session_id: session.id })).toEqual([])
      expect((await paymentModule.retrievePaymentCollection(collectionId)).authorized_amount ?? 0).toEqual(0)
      expect(await expectOneRefundAlert(paymentReference, "whose payment collection asks another amount since the shopper opened the page")).not.toContain("reconciliation job")
      await expectNothingMoreToGiveBack(setup.container)
    })

    /**
     * The paid session of an order's own payment collection, whose authorisation is under way when
     * `cancel` cancels the order: Avirato answers the authorisation's read of the session slowly (the
     * webhook in the worker, or the job, authorises the same way). Answers once it has authorised.
     */
    async function cancelWhileAuthorising(cancel: (setup: Awaited<ReturnType<typeof paidSessionOfAnOrdersCollection>>) => Promise<unknown>) {
      env.sandbox.avirato.disableWebhooks()
      const setup = await paidSessionOfAnOrdersCollection()
      env.sandbox.faults.add({ route: "avirato.test.session.get", kind: "latency", ms: 2500, times: 1 })
      const authorization = authorizeSessionWithoutCart(setup.container, setup.session.id)
      await sleep(500)
      await cancel(setup)
      expect(await authorization).toBe("authorized")
      return setup
    }

    it("the admin cancels the order while a paid session no cart holds is being authorised: the cancellation waits for it and refunds the card payment it took", async () => {
      const setup = await cancelWhileAuthorising(cancelOrder)

      const payments = await setup.paymentModule.listPayments({ payment_session_id: setup.session.id }, { relations: ["captures", "refunds"] })
      expect(payments).toHaveLength(1)
      expect(payments[0].captures?.map((c) => Number(c.amount))).toEqual([12.34])
      expect(payments[0].refunds?.map((r) => Number(r.amount))).toEqual([12.34])
      expect(env.sandbox.avirato.payment(setup.paymentReference)?.refundedAmount).toBe(1234)
      await expectNothingMoreToGiveBack(setup.container)
    })

    it("the store's own code cancels the order while a paid session no cart holds is being authorised: the plugin refunds the card payment it took once the authorisation has finished", async () => {
      // Medusa's cancel workflow run directly (no admin route): it reads the order's payments before
      // the authorisation has made its payment, so Medusa itself refunds nothing.
      const setup = await cancelWhileAuthorising(({ container, orderId }) => cancelOrderWorkflow(container).run({ input: { order_id: orderId } }))

      expect(await waitFor(async () => env.sandbox.avirato.payment(setup.paymentReference)?.refundedAmount || undefined)).toBe(1234)
      const [payment] = await waitFor(async () => {
        const payments = await setup.paymentModule.listPayments({ payment_session_id: setup.session.id }, { relations: ["captures", "refunds"] })
        return payments[0]?.refunds?.length ? payments : undefined
      })
      expect(payment.captures?.map((c) => Number(c.amount))).toEqual([12.34])
      expect(payment.refunds?.map((r) => Number(r.amount))).toEqual([12.34])
      expect(payment.refunds?.map((r) => r.note)).toEqual(["Refunded after the order's cancellation"])
      // The authorisation and the refund set the collection's status from its amounts; it ends cancelled, as the cancel left it.
      await waitFor(async () => ((await setup.paymentModule.retrievePaymentCollection(setup.collectionId)).status === "canceled" ? true : undefined))
      // The cancellation's reason, as Medusa's own refund at the cancellation would have sent.
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" }).map((r) => (r.body as { reason?: string }).reason)).toEqual(["OTHER"])
      await expectNothingMoreToGiveBack(setup.container)
    })

    it("a paid session that no cart holds, authorised by two processes at the same moment: one payment, and Avirato refunds nothing", async () => {
      const container = getContainer()
      const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
      const [collection] = await paymentModule.createPaymentCollections([{ currency_code: "eur", amount: 12.34 }])
      const created = await paymentModule.createPaymentSession(collection.id, { provider_id: AVIRATO_PROVIDER_ID, amount: 12.34, currency_code: "eur", data: {} })
      env.sandbox.avirato.disableWebhooks()
      await payOnHostedPage((created.data as TestPaymentData).payment_url)

      // Two runs of the job stand for the webhook in the worker and the job elsewhere: both authorise
      // a cartless session through the same call. Without the session's lock both would create the
      // payment, and Medusa would give the loser's attempt back at Avirato: the winner's money.
      const reports = await Promise.all([
        reconcilePendingAviratoSessions(container, { minAgeMs: 0 }),
        reconcilePendingAviratoSessions(container, { minAgeMs: 0 }),
      ])
      expect(reports.flatMap((report) => report.failed)).toEqual([])
      const payments = await paymentModule.listPayments({ payment_session_id: created.id }, { relations: ["captures"] })
      expect(payments).toHaveLength(1)
      expect(payments[0].canceled_at).toBeFalsy()
      expect(payments[0].captures?.map((c) => Number(c.amount))).toEqual([12.34])
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })).toHaveLength(0)
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.cancel" })).toHaveLength(0)
    })
  },
})
