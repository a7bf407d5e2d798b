// Injected vendor faults (500s, timeouts, connection resets, answers lost after the work was done,
// unreadable bodies) through Medusa's real HTTP API: retries reuse the Idempotency-Key, so there is
// never a second session, capture or refund at Avirato, and unknown outcomes are never guessed.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { ILockingModule, IPaymentModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { Knex } from "knex"
import aviratoReconcileSessions from "../../src/jobs/avirato-reconcile-sessions"
import { confirmAviratoRefunds } from "../../src/workflows/avirato/confirm-unconfirmed-refunds"
import { reconcilePendingAviratoSessions } from "../../src/operations/avirato/reconcile-pending-sessions"
import { reconcileAviratoVendorPaidSessions } from "../../src/operations/avirato/reconcile-vendor-paid-sessions"
import { paymentLockKey, withPaymentLock } from "../../src/operations/shared/payment-lock"
import { ORDER_CANCEL_FAILURE_KEY } from "../../src/operations/shared/canceled-order-retries"
import { cancelLeftoverCanceledOrderPayments } from "../../src/workflows/credit/cancel-canceled-order-payments"
import { isAviratoProviderId } from "../../src/providers/avirato/core/configured-providers"
import type { FaultSpec } from "../../src/sandbox"
import { createPaymentSession, prepareCart, SPANISH_ADDRESS, type PreparedCart } from "../support/checkout"
import { SPAIN } from "../support/store-fixtures"
import { useShop } from "../support/shop"
import {
  AVIRATO_PROVIDER_ID,
  followReturn,
  payOnHostedPage,
  settleAviratoWebhooks,
  startAviratoTestEnv,
  waitFor,
  type TestPaymentData,
} from "../support/avirato"
import { orderIdsOfCart } from "../support/queries"
import { completionStoppedAtAuthorization } from "../support/stopped-completion"
import { pollUntil, sleep } from "../support/wait-for"
import { useSandboxEnv } from "../support/sandbox-env"
import { itRunsNoScheduledJob, WITHOUT_SCHEDULED_JOBS } from "../support/no-scheduled-jobs"

jest.setTimeout(240_000)

