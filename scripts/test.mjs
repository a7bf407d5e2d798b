#!/usr/bin/env node
// `npm test`: the tiers unit, modules, http, browser and deploy against one Postgres, then one
// closing line "N passed, N failed". Exits non-zero on any failure or when no test ran.
//
//   npm test                      every tier
//   npm test -- chaos             the fault and race matrix alone (also `npm run chaos`)
//   npm test -- http              one tier
//   npm test -- http avirato      one tier, test files matching "avirato"
//   npm test -- deploy settings   the deploy tier, scenarios whose file matches "settings"
//
// The deploy tier is not jest: integration-tests/deploy/run.mjs packs the plugin, installs it into
// a separate Medusa app and runs its scenarios against two servers and a worker on Redis.
//
// Postgres: the server at DB_HOST:DB_PORT (default localhost:5432) if it answers, else an embedded
// one started here and stopped at the end (EMBEDDED_PG=1 forces the embedded one).
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { ensureChromium } from "./lib/chromium.mjs"
import { ensurePostgres, postgresEnv } from "./lib/postgres.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const TIERS = ["unit", "modules", "http", "browser", "chaos", "deploy"]
const resultsDir = path.join(root, ".jest-results")

const args = process.argv.slice(2)
const selected = args.filter((a) => TIERS.includes(a))
const jestArgs = args.filter((a) => !TIERS.includes(a))
const tiers = selected.length ? TIERS.filter((t) => selected.includes(t)) : TIERS

const log = (line) => process.stdout.write(`[test] ${line}\n`)

function runTier(tier, env) {
  const outputFile = path.join(resultsDir, `${tier}.json`)
  fs.rmSync(outputFile, { force: true })
  const argv =
    tier === "deploy"
      ? [path.join(root, "integration-tests", "deploy", "run.mjs"), "--results", outputFile, ...jestArgs]
      : [
          path.join(root, "node_modules", "jest", "bin", "jest.js"),
          // The http files and the chaos matrix's two shards run two at a time, each file with its own
          // app and its own database (Medusa's runner names it after the jest worker): one per core.
          ...(tier === "chaos" || tier === "http" ? ["--maxWorkers=2"] : ["--runInBand"]),
          "--forceExit",
          "--passWithNoTests",
          "--json",
          `--outputFile=${outputFile}`,
          ...jestArgs,
        ]
  const childEnv =
    tier === "deploy"
      ? env
      : { ...env, TEST_TYPE: tier, CHAOS_RUN_ID: `${process.pid}-${Date.now()}`, NODE_OPTIONS: [env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" ") }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, {
      cwd: root,
      stdio: "inherit",
      env: childEnv,
    })
    const forward = (signal) => child.kill(signal)
    process.on("SIGINT", forward)
    process.on("SIGTERM", forward)
    child.on("exit", (code) => {
      process.off("SIGINT", forward)
      process.off("SIGTERM", forward)
      let result = { numPassedTests: 0, numFailedTests: 0, numRuntimeErrorTestSuites: 0, numTotalTests: 0 }
      try {
        result = JSON.parse(fs.readFileSync(outputFile, "utf8"))
      } catch {
        // jest crashed before writing results: counted as a failure below
      }
      const failed = result.numFailedTests + result.numRuntimeErrorTestSuites + (code !== 0 && result.numFailedTests === 0 && result.numRuntimeErrorTestSuites === 0 ? 1 : 0)
      resolve({ tier, passed: result.numPassedTests, failed, total: result.numTotalTests, exitCode: code, failures: failuresIn(result) })
    })
  })
}

/** The first line of a failure message, without colours, short enough for a summary. */
function firstLine(message) {
  // eslint-disable-next-line no-control-regex
  const line = String(message ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim()).find(Boolean) ?? "(no message)"
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

/** "file › test: first line of its failure" for each failed test (or suite that did not run) in jest's JSON. */
function failuresIn(result) {
  const lines = []
  for (const file of result.testResults ?? []) {
    const name = path.relative(root, file.name ?? "")
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed")
    for (const test of failedTests) lines.push(`${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`)
    if (!failedTests.length && file.status === "failed") lines.push(`${name}: ${firstLine(file.message)}`)
  }
  return lines
}

async function main() {
  fs.mkdirSync(resultsDir, { recursive: true })
  const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: process.env.LOG_LEVEL || "error" }
  let pg
  if (tiers.some((t) => t !== "unit")) {
    pg = await ensurePostgres({ log })
    Object.assign(env, postgresEnv(pg), { PG_READY: "1" })
    log(pg.embedded ? `embedded Postgres on localhost:${pg.port}` : `Postgres at localhost:${pg.port}`)
  }
  if (tiers.includes("browser")) {
    env.CHROMIUM_PATH = await ensureChromium({ log })
  }
  const results = []
  try {
    for (const tier of tiers) {
      log(`tier ${tier}…`)
      const result = await runTier(tier, env)
      results.push(result)
      log(`tier ${tier}: ${result.passed} passed, ${result.failed} failed`)
    }
  } finally {
    await pg?.stop()
  }
  const passed = results.reduce((n, r) => n + r.passed, 0)
  const failed = results.reduce((n, r) => n + r.failed, 0)
  for (const r of results) log(`${r.tier.padEnd(8)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed`)
  // Named again here, next to the closing line, so that the end of a long log says what failed.
  for (const r of results) for (const failure of r.failures ?? []) log(`failed in ${r.tier}: ${failure}`)
  if (passed + failed === 0) log("no test ran")
  process.stdout.write(`${passed} passed, ${failed} failed\n`)
  process.exit(failed > 0 || passed === 0 ? 1 : 0)
}

main().catch((error) => {
  process.stderr.write(`${error?.stack || error}\n`)
  process.stdout.write("0 passed, 1 failed\n")
  process.exit(1)
})
