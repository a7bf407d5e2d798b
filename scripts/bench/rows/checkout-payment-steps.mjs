// checkout-payment-steps: the payment part of a checkout (create the payment session, then complete
// the cart — for Avirato: the shopper's return, which completes it) with Avarda and with Avirato,
// each against Medusa's system provider, the vendor's own time taken out.
//
// Everything before the payment session (cart, addresses, shipping, payment collection) and the
// shopper's visit to Avirato's hosted page are done untimed. Vendor time: the sandbox's journal
// records how long it took to answer each call (latency 0); the sum over the calls a timed step
// caused is subtracted from that step.
import journeyChecks from "../../demo/journey-checks.js"
import { createPaymentSession, completeCart } from "../../demo/store-checkout.mjs"
import { AVARDA_PROVIDERS, startAvardaSession } from "../../demo/avarda-checkout.mjs"
import { startAviratoSession } from "../../demo/avirato-checkout.mjs"
import { spanishCart, swedishCart } from "../carts.mjs"
import { submitPageForm, testCard } from "../../demo/sandbox-client.mjs"
import { vendorMs } from "../sandbox-control.mjs"
import benchStats from "../stats.js"

const { interleave, ratioOf, timed } = benchStats

const { check, checkStatus, checkEqual } = journeyChecks
const SYSTEM_PROVIDER = "pp_system_default"

/** Runs `fn` timed, with the journal cleared before; returns { ms (vendor time removed), vendor, result }. */
async function step(sandbox, fn) {
  await sandbox.clearJournal()
  const { ms, result } = await timed(fn)
  const vendor = vendorMs(await sandbox.journal())
  return { ms: ms - vendor, vendor, result }
}

export async function checkoutPaymentSteps({ store, seed, sandbox, testIdentities, rounds, log }) {
  const vendorTotals = { avarda: 0, avirato: 0 }
  const failures = []
  const guard = (name, fn) => async (round) => {
    try {
      return await fn(round)
    } catch (error) {
      failures.push(`${name}: ${error.message}`)
      return undefined
    }
  }
  const sides = {
    system: guard("system", async () => {
      const cart = await swedishCart(store, seed)
      const session = await step(sandbox, async () => checkStatus(await createPaymentSession(store, cart, SYSTEM_PROVIDER), 200, "system payment session"))
      const done = await step(sandbox, async () => checkStatus(await completeCart(store, cart), 200, "complete cart"))
      checkEqual(done.result.type, "order", "system provider completion")
      return session.ms + done.ms
    }),
    avarda: guard("avarda", async () => {
      const cart = await swedishCart(store, seed)
      const session = await step(sandbox, async () =>
        checkStatus(await startAvardaSession(store, cart, { provider_id: AVARDA_PROVIDERS.invoice, personal_id_number: testIdentities.SE.approved }), 200, "Avarda payment session")
      )
      checkEqual(session.result.next_action?.type, "complete_cart", "Avarda's answer")
      const done = await step(sandbox, async () => checkStatus(await completeCart(store, cart), 200, "complete cart"))
      checkEqual(done.result.type, "order", "Avarda completion")
      vendorTotals.avarda += session.vendor + done.vendor
      return session.ms + done.ms
    }),
    avirato: guard("avirato", async () => {
      const cart = await spanishCart(store, seed)
      const session = await step(sandbox, () => startAviratoSession(store, cart))
      const returnUrl = await submitPageForm(session.result.data.payment_url, testCard(), "Avirato payment page")
      const back = await step(sandbox, async () => {
        const res = await fetch(returnUrl, { redirect: "manual" })
        await res.arrayBuffer()
        return res.headers.get("location") ?? ""
      })
      check(back.result.includes("order_id="), `the Avirato return did not place the order (sent to ${back.result})`)
      vendorTotals.avirato += session.vendor + back.vendor
      return session.ms + back.ms
    }),
  }
  const samples = await interleave(sides, rounds)
  if (failures.length) log(`checkout-payment-steps: ${failures.length} failed runs, first: ${failures[0]}`)
  check(samples.system.length && samples.avarda.length && samples.avirato.length, `checkout-payment-steps: a flow never completed (${failures[0] ?? "no error"})`)
  const avarda = ratioOf(samples.avarda, samples.system)
  const avirato = ratioOf(samples.avirato, samples.system)
  const worst = avarda.ratio_p50 >= avirato.ratio_p50 ? avarda : avirato
  return {
    name: "checkout-payment-steps",
    baseline: "system provider",
    ratio_p50: worst.ratio_p50,
    ratio_p95: Math.max(avarda.ratio_p95, avirato.ratio_p95),
    ratio_p99: Math.max(avarda.ratio_p99, avirato.ratio_p99),
    n: Math.min(avarda.n, avirato.n),
    avarda,
    avirato,
    system_ms: avarda.baseline_ms,
    vendor_ms_removed_per_checkout: {
      avarda: Number((vendorTotals.avarda / Math.max(1, samples.avarda.length)).toFixed(2)),
      avirato: Number((vendorTotals.avirato / Math.max(1, samples.avirato.length)).toFixed(2)),
    },
    failed_runs: failures.length,
    figures: `avarda ${avarda.ratio_p50}× / avirato ${avirato.ratio_p50}× p50; system p50 ${avarda.baseline_ms.p50} ms`,
  }
}
