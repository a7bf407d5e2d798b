// The demo customer (logged in) pays by Avarda invoice, approved at once; the store owner ships
// and the invoice is captured at Avarda on shipment. This purchase is what My Pages shows later.
import journeyChecks from "../journey-checks.js"
import { orderPayment, retrievePayment, shipWholeOrder } from "../admin-orders.mjs"
import { AVARDA_PROVIDERS, checkAuthorizedWith, placeApprovedAvardaOrder } from "../avarda-checkout.mjs"

const { check, checkAmount, eventually } = journeyChecks

export default {
  method: "Avarda invoice (approved)",
  requires: [AVARDA_PROVIDERS.invoice],
  async run(context) {
    const { admin, seed, sandbox, shared } = context
    const customer = await context.loginCustomer()
    const { order } = await placeApprovedAvardaOrder(customer, seed, sandbox.testIdentities.SE.approved, { email: seed.customer.email, quantity: 2 })
    checkAmount(order.total, 2 * seed.product.prices.sek + 49, "order total (SEK)")
    const { payment } = await checkAuthorizedWith(admin, order.id, AVARDA_PROVIDERS.invoice)
    shared.avardaInvoice = { orderId: order.id, authorizationId: payment.data.authorization_id }

    await shipWholeOrder(admin, order.id)
    const captured = await eventually(async () => {
      const current = await retrievePayment(admin, payment.id)
      const total = (current.captures ?? []).reduce((sum, c) => sum + c.amount, 0)
      return Math.abs(total - order.total) < 0.001 ? current : undefined
    }, `the shipment did not capture ${order.total} SEK at Avarda`)
    // Medusa records the capture row before the provider's call to Avarda returns, and the sandbox
    // journals a request once it has answered: wait for Avarda's side too.
    await eventually(async () => {
      const calls = await sandbox.client.journal("avarda.authorization.order")
      return calls.some((c) => c.path.includes(payment.data.authorization_id) && c.status < 300)
    }, "Avarda received no capture (/order) for the authorization")
    check((await orderPayment(admin, order.id)).payment.captured_at || captured.captured_at, "payment has no captured_at")
    return { outcome: `approved, order placed, captured on shipment (${order.total} SEK)`, orderId: order.id }
  },
}
