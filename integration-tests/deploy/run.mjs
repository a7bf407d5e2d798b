#!/usr/bin/env node
// The deploy tier (`npm test -- deploy`): the plugin as store owners run it. See deployment.mjs for
// how the app is built and started; each file in ./scenarios is one scenario, run in order against
// the same deployment (two servers used alternately, one worker, Redis, the sandbox). Prints one
// line per scenario and writes the counts to --results (read by scripts/test.mjs).
//
//   node integration-tests/deploy/run.mjs [--results file] [pattern…]   only scenarios whose file matches
//
// Environment: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (Postgres, from scripts/test.mjs),
// REDIS_URL (default redis://localhost:6379), DEPLOY_TIER_REDIS_DB (database index the tier owns
// and flushes before and after, default 11), DEPLOY_TIER_DATABASE (default medusa_deploy_tier),
// DEPLOY_TIER_PORTS (first of four consecutive ports: sandbox, server A, server B, worker; default
// free ports), DEPLOY_TIER_KEEP=1 keeps the temporary folder (app and logs).
import fs from "node:fs"
import path from "node:path"
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import { ensurePostgres, freePort } from "../../scripts/lib/postgres.mjs"
import { ensureRedis, flushRedisDb } from "../../scripts/lib/redis.mjs"
import { createAdminSession, createStoreClient } from "../../scripts/demo/demo-clients.mjs"
import { createSandboxClient } from "../../scripts/demo/sandbox-client.mjs"
import {
  dropDatabase,
  freshDatabase,
  medusa,
  packPlugin,
  ROOT,
  scaffoldApp,
  sqlClient,
  startProcess,
  tailOf,
  tierWorkFolder,
  waitForHttp,
} from "./deployment.mjs"

const require = createRequire(import.meta.url)
const { storeEnvironment } = require("./store-environment.js")
const startedAt = Date.now()
const log = (line) => process.stdout.write(`[deploy] ${line}\n`)
const seconds = () => `${((Date.now() - startedAt) / 1000).toFixed(0)} s`

const argv = process.argv.slice(2)
const resultsIndex = argv.indexOf("--results")
const resultsFile = resultsIndex === -1 ? undefined : argv.splice(resultsIndex, 2)[1]
const patterns = argv

const scenarioDir = path.join(ROOT, "integration-tests", "deploy", "scenarios")
const scenarioFiles = fs
  .readdirSync(scenarioDir)
  .filter((name) => name.endsWith(".mjs"))
  .sort()
  .filter((name) => !patterns.length || patterns.some((p) => name.includes(p)))

const cleanups = []
const counts = { passed: 0, failed: 0 }

function writeResults() {
  if (!resultsFile) return
  fs.writeFileSync(
    resultsFile,
    JSON.stringify({ numPassedTests: counts.passed, numFailedTests: counts.failed, numRuntimeErrorTestSuites: 0, numTotalTests: counts.passed + counts.failed })
  )
}

/** Ports: DEPLOY_TIER_PORTS and the three after it, or free ones. */
async function tierPorts() {
  const base = Number(process.env.DEPLOY_TIER_PORTS || 0)
  if (base) return { sandbox: base, serverA: base + 1, serverB: base + 2, worker: base + 3 }
  return { sandbox: await freePort(), serverA: await freePort(), serverB: await freePort(), worker: await freePort() }
}

