// A partial refund from the admin on a captured card payment: Avirato receives it with the default
// refund reason, and its REFUND webhook confirms it.
import journeyChecks from "../journey-checks.js"
import { orderPayment, refundPayment, retrievePayment } from "../admin-orders.mjs"
import { AVIRATO_PROVIDER, payAndReturn, spanishCart, startAviratoSession } from "../avirato-checkout.mjs"
import { testCard } from "../sandbox-client.mjs"

const { check, checkEqual, eventually } = journeyChecks

const REFUND_EUR = 10

export default {
  method: "Partial refund (Avirato card)",
  requires: [AVIRATO_PROVIDER],
  async run({ store, admin, seed, sandbox }) {
    const cart = await spanishCart(store, seed, 2)
    const session = await startAviratoSession(store, cart)
    const landing = await payAndReturn(session, testCard())
    const orderId = landing.searchParams.get("order_id")
    check(orderId, `the shopper landed on ${landing.href} without an order`)
    const { order, payment } = await orderPayment(admin, orderId)
    check(payment.captured_at, "the payment was not captured, nothing to refund")
    await refundPayment(admin, payment.id, REFUND_EUR)
    const refunded = await retrievePayment(admin, payment.id)
    checkEqual((refunded.refunds ?? []).map((r) => r.amount), [REFUND_EUR], "refunds recorded in Medusa")
    const sent = (await sandbox.client.journal("avirato.test.payment.refund")).filter((r) => r.body?.paymentReference === payment.data.payment_reference)
    checkEqual(sent.map((r) => r.body?.amount), [{ value: REFUND_EUR * 100, currency: "EUR" }], "refund requests received by Avirato")
    await eventually(async () => {
      const current = await retrievePayment(admin, payment.id)
      return (current.data?.refunds ?? []).some((r) => r.status === "succeeded")
    }, "Avirato's REFUND webhook never confirmed the refund", { timeoutMs: 30000 })
    return { outcome: `refunded ${REFUND_EUR} of ${order.total} EUR (reason "${sent[0].body.reason}"), confirmed by webhook`, orderId }
  },
}
