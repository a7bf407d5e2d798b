#!/usr/bin/env node
// Child process of the demo: the vendor sandbox (src/sandbox, TypeScript, loaded with ts-node in
// transpile-only mode) on --port, with Avirato webhooks sent to --webhook-url. Stops on
// SIGTERM/SIGINT or when the demo's IPC channel closes. Reports { ready: true, origin, urls, testIdentities } over IPC.
const path = require("node:path")

const root = path.resolve(__dirname, "..", "..")
const argValue = (name) => {
  const i = process.argv.indexOf(name)
  return i === -1 ? undefined : process.argv[i + 1]
}

let sandbox
let stopping = false

async function shutdown(code) {
  if (stopping) return
  stopping = true
  try {
    await sandbox?.stop()
  } finally {
    process.exit(code)
  }
}

process.on("SIGTERM", () => shutdown(0))
process.on("SIGINT", () => shutdown(0))
process.on("disconnect", () => shutdown(0))

async function main() {
  require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(root, "tsconfig.json") })
  const { startSandbox } = require(path.join(root, "src", "sandbox"))
  const webhookUrl = argValue("--webhook-url")
  sandbox = await startSandbox({
    port: Number(argValue("--port")),
    avirato: { webhookUrl, testWebhookUrl: webhookUrl },
    log: (line) => process.stdout.write(`${line}\n`),
  })
  if (stopping) return sandbox.stop()
  const { AVARDA_TEST_IDENTITIES } = require(path.join(root, "src", "sandbox", "avarda", "test-identities"))
  process.send?.({ ready: true, origin: sandbox.origin, urls: sandbox.urls, testIdentities: AVARDA_TEST_IDENTITIES })
}

main().catch((error) => {
  process.stdout.write(`${error && error.stack ? error.stack : error}\n`)
  process.send?.({ error: error && error.code === "EADDRINUSE" ? `port ${argValue("--port")} is already in use` : String(error && error.message ? error.message : error) })
  shutdown(1)
})