async function setUp() {
  const work = tierWorkFolder()
  const logs = path.join(work, "logs")
  fs.mkdirSync(logs)
  cleanups.push(async () => {
    if (process.env.DEPLOY_TIER_KEEP === "1" || counts.failed) log(`app and logs kept in ${work}`)
    else fs.rmSync(work, { recursive: true, force: true })
  })
  const logFile = (name) => path.join(logs, `${name}.log`)

  const redis = await ensureRedis({ log }).catch((error) => {
    throw new Error(`no Redis for the deploy tier: ${error.message}`)
  })
  cleanups.push(() => redis.stop())
  const redisDb = Number(process.env.DEPLOY_TIER_REDIS_DB ?? 11)
  await flushRedisDb(redis, redisDb)
  cleanups.push(() => flushRedisDb(redis, redisDb))
  log(`Redis ${redis.started ? "started" : "found"} at ${redis.host}:${redis.port}, database ${redisDb} flushed`)

  const pg = await ensurePostgres({ log })
  cleanups.push(() => pg.stop())
  const auth = pg.password ? `${encodeURIComponent(pg.user)}:${encodeURIComponent(pg.password)}` : encodeURIComponent(pg.user)
  const serverUrl = `postgres://${auth}@localhost:${pg.port}/postgres`
  const databaseName = process.env.DEPLOY_TIER_DATABASE || "medusa_deploy_tier"
  const databaseUrl = await freshDatabase(serverUrl, databaseName)
  cleanups.push(async () => {
    if (process.env.DEPLOY_TIER_KEEP === "1" || counts.failed) log(`database ${databaseName} kept`)
    else await dropDatabase(serverUrl, databaseName)
  })
  log(`database ${databaseName} created`)

  const tarball = packPlugin({ work, log, logFile: logFile("plugin-build") })
  const appDir = path.join(work, "store")
  const installed = scaffoldApp({ appDir, tarball, log })
  const ports = await tierPorts()
  const sandboxOrigin = `http://localhost:${ports.sandbox}`
  const env = storeEnvironment({ databaseUrl, redisUrl: redis.url(redisDb), backendUrl: `http://localhost:${ports.serverA}`, sandboxOrigin })
  const app = { dir: appDir }

  const sandbox = startProcess({
    name: "sandbox",
    command: installed.bin("avarda-avirato-sandbox"),
    // README "Use the sandbox with your own store": the switch uses Avirato's Test layout, whose webhooks go to the store.
    args: ["--port", String(ports.sandbox), "--avirato-test-webhook-url", `${env.MEDUSA_BACKEND_URL}/hooks/payment/avirato-card_avirato`],
    cwd: appDir,
    env: { ...process.env, NODE_OPTIONS: "" },
    logFile: logFile("sandbox"),
  })
  cleanups.push(() => sandbox.stop())
  await waitForHttp(`${sandboxOrigin}/__sandbox/state`, sandbox, 30_000)
  log(`sandbox from the installed package's bin at ${sandboxOrigin}`)

  // `medusa build` needs no database: it runs while the database is migrated and seeded.
  let step = Date.now()
  const building = medusa(app, ["build"], { env, logFile: logFile("build") }).then(() => log(`medusa build (${((Date.now() - step) / 1000).toFixed(1)} s)`))
  building.catch(() => {})
  await medusa(app, ["db:migrate"], { env, logFile: logFile("migrate") })
  log(`medusa db:migrate (${((Date.now() - step) / 1000).toFixed(1)} s)`)
  const seedStart = Date.now()
  const seedFile = path.join(work, "seed.json")
  await medusa(app, ["exec", path.join(ROOT, "scripts", "demo", "seed.ts")], { env: { ...env, DEMO_SEED_OUTPUT: seedFile }, logFile: logFile("seed") })
  const seed = JSON.parse(fs.readFileSync(seedFile, "utf8"))
  log(`store seeded: ${Object.entries(seed.regionProviders).map(([region, ids]) => `${region} ${ids.length} providers`).join(", ")} (${((Date.now() - seedStart) / 1000).toFixed(1)} s)`)
  await building
  const built = path.join(appDir, ".medusa", "server")
  if (!fs.existsSync(path.join(built, "medusa-config.js"))) throw new Error(`medusa build left no .medusa/server/medusa-config.js; ${logFile("build")}:\n${tailOf(logFile("build"))}`)
  fs.symlinkSync(path.join(appDir, "node_modules"), path.join(built, "node_modules"), "dir")

  /** One process of the store, started from the build with its worker mode and port. */
  const startStoreProcess = (name, workerMode, port) => {
    const handle = startProcess({
      name,
      command: process.execPath,
      args: [path.join(appDir, "node_modules", "@medusajs", "cli", "cli.js"), "start"],
      cwd: built,
      env: { ...env, MEDUSA_WORKER_MODE: workerMode, PORT: String(port) },
      logFile: logFile(name),
    })
    return { ...handle, url: `http://localhost:${port}`, ready: () => waitForHttp(`http://localhost:${port}/health`, handle) }
  }
  step = Date.now()
  const processes = {
    serverA: startStoreProcess("server-a", "server", ports.serverA),
    serverB: startStoreProcess("server-b", "server", ports.serverB),
    worker: startStoreProcess("worker", "worker", ports.worker),
  }
  cleanups.push(() => Promise.all(Object.values(processes).map((p) => p.current.stop())))
  for (const key of Object.keys(processes)) processes[key] = { current: processes[key] }
  await Promise.all(Object.values(processes).map((p) => p.current.ready()))
  log(`two servers (:${ports.serverA}, :${ports.serverB}) and a worker (:${ports.worker}) started from the build (${((Date.now() - step) / 1000).toFixed(1)} s)`)

  const identities = require(path.join(installed.pluginDir, ".medusa", "server", "src", "sandbox", "avarda", "test-identities.js")).AVARDA_TEST_IDENTITIES
  const sql = await sqlClient(databaseUrl)
  cleanups.push(() => sql.end())
  const servers = await Promise.all(
    [processes.serverA, processes.serverB].map(async (p, index) => ({
      name: index === 0 ? "A" : "B",
      url: p.current.url,
      store: createStoreClient(p.current.url, seed.publishableKey),
      admin: await createAdminSession(p.current.url, seed.admin),
    }))
  )
  return {
    seed,
    sql,
    env,
    logFile,
    servers,
    A: servers[0],
    B: servers[1],
    backendUrl: env.MEDUSA_BACKEND_URL,
    sandbox: { origin: sandboxOrigin, client: createSandboxClient(sandboxOrigin), testIdentities: identities },
    processes,
    /** Restarts a store process (e.g. the worker after a SIGKILL) with the same mode and port. */
    restart: async (key) => {
      const previous = processes[key].current
      const mode = key === "worker" ? "worker" : "server"
      const port = Number(new URL(previous.url).port)
      processes[key].current = startStoreProcess(`${previous.name}-restarted`, mode, port)
      await processes[key].current.ready()
    },
  }
}

