// Avirato pre-authorisations after the order, through Medusa's admin API: full and partial capture
// (the amount reaches Avirato through the capture plan), the one-capture rule, refunds, cancel on
// order cancellation, extend (plugin admin route), capture on shipment, and failed modifications
// reaching the admin.
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createPaymentSession, prepareCart, SPANISH_ADDRESS } from "../support/checkout"
import { SPAIN } from "../support/store-fixtures"
import { useShop } from "../support/shop"
import {
  AVIRATO_PROVIDER_ID,
  followReturn,
  payOnHostedPage,
  settleAviratoWebhooks,
  sleep,
  startAviratoTestEnv,
  waitFor,
  type TestPaymentData,
} from "../support/avirato"
import { useSandboxEnv } from "../support/sandbox-env"
import { warnExpiringAuthorizations } from "../../src/operations/authorization-expiry/warn-expiring-authorizations"
import { isAviratoProviderId } from "../../src/providers/avirato/core/configured-providers"
import { CANCELED_ORDER_REFUND_FAILURE_KEY } from "../../src/operations/shared/canceled-order-retries"
import { refundLeftoverCanceledOrderPayments } from "../../src/workflows/shared/refund-canceled-order-payment"

jest.setTimeout(300_000)

const env = useSandboxEnv(() => startAviratoTestEnv({ AVIRATO_CAPTURE_MODE: "preauth" }))

interface AdminPayment {
  id: string
  amount: number
  captured_at: string | null
  canceled_at: string | null
  data: TestPaymentData
  metadata?: { avirato_outcomes?: unknown[] } | null
  captures?: Array<{ id: string; amount: number }>
  refunds?: Array<{ id: string; amount: number }>
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const shop = useShop(getContainer, [{ ...SPAIN, paymentProviders: [AVIRATO_PROVIDER_ID] }])

    beforeEach(() => env.sandbox.reset())
    afterEach(() => settleAviratoWebhooks(env.sandbox, { release: false }))

