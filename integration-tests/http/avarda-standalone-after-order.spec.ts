// After an Avarda Standalone Credit order, through Medusa's real admin API against the sandbox:
// PurchaseOrder per shipment with the shipped rows (partial deliveries), ReturnOrder for an itemised
// return, Refund for an amount, CancelPayment before any delivery, RefundRemaining when an order is
// cancelled after a partial delivery; TranIds are Medusa's ids; Avarda's error arrays reach the
// admin; faults (500, timeout, reset, malformed JSON) never double or lose a PurchaseOrder or refund: a
// PurchaseOrder without a readable answer stays a pending plan re-sent with its TranId (as on the
// Authorization API), a refund without one is recorded unconfirmed.
import type { AxiosInstance } from "axios"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileCreditPayments from "../../src/jobs/reconcile-credit-payments"
import { writePaymentData } from "../../src/operations/shared/write-payment-data"
import { useShop } from "../support/shop"
import { paymentView, shipItems, waitFor } from "../support/avarda"
import { placeStandaloneOrder, STANDALONE_PROVIDERS, STANDALONE_SWEDEN, startStandaloneTestEnv } from "../support/avarda-standalone"
import { useSandboxEnv } from "../support/sandbox-env"
import { itRunsNoScheduledJob, WITHOUT_SCHEDULED_JOBS } from "../support/no-scheduled-jobs"

jest.setTimeout(240_000)

const env = useSandboxEnv(() => startStandaloneTestEnv(WITHOUT_SCHEDULED_JOBS))

