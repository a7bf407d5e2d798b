// Creates the demo's database on a Postgres server if it does not exist yet.
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)
const { Client } = require("pg")

export const DEMO_DATABASE_NAME = "medusa_avarda_avirato_demo"

export function databaseUrlFor({ host, port, user, password }, database = DEMO_DATABASE_NAME) {
  const auth = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}` : encodeURIComponent(user)
  return `postgres://${auth}@${host}:${port}/${database}`
}

async function withClient(url, fn) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10000 })
  client.on("error", () => {})
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Makes sure the database named in `url` exists (connecting to the server's "postgres" database to
 * create it). With `fresh`, an existing one is dropped first, so nothing of an earlier run remains.
 */
export async function ensureDatabase(url, { fresh = false } = {}) {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""))
  if (!name) throw new Error(`DATABASE_URL names no database: ${target.protocol}//${target.host}/`)
  const maintenance = new URL(url)
  maintenance.pathname = "/postgres"
  try {
    return await withClient(maintenance.toString(), async (client) => {
      const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
      if (rowCount > 0 && !fresh) return { created: false, name }
      if (rowCount > 0) await client.query(`drop database "${name.replace(/"/g, '""')}" with (force)`)
      await client.query(`create database "${name.replace(/"/g, '""')}"`)
      return { created: true, name }
    })
  } catch (error) {
    // No access to the maintenance database: fine if the target exists already.
    await withClient(url, async () => {}).catch(() => {
      throw new Error(`cannot reach or create database "${name}" at ${target.host}: ${error.message}`)
    })
    return { created: false, name }
  }
}
