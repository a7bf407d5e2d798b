// Avirato: the shopper's return reaches server A while the worker processes the payment webhook,
// both trying to turn the same cart into an order; and a payment whose shopper never comes back,
// completed by the webhook alone.
import {
  AVIRATO_PROVIDER,
  DEFAULT_SETTINGS,
  arriveAt,
  aviratoCaptures,
  changeSettings,
  checks,
  medusaCaptures,
  payOnHostedPage,
  sandboxControl,
  settle,
  spanishCart,
  startAviratoSession,
  within,
} from "../journeys.mjs"

const { check, checkEqual, eventually } = checks

/** Medusa queues a received webhook for processing this long (the payment module's default webhook_delay). */
const WEBHOOK_DELAY_MS = 5000

/** Orders made from one cart, read from the database (the cart ↔ order link). */
async function ordersOfCart(ctx, cartId) {
  const { rows } = await ctx.sql.query("select order_id from order_cart where cart_id = $1 and deleted_at is null", [cartId])
  return rows.map((row) => row.order_id)
}

async function paymentsOfCart(ctx, cartId) {
  const { rows } = await ctx.sql.query(
    `select p.id, p.provider_id from payment p
       join cart_payment_collection cpc on cpc.payment_collection_id = p.payment_collection_id and cpc.deleted_at is null
      where cpc.cart_id = $1 and p.deleted_at is null`,
    [cartId]
  )
  return rows
}

/** One order, one payment, one capture (the vendor's auto-capture), nothing captured at the vendor again. */
async function checkOneOrder(ctx, cart, session, what) {
  checkEqual(session.data.mode, "auto", `${what}: mode of the session created on the server where "auto" was saved`)
  const orders = await eventually(async () => {
    const found = await ordersOfCart(ctx, cart.cartId)
    return found.length ? found : undefined
  }, `${what}: the cart never became an order`, { timeoutMs: 60_000, intervalMs: 500 })
  await settle(1500)
  const finalOrders = await ordersOfCart(ctx, cart.cartId)
  checkEqual(finalOrders.length, 1, `${what}: orders made from cart ${cart.cartId}`)
  const payments = await paymentsOfCart(ctx, cart.cartId)
  checkEqual(payments.length, 1, `${what}: payments (authorizations) of the cart`)
  checkEqual(payments[0].provider_id, AVIRATO_PROVIDER, `${what}: payment provider`)
  // The auto-capture is recorded with the authorization; give a queued webhook outcome time to land.
  const { order, captured, payment } = await eventually(async () => {
    const current = await medusaCaptures(ctx.A, orders[0])
    return current.captures.length ? current : undefined
  }, `${what}: Medusa recorded no capture of the auto-captured payment`, { timeoutMs: 20_000, intervalMs: 500 }).catch(async (error) => {
    const current = await medusaCaptures(ctx.A, orders[0])
    throw new Error(`${error.message} (order payment_status ${current.order.payment_status}, payment captured_at ${current.payment.captured_at ?? "none"}, data.captures ${JSON.stringify(current.payment.data?.captures ?? null)})`)
  })
  await settle(1500)
  checkEqual((await medusaCaptures(ctx.A, orders[0])).captures.length, 1, `${what}: captures Medusa recorded`)
  check(within(captured, order.total), `${what}: captured ${captured}, order total ${order.total}`)
  checkEqual((await aviratoCaptures(ctx, payment.data.payment_reference)).length, 0, `${what}: capture calls to Avirato for an auto-captured payment`)
  return order
}

export default {
  name: "3 Avirato: shopper's return on a server and webhook in the worker at once → one order; webhook only → order",
  async run(ctx) {
    const { A, B } = ctx
    await changeSettings(A, () => ({ ...DEFAULT_SETTINGS, avirato: { captureMode: "auto" } }))
    try {
      const raced = []
      // The webhook reaches server A as soon as it is released and is processed by the worker
      // WEBHOOK_DELAY_MS later; the shopper's return is sent around that moment (three offsets).
      for (const offsetMs of [-300, 0, 300]) {
        const cart = await spanishCart(B, ctx.seed)
        const session = await startAviratoSession(A, cart)
        await sandboxControl(ctx, "POST", "avirato/webhooks/hold")
        const returnUrl = await payOnHostedPage(session)
        await sandboxControl(ctx, "POST", "avirato/webhooks/release")
        await settle(WEBHOOK_DELAY_MS + offsetMs)
        const landing = await arriveAt(A, returnUrl, ctx.backendUrl)
        const order = await checkOneOrder(ctx, cart, session, `return ${offsetMs >= 0 ? "+" : ""}${offsetMs} ms around the webhook`)
        const landedOrder = landing.searchParams.get("order_id")
        if (landedOrder) checkEqual(landedOrder, order.id, "the order the shopper landed on")
        raced.push(order.display_id)
      }

      // The shopper pays and closes the browser: the webhook alone makes the order. (Sessions are
      // created on server A, where "auto" was saved: whether server B follows at once is scenario 2.)
      const cart = await spanishCart(B, ctx.seed)
      const session = await startAviratoSession(A, cart)
      await payOnHostedPage(session)
      const order = await checkOneOrder(ctx, cart, session, "webhook only")
      return `orders ${raced.join(", ")} each made once with one payment and one capture though return and webhook raced; order ${order.display_id} from the webhook alone`
    } finally {
      await sandboxControl(ctx, "POST", "avirato/webhooks/release").catch(() => {})
      await changeSettings(A, () => DEFAULT_SETTINGS).catch(() => {})
    }
  },
}