/** Admin: a return of `items`, requested and received (emits `order.return_received`). */
async function receiveReturn(api: AxiosInstance, headers: Record<string, string>, orderId: string, locationId: string, items: Array<{ id: string; quantity: number }>): Promise<string> {
  const { data } = await api.post("/admin/returns", { order_id: orderId, location_id: locationId }, { headers })
  const returnId: string = data.return.id
  await api.post(`/admin/returns/${returnId}/request-items`, { items }, { headers })
  await api.post(`/admin/returns/${returnId}/request`, {}, { headers })
  await api.post(`/admin/returns/${returnId}/receive`, {}, { headers })
  await api.post(`/admin/returns/${returnId}/receive-items`, { items }, { headers })
  await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, { headers })
  return returnId
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    itRunsNoScheduledJob()
    beforeEach(() => env.sandbox.reset())
    const shop = useShop(getContainer, [STANDALONE_SWEDEN], { perTest: true })

    const order = (quantity: number, extra: { providerId?: string; paymentTerms?: number } = {}) =>
      placeStandaloneOrder(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity, adminHeaders: shop.admin.headers, ...extra })

    const calls = (route: string) => env.sandbox.journal.entries({ route }).filter((e) => e.status === 200)
    const refund = (paymentId: string, amount: number) =>
      api.post(`/admin/payments/${paymentId}/refund`, { amount }, { headers: shop.admin.headers, validateStatus: () => true })

    it("capture on shipment: one PurchaseOrder per shipment with the shipped rows, the fulfillment id as TranId, the order number as reference", async () => {
      const placed = await order(3) // 3 × 499 + 49 = 1546 SEK
      const line = placed.items[0]!
      const first = await shipItems(api, shop.admin.headers, placed.orderId, [{ id: line.id, quantity: 1 }], "TRACK-1")
      await waitFor(async () => (await paymentView(api, shop.admin.headers, placed.paymentId)).data.captures?.length === 1, 15_000, "the first capture")
      const second = await shipItems(api, shop.admin.headers, placed.orderId, [{ id: line.id, quantity: 2 }])
      const view = await waitFor(async () => {
        const current = await paymentView(api, shop.admin.headers, placed.paymentId)
        return current.data.captures?.length === 2 && !!current.captured_at && current
      }, 15_000, "the second capture")
      expect(view.captures).toEqual([548, 998])
      expect(view.captured_at).not.toBeNull()

      expect(calls("avarda.checkout2.purchase-order").map((e) => e.body)).toEqual([
        {
          ExternalId: placed.purchaseId,
          OrderReference: String(placed.displayId),
          TranId: first,
          TrackingCode: "TRACK-1",
          Items: [
            { Description: "Wool socks M", Notes: "WOOL-SOCKS-1", Amount: 499, TaxCode: "25", TaxAmount: 99.8 },
            { Description: "Standard delivery", Amount: 49, TaxCode: "25", TaxAmount: 9.8 },
          ],
        },
        {
          ExternalId: placed.purchaseId,
          OrderReference: String(placed.displayId),
          TranId: second,
          Items: [{ Description: "2 x Wool socks M", Notes: "WOOL-SOCKS-1", Amount: 998, TaxCode: "25", TaxAmount: 199.6 }],
        },
      ])
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ invoiced: 1546, state: 2 })
      expect(view.data).toMatchObject({ purchase_id: placed.purchaseId, product: "invoice", captures: [{ tran_id: first, fulfillment_id: first }, { tran_id: second }] })
    })

    it("an itemised return is credited with ReturnOrder rows; another amount with Refund; Medusa's refund ids are the TranIds", async () => {
      const placed = await order(3)
      const line = placed.items[0]!
      await shipItems(api, shop.admin.headers, placed.orderId, [{ id: line.id, quantity: 3 }])
      await waitFor(async () => (await paymentView(api, shop.admin.headers, placed.paymentId)).data.captures?.length === 1, 15_000, "the capture")

      const returnId = await receiveReturn(api, shop.admin.headers, placed.orderId, shop.store.stockLocationId, [{ id: line.id, quantity: 1 }])
      await waitFor(async () => (await paymentView(api, shop.admin.headers, placed.paymentId)).data.return_plans?.length === 1, 15_000, "the return plan")
      expect((await refund(placed.paymentId, 499)).status).toBe(200)
      expect((await refund(placed.paymentId, 100)).status).toBe(200)

      const view = await paymentView(api, shop.admin.headers, placed.paymentId)
      const { data: { payment } } = await api.get(`/admin/payments/${placed.paymentId}?fields=*refunds`, { headers: shop.admin.headers })
      const refundIds = [...payment.refunds].sort((a: { created_at: string }, b: { created_at: string }) => a.created_at.localeCompare(b.created_at)).map((r: { id: string }) => r.id)
      expect(calls("avarda.checkout2.return-order").map((e) => e.body)).toEqual([
        { ExternalId: placed.purchaseId, OrderReference: String(placed.displayId), TranId: refundIds[0], Items: [{ Description: "Wool socks M", Notes: "WOOL-SOCKS-1", Amount: 499, TaxCode: "25", TaxAmount: 99.8 }] },
      ])
      expect(calls("avarda.checkout2.refund").map((e) => e.body)).toEqual([
        { ExternalId: placed.purchaseId, Amount: 100, OrderReference: String(placed.displayId), TranId: refundIds[1] },
      ])
      expect(view.data).toMatchObject({ return_plans: [], returns: [{ return_id: returnId, refund_id: refundIds[0], amount_minor: 49900 }], refunds: [{ refund_id: refundIds[1], amount_minor: 10000 }] })
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ invoiced: 1546, returned: 499, refunded: 100 })
    })

    it("order cancelled before any delivery: CancelPayment releases the reservation", async () => {
      const placed = await order(1)
      const cancel = await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(cancel.status).toBe(200)
      expect(calls("avarda.checkout2.cancel-payment").map((e) => e.body)).toEqual([{ ExternalId: placed.purchaseId, Reason: "Order canceled in Medusa" }])
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ cancelled: true, state: 8 })
      const view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(view.canceled_at).not.toBeNull()
      expect(view.data.cancellation).toMatchObject({ reason: "Order canceled in Medusa" })
    })

    it("order cancel Avarda answers with 500: the order-cancel subscriber's CancelPayment releases the reservation, once", async () => {
      const placed = await order(1)
      env.sandbox.faults.add({ route: "avarda.checkout2.cancel-payment", kind: "status", status: 500, times: 1 })
      const cancel = await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(cancel.status).toBe(200) // Medusa logs the failed payment cancel and cancels the order anyway
      const view = await waitFor(async () => {
        const current = await paymentView(api, shop.admin.headers, placed.paymentId)
        return current.canceled_at ? current : undefined
      }, 15_000, "the subscriber's cancel")
      expect(view.data.cancellation).toMatchObject({ reason: "Order canceled in Medusa" })
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ cancelled: true, state: 8 })
      expect(env.sandbox.journal.entries({ route: "avarda.checkout2.cancel-payment" }).map((e) => e.status)).toEqual([500, 200])

      await reconcileCreditPayments(getContainer()) // nothing left to do
      expect(env.sandbox.journal.entries({ route: "avarda.checkout2.cancel-payment" })).toHaveLength(2)
      expect((await paymentView(api, shop.admin.headers, placed.paymentId)).canceled_at).toBe(view.canceled_at)
    })

    it("order cancelled after a partial delivery: Medusa refunds the invoiced part, RefundRemaining releases the rest", async () => {
      const placed = await order(2) // 1047 SEK
      expect((await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 300 }, { headers: shop.admin.headers })).status).toBe(200)
      const cancel = await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(cancel.status).toBe(200)
      const view = await waitFor(async () => {
        const current = await paymentView(api, shop.admin.headers, placed.paymentId)
        return current.data.remainder_released && current
      }, 15_000, "RefundRemaining")
      const purchase = env.control.getStandalonePurchase(placed.purchaseId)!
      expect(purchase).toMatchObject({ invoiced: 300, refunded: 300, remainingReleased: 747 })
      expect(calls("avarda.checkout2.refund-remaining").map((e) => e.body)).toEqual([
        { ExternalId: placed.purchaseId, OrderReference: expect.any(String), TranId: placed.paymentId },
      ])
      expect(calls("avarda.checkout2.cancel-payment")).toEqual([])
      expect(view.data.remainder_released).toMatchObject({ amount_minor: 74700, tran_id: placed.paymentId })
    })

    it("a RefundRemaining that fails when the order is cancelled is released by the job: once, with the same TranId", async () => {
      const placed = await order(2) // 1047 SEK
      expect((await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 300 }, { headers: shop.admin.headers })).status).toBe(200)
      const faultId = env.sandbox.faults.add({ route: "avarda.checkout2.refund-remaining", kind: "status", status: 503 })
      expect((await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })).status).toBe(200)
      await waitFor(async () => env.sandbox.journal.entries({ route: "avarda.checkout2.refund-remaining" }).length > 0, 15_000, "the release at the cancel")
      await waitFor(async () => !!(await paymentView(api, shop.admin.headers, placed.paymentId)).data.remainder_release_failure, 15_000, "the failed release counted")
      const failed = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(failed.data.remainder_release_requested_at).toEqual(expect.any(String))
      expect(failed.data.remainder_release_failure).toMatchObject({ attempts: 1, last_error: expect.stringContaining("503") })
      expect(failed.data.remainder_released).toBeUndefined()
      expect(failed.canceled_at).toBeNull()
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ invoiced: 300, remainingReleased: 0 })

      env.sandbox.faults.remove(faultId)
      await reconcileCreditPayments(getContainer())
      const view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(view.data.remainder_released).toMatchObject({ amount_minor: 74700 })
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ invoiced: 300, remainingReleased: 747 })
      const released = calls("avarda.checkout2.refund-remaining")
      expect(released).toHaveLength(1)
      expect(new Set(env.sandbox.journal.entries({ route: "avarda.checkout2.refund-remaining" }).map((e) => (e.body as { TranId: string }).TranId)).size).toBe(1)

      await reconcileCreditPayments(getContainer()) // nothing left to do
      expect(calls("avarda.checkout2.refund-remaining")).toHaveLength(1)
    })

    it("a rest Avarda refuses, or that keeps failing for the whole reconciliation window, is recorded and reaches the admin once; nothing asks again", async () => {
      const paymentModule = getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)
      const releasesOf = (purchaseId: string) =>
        env.sandbox.journal.entries({ route: "avarda.checkout2.refund-remaining" }).filter((e) => (e.body as { ExternalId: string }).ExternalId === purchaseId)
      const alertsOf = async (orderId: string) => {
        const { data: { order: { display_id: displayId } } } = await api.get(`/admin/orders/${orderId}?fields=display_id`, { headers: shop.admin.headers })
        const { data } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
        return (data.notifications as Array<{ data: { title: string; description: string; payment_id?: string } }>).filter(
          (n) => n.data.title === `Order ${displayId}: undelivered rest not released at Avarda`
        )
      }

      // Refused at the cancel: recorded at once, the admin told, no retry.
      const refused = await order(2)
      expect((await api.post(`/admin/payments/${refused.paymentId}/capture`, { amount: 300 }, { headers: shop.admin.headers })).status).toBe(200)
      env.sandbox.faults.add({
        route: "avarda.checkout2.refund-remaining",
        kind: "status",
        status: 400,
        body: [{ ErrorCode: "10099", ErrorMessage: "The purchase cannot be changed." }],
        times: 1,
      })
      expect((await api.post(`/admin/orders/${refused.orderId}/cancel`, {}, { headers: shop.admin.headers })).status).toBe(200)
      const refusedView = await waitFor(async () => {
        const view = await paymentView(api, shop.admin.headers, refused.paymentId)
        return view.data.remainder_release_failed && view
      }, 15_000, "the refused release recorded")
      expect(refusedView.data.remainder_release_failed.reason).toMatch(/RefundRemaining \(TranId .+\) on purchase .+ was refused by Avarda: HTTP 400 – 10099 The purchase cannot be changed\./)
      expect(refusedView.data.remainder_released).toBeUndefined()
      expect(refusedView.canceled_at).toBeNull()
      const refusedAlerts = await alertsOf(refused.orderId)
      expect(refusedAlerts).toHaveLength(1)
      expect(refusedAlerts[0]!.data).toMatchObject({ payment_id: refused.paymentId, description: expect.stringContaining("747.00 SEK") })

      // Failing (503) at the cancel and at every try until the window closes.
      const failing = await order(2)
      expect((await api.post(`/admin/payments/${failing.paymentId}/capture`, { amount: 300 }, { headers: shop.admin.headers })).status).toBe(200)
      env.sandbox.faults.add({ route: "avarda.checkout2.refund-remaining", kind: "status", status: 503 })
      expect((await api.post(`/admin/orders/${failing.orderId}/cancel`, {}, { headers: shop.admin.headers })).status).toBe(200)
      await waitFor(async () => !!(await paymentView(api, shop.admin.headers, failing.paymentId)).data.remainder_release_requested_at, 15_000, "the release request")
      await waitFor(async () => releasesOf(failing.purchaseId).length > 0, 15_000, "the release at the cancel")
      expect((await paymentView(api, shop.admin.headers, failing.paymentId)).data.remainder_release_failed).toBeUndefined()
      expect(await alertsOf(failing.orderId)).toHaveLength(0)
      await writePaymentData(paymentModule, failing.paymentId, { remainder_release_requested_at: new Date(Date.now() - 25 * 3_600_000).toISOString() })
      const attempts = releasesOf(failing.purchaseId).length
      await reconcileCreditPayments(getContainer())
      const failingView = await paymentView(api, shop.admin.headers, failing.paymentId)
      expect(failingView.data.remainder_release_failed.reason).toBe("Avarda kept failing for 24 h")
      expect(releasesOf(failing.purchaseId)).toHaveLength(attempts)
      expect(await alertsOf(failing.orderId)).toHaveLength(1)

      // Neither is asked again, nor told twice; the job's walk is handed no payment at all by the
      // database, though this file leaves open Standalone payments (the two recorded among them).
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: open } = await query.graph({ entity: "payment", fields: ["id"], filters: { provider_id: Object.values(STANDALONE_PROVIDERS), canceled_at: null } })
      expect(open.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([refused.paymentId, failing.paymentId]))
      const graph = jest.spyOn(query, "graph")
      await reconcileCreditPayments(getContainer())
      const walks = graph.mock.calls.flatMap(([config], i) =>
        (config as { filters?: { data?: { remainder_release_requested_at?: unknown } } }).filters?.data?.remainder_release_requested_at ? [graph.mock.results[i]!.value] : []
      )
      // The re-sends of unconfirmed calls are handed only payments whose data mentions one.
      const resendWalks = graph.mock.calls.flatMap(([config], i) => ((config as { filters?: { $or?: unknown } }).filters?.$or ? [graph.mock.results[i]!.value] : []))
      graph.mockRestore()
      expect(walks).toHaveLength(1)
      expect((await walks[0]).data).toEqual([])
      expect(resendWalks.length).toBeGreaterThan(0)
      const resent = (await Promise.all(resendWalks)).flatMap((answer: { data: Array<{ id: string; data: unknown }> }) => answer.data)
      for (const row of resent) expect(JSON.stringify(row.data)).toContain('"unconfirmed"')
      expect(resent.map((row) => row.id)).not.toContain(refused.paymentId)
      expect(releasesOf(failing.purchaseId)).toHaveLength(attempts)
      expect(releasesOf(refused.purchaseId)).toHaveLength(1)
      expect(await alertsOf(refused.orderId)).toHaveLength(1)
      expect(await alertsOf(failing.orderId)).toHaveLength(1)
      expect(env.control.getStandalonePurchase(refused.purchaseId)).toMatchObject({ invoiced: 300, remainingReleased: 0 })
      expect(env.control.getStandalonePurchase(failing.purchaseId)).toMatchObject({ invoiced: 300, remainingReleased: 0 })
    })

    it("a rest recorded as not released is asked for again from the payment panel: refused again, unreachable (left to the job), then released once", async () => {
      const releasesOf = (purchaseId: string) =>
        env.sandbox.journal.entries({ route: "avarda.checkout2.refund-remaining" }).filter((e) => (e.body as { ExternalId: string }).ExternalId === purchaseId)
      const refusal = { route: "avarda.checkout2.refund-remaining", kind: "status" as const, status: 400, body: [{ ErrorCode: "10099", ErrorMessage: "The purchase cannot be changed." }], times: 1 }
      const placed = await order(2) // 1047 SEK
      expect((await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 300 }, { headers: shop.admin.headers })).status).toBe(200)
      env.sandbox.faults.add(refusal)
      expect((await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })).status).toBe(200)
      await waitFor(async () => !!(await paymentView(api, shop.admin.headers, placed.paymentId)).data.remainder_release_failed, 15_000, "the refused release recorded")
      const followUps = async () => {
        const { data } = await api.get(`/admin/avarda-avirato/orders/${placed.orderId}/payments`, { headers: shop.admin.headers })
        type FollowUp = { kind: string; attempts: number | null; last_error: string | null; action: { label: string; path: string } | null }
        return (data.payments as Array<{ id: string; after_cancellation: FollowUp[] }>).find((p) => p.id === placed.paymentId)!.after_cancellation
      }
      const [followUp] = await followUps()
      expect(followUp).toMatchObject({ kind: "remainder_not_released", action: { label: "Ask Avarda again", path: `/admin/avarda-avirato/payments/${placed.paymentId}/release-remainder` } })
      const askAgain = () => api.post(followUp!.action!.path, {}, { headers: shop.admin.headers, validateStatus: () => true })

      // Refused again: recorded again, the panel still offers it.
      env.sandbox.faults.add(refusal)
      const refused = await askAgain()
      expect(refused.status).toBe(200)
      expect(refused.data).toEqual({ outcome: "refused", reason: expect.stringContaining("10099 The purchase cannot be changed.") })
      expect(releasesOf(placed.purchaseId)).toHaveLength(2)
      expect((await followUps()).map((f) => f.kind)).toEqual(["remainder_not_released"])

      // Avarda unreachable: the release stays requested, no longer recorded as failed, and the job
      // releases it once Avarda answers.
      const outage = env.sandbox.faults.add({ route: "avarda.checkout2.refund-remaining", kind: "status", status: 503 })
      const unreachable = await askAgain()
      expect(unreachable.status).toBe(502)
      expect(unreachable.data.message).toMatch(/^Avarda could not release the rest now \(.+\); the release stays requested and the reconciliation job tries it again\.$/)
      const reopened = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(reopened.data.remainder_release_failed ?? null).toBeNull()
      expect(reopened.data.remainder_release_requested_at).toEqual(expect.any(String))
      expect(await followUps()).toEqual([expect.objectContaining({ kind: "release_retrying", attempts: 1, last_error: expect.stringContaining("503") })])
      env.sandbox.faults.remove(outage)
      await reconcileCreditPayments(getContainer())
      expect((await paymentView(api, shop.admin.headers, placed.paymentId)).data.remainder_released).toMatchObject({ amount_minor: 74700 })
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ invoiced: 300, remainingReleased: 747 })
      expect(await followUps()).toEqual([])
      // Every ask carried the payment's TranId; Avarda released once.
      expect(new Set(releasesOf(placed.purchaseId).map((e) => (e.body as { TranId: string }).TranId))).toEqual(new Set([placed.paymentId]))
      expect(releasesOf(placed.purchaseId).filter((e) => e.status === 200)).toHaveLength(1)

      // Nothing left to ask for.
      const again = await askAgain()
      expect(again.status).toBe(409)
      expect(again.data.message).toBe(`Payment ${placed.paymentId} has no undelivered rest recorded as not released at Avarda`)
      expect((await api.post(`/admin/avarda-avirato/payments/not-a-payment/release-remainder`, {}, { headers: shop.admin.headers, validateStatus: () => true })).status).toBe(400)
    })

    it("loan and direct invoice: their own EID methods; the loan sends the shopper's term", async () => {
      await order(1, { providerId: STANDALONE_PROVIDERS.loan, paymentTerms: 36 })
      await order(1, { providerId: STANDALONE_PROVIDERS.directInvoice })
      const loan = calls("avarda.checkout2.authorize.loan")[0]!
      expect(loan.path).toBe("/avarda/checkout2/CheckOut2Api/v2/AuthorizeLoanEID")
      expect(loan.body).toMatchObject({ PaymentTerms: 36, UserLanguageCode: "sv-SE" })
      expect(calls("avarda.checkout2.authorize.direct-invoice")[0]!.path).toBe("/avarda/checkout2/CheckOut2Api/v2/AuthorizeDirectInvoiceEID")
    })

    it("PurchaseOrder faults: a lost answer leaves the plan pending and the job re-sends its TranId, a 500 is retried by the job — invoiced exactly once", async () => {
      const placed = await order(2)
      const line = placed.items[0]!

      // Avarda invoices, the connection drops: Medusa records nothing, the plan stays pending as an unknown outcome.
      env.sandbox.faults.add({ route: "avarda.checkout2.purchase-order", kind: "after-processing", then: "reset", times: 1 })
      const first = await shipItems(api, shop.admin.headers, placed.orderId, [{ id: line.id, quantity: 1 }])
      const unknown = await waitFor(async () => {
        const view = await paymentView(api, shop.admin.headers, placed.paymentId)
        return view.data.pending_captures?.[0]?.outcome_unknown && view
      }, 15_000, "the unknown capture outcome")
      expect(unknown.captures).toEqual([])
      expect(unknown.data.captures ?? []).toEqual([])
      expect(unknown.data.pending_captures[0]).toMatchObject({ tran_id: first, attempts: 1 })
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ invoiced: 548 })

      // Avarda fails (500, nothing done): an ordinary failure, the plan stays pending too.
      env.sandbox.faults.add({ route: "avarda.checkout2.purchase-order", kind: "status", status: 500, times: 1 })
      const second = await shipItems(api, shop.admin.headers, placed.orderId, [{ id: line.id, quantity: 1 }])
      await waitFor(async () => (await paymentView(api, shop.admin.headers, placed.paymentId)).data.pending_captures?.find((p: { tran_id: string }) => p.tran_id === second)?.last_error, 15_000, "the failed attempt")
      const failed = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(failed.captures).toEqual([])
      expect(failed.data.pending_captures.find((p: { tran_id: string }) => p.tran_id === second)).not.toHaveProperty("outcome_unknown")

      await reconcileCreditPayments(getContainer())
      const view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect([...view.captures].sort()).toEqual([499, 548])
      expect(view.data.captures.map((c: { tran_id: string }) => c.tran_id).sort()).toEqual([first, second].sort())
      expect(view.data.captures.every((c: { unconfirmed?: unknown }) => c.unconfirmed === undefined)).toBe(true)
      expect(view.data.pending_captures ?? []).toEqual([])
      const orders = env.sandbox.journal.entries({ route: "avarda.checkout2.purchase-order" }).map((e) => (e.body as { TranId: string }).TranId)
      // Lost answer, Avarda's 500, then the job's run of both plans with their own TranIds.
      expect(orders.slice(0, 2)).toEqual([first, second])
      expect(orders.slice(2).sort()).toEqual([first, second].sort())
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ invoiced: 1047 })
    })

    it("refund faults: timeout, malformed and 5xx answers stand as unconfirmed and are re-sent with the same TranId; Avarda's refusal reaches the admin — refunded exactly once", async () => {
      const placed = await order(2)
      expect((await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, { headers: shop.admin.headers })).status).toBe(200)

      env.sandbox.faults.add({ route: "avarda.checkout2.refund", kind: "after-processing", then: "hang", times: 1 })
      expect((await refund(placed.paymentId, 100)).status).toBe(200)
      env.sandbox.faults.add({ route: "avarda.checkout2.refund", kind: "malformed", times: 1 })
      expect((await refund(placed.paymentId, 50)).status).toBe(200)
      // A server error may come after Avarda refunded: the same rule as a lost answer.
      env.sandbox.faults.add({ route: "avarda.checkout2.refund", kind: "status", status: 500, times: 1 })
      expect((await refund(placed.paymentId, 25)).status).toBe(200)
      let view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(view.data.refunds.map((r: { unconfirmed?: { attempts: number } }) => r.unconfirmed?.attempts)).toEqual([1, 1, 1])
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ refunded: 100 })

      env.sandbox.faults.add({
        route: "avarda.checkout2.refund",
        kind: "status",
        status: 400,
        body: [{ ErrorCode: "10013", ErrorMessage: "The amount exceeds the invoiced amount." }],
        times: 1,
      })
      const refused = await refund(placed.paymentId, 25)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/was refused by Avarda: HTTP 400 – 10013 The amount exceeds the invoiced amount\./)

      await reconcileCreditPayments(getContainer())
      view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(view.refunds).toEqual([100, 50, 25])
      expect(view.data.refunds.map((r: { unconfirmed?: unknown }) => r.unconfirmed ?? null)).toEqual([null, null, null])
      const tranIds = env.sandbox.journal.entries({ route: "avarda.checkout2.refund" }).map((e) => (e.body as { TranId: string }).TranId)
      expect(tranIds).toHaveLength(7) // 100 (lost answer) + 50 (malformed) + 25 (500) + 25 (refused) + 3 re-sends
      expect(new Set(tranIds).size).toBe(4)
      expect(env.control.getStandalonePurchase(placed.purchaseId)).toMatchObject({ refunded: 175 })
    })
  },
})
