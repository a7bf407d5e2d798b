// What the benchmark runs against, started here and stopped at the end: Postgres (the server at
// localhost:5432 when it answers, else an embedded one), a database of its own, the vendor sandbox
// (a child process; its control API sets latency and shows the journal), a sink for the sandbox's
// own webhooks (so they never race the measured return route), and Medusa (`medusa start`, admin
// off) with the plugin from source, migrated and seeded like the demo store.
import fs from "node:fs"
import http from "node:http"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { ensurePostgres, freePort } from "../lib/postgres.mjs"
import { databaseUrlFor, ensureDatabase } from "../demo/database.mjs"
import { startService, tailOf } from "../demo/services.mjs"
import { waitForHttp } from "../demo/wait-for-http.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
const demoDir = path.join(root, "scripts", "demo")
const medusaCli = path.join(root, "node_modules", "@medusajs", "cli", "cli.js")

export const BENCH_DATABASE_NAME = "medusa_avarda_avirato_bench"

/** Ports: BENCH_PORT_BASE (Medusa, then sandbox, then sink) or free ones. */
async function ports() {
  const base = Number(process.env.BENCH_PORT_BASE)
  if (base) return { medusa: base, sandbox: base + 1, sink: base + 2 }
  return { medusa: await freePort(), sandbox: await freePort(), sink: await freePort() }
}

/** Answers 200 to anything and counts what it received. */
function startSink(port) {
  let received = 0
  const server = http.createServer((req, res) => {
    req.resume()
    req.on("end", () => {
      received += 1
      res.writeHead(200, { "content-type": "application/json" }).end("{}")
    })
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, "localhost", () =>
      resolve({ url: `http://localhost:${port}/webhooks`, received: () => received, stop: () => new Promise((r) => server.close(r)) })
    )
  })
}

/**
 * Avirato's capture mode in the benchmark's app. Pre-authorisation by default: the compared side,
 * Medusa's system provider, only authorizes, and so does an Avirato pre-authorisation; with
 * auto-capture Medusa also records a capture, work of its own the system provider never does.
 * `BENCH_AVIRATO_CAPTURE_MODE=auto` measures the plugin's default configuration instead.
 */
export function aviratoCaptureMode() {
  return process.env.BENCH_AVIRATO_CAPTURE_MODE === "auto" ? "auto" : "preauth"
}

function medusaEnv({ databaseUrl, medusaPort, sandboxOrigin }) {
  const backendUrl = `http://localhost:${medusaPort}`
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(AVARDA|AVIRATO)_/.test(key)))
  return {
    ...inherited,
    NODE_ENV: "development",
    MEDUSA_ADMIN_DISABLED: "true",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || "error",
    DATABASE_URL: databaseUrl,
    PORT: String(medusaPort),
    MEDUSA_BACKEND_URL: backendUrl,
    STOREFRONT_URL: "http://localhost:8000",
    SANDBOX_URL: sandboxOrigin,
    PAYMENT_WEBHOOK_DELAY_MS: "1",
    MEDUSA_DISABLE_TELEMETRY: "true",
    AVARDA_ENVIRONMENT: "sandbox",
    AVARDA_STANDALONE_ENVIRONMENT: "sandbox",
    AVIRATO_ENVIRONMENT: "sandbox",
    AVIRATO_CAPTURE_MODE: aviratoCaptureMode(),
  }
}

/**
 * Starts everything; returns { backendUrl, sandbox: { origin, testIdentities }, seed, sink, exec(file, env, logName), stop() }.
 * With `medusa: false` (rows that only call the sandbox) it starts the sandbox and its sink only:
 * no Postgres, no Medusa, and only `sandbox`, `sink` and `stop` are returned.
 * `log` gets one line per step. Logs of the child processes go to `logDir`.
 */
