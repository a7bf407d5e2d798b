// Medusa's built-in manual payment: proves the demo store end to end (cart, shipping, taxes,
// order, admin capture) independently of the vendor providers.
import journeyChecks from "../journey-checks.js"
import { capturePayment, orderPayment } from "../admin-orders.mjs"
import { completeCart, createPaymentSession, prepareCart } from "../store-checkout.mjs"

const { check, checkStatus, checkAmount, checkEqual } = journeyChecks

export default {
  method: "Manual payment (built-in)",
  requires: ["pp_system_default"],
  async run({ store, admin, seed }) {
    const cart = await prepareCart(store, { regionId: seed.regions.Sweden.id, variantId: seed.product.variantId })
    checkStatus(await createPaymentSession(store, cart, "pp_system_default"), 200, "create payment session")
    const completed = checkStatus(await completeCart(store, cart), 200, "complete cart")
    checkEqual(completed.type, "order", "cart completion result")
    const order = completed.order
    checkAmount(order.total, seed.product.prices.sek + 49, "order total (SEK, VAT included)")
    const { payment } = await orderPayment(admin, order.id)
    checkEqual(payment.provider_id, "pp_system_default", "payment provider")
    const captured = await capturePayment(admin, payment.id)
    check(captured.captured_at, `payment ${payment.id} has no captured_at after capture`)
    return { outcome: `order placed (${order.total} SEK), captured from the admin`, orderId: order.id }
  },
}
