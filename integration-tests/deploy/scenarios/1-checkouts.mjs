// Each payment family to an order through the deployment: the cart on one server, the payment on
// the other, as a storefront behind a load balancer would.
import {
  AVARDA_PROVIDERS,
  AVIRATO_PROVIDER,
  STANDALONE_INVOICE_PROVIDER,
  avardaInvoiceOrder,
  aviratoOrder,
  checks,
  completeToOrder,
  orderPayment,
  swedishCart,
} from "../journeys.mjs"

const { check, checkEqual, checkStatus } = checks

export default {
  name: "1 checkouts: Avarda invoice, Standalone invoice, Avirato card each to an order",
  async run(ctx) {
    const { A, B } = ctx

    const avarda = await avardaInvoiceOrder(ctx, A, B)
    const { order: avardaOrder, payment: avardaPayment } = await orderPayment(B.admin, avarda.order.id)
    checkEqual(avardaPayment.provider_id, AVARDA_PROVIDERS.invoice, "Avarda order's payment provider")
    checkEqual(avardaOrder.payment_collections[0].status, "authorized", "Avarda order's payment collection")
    const authorizationId = avardaPayment.data?.authorization_id
    check(authorizationId, "the Avarda payment keeps no authorization id")
    const created = await ctx.sandbox.client.journal("avarda.authorization.create.invoice")
    check(created.some((entry) => JSON.stringify(entry.responseBody ?? "").includes(authorizationId)), `Avarda's journal has no invoice authorization ${authorizationId}`)

    const cart = await swedishCart(B, ctx.seed)
    const started = checkStatus(
      await A.store.post("/store/avarda-standalone/payment-sessions", {
        cart_id: cart.cartId,
        provider_id: STANDALONE_INVOICE_PROVIDER,
        personal_id_number: ctx.sandbox.testIdentities.SE.approved,
      }),
      200,
      "start Standalone Credit payment on server A"
    )
    checkEqual(started.next_action?.type, "complete_cart", "Standalone Credit's answer (approved at once)")
    const standaloneOrder = await completeToOrder(B, cart)
    const { payment: standalonePayment } = await orderPayment(A.admin, standaloneOrder.id)
    checkEqual(standalonePayment.provider_id, STANDALONE_INVOICE_PROVIDER, "Standalone order's payment provider")
    check(standalonePayment.data?.purchase_id, "the Standalone payment keeps no purchase id")
    const authorize = await ctx.sandbox.client.journal("avarda.checkout2.authorize.invoice")
    check(authorize.some((entry) => entry.body?.OrderReference === started.payment_session.id), "Avarda received no AuthorizeInvoiceEID for the Standalone session")

    const avirato = await aviratoOrder(ctx, B, A)
    const { order: aviratoOrderRow, payment: aviratoPayment } = await orderPayment(A.admin, avirato.orderId)
    checkEqual(aviratoPayment.provider_id, AVIRATO_PROVIDER, "Avirato order's payment provider")
    checkEqual(aviratoOrderRow.payment_collections[0].status, "authorized", "Avirato order's payment collection (pre-auth, as configured)")
    const aviratoSessionId = avirato.session.data.avirato_session_id
    check(aviratoSessionId, "the Avirato session keeps no Avirato session id")
    const aviratoCreated = await ctx.sandbox.client.journal("avirato.test.session.create")
    check(aviratoCreated.some((entry) => JSON.stringify(entry.responseBody ?? "").includes(aviratoSessionId)), `Avirato's journal has no session ${aviratoSessionId}`)
    check(aviratoPayment.data?.payment_reference, "the Avirato payment keeps no payment reference")

    return `orders ${avardaOrder.display_id} (Avarda invoice), ${standaloneOrder.display_id} (Standalone invoice), ${aviratoOrderRow.display_id} (Avirato card, pre-authorised)`
  },
}
