// Avarda Standalone Credit (CheckOut2Api) invoice, approved at once: the plugin's store route builds
// the AuthorizeInvoiceEID request from the cart, the cart completes into an authorized order, and the
// purchase is confirmed with GetPaymentStatus.
import journeyChecks from "../journey-checks.js"
import { retrieveOrder } from "../admin-orders.mjs"
import { swedishCart } from "../avarda-checkout.mjs"
import { completeCart } from "../store-checkout.mjs"

const { check, checkStatus, checkEqual } = journeyChecks

export const STANDALONE_INVOICE_PROVIDER = "pp_avarda-standalone-invoice_avarda-standalone"

export default {
  method: "Avarda Standalone Credit invoice",
  requires: [STANDALONE_INVOICE_PROVIDER],
  async run({ store, admin, seed, sandbox }) {
    const cart = await swedishCart(store, seed)
    const started = checkStatus(
      await store.post("/store/avarda-standalone/payment-sessions", {
        cart_id: cart.cartId,
        provider_id: STANDALONE_INVOICE_PROVIDER,
        personal_id_number: sandbox.testIdentities.SE.approved,
      }),
      200,
      "start Standalone Credit payment"
    )
    checkEqual(started.next_action?.type, "complete_cart", "Avarda's answer (approved at once)")
    const completed = checkStatus(await completeCart(store, cart), 200, "complete cart")
    checkEqual(completed.type, "order", "cart completion result")
    const order = await retrieveOrder(admin, completed.order.id)
    const collection = order.payment_collections?.[0]
    checkEqual(collection?.status, "authorized", "payment collection status")
    const payment = collection.payments?.[0]
    checkEqual(payment?.provider_id, STANDALONE_INVOICE_PROVIDER, "payment provider")
    check(payment.data?.purchase_id, "the payment keeps no Standalone Credit purchase id")
    const authorize = await sandbox.client.journal("avarda.checkout2.authorize.invoice")
    check(authorize.some((r) => r.body?.OrderReference === started.payment_session.id), "Avarda received no AuthorizeInvoiceEID for this session")
    return { outcome: `approved (AuthorizeInvoiceEID), order authorized (${order.total} SEK)`, orderId: order.id }
  },
}
