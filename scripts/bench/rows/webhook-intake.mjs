// webhook-intake: signed Avirato webhooks POSTed to the plugin's hook route
// (/hooks/payment/avirato-card_avirato) against the same bodies on Medusa's bare hook route for
// the system provider (/hooks/payment/system_default), in alternating batches at the same
// concurrency. Every Avirato event is signed with the sandbox's client secret and has its own
// eventId, so the row measures the same work whether or not the route verifies signatures or drops
// duplicates. The events name no Medusa payment session, so what Medusa does with them afterwards
// is minimal on both sides; that processing runs in the same server meanwhile.
import { createHmac, randomUUID } from "node:crypto"
import { Pool } from "undici"
import journeyChecks from "../../demo/journey-checks.js"
import benchStats from "../stats.js"

const { ratioOf, shuffled } = benchStats

const { check } = journeyChecks
const CLIENT_SECRET = "sandbox_test_client_secret"
const CONCURRENCY = 16

function event() {
  return JSON.stringify({
    eventId: `bench_${randomUUID()}`,
    event_code: "AUTHORISATION",
    success: true,
    createdAt: new Date().toISOString(),
    webcode: "SHOP01",
    data: {
      sessionId: `SHOP01-BENCH-${randomUUID()}`,
      paymentReference: `BENCH${Date.now()}`,
      customReference: null,
      amount: { value: 1000, currency: "EUR" },
      paymentStatus: "AUTHORISED",
      isPreAuth: false,
    },
  })
}

/** Avirato's two signature headers: HMAC-SHA256(secret, `${t}.${body}`), lowercase hex. */
function signed(body) {
  const t = Math.floor(Date.now() / 1000)
  const v1 = createHmac("sha256", CLIENT_SECRET).update(`${t}.${body}`, "utf8").digest("hex")
  return { "content-type": "application/json", "x-avirato-timestamp": String(t), "x-avirato-signature": `t=${t},v1=${v1}` }
}

async function batch(pool, path, size) {
  const latencies = []
  let accepted = 0
  let rejected = 0
  let next = 0
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < size) {
        next += 1
        const body = event()
        const sent = process.hrtime.bigint()
        const res = await pool.request({ method: "POST", path, headers: signed(body), body })
        await res.body.text()
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6)
        if (res.statusCode >= 200 && res.statusCode < 300) accepted += 1
        else rejected += 1
      }
    })
  )
  return { latencies, accepted, rejected, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

export async function webhookIntake({ backendUrl, batches, batchSize }) {
  const pool = new Pool(backendUrl, { connections: CONCURRENCY, keepAliveTimeout: 30_000, pipelining: 1 })
  const sides = { avirato: "/hooks/payment/avirato-card_avirato", bare: "/hooks/payment/system_default" }
  const totals = Object.fromEntries(Object.keys(sides).map((name) => [name, { latencies: [], accepted: 0, rejected: 0, seconds: 0 }]))
  try {
    for (const name of Object.keys(sides)) await batch(pool, sides[name], Math.min(50, batchSize)) // warm-up
    for (let i = 0; i < batches; i++) {
      for (const name of shuffled(Object.keys(sides))) {
        const result = await batch(pool, sides[name], batchSize)
        const total = totals[name]
        total.latencies.push(...result.latencies)
        total.accepted += result.accepted
        total.rejected += result.rejected
        total.seconds += result.seconds
      }
    }
  } finally {
    await pool.close()
  }
  check(totals.avirato.accepted > 0, `webhook-intake: the Avirato hook route accepted none of ${totals.avirato.rejected} signed events`)
  const rate = (total) => Number((total.accepted / total.seconds).toFixed(1))
  const ratio = ratioOf(totals.avirato.latencies, totals.bare.latencies)
  return {
    name: "webhook-intake",
    baseline: "Medusa's bare hook route",
    ...ratio,
    events_per_s: rate(totals.avirato),
    bare_events_per_s: rate(totals.bare),
    rate_ratio: Number((rate(totals.bare) / rate(totals.avirato)).toFixed(3)),
    accepted: totals.avirato.accepted,
    rejected: totals.avirato.rejected,
    concurrency: CONCURRENCY,
    figures: `${rate(totals.avirato)} verified events/s vs bare ${rate(totals.bare)}/s (${totals.avirato.rejected} rejected)`,
  }
}
