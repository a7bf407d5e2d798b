#!/usr/bin/env node
// Child process of the demo: an embedded Postgres (scripts/lib/postgres.mjs) that stops, and
// deletes its data, on SIGTERM/SIGINT or when the demo's IPC channel closes.
// Reports { ready: true, host, port, user, password } over IPC.
import { ensurePostgres } from "../lib/postgres.mjs"

let pg
let stopping = false

async function shutdown(code = 0) {
  if (stopping) return
  stopping = true
  try {
    await pg?.stop()
  } finally {
    process.exit(code)
  }
}

process.on("SIGTERM", () => shutdown(0))
process.on("SIGINT", () => shutdown(0))
process.on("disconnect", () => shutdown(0))

try {
  pg = await ensurePostgres({ forceEmbedded: true, log: (line) => process.stdout.write(`${line}\n`) })
  if (stopping) await pg.stop()
  else process.send?.({ ready: true, host: pg.host, port: pg.port, user: pg.user, password: pg.password })
} catch (error) {
  process.send?.({ error: error instanceof Error ? error.message : String(error) })
  await shutdown(1)
}
