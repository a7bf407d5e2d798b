// webhook-processing: what processing one authentic Avirato AUTHORISATION webhook costs the server
// (Medusa's webhook subscriber, where the provider's getWebhookActionAndData authenticates the event
// and leaves it to the plugin, plus the plugin's own subscriber, which completes the cart), against Medusa's processPaymentWorkflow alone for
// a system-provider cart. The vendor's answer time is removed; the Avirato calls per event are
// counted (the processing confirms the payment with Avirato once).
//
// Here: the carts, paid untimed on Avirato's page (the sandbox's own webhooks go to the benchmark's
// sink, so nothing completes them), and system-provider carts with their session. The timed part
// runs in `medusa exec scripts/bench/webhook-processing.ts`, where the app's modules are loaded.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import journeyChecks from "../../demo/journey-checks.js"
import { createPaymentSession } from "../../demo/store-checkout.mjs"
import { startAviratoSession } from "../../demo/avirato-checkout.mjs"
import { submitPageForm, testCard } from "../../demo/sandbox-client.mjs"
import { spanishCart } from "../carts.mjs"
import benchStats from "../stats.js"

const { ratioOf, percentile } = benchStats
const { check, checkStatus } = journeyChecks
const SYSTEM_PROVIDER = "pp_system_default"

async function paidAviratoCart(store, seed) {
  const cart = await spanishCart(store, seed)
  const session = await startAviratoSession(store, cart)
  await submitPageForm(session.data.payment_url, testCard(), "Avirato payment page")
  check(session.data.avirato_session_id, "webhook-processing: the Avirato session has no avirato_session_id")
  return {
    cartId: cart.cartId,
    paymentSessionId: session.id,
    aviratoSessionId: session.data.avirato_session_id,
    paymentReference: `BENCH${Date.now()}`,
    amount: { value: session.data.amount, currency: session.data.currency },
  }
}

async function systemCart(store, seed) {
  const cart = await spanishCart(store, seed)
  const data = checkStatus(await createPaymentSession(store, cart, SYSTEM_PROVIDER), 200, "system payment session")
  const session = data.payment_collection.payment_sessions.find((s) => s.provider_id === SYSTEM_PROVIDER)
  check(session, "webhook-processing: no system-provider payment session")
  return { cartId: cart.cartId, paymentSessionId: session.id, amount: session.amount }
}

export async function webhookProcessing({ store, seed, sandboxOrigin, exec, rounds, log }) {
  const avirato = []
  const system = []
  for (let i = 0; i < rounds; i++) {
    avirato.push(await paidAviratoCart(store, seed))
    system.push(await systemCart(store, seed))
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-processing-"))
  const input = path.join(dir, "input.json")
  const output = path.join(dir, "output.json")
  fs.writeFileSync(input, JSON.stringify({ sandboxOrigin, avirato, system }))
  try {
    await exec("./scripts/bench/webhook-processing.ts", { BENCH_PROCESSING_INPUT: input, BENCH_PROCESSING_OUTPUT: output }, "webhook-processing.log")
    const out = JSON.parse(fs.readFileSync(output, "utf8"))
    if (out.failures.length) log(`webhook-processing: ${out.failures.length} failed runs, first: ${out.failures[0]}`)
    check(out.avirato.length && out.system.length, `webhook-processing: no run completed a cart (${out.failures[0] ?? "no error"})`)
    const ratio = ratioOf(out.avirato, out.system)
    const calls = out.avirato_calls.length ? Math.max(...out.avirato_calls) : 0
    const p50 = (values) => (values?.length ? Math.round(percentile(values, 0.5) * 100) / 100 : null)
    const split = { medusa_subscriber_p50_ms: p50(out.medusa_subscriber), plugin_subscriber_p50_ms: p50(out.plugin_subscriber) }
    return {
      name: "webhook-processing",
      baseline: "processPaymentWorkflow alone",
      ...ratio,
      avirato_calls_per_event: calls,
      ...split,
      failed_runs: out.failures.length,
      figures:
        `${calls} Avirato call(s) per event; plugin p50 ${ratio.ms.p50} ms vs processPaymentWorkflow p50 ${ratio.baseline_ms.p50} ms (vendor time removed); ` +
        `of the plugin side, Medusa's webhook subscriber p50 ${split.medusa_subscriber_p50_ms} ms, the plugin's subscriber p50 ${split.plugin_subscriber_p50_ms} ms`,
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
