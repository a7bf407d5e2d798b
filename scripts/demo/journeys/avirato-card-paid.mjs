// A card payment on Avirato's hosted page (auto-capture): the shopper returns through the plugin's
// return route to the storefront's success page, and the order's payment is captured.
import journeyChecks from "../journey-checks.js"
import { orderPayment } from "../admin-orders.mjs"
import { AVIRATO_PROVIDER, payAndReturn, spanishCart, startAviratoSession } from "../avirato-checkout.mjs"
import { testCard } from "../sandbox-client.mjs"

const { check, checkAmount, checkEqual } = journeyChecks

export default {
  method: "Avirato card (paid)",
  requires: [AVIRATO_PROVIDER],
  async run({ store, admin, seed }) {
    const cart = await spanishCart(store, seed)
    const session = await startAviratoSession(store, cart)
    checkEqual(session.data.mode, "auto", "capture mode of the session")
    const landing = await payAndReturn(session, testCard())
    const orderId = landing.searchParams.get("order_id")
    check(orderId, `the shopper landed on ${landing.href} without an order`)
    const { order, payment } = await orderPayment(admin, orderId)
    checkAmount(order.total, seed.product.prices.eur + 4.95, "order total (EUR)")
    check(payment.captured_at, "the auto-captured payment has no captured_at")
    return { outcome: `paid on the hosted page, order captured (${order.total} EUR)`, orderId }
  },
}
