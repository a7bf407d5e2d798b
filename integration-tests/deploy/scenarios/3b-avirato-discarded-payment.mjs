// Avirato: a shopper pays an old hosted page after the storefront replaced the session (the cart
// changed). The shopper's return on server A and the worker's processing of the payment webhook
// arrive at about the same time, and either may find the payment no Medusa session holds; both
// give it back through the settlement workflow under the Avirato session's lock (held across
// processes in Redis). Whichever comes first, Avirato is asked with one key, the payment is given
// back once, one settlement is recorded, one alert is sent. (Which path won is reported.)
import { arriveAt, checks, payOnHostedPage, sandboxControl, sandboxStateEntries, settle, spanishCart, startAviratoSession } from "../journeys.mjs"

const { check, checkEqual, eventually } = checks

/** Medusa queues a received webhook for processing this long (the payment module's default webhook_delay). */
const WEBHOOK_DELAY_MS = 5000

export default {
  name: "3b Avirato: a payment on a replaced session, the return on a server racing the webhook in the worker → given back once",
  async run(ctx) {
    const { A, B } = ctx
    const cart = await spanishCart(B, ctx.seed)
    const stale = await startAviratoSession(A, cart)
    const current = await startAviratoSession(B, cart) // the storefront re-initiated: Medusa deletes the first session
    check(current.id !== stale.id, "the storefront's second session replaced the first")
    const staleRows = await ctx.sql.query("select id from payment_session where id = $1 and deleted_at is null", [stale.id])
    checkEqual(staleRows.rowCount, 0, "rows of the replaced payment session")

    await sandboxControl(ctx, "POST", "avirato/webhooks/hold")
    let landing
    try {
      const returnUrl = await payOnHostedPage(stale)
      await sandboxControl(ctx, "POST", "avirato/webhooks/release")
      // The shopper comes back about when the worker processes the webhook.
      await settle(WEBHOOK_DELAY_MS)
      landing = await arriveAt(A, returnUrl, ctx.backendUrl)
    } finally {
      await sandboxControl(ctx, "POST", "avirato/webhooks/release").catch(() => {})
    }
    checkEqual(landing.searchParams.get("reason"), "session_replaced", "where the shopper landed")

    const aviratoSessionId = stale.data.avirato_session_id
    const [paid] = await sandboxStateEntries(ctx, (entry) => entry.sessionId === aviratoSessionId && typeof entry.paymentReference === "string")
    check(paid, `the sandbox holds no payment for Avirato session ${aviratoSessionId}`)
    const paymentReference = paid.paymentReference
    const settlementsOf = async () =>
      (await ctx.sql.query("select action, detected_by from avirato_discarded_payment_settlement where avirato_session_id = $1", [aviratoSessionId])).rows
    await eventually(async () => ((await settlementsOf()).length ? true : undefined), "no settlement was recorded for the paid, replaced session", {
      timeoutMs: 30_000,
      intervalMs: 500,
    })
    // Give the slower of the two paths time to finish, then count.
    await settle(3000)
    const settlements = await settlementsOf()
    checkEqual(settlements.length, 1, "settlements recorded for the session")

    const calls = [
      ...(await ctx.sandbox.client.journal("avirato.test.payment.cancel")),
      ...(await ctx.sandbox.client.journal("avirato.test.payment.refund")),
    ].filter((entry) => entry.body?.paymentReference === paymentReference)
    check(calls.length >= 1, "Avirato was never asked to give the payment back")
    checkEqual([...new Set(calls.map((entry) => entry.headers?.["idempotency-key"]))], [`discarded:${aviratoSessionId}`], "the keys Avirato was asked with")
    const givenBack = await sandboxStateEntries(
      ctx,
      (entry) => typeof entry.modificationReference === "string" && entry.paymentReference === paymentReference && (entry.type === "cancel" || entry.type === "refund")
    )
    checkEqual(givenBack.length, 1, "modifications Avirato made to give the payment back")
    const { rows: orders } = await ctx.sql.query("select order_id from order_cart where cart_id = $1 and deleted_at is null", [cart.cartId])
    checkEqual(orders.length, 0, "orders made from the cart (its current session was never paid)")
    const { rows: alerts } = await ctx.sql.query("select id from notification where idempotency_key = $1", [`avirato:discarded:${paymentReference}`])
    checkEqual(alerts.length, 1, "admin alerts for the given-back payment")
    return (
      `payment ${givenBack[0].type === "cancel" ? "voided" : "refunded"} once at Avirato (${calls.length} call(s), one key), ` +
      `one settlement (recorded by the ${settlements[0].detected_by}), one alert, no order`
    )
  },
}
