#!/usr/bin/env node
// `npm run bench`: how much the plugin adds to what it wraps, as RATIOS of runs interleaved in this
// one process (noise on a shared machine hits both sides alike). See docs/performance.md.
//
//   npm run bench                       the full run (≥ 30 checkouts per flow, ≥ 1000 client calls)
//   npm run bench -- --quick            a small smoke run (CI): same rows, few samples
//   npm run bench -- --json out.json    also writes { "<row>": { ratio_p50, ratio_p95, ratio_p99, n, … } }
//   npm run bench -- --only a,b         only the rows named (with --quick and --json as well); the
//                                       client rows alone start no Postgres and no Medusa
//
// It starts what it needs (Postgres: the server at localhost:5432 if it answers, else an embedded
// one; the vendor sandbox; Medusa with the plugin) and stops it afterwards. It reports; it never
// fails because something is slow. The exit code is non-zero only when the benchmark itself
// broke (a service did not start, a flow it drives did not work).
//
// Environment: BENCH_DATABASE (default medusa_avarda_avirato_bench), BENCH_PORT_BASE (Medusa,
// sandbox and a webhook sink on this port and the next two; default free ports).
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { createStoreClient } from "./demo/demo-clients.mjs"
import { aviratoCaptureMode, startBenchEnvironment } from "./bench/environment.mjs"
import { sandboxControl } from "./bench/sandbox-control.mjs"
import benchOptions from "./bench/options.js"
import benchStats from "./bench/stats.js"
import { checkoutPaymentSteps } from "./bench/rows/checkout-payment-steps.mjs"
import { myPagesRows } from "./bench/rows/my-pages.mjs"
import { tokenSingleFlight, widgetInit } from "./bench/rows/single-flight.mjs"
import { avardaClientRow, aviratoClientRow } from "./bench/rows/vendor-clients.mjs"
import { webhookIntake } from "./bench/rows/webhook-intake.mjs"
import { webhookProcessing } from "./bench/rows/webhook-processing.mjs"

const { renderTable } = benchStats
const { ROW_NAMES, USAGE, parseArgs, plan } = benchOptions

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

const SIZES = {
  full: { checkouts: 30, clientCalls: 1000, tokenConcurrency: 200, widgetViews: 200, myPagesRounds: 100, webhookBatches: 10, webhookBatchSize: 200, processingRounds: 30 },
  quick: { checkouts: 3, clientCalls: 100, tokenConcurrency: 20, widgetViews: 20, myPagesRounds: 4, webhookBatches: 2, webhookBatchSize: 50, processingRounds: 3 },
}

const benchStarted = Date.now()
const log = (line) => process.stdout.write(`[bench ${String(Math.round((Date.now() - benchStarted) / 1000)).padStart(4)} s] ${line}\n`)

function machine() {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? "unknown",
    memory_gb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    load_average_1m: Number(os.loadavg()[0].toFixed(2)),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  }
}

