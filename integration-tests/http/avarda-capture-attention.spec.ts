// A capture on shipment that needs the admin, through Medusa's real admin API against the sandbox:
// an amount captured by hand, then a shipment worth more than is left — recorded on the payment, in
// the order panel and the admin's notification feed once, and resolved by the panel's one action
// (two clicks at once: one capture at Avarda). Malformed ids are 400s, unknown cases 404s.
import { useShop } from "../support/shop"
import { AVARDA_SWEDEN, paymentView, placeAvardaOrder, shipItems, startAvardaTestEnv, waitFor } from "../support/avarda"
import { useSandboxEnv } from "../support/sandbox-env"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"

jest.setTimeout(240_000)

const env = useSandboxEnv(() => startAvardaTestEnv())

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    beforeEach(() => env.sandbox.reset())
    const shop = useShop(getContainer, [AVARDA_SWEDEN], { perTest: true })
    const admin = () => ({ headers: shop.admin.headers, validateStatus: () => true })
    const order = (quantity: number) =>
      placeAvardaOrder(api, { publishableKey: shop.store.publishableKey, regionId: shop.store.regions.Sweden.id, variantId: shop.store.product.variantId, quantity, adminHeaders: shop.admin.headers })
    const panel = async (orderId: string) => (await api.get(`/admin/avarda-avirato/orders/${orderId}/payments`, { headers: shop.admin.headers })).data.payments[0]
    const avardaCaptures = () => env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.order" && e.status === 200)

    it("a shipment worth more than is left after a capture by hand: shown on the order and in the feed once, captured once by its one action", async () => {
      const placed = await order(2) // 2 × 499 + 49 = 1047 SEK
      expect((await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 600 }, admin())).status).toBe(200)
      await shipItems(api, shop.admin.headers, placed.orderId, placed.items)

      const [attention] = await waitFor(async () => {
        const shown = (await panel(placed.orderId)).capture_attention
        return shown.length > 0 && shown
      }, 15_000, "the case on the order panel")
      expect(attention).toMatchObject({
        kind: "shipment_exceeds_remaining",
        expected_amount: 998,
        left_amount: 447,
        action: { id: "capture_remaining", label: "Capture the remaining amount", path: `/admin/avarda-avirato/payments/${placed.paymentId}/capture-attention/${attention.id}/resolve` },
      })
      expect(avardaCaptures()).toHaveLength(1)
      const feed = async () =>
        ((await api.get(`/admin/notifications?channel=feed&fields=id,data`, { headers: shop.admin.headers })).data.notifications as Array<{ data: { title: string; description: string } }>).filter(
          (n) => n.data.title === `Order ${placed.displayId}: Shipment not captured: more than is left to capture`
        )
      // Recorded under the payment's lock, notified right after its release: the feed may trail the panel.
      await waitFor(async () => (await feed()).length > 0, 15_000, "the notification")
      expect(await feed()).toHaveLength(1)
      expect((await feed())[0]!.data.description).toContain("expected 998.00 SEK, left to capture 447.00 SEK")

      const answers = await Promise.all([api.post(attention.action.path, {}, admin()), api.post(attention.action.path, {}, admin())])
      expect(answers.map((a) => a.status)).toEqual([200, 200])
      expect(answers.map((a) => a.data.already_resolved).sort()).toEqual([false, true])
      expect(answers.find((a) => !a.data.already_resolved)!.data).toMatchObject({ capture: { ok: true }, attention: { id: attention.id, resolution: expect.stringContaining("447.00 SEK") } })

      const after = await paymentView(api, shop.admin.headers, placed.paymentId)
      expect(after.captures).toEqual([600, 447])
      expect(after.captured_at).not.toBeNull()
      expect(avardaCaptures().map((e) => (e.body as { items: Array<{ amount: number }> }).items.reduce((sum, i) => sum + i.amount, 0))).toEqual([600, 447])
      expect(env.control.getAuthorization(after.data.authorization_id)).toMatchObject({ captured: 1047 })
      const shown = await panel(placed.orderId)
      expect(shown.capture_attention).toEqual([])
      expect(shown.history.filter((h: { kind: string }) => h.kind === "attention_resolved")).toHaveLength(1)

      // Clicked again later: nothing happens twice.
      const again = await api.post(attention.action.path, {}, admin())
      expect(again.status).toBe(200)
      expect(again.data).toMatchObject({ already_resolved: true, capture: null })
      expect(avardaCaptures()).toHaveLength(2)
      expect(await feed()).toHaveLength(1)
    })

    it("malformed ids are 400s naming the field; an unknown case is a 404", async () => {
      const placed = await order(1)
      const malformedPayment = await api.post(`/admin/avarda-avirato/payments/not-a-payment/capture-attention/exceeds-ful_1/resolve`, {}, admin())
      expect(malformedPayment.status).toBe(400)
      expect(malformedPayment.data.errors).toEqual([expect.objectContaining({ field: "id" })])
      const malformedCase = await api.post(`/admin/avarda-avirato/payments/${placed.paymentId}/capture-attention/${encodeURIComponent("x".repeat(300))}/resolve`, {}, admin())
      expect(malformedCase.status).toBe(400)
      expect(malformedCase.data.errors).toEqual([expect.objectContaining({ field: "attention_id" })])
      const unknown = await api.post(`/admin/avarda-avirato/payments/${placed.paymentId}/capture-attention/exceeds-ful_01ABCDEFGHJKMNPQRSTVWXYZ12/resolve`, {}, admin())
      expect(unknown.status).toBe(404)
      expect(avardaCaptures()).toHaveLength(0)
    })
  },
})
