// A refund whose answer is lost after Avarda made it (the connection drops) stands as unconfirmed on
// the payment. The every-minute credit job re-sends it from the worker — a workflow per payment run
// by the Redis workflow engine, under the payment's Redis lock — with the same tranId: Avarda
// returns once, and the plugin records the answer.
import { avardaInvoiceOrder, checks, medusaCaptures, retrievePayment, sandboxControl, sandboxStateEntries, within } from "../journeys.mjs"

const { check, checkEqual, checkStatus, eventually } = checks

export default {
  name: "7 a refund whose answer was lost: the worker's job re-sends it (Redis workflow engine) → refunded once",
  async run(ctx) {
    const { A, B } = ctx
    const { order } = await avardaInvoiceOrder(ctx, A, B)
    const { payment } = await medusaCaptures(A, order.id)
    checkStatus(await A.admin.post(`/admin/payments/${payment.id}/capture`, {}), 200, "capture on server A")
    const fault = await sandboxControl(ctx, "POST", "faults", { route: "avarda.authorization.return", kind: "after-processing", then: "reset", times: 1 })
    try {
      checkStatus(await B.admin.post(`/admin/payments/${payment.id}/refund`, { amount: 100 }), 200, "refund on server B")
    } finally {
      await sandboxControl(ctx, "DELETE", `faults/${fault.id}`).catch(() => {})
    }
    const lost = await retrievePayment(B.admin, payment.id)
    const entry = lost.data.returns?.[0]
    check(entry?.unconfirmed, `the refund whose answer was lost is not recorded as unconfirmed: ${JSON.stringify(lost.data.returns ?? null)}`)
    const since = Date.now()

    const confirmed = await eventually(
      async () => {
        const current = await retrievePayment(A.admin, payment.id)
        return current.data.returns?.[0] && !current.data.returns[0].unconfirmed ? current : undefined
      },
      "the worker's job never confirmed the refund (two ticks)",
      { timeoutMs: 150_000, intervalMs: 1000 }
    )
    const sent = (await ctx.sandbox.client.journal("avarda.authorization.return")).filter((call) => call.body?.tranId === entry.tran_id)
    checkEqual(sent.length, 2, "return calls with the refund's tranId (the lost one and the job's re-send)")
    const booked = await sandboxStateEntries(ctx, (state) => state.tranId === entry.tran_id && typeof state.amount === "number")
    checkEqual(booked.length, 1, "returns Avarda booked for the refund")
    check(within(booked[0].amount, 100), `Avarda returned ${booked[0].amount}, expected 100`)
    checkEqual((confirmed.refunds ?? []).length, 1, "refunds Medusa recorded")
    return `order ${order.display_id}: refund answer lost, re-sent by the worker's job with tranId ${entry.tran_id} after ${((Date.now() - since) / 1000).toFixed(0)} s, returned once (100 SEK)`
  },
}
