// The worker is killed (SIGKILL) while Avarda is taking the capture the worker asked for on
// shipment, then started again: the capture is completed, once, at Avarda and in Medusa.
import {
  avardaBookedCaptures,
  avardaInvoiceOrder,
  checks,
  fulfilWholeOrder,
  medusaCaptures,
  sandboxControl,
  settle,
  ship,
  within,
} from "../journeys.mjs"

const { check, checkEqual, eventually } = checks

export default {
  name: "6 worker SIGKILLed in the middle of a capture, restarted → the capture completes once",
  async run(ctx) {
    const { A, B } = ctx
    const { order } = await avardaInvoiceOrder(ctx, A, B)
    const { payment } = await medusaCaptures(A, order.id)
    const authorizationId = payment.data.authorization_id
    // Avarda takes 12 s to answer the next capture (and books it then, whoever still listens).
    const fault = await sandboxControl(ctx, "POST", "faults", { route: "avarda.authorization.order", kind: "latency", ms: 12_000, times: 1 })
    try {
      await ship(B, order.id, await fulfilWholeOrder(B, order.id))
      await eventually(
        async () => {
          const faults = await (await fetch(`${ctx.sandbox.origin}/__sandbox/faults`)).json()
          const active = (Array.isArray(faults) ? faults : faults.faults ?? []).find((f) => f.id === fault.id)
          return !active || active.applied > 0
        },
        "the worker never sent the capture",
        { timeoutMs: 30_000, intervalMs: 200 }
      )
      const killed = ctx.processes.worker.current
      await killed.stop("SIGKILL")
      const { signal } = await killed.exited
      checkEqual(signal, "SIGKILL", "how the worker ended")
      await settle(1000)
      checkEqual((await avardaBookedCaptures(ctx, authorizationId)).length, 0, "captures booked while the vendor was still answering")
      await ctx.restart("worker")
    } finally {
      await sandboxControl(ctx, "DELETE", `faults/${fault.id}`).catch(() => {})
    }
    // Completed = the payment marked captured (a capture row alone may be what the killed worker left).
    const done = await eventually(
      async () => {
        const medusa = await medusaCaptures(A, order.id)
        return medusa.payment.captured_at ? medusa : undefined
      },
      "the capture was never completed after the restart",
      { timeoutMs: 180_000, intervalMs: 1000 }
    ).catch(async (error) => {
      const medusa = await medusaCaptures(A, order.id)
      const booked = await avardaBookedCaptures(ctx, authorizationId)
      throw new Error(
        `${error.message}: Avarda booked ${booked.length} capture(s) (${booked.map((b) => b.amount).join(", ")}); Medusa has ${medusa.captures.length} capture row(s) ` +
          `summing ${medusa.captured}, payment captured_at ${medusa.payment.captured_at ?? "none"}, collection ${medusa.order.payment_collections?.[0]?.status}, ` +
          `the plugin's captures ${JSON.stringify(medusa.payment.data?.captures ?? null)}, capture plan ${medusa.payment.data?.capture_plan ? "still pending" : "none"}`
      )
    })
    await settle(5000)
    const booked = await avardaBookedCaptures(ctx, authorizationId)
    checkEqual(booked.length, 1, "captures Avarda booked")
    check(within(booked[0].amount, order.total), `Avarda captured ${booked[0].amount} of ${order.total}`)
    const final = await medusaCaptures(B, order.id)
    checkEqual(final.captures.length, 1, "captures Medusa recorded")
    check(within(final.captured, final.order.total), `Medusa captured ${final.captured} of ${final.order.total}`)
    checkEqual(final.order.payment_collections?.[0]?.status, "completed", "payment collection after the capture")
    return `order ${order.display_id}: worker killed with the capture in flight, restarted, captured once (${done.captured} SEK)`
  },
}
