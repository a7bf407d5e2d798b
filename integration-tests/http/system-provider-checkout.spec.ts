// Proves the shared HTTP fixtures end to end with Medusa's built-in provider:
// a storefront checkout completes into an order, then the admin captures and refunds its payment.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { registerCustomer } from "../support/actors"
import { completeCartForPaymentSession } from "../../src/operations/shared/complete-cart-for-payment-session"
import { checkout, createPaymentSession, prepareCart, SPANISH_ADDRESS } from "../support/checkout"
import { PRODUCT_PRICES } from "../support/store-fixtures"
import { useShop } from "../support/shop"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const shop = useShop(getContainer)

    it("completes a Swedish cart with pp_system_default, then captures and partially refunds it from the admin", async () => {
      const result = await checkout(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Sweden.id,
        variantId: shop.store.product.variantId,
        quantity: 2,
        providerId: "pp_system_default",
      })

      expect(result.paymentSession.status).toBe(200)
      expect(result.complete?.status).toBe(200)
      expect(result.complete?.data.type).toBe("order")
      const order = result.complete!.data.order
      // 2 × 499 SEK + 49 SEK shipping, VAT included.
      expect(order.total).toBe(2 * PRODUCT_PRICES.sek + 49)
      expect(order.currency_code).toBe("sek")

      const { data: { order: adminOrder } } = await api.get(
        `/admin/orders/${order.id}?fields=*payment_collections,*payment_collections.payments`,
        { headers: shop.admin.headers }
      )
      const payment = adminOrder.payment_collections[0].payments[0]
      expect(payment.provider_id).toBe("pp_system_default")
      expect(payment.amount).toBe(order.total)

      const capture = await api.post(`/admin/payments/${payment.id}/capture`, {}, { headers: shop.admin.headers })
      expect(capture.status).toBe(200)
      expect(capture.data.payment.captured_at).toBeTruthy()

      const refund = await api.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }, { headers: shop.admin.headers })
      expect(refund.status).toBe(200)
      const { data: { payment: refunded } } = await api.get(`/admin/payments/${payment.id}?fields=*refunds,*captures`, {
        headers: shop.admin.headers,
      })
      expect(refunded.captures.map((c: { amount: number }) => c.amount)).toEqual([order.total])
      expect(refunded.refunds.map((r: { amount: number }) => r.amount)).toEqual([100])
    })

    it("checks out a logged-in customer in the Spanish region and links the order to them", async () => {
      const customer = await registerCustomer(api, shop.store.publishableKey, { email: "lucia@example.com" })
      const result = await checkout(api, {
        publishableKey: shop.store.publishableKey,
        customerToken: customer.token,
        regionId: shop.store.regions.Spain.id,
        variantId: shop.store.product.variantId,
        address: SPANISH_ADDRESS,
        email: customer.email,
        providerId: "pp_system_default",
      })
      expect(result.complete?.data.type).toBe("order")
      const order = result.complete!.data.order
      expect(order.currency_code).toBe("eur")
      expect(order.total).toBe(PRODUCT_PRICES.eur + 4.95)

      const mine = await api.get("/store/orders", { headers: customer.headers })
      expect(mine.data.orders.map((o: { id: string }) => o.id)).toEqual([order.id])
    })

    it("completes a cart from server-side code exactly once (the path return routes and jobs use)", async () => {
      const cart = await prepareCart(api, {
        publishableKey: shop.store.publishableKey,
        regionId: shop.store.regions.Sweden.id,
        variantId: shop.store.product.variantId,
      })
      const session = await createPaymentSession(api, cart, "pp_system_default")
      const sessionId = session.data.payment_collection.payment_sessions[0].id

      const [first, second] = await Promise.all([
        completeCartForPaymentSession(getContainer(), sessionId),
        completeCartForPaymentSession(getContainer(), sessionId),
      ])
      // Medusa's cart lock and idempotent completion give both callers the same single order.
      expect([first.outcome, second.outcome]).not.toContain("failed")
      const orderIds = [first, second].map((r) => ("orderId" in r ? r.orderId : undefined))
      expect(orderIds[0]).toBeTruthy()
      expect(orderIds[0]).toBe(orderIds[1])
      const later = await completeCartForPaymentSession(getContainer(), sessionId)
      expect(later).toEqual({ outcome: "already_completed", orderId: orderIds[0], cartId: cart.cartId })
      const { data: orders } = await getContainer()
        .resolve("query")
        .graph({ entity: "order", fields: ["id"], filters: { id: orderIds[0]! } })
      expect(orders).toHaveLength(1)

      const unknown = await completeCartForPaymentSession(getContainer(), "payses_unknown")
      expect(unknown.outcome).toBe("failed")
    })
  },
})