// Client timeout 1.5 s per attempt, 3 attempts (medusa-config defaults for maxAttempts). No scheduled
// job runs in this app: the reconciliation re-sends refunds and cancels payments these tests count.
const env = useSandboxEnv(() => startAviratoTestEnv({ AVIRATO_CAPTURE_MODE: "preauth", AVIRATO_TIMEOUT_MS: "1500", ...WITHOUT_SCHEDULED_JOBS }))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const shop = useShop(getContainer, [{ ...SPAIN, paymentProviders: [AVIRATO_PROVIDER_ID] }])

    itRunsNoScheduledJob()

    beforeEach(() => env.sandbox.reset())
    afterEach(async () => {
      env.sandbox.faults.clear()
      await settleAviratoWebhooks(env.sandbox)
    })

    const spanishCart = (): Promise<PreparedCart> =>
      prepareCart(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Spain.id,
        variantId: shop.store.product.variantId,
        address: SPANISH_ADDRESS,
      })

    interface VendorState {
      sessions: unknown[]
      modifications: Array<{ type: string; amount: number | null; success: boolean }>
    }
    async function vendorState(): Promise<VendorState> {
      const response = await fetch(`${env.sandbox.origin}/__sandbox/state`)
      return ((await response.json()) as { simulators: { avirato: VendorState } }).simulators.avirato
    }

    const calls = (route: string) => env.sandbox.journal.entries({ route })

    async function paidOrder() {
      const cart = await spanishCart()
      const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
      const session = response.data.payment_collection.payment_sessions[0]
      const landing = await followReturn(await payOnHostedPage(session.data.payment_url))
      const orderId = landing.url.searchParams.get("order_id")!
      await env.sandbox.avirato.webhooksIdle()
      const { data } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, { headers: shop.admin.headers })
      const payment = data.order.payment_collections[0].payments[0] as { id: string; data: TestPaymentData }
      return { orderId, payment, paymentReference: payment.data.payment_reference as string }
    }

    it.each<[string, FaultSpec]>([
      ["a 500", { route: "avirato.test.session.create", kind: "status", status: 500, times: 2 }],
      ["a timeout (no answer)", { route: "avirato.test.session.create", kind: "hang", times: 1 }],
      ["a connection reset", { route: "avirato.test.session.create", kind: "reset", times: 1 }],
      ["an answer lost after Avirato created the session", { route: "avirato.test.session.create", kind: "after-processing", then: "reset", times: 1 }],
      ["a timeout after Avirato created the session", { route: "avirato.test.session.create", kind: "after-processing", then: "hang", times: 1 }],
      ["an unreadable 200", { route: "avirato.test.session.create", kind: "malformed", times: 1 }],
    ])("session creation survives %s with one Avirato session", async (_name, fault) => {
      env.sandbox.faults.add(fault)
      const cart = await spanishCart()
      const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
      expect(response.status).toBe(200)
      const session = response.data.payment_collection.payment_sessions[0]
      const attempts = calls("avirato.test.session.create")
      expect(attempts.length).toBeGreaterThanOrEqual(2)
      expect(new Set(attempts.map((a) => a.headers["idempotency-key"]))).toEqual(new Set([session.id]))
      expect((await vendorState()).sessions).toHaveLength(1)
      expect(session.data.avirato_session_id).toBe((env.sandbox.avirato.session(session.data.avirato_session_id) as { sessionId: string }).sessionId)
    })

    it("gives up after 3 attempts of a persistent 500: the storefront gets an error and no session exists", async () => {
      env.sandbox.faults.add({ route: "avirato.test.session.create", kind: "status", status: 503 })
      const cart = await spanishCart()
      const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.data.message).toContain("Avirato: could not create the payment session")
      expect(calls("avirato.test.session.create")).toHaveLength(3)
      expect((await vendorState()).sessions).toHaveLength(0)
      const { data } = await api.get(`/store/carts/${cart.cartId}?fields=*payment_collection.payment_sessions`, { headers: cart.headers })
      expect(data.cart.payment_collection.payment_sessions).toEqual([])
    })

    it("capture and refund survive lost answers and resets with exactly one capture and one refund each", async () => {
      const { payment, paymentReference } = await paidOrder()
      env.sandbox.faults.add({ route: "avirato.test.payment.capture", kind: "after-processing", then: "hang", times: 1 })
      expect((await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: shop.admin.headers })).status).toBe(200)
      const captureCalls = calls("avirato.test.payment.capture")
      expect(captureCalls).toHaveLength(2)
      expect(new Set(captureCalls.map((c) => c.headers["idempotency-key"])).size).toBe(1)

      env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "after-processing", then: "reset", times: 1 })
      env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "status", status: 500, times: 1 })
      expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10 }, { headers: shop.admin.headers })).status).toBe(200)
      expect(calls("avirato.test.payment.refund")).toHaveLength(3)

      const state = await vendorState()
      expect(state.modifications.map((m) => [m.type, m.amount, m.success])).toEqual([
        ["capture", 5045, true],
        ["refund", 1000, true],
      ])
      expect(env.sandbox.avirato.payment(paymentReference)).toMatchObject({ capturedAmount: 5045, refundedAmount: 1000 })
    })

    describe("a capture whose every answer was lost, made again before Avirato's webhook of it came", () => {
      const feedTitles = async () => {
        const { data } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
        return data.notifications as Array<{ data: { title: string; description: string } }>
      }

      /** Captures 20 EUR with every answer lost, then `retried` EUR; Avirato's webhooks of both come after, in the order they happened. */
      async function captureLostThenRetried(retried: number) {
        const { payment, paymentReference } = await paidOrder()
        env.sandbox.avirato.holdWebhooks()
        env.sandbox.faults.add({ route: "avirato.test.payment.capture", kind: "after-processing", then: "reset" })
        const lost = await api.post(`/admin/payments/${payment.id}/capture`, { amount: 20 }, { headers: shop.admin.headers, validateStatus: () => true })
        expect(lost.status).toBeGreaterThanOrEqual(400)
        env.sandbox.faults.clear()
        expect(env.sandbox.avirato.payment(paymentReference)).toMatchObject({ capturedAmount: 2000 })

        expect((await api.post(`/admin/payments/${payment.id}/capture`, { amount: retried }, { headers: shop.admin.headers })).status).toBe(200)
        await env.sandbox.avirato.releaseWebhooks("original")
        await settleAviratoWebhooks(env.sandbox)
        // Both webhooks processed: each outcome is logged on the payment (the lost attempt's after waiting for a record of it).
        const paymentModule = getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)
        await waitFor(async () => {
          const stored = (await paymentModule.retrievePayment(payment.id, { select: ["id", "metadata"] })) as unknown as { metadata?: { avirato_outcomes?: Array<{ history: string }> } | null }
          const outcomes = (stored.metadata?.avirato_outcomes ?? []).filter((outcome) => outcome.history === "captures")
          return outcomes.length === 2 || undefined
        })
        // The retry's refusal ("already captured") is booked as its success: Medusa records the retry's amount.
        await waitFor(async () => (await feedTitles()).some((n) => n.data.title.startsWith("Avirato capture already made")) || undefined)
        expect((await paymentModule.retrievePayment(payment.id, { select: ["id", "data"] })).data?.captures).toEqual([
          expect.objectContaining({ amount: retried * 100, status: "succeeded" }),
        ])
        expect(env.sandbox.avirato.payment(paymentReference)).toMatchObject({ capturedAmount: 2000 })
        expect((await vendorState()).modifications.filter((m) => m.type === "capture").map((m) => [m.amount, m.success])).toEqual([
          [2000, true],
          [retried * 100, false],
        ])
        return payment
      }
      const mismatchAlerts = async () => (await feedTitles()).filter((n) => n.data.title.startsWith("Avirato captured another amount than Medusa recorded"))

      it("for another amount: the admin is told Avirato took the lost attempt's amount, not the one Medusa records", async () => {
        const payment = await captureLostThenRetried(30)
        const mismatch = await waitFor(async () => ((await mismatchAlerts()).length ? mismatchAlerts() : undefined))
        expect(mismatch).toHaveLength(1)
        expect(mismatch[0].data.description).toContain("20.00 EUR")
        expect(mismatch[0].data.description).toContain(`payment ${payment.id} records a capture of 30.00 EUR`)
      })

      it("for the same amount: nothing to correct, no such alert", async () => {
        await captureLostThenRetried(20)
        // The lost attempt's webhook was logged; what follows it (the comparison) is given time to alert.
        await sleep(1500)
        expect(await mismatchAlerts()).toEqual([])
      })
    })

    it("a refund whose outcome stays unknown stands as unconfirmed, never a second refund; the job re-sends its key once Avirato answers", async () => {
      const { orderId, payment, paymentReference } = await paidOrder()
      await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: shop.admin.headers })
      const faultId = env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "hang" })
      const refund = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10 }, { headers: shop.admin.headers })
      expect(refund.status).toBe(200)
      expect(calls("avirato.test.payment.refund")).toHaveLength(3)
      expect((await vendorState()).modifications.filter((m) => m.type === "refund")).toHaveLength(0)
      const read = async () => (await api.get(`/admin/payments/${payment.id}?fields=*refunds,data`, { headers: shop.admin.headers })).data.payment
      const unconfirmed = await read()
      expect(unconfirmed.refunds.map((r: { amount: number }) => r.amount)).toEqual([10])
      expect(unconfirmed.data.refunds).toEqual([expect.objectContaining({ amount: 1000, status: "requested", unconfirmed: expect.objectContaining({ attempts: 1 }) })])
      // The order's payment panel says so until Avirato answers.
      const panel = async () => (await api.get(`/admin/avarda-avirato/orders/${orderId}/payments`, { headers: shop.admin.headers })).data.payments[0]
      expect((await panel()).unconfirmed_calls).toEqual([expect.objectContaining({ operation: "refund", amount: 10, attempts: 1, refused: false })])

      // Avirato turns the API key away (a rotated key): the re-send is counted, not a refusal, and the admin is told once.
      env.sandbox.faults.remove(faultId)
      const keyRefused = env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "status", status: 403 })
      for (let run = 0; run < 2; run++) {
        const report = await confirmAviratoRefunds(getContainer())
        expect(report).toMatchObject({ confirmed: [], refused: [], credentialsRefused: [{ providerId: AVIRATO_PROVIDER_ID, error: expect.stringContaining("HTTP 403") }] })
      }
      expect((await panel()).unconfirmed_calls).toEqual([expect.objectContaining({ operation: "refund", amount: 10, attempts: 3, refused: false })])
      const { data: feed } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
      const titles = (feed.notifications as Array<{ data: { title?: string } }>).map((n) => n.data.title)
      expect(titles.filter((title) => title === `Avirato turned away the credentials of ${AVIRATO_PROVIDER_ID}`)).toHaveLength(1)
      env.sandbox.faults.remove(keyRefused)

      await aviratoReconcileSessions(getContainer())
      await aviratoReconcileSessions(getContainer())
      const keys = new Set(calls("avirato.test.payment.refund").map((c) => c.headers["idempotency-key"]))
      expect(keys.size).toBe(1)
      expect(env.sandbox.avirato.payment(paymentReference)).toMatchObject({ refundedAmount: 1000 })
      await waitFor(async () => (await read()).data.refunds[0]?.status === "succeeded")
      expect((await vendorState()).modifications.filter((m) => m.type === "refund")).toHaveLength(1)
      expect((await panel()).unconfirmed_calls).toEqual([])
    })

    it("a refund Avirato made whose every answer was lost: its REFUND webhook waits for the refund Medusa recorded as unconfirmed (no alert of an unknown refund), and the job's re-send books it", async () => {
      const { payment, paymentReference } = await paidOrder()
      await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: shop.admin.headers })
      env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "after-processing", then: "hang" })
      expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10 }, { headers: shop.admin.headers })).status).toBe(200)
      env.sandbox.faults.clear()
      expect(env.sandbox.avirato.payment(paymentReference)).toMatchObject({ refundedAmount: 1000 })
      expect((await vendorState()).modifications.filter((m) => m.type === "refund")).toHaveLength(1)

      const paymentModule = getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)
      const stored = async () => (await paymentModule.retrievePayment(payment.id, { select: ["id", "data", "metadata"] })) as unknown as { data: TestPaymentData; metadata?: { avirato_outcomes?: Array<{ history: string }> } | null }
      expect((await stored()).data.refunds).toEqual([expect.objectContaining({ amount: 1000, unconfirmed: expect.objectContaining({ attempts: 1 }) })])
      expect((await stored()).data.refunds[0]!.reference).toBeUndefined()
      // The webhook is processed: kept in the payment's outcome log, its refund not known yet.
      await waitFor(async () => ((await stored()).metadata?.avirato_outcomes ?? []).some((outcome) => outcome.history === "refunds") || undefined)

      await confirmAviratoRefunds(getContainer())
      await waitFor(async () => (await stored()).data.refunds[0]?.status === "succeeded" || undefined)
      expect((await stored()).data.refunds[0]!.reference).toEqual(expect.any(String))
      const { data: feed } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
      expect((feed.notifications as Array<{ data: { title?: string } }>).filter((n) => n.data.title?.startsWith("Avirato refund Medusa has no record of"))).toEqual([])
    })

    it("an order cancel whose every answer was lost: Avirato's CANCELLATION raises no alert of an unknown cancellation (the order is cancelled), and the reconciliation's repeat with the same key books it", async () => {
      const { orderId, payment, paymentReference } = await paidOrder()
      env.sandbox.avirato.holdWebhooks()
      const lost = env.sandbox.faults.add({ route: "avirato.test.payment.cancel", kind: "after-processing", then: "reset" })
      expect((await api.post(`/admin/orders/${orderId}/cancel`, {}, { headers: shop.admin.headers })).status).toBe(200)
      expect(env.sandbox.avirato.payment(paymentReference)).toMatchObject({ cancelled: true })

      const paymentModule = getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)
      type StoredPayment = { canceled_at: Date | null; data: TestPaymentData & Record<string, unknown>; metadata?: { avirato_outcomes?: Array<{ history: string }> } | null }
      const stored = async () => (await paymentModule.retrievePayment(payment.id, { select: ["id", "data", "metadata", "canceled_at"] })) as unknown as StoredPayment
      // The order-cancel subscriber's own attempt after Medusa's meets the same fault and is counted.
      const failedCancels = async () => ((await stored()).data[ORDER_CANCEL_FAILURE_KEY] as { attempts?: number } | undefined)?.attempts ?? 0
      await waitFor(async () => (await failedCancels()) >= 1 || undefined)
      expect((await stored()).canceled_at).toBeNull()

      await env.sandbox.avirato.releaseWebhooks()
      await waitFor(async () => ((await stored()).metadata?.avirato_outcomes ?? []).some((outcome) => outcome.history === "cancellations") || undefined)
      const { data: feed } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
      expect((feed.notifications as Array<{ data: { title?: string } }>).filter((n) => n.data.title?.startsWith("Avirato cancellation Medusa has no record of"))).toEqual([])

      env.sandbox.faults.remove(lost)
      await cancelLeftoverCanceledOrderPayments(getContainer(), { ofProvider: isAviratoProviderId })
      const cancelled = await stored()
      expect(cancelled.canceled_at).toBeTruthy()
      expect(cancelled.data.cancellations).toEqual([expect.objectContaining({ idempotency_key: payment.id, reference: expect.any(String), status: "succeeded" })])
      expect((await vendorState()).modifications.filter((m) => m.type === "cancel")).toHaveLength(1)
      expect(new Set(calls("avirato.test.payment.cancel").map((c) => c.headers["idempotency-key"]))).toEqual(new Set([payment.id]))
    })

    it("re-sent refunds wait for the payment's lock; answers that cannot be recorded leave the lock free and are re-sent with the same key by the next run", async () => {
      const container = getContainer()
      const { payment, paymentReference } = await paidOrder()
      const read = async () => (await api.get(`/admin/payments/${payment.id}?fields=data`, { headers: shop.admin.headers })).data.payment
      await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: shop.admin.headers })
      // The capture's webhook is booked on the payment (a write of its own) before the write below is made to fail.
      await waitFor(async () => (await read()).data.captures?.[0]?.status === "succeeded")
      const faultId = env.sandbox.faults.add({ route: "avirato.test.payment.refund", kind: "hang" })
      expect((await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10 }, { headers: shop.admin.headers })).status).toBe(200)
      env.sandbox.faults.remove(faultId)
      const key = (await read()).data.refunds[0].idempotency_key as string
      // Only this test's runs write the payment from here on: the refund's webhook waits in the sandbox.
      env.sandbox.avirato.holdWebhooks()
      const sentBefore = calls("avirato.test.payment.refund").length

      // Someone else (a webhook booking, an admin refund) holds the payment's lock.
      let releaseHolder: (() => void) | undefined
      const holding = withPaymentLock(container, payment.id, () => new Promise<void>((resolve) => (releaseHolder = resolve)))
      await pollUntil(async () => releaseHolder !== undefined)
      const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
      const write = jest.spyOn(paymentModule, "updatePayment").mockRejectedValueOnce(new Error("the database went away"))
      try {
        const run = confirmAviratoRefunds(container)
        await sleep(1500)
        expect(calls("avirato.test.payment.refund")).toHaveLength(sentBefore)
        releaseHolder!()
        await holding
        const report = await run
        expect(report.notRecorded).toEqual([{ paymentId: payment.id, error: expect.stringContaining("the database went away") }])
        expect(report.confirmed).toEqual([])
        expect(write).toHaveBeenCalledTimes(1)
      } finally {
        write.mockRestore()
      }
      // Avirato made the refund; Medusa's record of it is as before, and the lock is free at once.
      expect(calls("avirato.test.payment.refund")).toHaveLength(sentBefore + 1)
      expect(env.sandbox.avirato.payment(paymentReference)).toMatchObject({ refundedAmount: 1000 })
      expect((await read()).data.refunds).toEqual([expect.objectContaining({ idempotency_key: key, unconfirmed: expect.objectContaining({ attempts: 1 }) })])
      const locking = container.resolve<ILockingModule>(Modules.LOCKING)
      await locking.acquire(paymentLockKey(payment.id), { ownerId: "test", expire: 5 })
      await locking.release(paymentLockKey(payment.id), { ownerId: "test" })

      const next = await confirmAviratoRefunds(container)
      expect(next).toEqual({ confirmed: [`${payment.id}:${key}`], refused: [], stillUnknown: 0, notRecorded: [], credentialsRefused: [] })
      expect(new Set(calls("avirato.test.payment.refund").map((c) => c.headers["idempotency-key"]))).toEqual(new Set([key]))
      expect((await vendorState()).modifications.filter((m) => m.type === "refund")).toHaveLength(1)
      expect((await read()).data.refunds).toEqual([expect.objectContaining({ idempotency_key: key, reference: expect.any(String) })])
      expect((await read()).data.refunds[0].unconfirmed).toBeUndefined()
      await env.sandbox.avirato.releaseWebhooks()
      await waitFor(async () => (await read()).data.refunds[0]?.status === "succeeded")
    })

    describe("an order whose completion stopped before authorizing the payment", () => {
      type OrderPayment = { id: string; data: TestPaymentData; canceled_at: string | null }

      /**
       * A cart paid on Avirato's hosted page whose completion stops where Medusa authorizes the
       * session (as if its process died there): the order exists, linked to the cart and its payment
       * collection, the cart is completed, and no payment records the money. `resumeStopped` lets
       * that completion go on.
       */
      async function paidCartWithAStoppedCompletion() {
        const container = getContainer()
        const cart = await spanishCart()
        const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
        const location = await payOnHostedPage(response.data.payment_collection.payment_sessions[0].data.payment_url)
        const stopped = await completionStoppedAtAuthorization(container, cart.cartId)
        const orderId = stopped.orderId
        const orderPayments = async (): Promise<OrderPayment[]> => {
          const { data } = await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, { headers: shop.admin.headers })
          return data.order.payment_collections[0].payments
        }
        expect(await orderPayments()).toEqual([])
        return {
          location,
          orderId,
          orderPayments,
          releaseCartLock: stopped.releaseCartLock,
          resumeStopped: stopped.resume,
        }
      }

      /** The one payment the order holds is Avirato's; the stopped completion, resumed, adds none and cancels nothing. */
      async function expectOneAviratoPayment(stopped: Awaited<ReturnType<typeof paidCartWithAStoppedCompletion>>, payments: OrderPayment[]) {
        const [payment, ...more] = payments
        expect(more).toEqual([])
        expect(payment).toMatchObject({ canceled_at: null, data: { payment_reference: expect.any(String) } })
        await stopped.resumeStopped()
        expect((await stopped.orderPayments()).map((p) => p.id)).toEqual([payment.id])
        expect((await vendorState()).modifications.filter((m) => m.type === "cancel")).toEqual([])
      }

      it("gets that payment at the shopper's return, once", async () => {
        env.sandbox.avirato.disableWebhooks()
        const stopped = await paidCartWithAStoppedCompletion()
        await stopped.releaseCartLock()

        const landing = await followReturn(stopped.location)
        expect(landing.url.searchParams.get("order_id")).toBe(stopped.orderId)
        await expectOneAviratoPayment(stopped, await stopped.orderPayments())
      })

      it("gets that payment from Avirato's webhook, once", async () => {
        env.sandbox.avirato.holdWebhooks()
        const stopped = await paidCartWithAStoppedCompletion() // the shopper never comes back from the hosted page

        // The plugin's handling of the webhook (Medusa's generic handling leaves it alone) records it.
        await stopped.releaseCartLock()
        await env.sandbox.avirato.releaseWebhooks()
        const payments = await waitFor(async () => {
          const found = await stopped.orderPayments()
          return found.length ? found : undefined
        })
        await expectOneAviratoPayment(stopped, payments)
      })

      it("gets that payment from the reconciliation job, once (webhook and return both missed)", async () => {
        env.sandbox.avirato.disableWebhooks()
        const stopped = await paidCartWithAStoppedCompletion()
        await stopped.releaseCartLock()

        const report = await reconcilePendingAviratoSessions(getContainer(), { minAgeMs: 0 })
        expect(report.completed).toContainEqual({ sessionId: expect.stringMatching(/^payses_/), orderId: stopped.orderId })
        expect(report.failed).toEqual([])
        await expectOneAviratoPayment(stopped, await stopped.orderPayments())
        // Done: the next run leaves the session alone.
        const again = await reconcilePendingAviratoSessions(getContainer(), { minAgeMs: 0 })
        expect(again.completed.filter((c) => c.orderId === stopped.orderId)).toEqual([])
      })
      it("is not given back by the reconciliation from Avirato's list of paid sessions, however long ago the cart was completed: the pending job records it", async () => {
        env.sandbox.avirato.disableWebhooks()
        const stopped = await paidCartWithAStoppedCompletion()
        // The stopped completion marked the cart completed ten minutes ago.
        const knex = getContainer().resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
        const { data: [order] } = await getContainer().resolve("query").graph({ entity: "order", fields: ["id", "cart.id"], filters: { id: stopped.orderId } })
        await knex("cart").where({ id: (order as { cart: { id: string } }).cart.id }).update({ completed_at: new Date(Date.now() - 10 * 60_000) })

        const fromAvirato = await reconcileAviratoVendorPaidSessions(getContainer())
        expect(fromAvirato).toMatchObject({ voided: [], refunded: [], failed: [] })
        expect(fromAvirato.listed).toBeGreaterThanOrEqual(1) // this cart's paid session among them
        expect((await vendorState()).modifications).toEqual([])

        await stopped.releaseCartLock()
        const report = await reconcilePendingAviratoSessions(getContainer(), { minAgeMs: 0 })
        expect(report.completed).toContainEqual({ sessionId: expect.stringMatching(/^payses_/), orderId: stopped.orderId })
        await expectOneAviratoPayment(stopped, await stopped.orderPayments())
      })
    })

    it("Avirato unreachable during the return: no order from the redirect, the webhook completes it later", async () => {
      env.sandbox.avirato.holdWebhooks()
      const cart = await spanishCart()
      const response = await createPaymentSession(api, cart, AVIRATO_PROVIDER_ID)
      const session = response.data.payment_collection.payment_sessions[0]
      const location = await payOnHostedPage(session.data.payment_url)

      env.sandbox.faults.add({ route: "avirato.test.session.get", kind: "status", status: 502 })
      const landing = await followReturn(location)
      expect(landing.url.searchParams.get("reason")).toBe("temporarily_unavailable")
      expect(landing.url.searchParams.get("cart_id")).toBe(cart.cartId)
      env.sandbox.faults.clear()

      await env.sandbox.avirato.releaseWebhooks()
      await waitFor(async () => (await orderIdsOfCart(getContainer(), cart.cartId))[0])
    })
  },
})