export async function startBenchEnvironment({ log, logDir, medusa: withMedusa = true, database = process.env.BENCH_DATABASE || BENCH_DATABASE_NAME }) {
  fs.mkdirSync(logDir, { recursive: true })
  const started = []
  const stop = async () => {
    for (const item of started.reverse()) await item.stop().catch(() => {})
  }
  try {
    const port = await ports()
    const sink = await startSink(port.sink)
    started.push(sink)
    const sandboxService = startService({
      name: "sandbox",
      modulePath: path.join(demoDir, "sandbox-process.cjs"),
      args: ["--port", String(port.sandbox), "--webhook-url", sink.url],
      cwd: root,
      logFile: path.join(logDir, "sandbox.log"),
    })
    started.push(sandboxService)
    const sandbox = await sandboxService.ready
    log(`sandbox at ${sandbox.origin}`)
    if (!withMedusa) return { sandbox, sink, postgres: "not started", stop }

    const pg = await ensurePostgres({ log })
    started.push(pg)
    log(pg.embedded ? `embedded Postgres on localhost:${pg.port}` : `Postgres at localhost:${pg.port}`)
    const databaseUrl = databaseUrlFor(pg, database)
    // A fresh database every run: rows of an earlier run (an identity link to a purchase the new
    // sandbox does not know, say) would change what is measured.
    const created = await ensureDatabase(databaseUrl, { fresh: true })
    log(`database "${created.name}" (${created.created ? "created" : "reused"})`)

    const env = medusaEnv({ databaseUrl, medusaPort: port.medusa, sandboxOrigin: sandbox.origin })
    await runMedusa(["db:migrate"], env, path.join(logDir, "migrate.log"), started)
    log("migrated")
    const seedFile = path.join(logDir, "seed.json")
    await runMedusa(["exec", "./scripts/demo/seed.ts"], { ...env, DEMO_SEED_OUTPUT: seedFile }, path.join(logDir, "seed.log"), started)
    const seed = JSON.parse(fs.readFileSync(seedFile, "utf8"))
    log("seeded")

    const medusaLog = path.join(logDir, "medusa.log")
    // BENCH_MEDUSA_NODE_ARGS: extra Node options for the app only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
    // to profile what it does under the rows (Node refuses --cpu-prof in NODE_OPTIONS).
    const nodeArgs = (process.env.BENCH_MEDUSA_NODE_ARGS ?? "").split(/\s+/).filter(Boolean)
    const medusa = startService({
      name: "Medusa",
      modulePath: path.join(demoDir, "guarded-command.mjs"),
      args: [process.execPath, ...nodeArgs, medusaCli, "start"],
      env,
      cwd: root,
      logFile: medusaLog,
    })
    started.push(medusa)
    let exited
    medusa.exited.then((result) => (exited = result))
    const backendUrl = `http://localhost:${port.medusa}`
    await waitForHttp(`${backendUrl}/health`, {
      timeoutMs: 300000,
      failed: () => (exited ? `Medusa exited (${exited.signal ?? `code ${exited.code}`}); see ${medusaLog}:\n${tailOf(medusaLog)}` : undefined),
    })
    log(`Medusa at ${backendUrl}`)
    /** `medusa exec <file>` against the same database and configuration, with `extraEnv` added. */
    const exec = (file, extraEnv, logName) => runMedusa(["exec", file], { ...env, ...extraEnv }, path.join(logDir, logName), started)
    return { backendUrl, sandbox, seed, sink, medusaPid: medusa.pid, postgres: pg.embedded ? "embedded" : "local server", exec, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

async function runMedusa(args, env, logFile, started) {
  const service = startService({ name: `medusa ${args[0]}`, modulePath: path.join(demoDir, "guarded-command.mjs"), args: [process.execPath, medusaCli, ...args], env, cwd: root, logFile })
  started.push(service)
  const { code, signal } = await service.exited
  started.splice(started.indexOf(service), 1)
  if (code !== 0) throw new Error(`medusa ${args.join(" ")} failed (${signal ?? `exit code ${code}`}); see ${logFile}:\n${tailOf(logFile)}`)
}
