// Avirato card checkout through Medusa's real store API and the plugin's return route, with the
// sandbox's hosted page driven over HTTP: success (auto-capture), every declining test holder name
// and the retry path, cancellation on the page, forged returns, currency checks, partial refunds.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosInstance } from "axios"
import { completeCart, createPaymentSession, prepareCart, SPANISH_ADDRESS, SWEDISH_ADDRESS, type PreparedCart } from "../support/checkout"
import { SPAIN, SWEDEN } from "../support/store-fixtures"
import { orderIdsOfCart } from "../support/queries"
import { useShop } from "../support/shop"
import {
  AVIRATO_PROVIDER_ID,
  FAILURE_URL,
  SUCCESS_URL,
  cancelOnHostedPage,
  followReturn,
  payOnHostedPage,
  settleAviratoWebhooks,
  startAviratoTestEnv,
  waitFor,
  type TestPaymentSession,
} from "../support/avirato"
import { useSandboxEnv } from "../support/sandbox-env"
import { returnStateFor, splitState, STATE_PATTERN } from "../support/return-state"

jest.setTimeout(180_000)

const env = useSandboxEnv(() => startAviratoTestEnv({ AVIRATO_CAPTURE_MODE: "auto" }))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const shop = useShop(getContainer, [
      { ...SPAIN, paymentProviders: [AVIRATO_PROVIDER_ID, "pp_system_default"] },
      { ...SWEDEN, paymentProviders: [AVIRATO_PROVIDER_ID, "pp_system_default"] },
    ])

    beforeEach(() => env.sandbox.reset())
    afterEach(() => settleAviratoWebhooks(env.sandbox, { pauseMs: 0 }))

    async function spanishCart(quantity = 1): Promise<PreparedCart> {
      return prepareCart(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Spain.id,
        variantId: shop.store.product.variantId,
        address: SPANISH_ADDRESS,
        quantity,
      })
    }

    async function aviratoSession(cart: PreparedCart) {
      const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
      expect(response.status).toBe(200)
      const session = response.data.payment_collection.payment_sessions.find((s: { provider_id: string }) => s.provider_id === AVIRATO_PROVIDER_ID)
      return session as TestPaymentSession
    }

    const ordersOfCart = (cartId: string) => orderIdsOfCart(getContainer(), cartId)
    const stateOf = (sessionId: string) => returnStateFor(getContainer(), "avirato-hosted-page-return", sessionId)
    /** The return URL the plugin gave Avirato for `sessionId` (with its signed state). */
    const returnBase = (sessionId: string) => `${env.backendUrl}/avirato/return?session=${sessionId}&state=${stateOf(sessionId)}`

    async function adminOrder(orderId: string) {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=*payment_collections,*payment_collections.payments,*payment_collections.payments.captures,*payment_collections.payments.refunds`,
        { headers: shop.admin.headers }
      )
      return data.order
    }

    it("pays on the hosted page, returns with a signed token and becomes an auto-captured order", async () => {
      env.sandbox.avirato.holdWebhooks() // the return route alone completes the order here
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      expect(session.status).toBe("requires_more")
      expect(session.data).toMatchObject({ mode: "auto", amount: 5045, currency: "EUR", payment_url: expect.stringContaining(env.sandbox.origin) })

      const location = await payOnHostedPage(session.data.payment_url)
      // urlOk names the session and carries the plugin's signed state; Avirato appends its JWT.
      expect(splitState(location).state).toMatch(STATE_PATTERN)
      expect(splitState(location).rest).toContain(`${env.backendUrl}/avirato/return?session=${session.id}&data=`)

      const landing = await followReturn(location)
      expect(landing.status).toBe(302)
      expect(`${landing.url.origin}${landing.url.pathname}`).toBe(SUCCESS_URL)
      const orderId = landing.url.searchParams.get("order_id")!
      expect(landing.url.searchParams.get("cart_id")).toBe(cart.cartId)
      expect(await ordersOfCart(cart.cartId)).toEqual([orderId])

      const order = await adminOrder(orderId)
      expect(order.total).toBe(50.45)
      const [payment] = order.payment_collections[0].payments
      expect(payment.provider_id).toBe(AVIRATO_PROVIDER_ID)
      expect(payment.amount).toBe(50.45)
      expect(payment.captured_at).toBeTruthy()
      expect(payment.captures.map((c: { amount: number }) => c.amount)).toEqual([50.45])
      expect(payment.data).toMatchObject({ payment_reference: expect.stringMatching(/^[A-Z0-9]{16}$/), session_status: "completed" })
      // The return route asked Avirato before completing; no capture call for auto-capture.
      expect(env.sandbox.journal.entries({ route: "avirato.test.session.get" }).length).toBeGreaterThanOrEqual(1)
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.capture" })).toHaveLength(0)

      // The webhook arriving afterwards changes nothing: same single order, single capture.
      await env.sandbox.avirato.releaseWebhooks()
      await env.sandbox.avirato.webhooksIdle()
      await new Promise((resolve) => setTimeout(resolve, 500))
      const again = await adminOrder(orderId)
      expect(again.payment_collections[0].payments).toHaveLength(1)
      expect(again.payment_collections[0].payments[0].captures).toHaveLength(1)
      expect(await ordersOfCart(cart.cartId)).toEqual([orderId])
    })

    it("completing the cart before paying is refused and keeps the payment page usable", async () => {
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      const early = await completeCart(api, cart)
      expect(early.status).toBe(400)
      expect(early.data.message).toContain("was not authorized with the provider")
      const { data } = await api.get(`/store/carts/${cart.cartId}?fields=*payment_collection.payment_sessions`, { headers: cart.headers })
      const stored = data.cart.payment_collection.payment_sessions[0]
      expect(stored.status).toBe("requires_more")
      expect(stored.data.payment_url).toBe(session.data.payment_url)
    })

    it.each([
      ["DECLINED", "declined"],
      ["CARD_EXPIRED", "declined"],
      ["INVALID_CARD", "declined"],
      ["NOT_ENOUGH_BALANCE", "declined"],
      ["CVC_DECLINED", "declined"],
      ["FRAUD", "declined"],
      ["ERROR", "processor_error"],
    ])("holder %s: sent to the failure page (%s) without an order, then a new session succeeds", async (holderName, reason) => {
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      const location = await payOnHostedPage(session.data.payment_url, { holderName })
      expect(splitState(location).state).toMatch(STATE_PATTERN)
      expect(splitState(location).rest).toBe(`${env.backendUrl}/avirato/return?session=${session.id}&result=ko`)

      const landing = await followReturn(location)
      expect(`${landing.url.origin}${landing.url.pathname}`).toBe(FAILURE_URL)
      expect(Object.fromEntries(landing.url.searchParams)).toEqual({ reason, cart_id: cart.cartId, payment_session_id: session.id })
      await env.sandbox.avirato.webhooksIdle()
      expect(await ordersOfCart(cart.cartId)).toEqual([])
      const attempt = (env.sandbox.avirato.session(session.data.avirato_session_id)!.attempts as Array<{ status: string }>)[0]
      expect(attempt.status).toBe(holderName === "ERROR" ? "error" : "refused")

      // Retry path: the storefront starts a new session on the same cart and pays again.
      const retry = await aviratoSession(cart)
      expect(retry.id).not.toBe(session.id)
      expect(retry.data.avirato_session_id).not.toBe(session.data.avirato_session_id)
      const ok = await followReturn(await payOnHostedPage(retry.data.payment_url))
      expect(ok.url.searchParams.get("order_id")).toBeTruthy()
      expect(await ordersOfCart(cart.cartId)).toEqual([ok.url.searchParams.get("order_id")])
    })

    it("a shopper who cancels on the page lands on the failure page with reason cancelled", async () => {
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      const landing = await followReturn(await cancelOnHostedPage(session.data.payment_url))
      expect(landing.url.searchParams.get("reason")).toBe("cancelled")
      expect(landing.url.searchParams.get("cart_id")).toBe(cart.cartId)
    })

    it("a forged urlKo for a paid session still confirms with Avirato and completes the order", async () => {
      env.sandbox.avirato.disableWebhooks()
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      await payOnHostedPage(session.data.payment_url)
      const landing = await followReturn(`${returnBase(session.id)}&result=ko`)
      expect(landing.url.searchParams.get("order_id")).toBeTruthy()
    })

    describe("returns that cannot be trusted complete nothing", () => {
      async function paidWithoutWebhooks() {
        env.sandbox.avirato.disableWebhooks()
        const cart = await spanishCart()
        const session = await aviratoSession(cart)
        const location = new URL(await payOnHostedPage(session.data.payment_url))
        return { cart, session, token: location.searchParams.get("data")! }
      }

      async function expectRejected(url: string, cartId: string) {
        const landing = await followReturn(url)
        expect(`${landing.url.origin}${landing.url.pathname}`).toBe(FAILURE_URL)
        expect(landing.url.searchParams.get("reason")).toBe("verification_failed")
        expect(await ordersOfCart(cartId)).toEqual([])
      }

      it("tampered payload, wrong secret, alg none, missing token, another session's token", async () => {
        const { cart, session, token } = await paidWithoutWebhooks()
        const base = returnBase(session.id)
        const [header, payload, signature] = token.split(".")
        const claims = JSON.parse(Buffer.from(payload, "base64url").toString())
        const tampered = Buffer.from(JSON.stringify({ ...claims, amount: { value: 1, currency: "EUR" } })).toString("base64url")
        const { SignJWT } = await import("jose")
        const wrongSecret = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("not-the-client-secret"))
        const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`

        await expectRejected(`${base}&data=${header}.${tampered}.${signature}`, cart.cartId)
        await expectRejected(`${base}&data=${wrongSecret}`, cart.cartId)
        await expectRejected(`${base}&data=${none}`, cart.cartId)
        await expectRejected(base, cart.cartId)

        // A genuine token of another paid session is not accepted for this one.
        const other = await paidWithoutWebhooks()
        await expectRejected(`${base}&data=${other.token}`, cart.cartId)

        // No Avirato session lookup happened for any of them: verification comes first.
        const lookups = env.sandbox.journal.entries({ route: "avirato.test.session.get" })
        expect(lookups.filter((e) => e.path.endsWith(session.data.avirato_session_id))).toHaveLength(0)
        // The genuine token still works.
        const ok = await followReturn(`${base}&data=${token}`)
        expect(ok.url.searchParams.get("order_id")).toBeTruthy()
      })
    })

    describe("each return asks Avirato exactly once", () => {
      const lookupsOf = (aviratoSessionId: string) =>
        env.sandbox.journal.entries({ route: "avirato.test.session.get" }).filter((e) => e.path.endsWith(aviratoSessionId)).length

      it("a paid return (urlOk with a valid token): one GET payment/session, and the order", async () => {
        env.sandbox.avirato.holdWebhooks()
        const cart = await spanishCart()
        const session = await aviratoSession(cart)
        const location = await payOnHostedPage(session.data.payment_url)
        expect(lookupsOf(session.data.avirato_session_id)).toBe(0)

        const landing = await followReturn(location)
        expect(`${landing.url.origin}${landing.url.pathname}`).toBe(SUCCESS_URL)
        expect(await ordersOfCart(cart.cartId)).toEqual([landing.url.searchParams.get("order_id")])
        expect(lookupsOf(session.data.avirato_session_id)).toBe(1)
      })

      it("a declined return (urlKo): one GET payment/session, the reason, and no order", async () => {
        env.sandbox.avirato.holdWebhooks()
        const cart = await spanishCart()
        const session = await aviratoSession(cart)
        const location = await payOnHostedPage(session.data.payment_url, { holderName: "DECLINED" })
        expect(lookupsOf(session.data.avirato_session_id)).toBe(0)

        const landing = await followReturn(location)
        expect(landing.url.searchParams.get("reason")).toBe("declined")
        expect(await ordersOfCart(cart.cartId)).toEqual([])
        expect(lookupsOf(session.data.avirato_session_id)).toBe(1)
      })

      it("a valid token for a session Avirato no longer reports as paid: one GET, the reason, no order", async () => {
        env.sandbox.avirato.holdWebhooks()
        const cart = await spanishCart()
        const session = await aviratoSession(cart)
        const location = await payOnHostedPage(session.data.payment_url)
        // Avirato's answer is the truth, not the token: it now says the session failed.
        env.sandbox.faults.add({
          route: "avirato.test.session.get",
          kind: "status",
          status: 200,
          body: { success: true, data: { sessionId: session.data.avirato_session_id, status: "failed", amount: { value: 5045, currency: "EUR" }, customReference: session.id } },
        })

        const landing = await followReturn(location)
        expect(`${landing.url.origin}${landing.url.pathname}`).toBe(FAILURE_URL)
        expect(landing.url.searchParams.get("reason")).toBe("declined")
        expect(await ordersOfCart(cart.cartId)).toEqual([])
        expect(lookupsOf(session.data.avirato_session_id)).toBe(1)
      })
    })

    it("unknown sessions go to the failure page", async () => {
      const landing = await followReturn(returnBase("payses_01JZZZZZZZZZZZZZZZZZZZZZZZ"))
      expect(landing.url.searchParams.get("reason")).toBe("unknown_session")
    })

    it("a session id alone proves nothing: without the flow's state a generic failure — no cart id, no session id — and nothing is done", async () => {
      env.sandbox.avirato.disableWebhooks()
      const cart = await spanishCart()
      const session = await aviratoSession(cart)
      const paid = new URL(await payOnHostedPage(session.data.payment_url))
      const token = paid.searchParams.get("data")!
      const other = await aviratoSession(await spanishCart())
      // Lookups of this test's sessions only: an earlier test's webhook, which Medusa handles 5 s after
      // receipt, may still look up its own session meanwhile.
      const lookupsOfTheseSessions = () =>
        env.sandbox.journal
          .entries({ route: "avirato.test.session.get" })
          .filter((e) => [session.data.avirato_session_id, other.data.avirato_session_id].some((id) => e.path.endsWith(`/${id}`))).length
      const lookupsBefore = lookupsOfTheseSessions()
      // Even Avirato's genuine signed token is no proof of whose flow this is.
      for (const [what, url] of Object.entries({
        "urlKo without state": `${env.backendUrl}/avirato/return?session=${session.id}&result=ko`,
        "urlOk with Avirato's token, without state": `${env.backendUrl}/avirato/return?session=${session.id}&data=${token}`,
        "another session's state": `${env.backendUrl}/avirato/return?session=${session.id}&state=${stateOf(other.id)}&data=${token}`,
        "another route's state": `${env.backendUrl}/avirato/return?session=${session.id}&state=${returnStateFor(getContainer(), "avarda-id-validation-return", session.id)}&result=ko`,
      })) {
        const landing = await followReturn(url)
        expect({ what, status: landing.status, location: landing.url.toString() }).toEqual({ what, status: 302, location: `${FAILURE_URL}?reason=verification_failed` })
      }
      // Nothing was looked up at Avirato and no order was placed.
      expect(lookupsOfTheseSessions()).toBe(lookupsBefore)
      expect(await ordersOfCart(cart.cartId)).toEqual([])

      // The shopper's own return (the URL the plugin gave Avirato) places the order as before.
      const ok = await followReturn(paid.toString())
      expect(ok.url.searchParams.get("cart_id")).toBe(cart.cartId)
      expect(await ordersOfCart(cart.cartId)).toEqual([ok.url.searchParams.get("order_id")])
      expect(lookupsOfTheseSessions()).toBe(lookupsBefore + 1)

      // Malformed parameters: 400 naming them, never a 500.
      for (const [field, query] of [
        ["session", `session=${session.id}%00`],
        ["session", "session=payses_01NOPE"],
        ["state", `session=${session.id}&state=%00`],
        ["data", `session=${session.id}&data=not-a-jwt`],
        ["result", `session=${session.id}&result=maybe`],
        ["session", `session=${session.id}&session=${other.id}`],
      ] as const) {
        const response = await fetch(`${env.backendUrl}/avirato/return?${query}`, { redirect: "manual" })
        const body = (await response.json()) as { type: string; errors: Array<{ field: string }> }
        expect({ query, status: response.status, type: body.type, fields: body.errors.map((e) => e.field) }).toEqual({ query, status: 400, type: "invalid_data", fields: [field] })
      }
    })

    it("refuses a SEK cart with a clear error before calling Avirato", async () => {
      const cart = await prepareCart(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Sweden.id,
        variantId: shop.store.product.variantId,
        address: SWEDISH_ADDRESS,
      })
      const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
      expect(response.status).toBe(400)
      expect(response.data.message).toBe('Avirato: currency_code "sek" is not supported; Avirato accepts EUR, GBP and USD only')
      expect(env.sandbox.journal.entries({ route: "avirato.test.session.create" })).toHaveLength(0)
    })

    it("refunds an auto-captured order partially, twice, with the reason enum and Medusa's refund ids", async () => {
      const cart = await spanishCart(2) // 2 × 45.50 + 4.95 = 95.95 EUR
      const session = await aviratoSession(cart)
      const landing = await followReturn(await payOnHostedPage(session.data.payment_url))
      const order = await adminOrder(landing.url.searchParams.get("order_id")!)
      const payment = order.payment_collections[0].payments[0]
      expect(payment.amount).toBe(95.95)

      for (const amount of [10.5, 10.5]) {
        const refund = await api.post(`/admin/payments/${payment.id}/refund`, { amount }, { headers: shop.admin.headers })
        expect(refund.status).toBe(200)
      }
      const refunds = env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })
      expect(refunds.map((r) => r.body)).toEqual([
        expect.objectContaining({ amount: { value: 1050, currency: "EUR" }, reason: "CUSTOMER REQUEST", paymentReference: payment.data.payment_reference }),
        expect.objectContaining({ amount: { value: 1050, currency: "EUR" }, reason: "CUSTOMER REQUEST" }),
      ])
      const { data } = await api.get(`/admin/payments/${payment.id}?fields=*refunds`, { headers: shop.admin.headers })
      expect(refunds.map((r) => r.headers["idempotency-key"]).sort()).toEqual(data.payment.refunds.map((r: { id: string }) => r.id).sort())
      expect(data.payment.refunds).toHaveLength(2)
      expect(env.sandbox.avirato.payment(payment.data.payment_reference)).toMatchObject({ refundedAmount: 2100, capturedAmount: 9595 })

      // A Medusa refund reason whose code names an Avirato reason is sent as that reason.
      const { data: created } = await api.post("/admin/refund-reasons", { label: "Fraud", code: "fraud" }, { headers: shop.admin.headers })
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1, refund_reason_id: created.refund_reason.id }, { headers: shop.admin.headers })
      const third = env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })[2]
      expect(third.body).toMatchObject({ amount: { value: 100, currency: "EUR" }, reason: "FRAUD" })

      // REFUND webhooks confirm every record.
      await waitFor(async () => {
        const { data } = await api.get(`/admin/payments/${payment.id}?fields=id,data`, { headers: shop.admin.headers })
        return data.payment.data.refunds.every((r: { status: string }) => r.status === "succeeded")
      })
    })
  },
})

export type { AxiosInstance }
