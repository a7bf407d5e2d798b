// After an Avarda order, through Medusa's real admin API against the sandbox: capture on shipment
// (two shipments = two partial captures adding up to the order), waiting for Avarda's back office,
// admin captures (all, or an amount), partial and repeated refunds, cancellation before any capture,
// and an order cancelled after a partial capture recorded for the admin instead of pretending.
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import reconcileCreditPayments from "../../src/jobs/reconcile-credit-payments"
import { AVARDA_REMAINDER_METADATA_KEY } from "../../src/workflows/avarda/record-uncaptured-remainders"
import { useShop } from "../support/shop"
import { AVARDA_SWEDEN, paymentView, placeAvardaOrder, shipItems, startAvardaTestEnv, waitFor } from "../support/avarda"
import { useSandboxEnv } from "../support/sandbox-env"
import { itRunsNoScheduledJob, WITHOUT_SCHEDULED_JOBS } from "../support/no-scheduled-jobs"

jest.setTimeout(240_000)

const env = useSandboxEnv(() => startAvardaTestEnv(WITHOUT_SCHEDULED_JOBS))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    itRunsNoScheduledJob()
    beforeEach(() => env.sandbox.reset())
    const shop = useShop(getContainer, [AVARDA_SWEDEN], { perTest: true })

    const order = (quantity: number) =>
      placeAvardaOrder(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity, adminHeaders: shop.admin.headers })

    const sandboxAuthorization = (paymentData: Record<string, any>) => env.control.getAuthorization(paymentData.authorization_id)!

    it("captures on shipment: the first shipment with shipping, the second with the rest — two captures adding up to the order", async () => {
      const placed = await order(3) // 3 × 499 + 49 = 1546 SEK
      expect(placed.total).toBe(1546)
      const line = placed.items[0]!

      const first = await shipItems(api, shop.admin.headers, placed.orderId, [{ id: line.id, quantity: 1 }], "TRACK-1")
      const afterFirst = await waitFor(async () => {
        const view = await paymentView(api, shop.admin.headers, placed.paymentId)
        return view.captures.length === 1 && view
      }, 15_000, "the first capture")
      expect(afterFirst.captures).toEqual([548])
      expect(afterFirst.captured_at).toBeNull()

      const second = await shipItems(api, shop.admin.headers, placed.orderId, [{ id: line.id, quantity: 2 }])
      // Medusa writes the capture row before it calls the provider, and captured_at after: wait for both.
      const afterSecond = await waitFor(async () => {
        const view = await paymentView(api, shop.admin.headers, placed.paymentId)
        return view.captures.length === 2 && !!view.captured_at && view
      }, 15_000, "the second capture")
      expect(afterSecond.captures).toEqual([548, 998])
      expect(afterSecond.captured_at).not.toBeNull()

      // Avarda got exactly the shipped rows, with the shipment as tranId and the order number as reference.
      const orders = env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.order" && e.status === 200)
      expect(orders.map((e) => e.body)).toEqual([
        {
          items: [
            { description: "Wool socks M", notes: "WOOL-SOCKS-1", amount: 499, taxCode: "25", taxAmount: 99.8, quantity: 1 },
            { description: "Standard delivery", amount: 49, taxCode: "25", taxAmount: 9.8, quantity: 1 },
          ],
          orderReference: String(placed.displayId),
          tranId: first,
          posId: "0",
          trackingCode: "TRACK-1",
        },
        {
          items: [{ description: "2 x Wool socks M", notes: "WOOL-SOCKS-1", amount: 998, taxCode: "25", taxAmount: 199.6, quantity: 1 }],
          orderReference: String(placed.displayId),
          tranId: second,
          posId: "0",
        },
      ])
      expect(sandboxAuthorization(afterSecond.data)).toMatchObject({ captured: 1546 })
      expect(afterSecond.data.captures.map((c: any) => [c.fulfillment_id, c.amount_minor, c.tran_id])).toEqual([
        [first, 54800, first],
        [second, 99800, second],
      ])
      expect(afterSecond.data.pending_captures).toEqual([])
    })

    it("waits for Avarda's back office: the shipment succeeds, the capture is made later by the job, once", async () => {
      const placed = await order(1)
      const authorizationId = (await paymentView(api, shop.admin.headers, placed.paymentId)).data.authorization_id
      env.control.setInBackOffice(authorizationId, false)
      const fulfillmentId = await shipItems(api, shop.admin.headers, placed.orderId, [{ id: placed.items[0]!.id, quantity: 1 }])
      const waiting = await waitFor(async () => {
        const view = await paymentView(api, shop.admin.headers, placed.paymentId)
        return view.data.pending_captures?.[0]?.attempts === 1 && view
      }, 15_000, "a postponed capture")
      expect(waiting.captures).toEqual([])
      expect(waiting.data.pending_captures[0]).toMatchObject({ fulfillment_id: fulfillmentId, amount_minor: 54800, last_error: expect.stringMatching(/inBackOffice is false/) })
      const { data: { order: shipped } } = await api.get(`/admin/orders/${placed.orderId}?fields=fulfillments.shipped_at`, { headers: shop.admin.headers })
      expect(shipped.fulfillments[0].shipped_at).toBeTruthy()

      await reconcileCreditPayments(getContainer()) // still not ready: stays pending
      expect((await paymentView(api, shop.admin.headers, placed.paymentId)).data.pending_captures[0].attempts).toBe(2)

      env.control.setInBackOffice(authorizationId, true)
      await reconcileCreditPayments(getContainer())
      await reconcileCreditPayments(getContainer())
      const done = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(done.captures).toEqual([548])
      expect(done.captured_at).not.toBeNull()
      expect(done.data.pending_captures).toEqual([])
      expect(env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.order" && e.status === 200)).toHaveLength(1)
    })

    it("admin capture: an amount (rows per VAT rate), then the rest; refunds partial and repeated", async () => {
      const placed = await order(2) // 1047 SEK
      const partial = await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 300 }, { headers: shop.admin.headers })
      expect(partial.status).toBe(200)
      // Medusa's route without an amount means the whole payment, so the rest is asked for explicitly (as the dashboard does).
      const rest = await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 747 }, { headers: shop.admin.headers })
      expect(rest.status).toBe(200)
      const captured = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(captured.captures).toEqual([300, 747])
      expect(captured.captured_at).not.toBeNull()
      const orders = env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.order" && e.status === 200)
      expect(orders.map((e) => (e.body as any).items)).toEqual([
        [{ description: "Delivery", amount: 300, taxCode: "25", taxAmount: 60, quantity: 1 }],
        [{ description: "Delivery", amount: 747, taxCode: "25", taxAmount: 149.4, quantity: 1 }],
      ])
      expect(new Set(orders.map((e) => (e.body as any).tranId)).size).toBe(2)

      await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount: 100 }, { headers: shop.admin.headers })
      await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount: 150.5 }, { headers: shop.admin.headers })
      const refunded = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(refunded.refunds).toEqual([100, 150.5])
      expect(refunded.data.returns.map((r: any) => r.amount_minor)).toEqual([10000, 15050])
      expect(sandboxAuthorization(refunded.data)).toMatchObject({ captured: 1047, returned: 250.5 })
      const returns = env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.return" && e.status === 200)
      expect(returns.map((e) => (e.body as any).items)).toEqual([
        [{ description: "Refund", amount: 100, taxCode: "25", taxAmount: 20, quantity: 1 }],
        [{ description: "Refund", amount: 150.5, taxCode: "25", taxAmount: 30.1, quantity: 1 }],
      ])
      // Medusa refuses refunding more than captured before Avarda is asked.
      const tooMuch = await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount: 900 }, { headers: shop.admin.headers, validateStatus: () => true })
      expect(tooMuch.status).toBe(400)
    })

    it("admin capture of everything sends the authorized rows (the itemised invoice)", async () => {
      const placed = await order(2)
      await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, { headers: shop.admin.headers })
      const [capture] = env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.order" && e.status === 200)
      expect((capture!.body as any).items).toEqual([
        { description: "2 x Wool socks M", notes: "WOOL-SOCKS-1", amount: 998, taxCode: "25", taxAmount: 199.6, quantity: 1 },
        { description: "Standard delivery", amount: 49, taxCode: "25", taxAmount: 9.8, quantity: 1 },
      ])
      expect((await paymentView(api, shop.admin.headers, placed.paymentId)).captures).toEqual([1047])
    })

    it("cancelling an order before any capture cancels the authorization at Avarda", async () => {
      const placed = await order(1)
      const cancel = await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(cancel.status).toBe(200)
      const view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(view.canceled_at).not.toBeNull()
      expect(view.data.cancellation).toMatchObject({ reason: "Order canceled in Medusa" })
      expect(sandboxAuthorization(view.data)).toMatchObject({ cancelled: true, captured: 0 })
    })

    it("an order cancel Avarda answers with 500: the order-cancel subscriber and the job cancel the authorization once", async () => {
      const placed = await order(1)
      // Medusa's own cancel and the subscriber's retry both get a 500; the job's attempt goes through.
      env.sandbox.faults.add({ route: "avarda.authorization.cancel", kind: "status", status: 500, times: 2 })
      const cancel = await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(cancel.status).toBe(200) // Medusa logs the failed payment cancel and cancels the order anyway
      const cancels = () => env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.cancel")
      const failed = await waitFor(async () => {
        const view = await paymentView(api, shop.admin.headers, placed.paymentId)
        return view.data.order_cancel_failure?.attempts === 1 && view
      }, 15_000, "the subscriber's failed attempt")
      expect(failed.canceled_at).toBeNull()
      expect(cancels().map((e) => e.status)).toEqual([500, 500])

      await reconcileCreditPayments(getContainer())
      const view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(view.canceled_at).not.toBeNull()
      expect(view.data.cancellation).toMatchObject({ reason: "Order canceled in Medusa" })
      expect(sandboxAuthorization(view.data)).toMatchObject({ cancelled: true, captured: 0 })
      expect(cancels().map((e) => e.status)).toEqual([500, 500, 200])

      await reconcileCreditPayments(getContainer()) // nothing left to do
      expect(cancels()).toHaveLength(3)
      expect((await paymentView(api, shop.admin.headers, placed.paymentId)).canceled_at).toBe(view.canceled_at)
    })

    it("a refund Avarda refuses while the order is cancelled is made by the order-cancel subscriber right after, reported as made", async () => {
      const placed = await order(2) // 2 × 499 + 49 = 1047 SEK
      // Captured in full: Medusa's cancel then also books what the order owes back, the path on which
      // Medusa's admin refund workflow refuses a cancelled order after the vendor has refunded.
      expect((await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, { headers: shop.admin.headers })).status).toBe(200)
      env.sandbox.faults.add({ route: "avarda.authorization.return", kind: "status", status: 422, times: 1 })
      const cancel = await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })
      // Medusa's cancel logs the refused refund and cancels the order all the same.
      expect(cancel.status).toBe(200)

      // The attempt is counted before the refund is sent and the count removed once it is recorded as made.
      const view = await waitFor(async () => {
        const current = await paymentView(api, shop.admin.headers, placed.paymentId)
        return current.refunds.length > 0 && !current.data.canceled_order_refund_failure && current
      }, 15_000, "the refund after the cancellation, recorded as made")
      expect(view.refunds).toEqual([1047])
      expect(sandboxAuthorization(view.data)).toMatchObject({ captured: 1047, returned: 1047 })
      const returns = env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.return")
      expect(returns.map((e) => e.status)).toEqual([422, 200])
      const { data: feed } = await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })
      expect(feed.notifications.filter((n: { data: { description?: string } }) => n.data.description?.includes(placed.paymentId) && n.data.description?.includes("refunding it failed"))).toEqual([])
    })

    it("a refund Avarda refuses during the cancellation and right after it, made by the admin's refund button: answered 200 (Medusa's route would refund, then answer 400), one return at Avarda", async () => {
      const placed = await order(2) // 1047 SEK
      expect((await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, { headers: shop.admin.headers })).status).toBe(200)
      env.sandbox.faults.add({ route: "avarda.authorization.return", kind: "status", status: 422, times: 2 })
      expect((await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })).status).toBe(200)
      await waitFor(async () => (await paymentView(api, shop.admin.headers, placed.paymentId)).data.canceled_order_refund_failure, 15_000, "the failed refund after the cancellation, counted")

      const refund = await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount: 1047 }, { headers: shop.admin.headers, validateStatus: () => true })
      expect(refund.status).toBe(200)
      expect(refund.data.payment.refunds.map((r: { amount: number }) => Number(r.amount))).toEqual([1047])
      const view = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(view.refunds).toEqual([1047])
      expect(view.data.canceled_order_refund_failure ?? null).toBeNull()
      expect(sandboxAuthorization(view.data)).toMatchObject({ captured: 1047, returned: 1047 })
      expect(env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.return").map((e) => e.status)).toEqual([422, 422, 200])
    })

    it("an order cancelled after a partial capture refunds the captured part and records the unreleased rest for the admin", async () => {
      const placed = await order(2)
      await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 300 }, { headers: shop.admin.headers })
      const cancel = await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, { headers: shop.admin.headers })
      expect(cancel.status).toBe(200)

      const view = await waitFor(async () => {
        const current = await paymentView(api, shop.admin.headers, placed.paymentId)
        return current.data.uncaptured_remainder && current
      }, 15_000, "the remainder notice")
      expect(view.refunds).toEqual([300])
      expect(view.data.uncaptured_remainder).toMatchObject({ amount_minor: 74700, note: expect.stringMatching(/747\.00 SEK .* NOT released/) })
      expect(sandboxAuthorization(view.data)).toMatchObject({ captured: 300, returned: 300, cancelled: false })
      expect(env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.cancel")).toHaveLength(0)

      const { data: { order: cancelled } } = await api.get(`/admin/orders/${placed.orderId}?fields=status,metadata`, { headers: shop.admin.headers })
      expect(cancelled.status).toBe("canceled")
      expect(cancelled.metadata[AVARDA_REMAINDER_METADATA_KEY]).toEqual([
        expect.objectContaining({ payment_id: placed.paymentId, authorization_id: view.data.authorization_id, amount_minor: 74700 }),
      ])
      // The order's payment panel tells the admin to have Avarda release it.
      const { data: panel } = await api.get(`/admin/avarda-avirato/orders/${placed.orderId}/payments`, { headers: shop.admin.headers })
      expect(panel.payments[0].after_cancellation).toEqual([
        expect.objectContaining({ kind: "remainder_not_released", severity: "error", detail: expect.stringContaining("747.00 SEK") }),
      ])

      // The job's walk over cancelled orders' open payments is not handed this partly captured one
      // (open, in a cancelled collection), nor anything else with a capture.
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const graph = jest.spyOn(query, "graph")
      await reconcileCreditPayments(getContainer())
      const walks = graph.mock.calls.flatMap(([config], i) =>
        (config as { filters?: { payment_collection?: { status?: string } } }).filters?.payment_collection?.status === "canceled" ? [graph.mock.results[i]!.value] : []
      )
      graph.mockRestore()
      expect(walks.length).toBeGreaterThan(0)
      const handed = (await Promise.all(walks)).flatMap((answer: { data: Array<{ id: string }> }) => answer.data.map((row) => row.id))
      expect(handed).not.toContain(placed.paymentId)
      const { data: [open] } = await query.graph({ entity: "payment", fields: ["id", "canceled_at", "captured_at", "payment_collection.status"], filters: { id: placed.paymentId } })
      expect(open).toMatchObject({ canceled_at: null, captured_at: null, payment_collection: { status: "canceled" } })
    })
  },
})
