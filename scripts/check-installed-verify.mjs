#!/usr/bin/env node
// The published package, as a store owner gets it: packs the built plugin, installs the tarball into
// an empty temporary folder (only what the bins need: no Medusa, no dev tools), starts the sandbox
// from the installed package and runs `avarda-avirato-verify --interactive` against it, paying the
// hosted pages as a browser would. Passes when every check is confirmed.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { installPackedPlugin } from "./lib/packed-plugin.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const log = (line) => process.stdout.write(`[installed-verify] ${line}\n`)
const fail = (message) => {
  process.stderr.write(`[installed-verify] FAILED: ${message}\n`)
  process.exitCode = 1
}

if (!fs.existsSync(path.join(root, ".medusa", "server", "src", "verify", "main.js"))) {
  fail("no build output: run `npm run build` first")
  process.exit(1)
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "avarda-avirato-installed-"))
const children = []
const started = Date.now()

/** Starts a process and collects its output; `onLine` sees each stdout line as it comes. */
function run(command, args, options = {}) {
  const child = spawn(command, args, { cwd: work, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] })
  children.push(child)
  let output = ""
  let pending = ""
  child.stdout.on("data", (chunk) => {
    output += chunk
    pending += chunk
    const lines = pending.split("\n")
    pending = lines.pop()
    for (const line of lines) options.onLine?.(line)
  })
  child.stderr.on("data", (chunk) => (output += chunk))
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)))
  return { child, exited, output: () => output }
}

/** As a browser: open the page, submit the test card, follow the redirect back to the shop. */
async function payLikeABrowser(url) {
  await (await fetch(url)).text()
  const submitted = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ cardNumber: "4111 1111 1111 1111", expiry: "12/30", cvc: "737", holderName: "Test User" }).toString(),
  })
  const location = submitted.headers.get("location")
  if (!location) throw new Error(`payment page ${url} answered ${submitted.status} without a redirect`)
  await (await fetch(location)).text()
}

try {
  // Peer dependencies (Medusa) are left out on purpose: the bins must run with the package's own dependencies.
  const { bin } = installPackedPlugin({ root, work, log })
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AVARDA|AVIRATO)_/.test(name)))
  let origin
  const sandboxReady = new Promise((resolve, reject) => {
    const sandbox = run(bin("avarda-avirato-sandbox"), ["--port", "0", "--quiet"], {
      env: cleanEnv,
      onLine: (line) => {
        const match = /Console\s+(http:\/\/\S+?)\/?$/.exec(line.trim())
        if (match) resolve((origin = match[1]))
      },
    })
    // Once resolved, a later exit (the SIGTERM at the end) changes nothing.
    sandbox.exited.then((code) => reject(new Error(`the installed sandbox exited (${code}): ${sandbox.output()}`)))
  })
  await sandboxReady
  log(`installed sandbox at ${origin}`)

  const jsonFile = path.join(work, "verify.json")
  const payments = []
  const verify = run(bin("avarda-avirato-verify"), ["--interactive", "--json", jsonFile, "--payment-wait", "60", "--webhook-wait", "30", "--back-office-wait", "30"], {
    env: { ...cleanEnv, AVARDA_AVIRATO_SANDBOX_URL: origin },
    onLine: (line) => {
      const url = /(http:\/\/\S+\/pay-external\/\S+)/.exec(line)?.[1]
      if (url) payments.push(payLikeABrowser(url))
    },
  })
  const code = await verify.exited
  await Promise.all(payments)
  const printed = verify.output()
  const summary = printed.split("\n").find((line) => /checks against the sandbox/.test(line)) ?? "(no summary)"
  log(summary)
  if (code !== 0) fail(`avarda-avirato-verify exited ${code}:\n${printed}`)
  const report = JSON.parse(fs.readFileSync(jsonFile, "utf8"))
  const notConfirmed = report.checks.filter((check) => check.verdict !== "confirmed")
  if (payments.length !== 3) fail(`expected 3 hosted payment pages, saw ${payments.length}`)
  if (notConfirmed.length) fail(`not confirmed: ${notConfirmed.map((check) => `${check.assumption} ${check.verdict}: ${check.seen}`).join("\n  ")}`)
  for (const id of ["U1", "D18", "A4", "A18", "A26", "A33", "A34"]) {
    if (!report.checks.some((check) => check.assumption === id)) fail(`the report has no row ${id}`)
  }
  if (!process.exitCode) log(`${report.checks.length} checks confirmed from the installed package in ${Math.round((Date.now() - started) / 1000)} s`)
} catch (error) {
  fail(error?.stack ?? String(error))
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM")
  fs.rmSync(work, { recursive: true, force: true })
}
