// The store owner saves settings on server A; the very next decision on server B (checkout) and in
// the worker (capture on shipment) obeys them. Each process last read the settings moments before
// the change, as in a running store: nothing may answer from a copy kept in process memory.
import {
  AVARDA_PROVIDERS,
  DEFAULT_SETTINGS,
  avardaCaptures,
  avardaInvoiceOrder,
  aviratoCaptures,
  aviratoOrder,
  changeSettings,
  checks,
  fulfilWholeOrder,
  orderPayment,
  retrievePayment,
  settle,
  ship,
  startApprovedAvarda,
  startAviratoSession,
  spanishCart,
  swedishCart,
} from "../journeys.mjs"

const { check, checkEqual, eventually } = checks

/** Ships the order on `server` and waits until the worker captured it; returns the seconds it took. */
async function shipAndSeeCaptured(ctx, server, orderId, vendorCaptures) {
  const shippedAt = Date.now()
  await ship(server, orderId, await fulfilWholeOrder(server, orderId))
  const { payment } = await orderPayment(server.admin, orderId)
  await eventually(async () => (await vendorCaptures()).length === 1 && ((await retrievePayment(server.admin, payment.id)).captures ?? []).length >= 1, `order ${orderId} was not captured after its shipment`, { timeoutMs: 60_000, intervalMs: 500 })
  return (Date.now() - shippedAt) / 1000
}

export default {
  name: "2 settings saved on server A rule the next decision on server B and in the worker",
  async run(ctx) {
    const { A, B } = ctx
    await changeSettings(A, () => ({ ...DEFAULT_SETTINGS, avirato: { captureMode: "preauth", captureOnShipment: true } }))
    const failures = []
    try {
      // Orders placed and a capture on shipment seen before the change: every process has read the settings.
      const avardaBefore = await avardaInvoiceOrder(ctx, A, B)
      const avardaAfter = await avardaInvoiceOrder(ctx, B, A)
      const aviratoBefore = await aviratoOrder(ctx, A, B)
      const aviratoAfter = await aviratoOrder(ctx, B, A)
      const authorizationOf = async (orderId) => (await orderPayment(A.admin, orderId)).payment.data.authorization_id
      const referenceOf = async (orderId) => (await orderPayment(A.admin, orderId)).payment.data.payment_reference
      const [authBefore, authAfter, refBefore, refAfter] = await Promise.all([
        authorizationOf(avardaBefore.order.id),
        authorizationOf(avardaAfter.order.id),
        referenceOf(aviratoBefore.orderId),
        referenceOf(aviratoAfter.orderId),
      ])
      const avardaSeconds = await shipAndSeeCaptured(ctx, B, avardaBefore.order.id, () => avardaCaptures(ctx, authBefore))
      const aviratoSeconds = await shipAndSeeCaptured(ctx, A, aviratoBefore.orderId, () => aviratoCaptures(ctx, refBefore))
      const partPaymentCart = await swedishCart(A, ctx.seed)
      const aviratoCart = await spanishCart(A, ctx.seed)
      const sessionBefore = await startAviratoSession(B, await spanishCart(B, ctx.seed))
      checkEqual(sessionBefore.data.mode, "preauth", "Avirato capture mode on server B before the change")

      // The change, on server A.
      await changeSettings(A, () => ({
        avarda: { captureMode: "manual", partPaymentTerms: [6, 12] },
        avardaStandalone: {},
        avirato: { captureMode: "auto", captureOnShipment: false },
      }))

      // The very next decisions on server B.
      const session = await startAviratoSession(B, aviratoCart)
      if (session.data.mode !== "auto") failures.push(`server B created an Avirato session in mode "${session.data.mode}" right after "auto" was saved on server A`)
      const partPayment = await startApprovedAvarda(B, partPaymentCart, ctx, { providerId: AVARDA_PROVIDERS.partPayment, paymentTerms: 6 })
      if (partPayment.status !== 200) {
        failures.push(`server B refused part-payment over 6 months (HTTP ${partPayment.status}: ${JSON.stringify(partPayment.data).slice(0, 200)}) right after the terms 6, 12 were saved on server A`)
      } else {
        const created = await ctx.sandbox.client.journal("avarda.authorization.create.part-payment")
        const last = created[created.length - 1]
        if (!/"paymentTerms":6\b/i.test(JSON.stringify(last?.body ?? {}))) failures.push(`Avarda was not asked for a 6-month part-payment: ${JSON.stringify(last?.body ?? {}).slice(0, 200)}`)
      }

      // The very next decisions in the worker: shipments of orders captured on shipment before the change.
      await ship(B, avardaAfter.order.id, await fulfilWholeOrder(B, avardaAfter.order.id))
      await ship(B, aviratoAfter.orderId, await fulfilWholeOrder(B, aviratoAfter.orderId))
      // Captures on shipment took avardaSeconds / aviratoSeconds above; give the worker three times as long.
      await settle(Math.max(15, 3 * avardaSeconds, 3 * aviratoSeconds) * 1000)
      const avardaTaken = await avardaCaptures(ctx, authAfter)
      if (avardaTaken.length) failures.push(`the worker captured Avarda order ${avardaAfter.order.display_id} on shipment after "capture manually" was saved on server A`)
      const aviratoTaken = await aviratoCaptures(ctx, refAfter)
      if (aviratoTaken.length) failures.push(`the worker captured Avirato order ${aviratoAfter.orderId} on shipment after "capture on shipment" was turned off on server A`)
      const { payment: avardaPayment } = await orderPayment(A.admin, avardaAfter.order.id)
      if ((avardaPayment.captures ?? []).length) failures.push("Medusa recorded a capture on the Avarda payment after manual capture was chosen")

      check(!failures.length, failures.join("; "))
      return `server B and the worker obeyed at once: Avirato auto, 6-month part-payment, no capture on shipment (controls captured in ${avardaSeconds.toFixed(1)} s / ${aviratoSeconds.toFixed(1)} s)`
    } finally {
      await changeSettings(A, () => DEFAULT_SETTINGS).catch(() => {})
    }
  },
}