    /** A paid pre-authorised order: quantity × 45.50 + 4.95 EUR. */
    async function preauthOrder(quantity = 1) {
      const cart = await prepareCart(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Spain.id,
        variantId: shop.store.product.variantId,
        address: SPANISH_ADDRESS,
        quantity,
      })
      const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
      const session = response.data.payment_collection.payment_sessions[0]
      expect(session.data.mode).toBe("preauth")
      const landing = await followReturn(await payOnHostedPage(session.data.payment_url))
      const orderId = landing.url.searchParams.get("order_id")!
      expect(orderId).toBeTruthy()
      await env.sandbox.avirato.webhooksIdle()
      const payment = await readPayment(orderId)
      return { orderId, payment, paymentReference: payment.data.payment_reference as string }
    }

    async function readPayment(orderId: string): Promise<AdminPayment> {
      const { data } = await api.get(
        `/admin/orders/${orderId}?fields=*payment_collections.payments,*payment_collections.payments.captures,*payment_collections.payments.refunds`,
        { headers: shop.admin.headers }
      )
      return data.order.payment_collections[0].payments[0]
    }

    async function readPaymentById(paymentId: string): Promise<AdminPayment> {
      const { data } = await api.get(`/admin/payments/${paymentId}?fields=id,amount,captured_at,canceled_at,data,metadata,*captures,*refunds`, { headers: shop.admin.headers })
      return data.payment
    }

    const capture = (paymentId: string, body: Record<string, unknown> = {}) =>
      api.post(`/admin/payments/${paymentId}/capture`, body, { headers: shop.admin.headers, validateStatus: () => true })

    async function feed(): Promise<Array<{ data: { title: string; description: string } }>> {
      const { data } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
      return data.notifications
    }

    it("authorises at checkout and captures the full amount from the admin; the CAPTURE webhook confirms it", async () => {
      const { payment, paymentReference } = await preauthOrder()
      expect(payment.captured_at).toBeNull()
      expect(payment.captures).toEqual([])
      expect(env.sandbox.avirato.payment(paymentReference)).toMatchObject({ authorisedAmount: 5045, capturedAmount: 0 })

      const response = await capture(payment.id)
      expect(response.status).toBe(200)
      const [call] = env.sandbox.journal.entries({ route: "avirato.test.payment.capture" })
      expect(call.body).toEqual({ webcode: "SHOP01", paymentReference, amount: { value: 5045, currency: "EUR" } })
      const stored = await readPaymentById(payment.id)
      expect(call.headers["idempotency-key"]).toBe(stored.captures![0].id)
      expect(stored.captured_at).toBeTruthy()
      expect(env.sandbox.avirato.payment(paymentReference)?.capturedAmount).toBe(5045)

      const confirmed = await waitFor(async () => {
        const current = await readPaymentById(payment.id)
        return current.data.captures[0]?.status === "succeeded" ? current : undefined
      })
      expect(confirmed.data).toMatchObject({ capture_amount_plan: null, captures: [expect.objectContaining({ amount: 5045, status: "succeeded" })] })
      expect(confirmed.metadata?.avirato_outcomes).toEqual([expect.objectContaining({ history: "captures", success: true })])
    })

    it("captures part of the authorisation from the admin, refuses a second capture, then refunds partially twice", async () => {
      const { payment, paymentReference } = await preauthOrder()
      expect((await capture(payment.id, { amount: 20 })).status).toBe(200)
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.capture" }).map((e) => e.body)).toEqual([
        { webcode: "SHOP01", paymentReference, amount: { value: 2000, currency: "EUR" } },
      ])
      expect(env.sandbox.avirato.payment(paymentReference)?.capturedAmount).toBe(2000)

      const second = await capture(payment.id, { amount: 10 })
      expect(second.status).toBe(400)
      expect(second.data.message).toContain("Avirato allows one capture per pre-authorisation: 20.00 EUR was already captured")
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.capture" })).toHaveLength(1)
      const afterRefused = await readPaymentById(payment.id)
      expect(afterRefused.captures!.map((c) => c.amount)).toEqual([20])

      for (const amount of [5, 5]) {
        const refund = await api.post(`/admin/payments/${payment.id}/refund`, { amount }, { headers: shop.admin.headers })
        expect(refund.status).toBe(200)
      }
      const refunds = env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })
      expect(refunds.map((r) => r.body)).toEqual([
        { webcode: "SHOP01", paymentReference, amount: { value: 500, currency: "EUR" }, reason: "CUSTOMER REQUEST" },
        { webcode: "SHOP01", paymentReference, amount: { value: 500, currency: "EUR" }, reason: "CUSTOMER REQUEST" },
      ])
      expect(env.sandbox.avirato.payment(paymentReference)?.refundedAmount).toBe(1000)
      const over = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 11 }, { headers: shop.admin.headers, validateStatus: () => true })
      expect(over.status).toBe(400)
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })).toHaveLength(2)
    })

    it("a partial capture whose amount cannot be recorded with the payment is refused: nothing reaches Avirato, nothing is recorded, and trying again captures that amount", async () => {
      const { payment, paymentReference } = await preauthOrder()
      // The database refuses the write of the capture's plan (and only that write).
      const paymentModule = getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)
      const updatePayment = paymentModule.updatePayment.bind(paymentModule)
      const spy = jest.spyOn(paymentModule, "updatePayment").mockImplementation(((input: { data?: { capture_amount_plan?: unknown } }) =>
        input?.data?.capture_amount_plan ? Promise.reject(new Error("connection terminated")) : updatePayment(input as never)) as never)
      let refused: Awaited<ReturnType<typeof capture>>
      try {
        refused = await capture(payment.id, { amount: 20 })
      } finally {
        spy.mockRestore()
      }
      expect(refused.status).toBe(409)
      expect(refused.data.message).toContain("Nothing was captured; try again")
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.capture" })).toHaveLength(0)
      const untouched = await readPaymentById(payment.id)
      expect(untouched.captures).toEqual([])
      expect(untouched.captured_at).toBeNull()

      expect((await capture(payment.id, { amount: 20 })).status).toBe(200)
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.capture" }).map((e) => e.body)).toEqual([
        { webcode: "SHOP01", paymentReference, amount: { value: 2000, currency: "EUR" } },
      ])
      expect((await readPaymentById(payment.id)).captures!.map((c) => c.amount)).toEqual([20])
    })

    it("cancelling the order voids the uncaptured authorisation at Avirato", async () => {
      const { orderId, payment, paymentReference } = await preauthOrder()
      const response = await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(response.status).toBe(200)
      const cancels = env.sandbox.journal.entries({ route: "avirato.test.payment.cancel" })
      expect(cancels.map((c) => c.body)).toEqual([{ webcode: "SHOP01", paymentReference }])
      expect(cancels[0].headers["idempotency-key"]).toBe(payment.id)
      expect(env.sandbox.avirato.payment(paymentReference)?.cancelled).toBe(true)
      const stored = await readPaymentById(payment.id)
      expect(stored.canceled_at).toBeTruthy()
      await waitFor(async () => (await readPaymentById(payment.id)).data.cancellations[0]?.status === "succeeded")
      await env.sandbox.avirato.webhooksIdle()
      expect((await feed()).filter((n) => n.data.title.startsWith("Avirato cancellation Medusa has no record of"))).toEqual([])
    })

    it("a pre-authorisation voided in Avirato's dashboard, which Medusa never asked for: the admin is told once, also when its webhook comes twice, that capturing it will fail", async () => {
      const { orderId, payment, paymentReference } = await preauthOrder()
      env.sandbox.avirato.duplicateNextWebhook()
      expect(env.sandbox.avirato.cancelInDashboard(paymentReference).success).toBe(true)

      const unknownCancellationAlerts = async () =>
        (await feed()).filter((n) => n.data.title.startsWith("Avirato cancellation Medusa has no record of") && n.data.description.includes(paymentReference))
      await waitFor(async () => (await unknownCancellationAlerts()).length > 0)
      await env.sandbox.avirato.webhooksIdle()
      const alerts = await unknownCancellationAlerts()
      expect(alerts).toHaveLength(1)
      expect(alerts[0]!.data.title).toContain(orderId)
      expect(alerts[0]!.data.description).toContain("CANCELLATION for 50.45 EUR")
      expect(alerts[0]!.data.description).toContain("capturing this payment will fail")
      // Medusa's payment is as it was: the admin decides (cancel the order, or ask for a new payment).
      const stored = await readPaymentById(payment.id)
      expect(stored).toMatchObject({ canceled_at: null, captured_at: null })
      expect(stored.data.cancellations).toEqual([])
    })

    it("extends the authorisation through the plugin's admin route (idempotent per key), not after capture", async () => {
      const { payment, paymentReference } = await preauthOrder()
      const before = env.sandbox.avirato.payment(paymentReference)!.authorisationExpiresAt
      await sleep(50)

      const unauthenticated = await api.post(`/admin/avirato/payments/${payment.id}/extend`, {}, { validateStatus: () => true })
      expect(unauthenticated.status).toBe(401)

      const headers = { ...shop.admin.headers, "idempotency-key": "extend-click-1" }
      const first = await api.post(`/admin/avirato/payments/${payment.id}/extend`, {}, { headers })
      expect(first.status).toBe(200)
      expect(first.data.payment.data.extensions).toEqual([expect.objectContaining({ idempotency_key: "extend-click-1", status: "requested" })])
      await api.post(`/admin/avirato/payments/${payment.id}/extend`, {}, { headers }) // double click
      const extends_ = env.sandbox.journal.entries({ route: "avirato.test.payment.extend" })
      expect(extends_.map((e) => e.body)).toEqual([{ webcode: "SHOP01", paymentReference }])
      expect(new Date(env.sandbox.avirato.payment(paymentReference)!.authorisationExpiresAt).getTime()).toBeGreaterThan(new Date(before).getTime())
      await waitFor(async () => (await readPaymentById(payment.id)).data.extensions[0]?.status === "succeeded")

      expect((await capture(payment.id)).status).toBe(200)
      const afterCapture = await api.post(`/admin/avirato/payments/${payment.id}/extend`, {}, { headers: shop.admin.headers, validateStatus: () => true })
      expect(afterCapture.status).toBe(400)
      expect(afterCapture.data.message).toContain("it has already been captured")
    })

    it("a CAPTURE_FAILED webhook marks the capture failed on the payment and alerts the admin", async () => {
      const { orderId, payment } = await preauthOrder()
      env.sandbox.avirato.failNextModification("capture", "Authorisation expired at the acquirer")
      expect((await capture(payment.id)).status).toBe(200) // Avirato accepted it (202); the outcome comes later

      const failed = await waitFor(async () => {
        const current = await readPaymentById(payment.id)
        return current.data.captures[0]?.status === "failed" ? current : undefined
      })
      expect(failed.data.captures[0].failure_reason).toBe("Authorisation expired at the acquirer")
      const alerts = (await waitFor(async () => {
        const items = (await feed()).filter((n) => n.data.title.startsWith("Avirato capture failed"))
        return items.length ? items : undefined
      }))
      expect(alerts).toHaveLength(1)
      expect(alerts[0].data.title).toContain(orderId)
      expect(alerts[0].data.description).toContain("Authorisation expired at the acquirer")
    })

    it("captures on shipment once every item has shipped, for the shipped value", async () => {
      const { orderId, payment, paymentReference } = await preauthOrder(2) // 2 × 45.50 + 4.95 = 95.95
      const { data } = await api.get(`/admin/orders/${orderId}?fields=*items`, { headers: shop.admin.headers })
      const itemId = data.order.items[0].id

      const ship = async (quantity: number) => {
        await api.post(
          `/admin/orders/${orderId}/fulfillments`,
          { items: [{ id: itemId, quantity }], location_id: shop.store.stockLocationId },
          { headers: shop.admin.headers }
        )
        const { data: withFulfillments } = await api.get(`/admin/orders/${orderId}?fields=*fulfillments`, { headers: shop.admin.headers })
        const fulfillments = withFulfillments.order.fulfillments as Array<{ id: string; shipped_at: string | null }>
        const open = fulfillments.find((f) => !f.shipped_at)!
        await api.post(`/admin/orders/${orderId}/fulfillments/${open.id}/shipments`, { items: [{ id: itemId, quantity }] }, { headers: shop.admin.headers })
      }

      await ship(1)
      await sleep(1500)
      expect(env.sandbox.journal.entries({ route: "avirato.test.payment.capture" })).toHaveLength(0) // one capture only: wait for the rest

      await ship(1)
      await waitFor(async () => env.sandbox.journal.entries({ route: "avirato.test.payment.capture" }).length === 1)
      const [call] = env.sandbox.journal.entries({ route: "avirato.test.payment.capture" })
      expect(call.body).toEqual({ webcode: "SHOP01", paymentReference, amount: { value: 9595, currency: "EUR" } })
      const stored = await waitFor(async () => {
        const current = await readPaymentById(payment.id)
        return current.captured_at ? current : undefined
      })
      expect(stored.captures!.map((c) => c.amount)).toEqual([95.95])
    })

    describe("authorization expiry and cancellation refunds", () => {
      type RefundBody = { paymentReference?: string; reason?: string }
      const DAY_MS = 24 * 60 * 60 * 1000
      const panel = async (orderId: string) => {
        const { data } = await api.get(`/admin/avarda-avirato/orders/${orderId}/payments`, { headers: shop.admin.headers })
        return data.payments[0]
      }
      const setWarningDays = async (days: number | undefined) => {
        const { data } = await api.get("/admin/plugin-settings", { headers: shop.admin.headers })
        const avirato = { ...data.settings.avirato, expiryWarningDays: days }
        await api.post("/admin/plugin-settings", { ...data.settings, avirato }, { headers: shop.admin.headers })
      }
      afterEach(() => setWarningDays(undefined))

      it("records when the pre-authorisation lapses; the panel warns inside the configured lead; the job notifies the admin once", async () => {
        const { orderId, payment, paymentReference } = await preauthOrder()
        const vendorExpiry = new Date(env.sandbox.avirato.payment(paymentReference)!.authorisationExpiresAt).getTime()
        const recorded = Date.parse(payment.data.authorization_expires_at as string)
        // Counted from when the plugin saw the payment authorised: at or just after Avirato's moment.
        expect(recorded - vendorExpiry).toBeGreaterThanOrEqual(0)
        expect(recorded - vendorExpiry).toBeLessThan(60_000)
        expect(recorded - Date.parse(payment.data.authorized_at as string)).toBe(7 * DAY_MS)

        expect(await panel(orderId)).toMatchObject({
          expires_at: new Date(recorded).toISOString(),
          expiry_state: "ok",
          expiry_warning: null,
          can_extend: true,
          extend_key: `extend:${payment.id}:1`,
        })
        await setWarningDays(7)
        expect(await panel(orderId)).toMatchObject({
          expiry_state: "near",
          expiry_warning: expect.stringMatching(/^The Avirato pre-authorisation lapses at .+: capture or extend it before then\.$/),
        })
        await setWarningDays(undefined)

        // Six days on (the default lead is two days): one notification, however often the job runs.
        const container = getContainer()
        const sixDaysOn = new Date(Date.now() + 6 * DAY_MS)
        expect((await warnExpiringAuthorizations(container, { now: new Date(Date.now() + 4 * DAY_MS) })).notified).toEqual([])
        expect((await warnExpiringAuthorizations(container, { now: sixDaysOn })).notified).toEqual([payment.id])
        expect((await warnExpiringAuthorizations(container, { now: sixDaysOn })).notified).toEqual([])
        const warnings = (await feed()).filter((n) => n.data.title.startsWith("Authorization expiring"))
        expect(warnings).toHaveLength(1)
        expect(warnings[0].data.description).toContain(payment.id)
        expect((await readPaymentById(payment.id)).data.authorization_expiry_notified_for).toBe(new Date(recorded).toISOString())

        // A successful extension gives a new expiry, a week from when it was made.
        await api.post(`/admin/avirato/payments/${payment.id}/extend`, {}, { headers: shop.admin.headers })
        const extended = await waitFor(async () => {
          const current = await readPaymentById(payment.id)
          return current.data.extensions[0]?.status === "succeeded" ? current : undefined
        })
        expect(Date.parse(extended.data.authorization_expires_at as string)).toBe(Date.parse(extended.data.extensions[0].settled_at!) + 7 * DAY_MS)

        // Captured: nothing lapses, nothing is shown or notified.
        expect((await capture(payment.id)).status).toBe(200)
        expect(await panel(orderId)).toMatchObject({ expires_at: null, expiry_warning: null, can_extend: false })
        expect((await warnExpiringAuthorizations(container, { now: new Date(Date.now() + 8 * DAY_MS) })).notified).toEqual([])
      })

      it("two Extend clicks at once without a key extend once at Avirato", async () => {
        const { payment } = await preauthOrder()
        const click = () => api.post(`/admin/avirato/payments/${payment.id}/extend`, {}, { headers: shop.admin.headers, validateStatus: () => true })
        const answers = await Promise.all([click(), click()])
        expect(answers.map((a) => a.status)).toEqual([200, 200])
        expect(env.sandbox.journal.entries({ route: "avirato.test.payment.extend" })).toHaveLength(1)
        expect((await readPaymentById(payment.id)).data.extensions).toHaveLength(1)
      })

      it("cancelling an order refunds its Avirato capture with the order-cancellation reason, not the default", async () => {
        const { orderId, payment, paymentReference } = await preauthOrder()
        expect((await capture(payment.id)).status).toBe(200)
        const response = await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: shop.admin.headers })
        expect(response.status).toBe(200)
        const refunds = env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })
        expect(refunds.map((r) => r.body)).toEqual([{ webcode: "SHOP01", paymentReference, amount: { value: 5045, currency: "EUR" }, reason: "OTHER" }])
        const stored = await readPaymentById(payment.id)
        expect(stored.data).toMatchObject({ refund_plan: null, refunds: [expect.objectContaining({ reason: "OTHER", amount: 5045 })] })
      })

      it("cancelling an order with a refund reason sends that reason; a malformed one is a 400 naming the field", async () => {
        const { orderId, payment, paymentReference } = await preauthOrder()
        expect((await capture(payment.id)).status).toBe(200)
        const malformed = await api.post(`/admin/orders/${orderId}/cancel`, { refund_reason_id: "fraud" }, { headers: shop.admin.headers, validateStatus: () => true })
        expect(malformed.status).toBe(400)
        expect(JSON.stringify(malformed.data)).toContain("refund_reason_id")
        const { data: created } = await api.post("/admin/refund-reasons", { label: "Cancelled: fraud", code: "fraud" }, { headers: shop.admin.headers })
        const response = await api.post(`/admin/orders/${orderId}/cancel`, { refund_reason_id: created.refund_reason.id }, { headers: shop.admin.headers })
        expect(response.status).toBe(200)
        expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" }).map((r) => [(r.body as RefundBody).paymentReference, (r.body as RefundBody).reason])).toEqual([[paymentReference, "FRAUD"]])
      })

      it("a refund Avirato refuses during the order's cancellation is made after it, with the cancellation's reason", async () => {
        const { orderId, payment, paymentReference } = await preauthOrder()
        expect((await capture(payment.id)).status).toBe(200)
        env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "status", status: 422, times: 1 })
        const response = await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: shop.admin.headers })
        // Medusa's cancel logs the refused refund and cancels the order all the same.
        expect(response.status).toBe(200)
        expect(response.data.order.status).toBe("canceled")

        // Medusa writes its refund row before it calls the provider, and the provider's answer after:
        // the outcome is read once the attempt's count (written before the refund was sent) is removed.
        const refunded = await waitFor(async () => {
          const current = await readPaymentById(payment.id)
          return current.refunds?.length && !current.data[CANCELED_ORDER_REFUND_FAILURE_KEY] ? current : undefined
        })
        expect(refunded.refunds?.map((r) => Number(r.amount))).toEqual([50.45])
        expect(env.sandbox.avirato.payment(paymentReference)?.refundedAmount).toBe(5045)
        expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" }).map((r) => (r.body as RefundBody).reason)).toEqual(["OTHER", "OTHER"])
        expect(refunded.data.refund_plan).toBeNull()
        // Reported as made: nothing for the admin.
        expect((await feed()).filter((n) => n.data.description.includes(payment.id))).toEqual([])
        // The order's books: the capture, and the one refund Medusa's cancel booked when it tried.
        const { data: books } = await api.get(`/admin/orders/${orderId}?fields=id,*transactions`, { headers: shop.admin.headers })
        expect(books.order.transactions.map((t: { amount: number; reference: string }) => [t.reference, Number(t.amount)]).sort()).toEqual([["capture", 50.45], ["refund", -50.45]])
      })

      it("a refund Avirato refuses during the order's cancellation and once more after it reaches the admin, leaves no reason behind, and is made by the reconciliation job when due", async () => {
        const { orderId, payment, paymentReference } = await preauthOrder()
        expect((await capture(payment.id)).status).toBe(200)
        env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "status", status: 422, times: 2 })
        expect((await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: shop.admin.headers })).status).toBe(200)

        const alert = await waitFor(async () => (await feed()).find((n) => n.data.title.includes("captured payment of the cancelled order was not refunded")))
        expect(alert.data.description).toContain(payment.id)
        expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })).toHaveLength(2)
        expect(env.sandbox.avirato.payment(paymentReference)?.refundedAmount ?? 0).toBe(0)
        const stored = await waitFor(async () => {
          const current = await readPaymentById(payment.id)
          return current.data[CANCELED_ORDER_REFUND_FAILURE_KEY] ? current : undefined
        })
        expect(stored.refunds ?? []).toEqual([])
        expect(stored.data.refund_plan ?? null).toBeNull()
        expect(stored.data[CANCELED_ORDER_REFUND_FAILURE_KEY]).toMatchObject({ attempts: 1, last_error: expect.stringContaining("422") })
        // The order's payment panel shows the refund the job keeps trying, and when it tries again.
        const panel = async () => (await api.get(`/admin/avarda-avirato/orders/${orderId}/payments`, { headers: shop.admin.headers })).data.payments[0]
        const lastAttempt = Date.parse((stored.data[CANCELED_ORDER_REFUND_FAILURE_KEY] as { last_attempt_at: string }).last_attempt_at)
        expect((await panel()).after_cancellation).toEqual([
          expect.objectContaining({ kind: "refund_retrying", severity: "warning", attempts: 1, last_error: expect.stringContaining("422"), next_attempt_at: new Date(lastAttempt + 2 * 60_000).toISOString() }),
        ])

        // The job's page query (Postgres filters on the count in the payment's data) finds it once due.
        const container = getContainer()
        const retry = (minutesLater: number) => refundLeftoverCanceledOrderPayments(container, { ofProvider: isAviratoProviderId, now: new Date(Date.now() + minutesLater * 60_000) })
        expect(await retry(0)).toEqual({ refunded: [], failed: [] })
        expect(await retry(3)).toEqual({ refunded: [payment.id], failed: [] })
        const refunded = await readPaymentById(payment.id)
        expect(refunded.refunds?.map((r) => Number(r.amount))).toEqual([50.45])
        expect(env.sandbox.avirato.payment(paymentReference)?.refundedAmount).toBe(5045)
        expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" }).map((r) => (r.body as RefundBody).reason)).toEqual(["OTHER", "OTHER", "OTHER"])
        expect(refunded.data[CANCELED_ORDER_REFUND_FAILURE_KEY] ?? null).toBeNull()
        expect((await panel()).after_cancellation).toEqual([])
        expect(await retry(600)).toEqual({ refunded: [], failed: [] })
        expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" })).toHaveLength(3)
        // One notice for the admin, however many attempts.
        expect((await feed()).filter((n) => n.data.title.includes("captured payment of the cancelled order was not refunded") && n.data.description.includes(payment.id))).toHaveLength(1)
      })

      it("the admin refunds a cancelled order's payment the plugin could not refund: each refund is answered 200 (Medusa's route refunds, then answers 400), never beyond what was captured, with no second booking on the order", async () => {
        const { orderId, payment, paymentReference } = await preauthOrder()
        expect((await capture(payment.id)).status).toBe(200)
        env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "status", status: 422, times: 2 })
        expect((await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: shop.admin.headers })).status).toBe(200)
        await waitFor(async () => (await readPaymentById(payment.id)).data[CANCELED_ORDER_REFUND_FAILURE_KEY] || undefined)
        const panel = async () => (await api.get(`/admin/avarda-avirato/orders/${orderId}/payments`, { headers: shop.admin.headers })).data.payments[0]
        expect((await panel()).after_cancellation).toEqual([expect.objectContaining({ kind: "refund_retrying" })])

        const refund = (body: Record<string, unknown>) => api.post(`/admin/payments/${payment.id}/refund`, body, { headers: shop.admin.headers, validateStatus: () => true })
        // Medusa's authentication of /admin comes first: without a user nothing is refunded.
        expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, { validateStatus: () => true })).status).toBe(401)
        const part = await refund({ amount: 20, note: "by hand" })
        expect(part.status).toBe(200)
        expect(part.data.payment).toMatchObject({ id: payment.id, refunds: [expect.objectContaining({ amount: 20, note: "by hand" })] })
        expect((await panel()).after_cancellation).toEqual([expect.objectContaining({ kind: "refund_retrying" })])
        const rest = await refund({ amount: 30.45 })
        expect(rest.status).toBe(200)
        expect(rest.data.payment.refunds.map((r: { amount: number }) => Number(r.amount)).sort()).toEqual([20, 30.45])
        // Nothing is left: the plugin stops trying, and a further refund is refused before Avirato is asked.
        expect((await panel()).after_cancellation).toEqual([])
        const beyond = await refund({ amount: 1 })
        expect(beyond.status).toBe(400)
        expect(beyond.data.message).toContain("You are not allowed to refund more than the captured amount")
        const malformed = await refund({ amount: "all" })
        expect(malformed.status).toBe(400)
        expect(JSON.stringify(malformed.data)).toContain("amount")

        expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" }).map((r) => (r.body as RefundBody & { amount: { value: number } }).amount.value)).toEqual([5045, 5045, 2000, 3045])
        expect(env.sandbox.avirato.payment(paymentReference)?.refundedAmount).toBe(5045)
        const stored = await readPaymentById(payment.id)
        expect(stored.data[CANCELED_ORDER_REFUND_FAILURE_KEY] ?? null).toBeNull()
        expect(await refundLeftoverCanceledOrderPayments(getContainer(), { ofProvider: isAviratoProviderId, now: new Date(Date.now() + 600 * 60_000) })).toEqual({ refunded: [], failed: [] })
        // The order's books: the capture, and the one refund Medusa's cancel booked when it tried.
        const { data: books } = await api.get(`/admin/orders/${orderId}?fields=id,*transactions`, { headers: shop.admin.headers })
        expect(books.order.transactions.map((t: { amount: number; reference: string }) => [t.reference, Number(t.amount)]).sort()).toEqual([["capture", 50.45], ["refund", -50.45]])
      })

      it("a cancellation Medusa refuses leaves no reason behind for the next refund", async () => {
        const { orderId, payment } = await preauthOrder()
        expect((await capture(payment.id)).status).toBe(200)
        const { data } = await api.get(`/admin/orders/${orderId}?fields=*items`, { headers: shop.admin.headers })
        await api.post(`/admin/orders/${orderId}/fulfillments`, { items: [{ id: data.order.items[0].id, quantity: 1 }], location_id: shop.store.stockLocationId }, { headers: shop.admin.headers })
        const refused = await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: shop.admin.headers, validateStatus: () => true })
        expect(refused.status).toBe(400) // an open fulfillment must be cancelled first
        await waitFor(async () => (await readPaymentById(payment.id)).data.refund_plan == null)
        await api.post(`/admin/payments/${payment.id}/refund`, { amount: 1 }, { headers: shop.admin.headers })
        expect(env.sandbox.journal.entries({ route: "avirato.test.payment.refund" }).map((r) => (r.body as RefundBody).reason)).toEqual(["CUSTOMER REQUEST"])
      })
    })
  },
})