async function main() {
  log(`${scenarioFiles.length} scenario(s): ${scenarioFiles.join(", ")}`)
  let context
  try {
    context = await setUp()
    log(`deployment ready after ${seconds()}`)
  } catch (error) {
    counts.failed++
    process.stdout.write(`✗ deploy set-up — ${error?.stack ?? error}\n`)
  }
  if (context) {
    for (const file of scenarioFiles) {
      const scenario = (await import(pathToFileURL(path.join(scenarioDir, file)).href)).default
      const scenarioStart = Date.now()
      try {
        const outcome = await scenario.run(context)
        counts.passed++
        process.stdout.write(`✓ ${scenario.name} — ${outcome} (${((Date.now() - scenarioStart) / 1000).toFixed(1)} s)\n`)
      } catch (error) {
        counts.failed++
        process.stdout.write(`✗ ${scenario.name} — ${error?.message ?? error} (${((Date.now() - scenarioStart) / 1000).toFixed(1)} s)\n`)
        if (!error?.name?.includes("JourneyCheck")) process.stdout.write(`${error?.stack ?? ""}\n`)
      }
    }
  }
  for (const cleanup of cleanups.reverse()) {
    await Promise.resolve()
      .then(cleanup)
      .catch((error) => log(`clean-up: ${error.message}`))
  }
  log(`tier time ${seconds()}`)
  writeResults()
  process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`)
  process.exit(counts.failed || !counts.passed ? 1 : 0)
}

process.on("SIGINT", () => {
  log("interrupted: stopping the deployment")
  Promise.all(cleanups.reverse().map((c) => Promise.resolve().then(c).catch(() => {}))).finally(() => process.exit(130))
})

main()
