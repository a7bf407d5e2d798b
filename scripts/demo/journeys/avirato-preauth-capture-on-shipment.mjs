// Pre-authorisation switched on in the admin (Settings → Avarda & Avirato), effective at once: the
// card is only authorised at checkout and captured when the store owner ships the order.
import journeyChecks from "../journey-checks.js"
import { orderPayment, retrievePayment, shipWholeOrder } from "../admin-orders.mjs"
import { AVIRATO_PROVIDER, payAndReturn, spanishCart, startAviratoSession } from "../avirato-checkout.mjs"
import { testCard } from "../sandbox-client.mjs"

const { check, checkStatus, checkEqual, eventually } = journeyChecks

export default {
  method: "Avirato pre-auth, captured on shipment",
  requires: [AVIRATO_PROVIDER],
  async run({ store, admin, seed }) {
    const before = checkStatus(await admin.get("/admin/plugin-settings"), 200, "read the plugin settings").settings
    const preauth = { ...before, avirato: { ...before.avirato, captureMode: "preauth", captureOnShipment: true } }
    checkStatus(await admin.post("/admin/plugin-settings", preauth), 200, "switch Avirato to pre-auth in the admin settings")
    try {
      const cart = await spanishCart(store, seed)
      const session = await startAviratoSession(store, cart)
      checkEqual(session.data.mode, "preauth", "capture mode of the new session (the admin setting must apply without a restart)")
      const landing = await payAndReturn(session, testCard())
      const orderId = landing.searchParams.get("order_id")
      check(orderId, `the shopper landed on ${landing.href} without an order`)
      const { order, payment } = await orderPayment(admin, orderId)
      check(!payment.captured_at, "the pre-authorised payment was captured at checkout")
      await shipWholeOrder(admin, orderId)
      await eventually(async () => {
        const current = await retrievePayment(admin, payment.id)
        const captured = (current.captures ?? []).reduce((sum, c) => sum + c.amount, 0)
        return Math.abs(captured - order.total) < 0.001
      }, `the shipment did not capture ${order.total} EUR`, { timeoutMs: 30000 })
      return { outcome: `authorised only, captured on shipment (${order.total} EUR)`, orderId }
    } finally {
      await admin.post("/admin/plugin-settings", before)
    }
  },
}
