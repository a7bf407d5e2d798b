// Capture on shipment runs in the worker and takes the money exactly once: for a plain shipment,
// when the event bus delivers `shipment.created` again (redelivery), and when the store owner's
// capture in the admin races the shipment's.
import fs from "node:fs"
import { createRequire } from "node:module"
import {
  avardaBookedCaptures,
  avardaInvoiceOrder,
  checks,
  fulfilWholeOrder,
  medusaCaptures,
  settle,
  ship,
  within,
} from "../journeys.mjs"

const require = createRequire(import.meta.url)
const { check, checkEqual, eventually } = checks

/**
 * Delivers `shipment.created` for the fulfillment again through the event bus's Redis queue, as
 * @medusajs/event-bus-redis enqueues it (queue "events-queue", prefix "RedisEventBusService").
 */
async function redeliverShipmentCreated(ctx, fulfillmentId, copies) {
  const { Queue } = require(require.resolve("bullmq", { paths: [require.resolve("@medusajs/event-bus-redis")] }))
  const url = new URL(ctx.env.REDIS_URL)
  const queue = new Queue("events-queue", {
    prefix: "RedisEventBusService",
    connection: { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0), maxRetriesPerRequest: null },
  })
  try {
    const job = { name: "shipment.created", data: { data: { id: fulfillmentId, no_notification: false }, metadata: {} }, opts: { removeOnComplete: true, attempts: 1 } }
    await queue.addBulk(Array.from({ length: copies }, () => job))
  } finally {
    await queue.close()
  }
}

/** Exactly one capture of the whole order at the vendor and in Medusa, still so a while later. */
async function checkCapturedOnce(ctx, server, orderId, what) {
  const { payment } = await medusaCaptures(server, orderId)
  const authorizationId = payment.data.authorization_id
  await eventually(async () => (await avardaBookedCaptures(ctx, authorizationId)).length > 0, `${what}: nothing was captured`, { timeoutMs: 60_000, intervalMs: 500 })
  await settle(5000)
  const booked = await avardaBookedCaptures(ctx, authorizationId)
  const medusa = await medusaCaptures(server, orderId)
  checkEqual(booked.length, 1, `${what}: captures Avarda booked`)
  check(within(booked[0].amount, medusa.order.total), `${what}: Avarda captured ${booked[0].amount}, order total ${medusa.order.total}`)
  checkEqual(medusa.captures.length, 1, `${what}: captures Medusa recorded`)
  check(within(medusa.captured, medusa.order.total), `${what}: Medusa captured ${medusa.captured} of ${medusa.order.total}`)
  return medusa.order
}

export default {
  name: "4 capture on shipment: once in the worker, also with shipment.created delivered twice and an admin capture racing it",
  async run(ctx) {
    const { A, B } = ctx

    const plain = await avardaInvoiceOrder(ctx, A, B)
    await ship(A, plain.order.id, await fulfilWholeOrder(A, plain.order.id))
    await checkCapturedOnce(ctx, B, plain.order.id, "plain shipment")
    const serverLines = ["server-a", "server-b"].map((name) => fs.readFileSync(ctx.logFile(name), "utf8")).join("\n")
    check(!/Capture on shipment/.test(serverLines), "a server (not the worker) ran the capture on shipment")
    check(/Capture on shipment .*captured/.test(fs.readFileSync(ctx.logFile("worker"), "utf8")), "the worker's log shows no capture on shipment")

    const redelivered = await avardaInvoiceOrder(ctx, B, A)
    const fulfillment = await fulfilWholeOrder(B, redelivered.order.id)
    await ship(B, redelivered.order.id, fulfillment)
    await redeliverShipmentCreated(ctx, fulfillment.fulfillmentId, 2)
    await checkCapturedOnce(ctx, A, redelivered.order.id, "shipment.created delivered three times")

    const raced = await avardaInvoiceOrder(ctx, A, B)
    const racedFulfillment = await fulfilWholeOrder(A, raced.order.id)
    const { payment } = await medusaCaptures(A, raced.order.id)
    const [adminCapture] = await Promise.all([B.admin.post(`/admin/payments/${payment.id}/capture`, {}), ship(A, raced.order.id, racedFulfillment)])
    // Either the admin's capture or the shipment's takes the money; the other finds it taken.
    check([200, 400, 409].includes(adminCapture.status), `admin capture answered ${adminCapture.status}: ${JSON.stringify(adminCapture.data).slice(0, 200)}`)
    await checkCapturedOnce(ctx, A, raced.order.id, `admin capture (HTTP ${adminCapture.status}) racing the shipment`)

    return `orders ${plain.order.display_id}, ${redelivered.order.display_id} (event delivered 3×), ${raced.order.display_id} (admin capture HTTP ${adminCapture.status} racing) each captured once, in the worker`
  },
}
