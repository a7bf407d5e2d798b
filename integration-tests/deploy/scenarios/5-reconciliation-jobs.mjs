// The every-minute reconciliation jobs run in the worker only, once per tick for the whole
// deployment, and finish an Avarda ID validation whose shopper identified but never came back.
import fs from "node:fs"
import { submitPageForm } from "../../../scripts/demo/sandbox-client.mjs"
import { AVARDA_PROVIDERS, checks, medusaCaptures, retrieveOrder, startApprovedAvarda, swedishCart } from "../journeys.mjs"

const { check, checkEqual, checkStatus, eventually } = checks

const logOf = (ctx, name) => (fs.existsSync(ctx.logFile(name)) ? fs.readFileSync(ctx.logFile(name), "utf8") : "")

export default {
  name: "5 reconciliation jobs: once per tick, in the worker, finish an ID validation whose shopper never came back",
  async run(ctx) {
    const { A, B } = ctx
    const cart = await swedishCart(A, ctx.seed)
    const started = checkStatus(await startApprovedAvarda(B, cart, ctx, { identity: "idValidationRequired" }), 200, "start Avarda payment on server B")
    checkEqual(started.next_action?.type, "redirect", "Avarda's answer (ID validation needed)")
    await submitPageForm(started.next_action.url, { action: "identify" }, "Avarda ID-validation page")
    // The shopper identified and closed the browser. Their session is made older than the jobs'
    // grace period (two minutes by default), as if they had left a while ago.
    const sessionId = started.payment_session.id
    const moved = await ctx.sql.query("update payment_session set created_at = now() - interval '10 minutes' where id = $1", [sessionId])
    checkEqual(moved.rowCount, 1, "payment sessions moved back in time")
    const since = new Date()

    const orderId = await eventually(
      async () => (await ctx.sql.query("select order_id from order_cart where cart_id = $1 and deleted_at is null", [cart.cartId])).rows[0]?.order_id,
      "the reconciliation job did not complete the cart (two ticks)",
      { timeoutMs: 130_000, intervalMs: 1000 }
    )
    // Medusa's cart completion links the order to the cart before it authorizes the payment session
    // and attaches the payment: the order is read once the workflow that made it has had time to
    // finish (its collection no longer not_paid and holding a payment).
    const settled = (order) => {
      const collections = order.payment_collections ?? []
      return collections.length > 0 && collections.every((c) => c.status !== "not_paid" && (c.payments ?? []).length > 0)
    }
    const finishedBy = Date.now() + 30_000
    let order = await retrieveOrder(A.admin, orderId)
    while (!settled(order) && Date.now() < finishedBy) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      order = await retrieveOrder(A.admin, orderId)
    }
    const collections = (order.payment_collections ?? []).map((c) => `${c.id} ${c.status} (${(c.payments ?? []).length} payment(s))`)
    check(order.payment_collections?.length === 1 && order.payment_collections[0].status === "authorized", `the order the job made has payment collections [${collections.join("; ")}], order payment_status ${order.payment_status}; expected one, authorized`)
    const { payment } = await medusaCaptures(A, orderId)
    checkEqual(payment.provider_id, AVARDA_PROVIDERS.invoice, "payment provider")
    const orders = await ctx.sql.query("select order_id from order_cart where cart_id = $1 and deleted_at is null", [cart.cartId])
    checkEqual(orders.rowCount, 1, "orders made from the cart")

    const authorizationId = payment.data.authorization_id
    const statusChecks = (await ctx.sandbox.client.journal("avarda.authorization.status")).filter((entry) => entry.path.includes(authorizationId) && new Date(entry.at) >= since)
    // One job run asks Avarda (the check, then the authorization of the session): all within one tick.
    check(statusChecks.length >= 1, "the job never asked Avarda for the authorization's status")
    const spreadMs = new Date(statusChecks[statusChecks.length - 1].at).getTime() - new Date(statusChecks[0].at).getTime()
    check(spreadMs < 15_000, `status checks of the authorization spread over ${(spreadMs / 1000).toFixed(0)} s: more than one job run worked on it (${statusChecks.map((e) => e.at).join(", ")})`)
    // The job logs its summary when its run ends, after the order exists.
    const completedLines = () => ["server-a", "server-b", "worker"].flatMap((name) => logOf(ctx, name).split("\n").filter((line) => /Credit reconciliation: [1-9]\d* cart\(s\) completed/.test(line)).map(() => name))
    await eventually(async () => completedLines().length > 0, "no process logged the reconciliation run that completed the cart", { timeoutMs: 30_000, intervalMs: 500 })
    checkEqual(completedLines(), ["worker"], "processes that logged a cart completed by the reconciliation job")
    check(!/Credit reconciliation/.test(logOf(ctx, "server-a") + logOf(ctx, "server-b")), "a server ran the reconciliation job")
    return `order ${order.display_id} completed by the job in the worker after ${((Date.now() - since.getTime()) / 1000).toFixed(0)} s, ${statusChecks.length} status call(s) in one run, no job on the servers`
  },
}