/** A row as the JSON file shows it: its figures, without the table's text and internal hand-overs. */
function jsonOfRow(row) {
  const hidden = new Set(["name", "baseline", "figures", "authorizationId"])
  return { ...Object.fromEntries(Object.entries(row).filter(([key]) => !hidden.has(key))), compared_with: row.baseline }
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  if (options.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const size = options.quick ? SIZES.quick : SIZES.full
  const selected = new Set(plan(options.only).rows)
  const wanted = (...names) => names.some((name) => selected.has(name))
  const kind = `${options.quick ? "quick" : "full"} run${options.only ? ` of ${[...selected].join(", ")}` : ""}`
  const startedAt = Date.now()
  const before = machine()
  log(`${kind} on ${before.cpus} × ${before.cpu_model}, load ${before.load_average_1m}; Avirato capture mode ${aviratoCaptureMode()}`)
  const env = await startBenchEnvironment({
    log,
    logDir: path.join(root, ".cache", "bench"),
    medusa: plan(options.only).medusa,
  })
  const rows = []
  const broken = []
  try {
    const sandbox = sandboxControl(env.sandbox.origin)
    const store = env.backendUrl ? createStoreClient(env.backendUrl, env.seed.publishableKey) : undefined
    const context = {
      store,
      seed: env.seed,
      sandbox,
      sandboxOrigin: env.sandbox.origin,
      backendUrl: env.backendUrl,
      testIdentities: env.sandbox.testIdentities,
      loginCustomer: () => store.login(env.seed.customer),
      log,
    }
    // Cold caches first: nothing has asked Avarda for a token or a widget session yet.
    // A row that breaks is reported and the others still run: what they measured is printed and written.
    // A step may measure more rows than were asked for (the two My Pages rows are interleaved in one
    // step); only the rows asked for are kept.
    const run = async (label, fn) => {
      if (!wanted(label, ...ROW_NAMES.filter((name) => name.startsWith(`${label}-`)))) return undefined
      log(`${label}…`)
      let result
      try {
        result = await fn()
      } catch (error) {
        broken.push({ row: label, error: error?.message ?? String(error) })
        log(`  ${label} broke: ${error?.stack ?? error}`)
        return undefined
      }
      for (const row of [result].flat().filter((row) => selected.has(row.name))) {
        rows.push(row)
        log(`  ${row.name}: ${row.figures}`)
      }
      return result
    }
    await run("widget-init", () => widgetInit({ ...context, concurrency: size.widgetViews }))
    const tokens = await run("token-single-flight", () => tokenSingleFlight({ ...context, concurrency: size.tokenConcurrency }))
    await run("checkout-payment-steps", () => checkoutPaymentSteps({ ...context, rounds: size.checkouts }))
    await run("avarda-client", () =>
      avardaClientRow({ sandboxOrigin: env.sandbox.origin, authorizationId: tokens?.authorizationId, testIdentities: env.sandbox.testIdentities, calls: size.clientCalls })
    )
    await run("avirato-client", () => aviratoClientRow({ sandboxOrigin: env.sandbox.origin, calls: size.clientCalls }))
    await run("my-pages", () => myPagesRows({ ...context, rounds: size.myPagesRounds }))
    await run("webhook-intake", () => webhookIntake({ backendUrl: env.backendUrl, batches: size.webhookBatches, batchSize: size.webhookBatchSize }))
    await run("webhook-processing", () => webhookProcessing({ ...context, exec: env.exec, rounds: size.processingRounds }))
  } finally {
    await env.stop()
  }
  const after = machine()
  const seconds = Math.round((Date.now() - startedAt) / 1000)
  process.stdout.write(`\n${renderTable(rows)}\n\n`)
  process.stdout.write(
    `${kind}, ${seconds} s; ${before.cpus} × ${before.cpu_model}, ${before.memory_gb} GB, ${before.platform}, node ${before.node}; ` +
      `load average ${before.load_average_1m} at start, ${after.load_average_1m} at end; Postgres: ${env.postgres}; Avirato capture mode ${aviratoCaptureMode()}\n`
  )
  if (options.json) {
    const out = Object.fromEntries(rows.map((row) => [row.name, jsonOfRow(row)]))
    if (broken.length) out._broken = broken
    out._run = { quick: options.quick, ...(options.only ? { only: [...selected] } : {}), seconds, machine: { ...before, load_average_1m_end: after.load_average_1m }, postgres: env.postgres, avirato_capture_mode: aviratoCaptureMode(), at: new Date().toISOString() }
    fs.writeFileSync(options.json, `${JSON.stringify(out, null, 2)}\n`)
    log(`wrote ${options.json}`)
  }
  if (broken.length) {
    process.stderr.write(`[bench] broken rows: ${broken.map((b) => `${b.row} (${b.error})`).join("; ")}\n`)
    return 1
  }
  return 0
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`[bench] failed: ${error?.stack ?? error}\n`)
    process.exit(1)
  })
