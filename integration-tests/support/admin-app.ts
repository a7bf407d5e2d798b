// A real Medusa app WITH the admin dashboard, for browser tests (the integration test runner
// disables the admin). Started from the repository root on a fresh database: `medusa db:migrate`,
// `medusa user`, an optional `medusa exec` seed script, then `medusa start` with
// NODE_ENV=development (the server `medusa develop` forks, serving the dashboard through Vite,
// without the file watcher that would restart it whenever someone edits the working tree).
// Every process runs in its own process group and is stopped, and the database dropped, by stop().
import { spawn, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { Client } from "pg"

const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")
export const ADMIN_APP_LOG_DIR = path.join(ROOT, "test-results", "admin-app")

export interface AdminAppOptions {
  /** Name used for the database and the log files. */
  name: string
  /** Extra environment for every Medusa command (e.g. SANDBOX_URL, STOREFRONT_URL). */
  env?: Record<string, string>
  /** A `medusa exec` script run after migrations; it gets ADMIN_APP_SEED_OUTPUT to write JSON to. */
  seedScript?: string
  admin?: { email: string; password: string }
  /** For `medusa start` to answer /health and serve /app. Default 6 minutes (first Vite build is slow). */
  startTimeoutMs?: number
}

export interface AdminApp {
  backendUrl: string
  /** Name of the app's database (for withDatabase). */
  database: string
  databaseUrl: string
  admin: { email: string; password: string }
  /** What the seed script wrote (parsed JSON), if any. */
  seed: unknown
  logFile: string
  stop(): Promise<void>
}

function pgConfig(database: string) {
  return {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database,
  }
}

export function databaseUrlOf(database: string): string {
  const c = pgConfig(database)
  const auth = c.password ? `${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}` : encodeURIComponent(c.user)
  return `postgres://${auth}@${c.host}:${c.port}/${database}`
}

export async function withDatabase<T>(database: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(pgConfig(database))
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "localhost", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return "(no log)"
  }
}

/** Starts `medusa <args>` in its own process group, output to `logFile`. */
function medusa(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, "a")
  const child = spawn(process.execPath, [MEDUSA_CLI, ...args], { cwd: ROOT, env, stdio: ["ignore", log, log], detached: true })
  fs.closeSync(log)
  return child
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)))
}

async function runToEnd(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  const code = await exited(medusa(args, env, logFile))
  if (code !== 0) throw new Error(`medusa ${args[0]} failed (exit ${code}); ${logFile}:\n${tail(logFile)}`)
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
  const done = exited(child)
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name)
    } catch {
      // already gone
    }
  }
  signal("SIGTERM")
  const timer = setTimeout(() => signal("SIGKILL"), 10_000)
  await done
  clearTimeout(timer)
  // Whatever the server forked (e.g. a Vite worker) goes with the group.
  signal("SIGKILL")
}

async function waitFor(url: string, timeoutMs: number, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const problem = failed()
    if (problem) throw new Error(problem)
    const status = await fetch(url, { redirect: "follow" }).then((r) => r.status, () => 0)
    if (status === 200) return
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last status ${status})`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

export async function startAdminApp(options: AdminAppOptions): Promise<AdminApp> {
  fs.mkdirSync(ADMIN_APP_LOG_DIR, { recursive: true })
  const database = `${options.name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${Date.now()}`
  const port = await freePort()
  const backendUrl = `http://localhost:${port}`
  const admin = options.admin ?? { email: "admin@example.com", password: "supersecret-Passw0rd" }
  const logFile = (step: string) => path.join(ADMIN_APP_LOG_DIR, `${options.name}-${step}.log`)
  for (const step of ["migrate", "user", "seed", "server"]) fs.rmSync(logFile(step), { force: true })

  await withDatabase("postgres", (client) => client.query(`CREATE DATABASE "${database}"`))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: databaseUrlOf(database),
    PORT: String(port),
    MEDUSA_BACKEND_URL: backendUrl,
    ADMIN_CORS: backendUrl,
    AUTH_CORS: backendUrl,
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: "info",
    ...options.env,
  }
  delete env.MEDUSA_ADMIN_DISABLED
  delete env.JEST_WORKER_ID

  let server: ChildProcess | undefined
  const stop = async () => {
    if (server) await stopGroup(server)
    server = undefined
    await withDatabase("postgres", async (client) => {
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database])
      await client.query(`DROP DATABASE IF EXISTS "${database}"`)
    }).catch(() => undefined)
  }

  try {
    await runToEnd(["db:migrate"], env, logFile("migrate"))
    await runToEnd(["user", "-e", admin.email, "-p", admin.password], env, logFile("user"))
    let seed: unknown
    if (options.seedScript) {
      const output = path.join(ADMIN_APP_LOG_DIR, `${options.name}-seed.json`)
      fs.rmSync(output, { force: true })
      await runToEnd(["exec", options.seedScript], { ...env, ADMIN_APP_SEED_OUTPUT: output }, logFile("seed"))
      seed = JSON.parse(fs.readFileSync(output, "utf8"))
    }
    server = medusa(["start"], env, logFile("server"))
    const running = server
    const failed = () =>
      running.exitCode !== null || running.signalCode !== null ? `medusa start exited (${running.exitCode ?? running.signalCode}); ${logFile("server")}:\n${tail(logFile("server"))}` : undefined
    const timeoutMs = options.startTimeoutMs ?? 360_000
    await waitFor(`${backendUrl}/health`, timeoutMs, failed)
    await waitFor(`${backendUrl}/app`, timeoutMs, failed)
    return { backendUrl, database, databaseUrl: databaseUrlOf(database), admin, seed, logFile: logFile("server"), stop }
  } catch (error) {
    await stop()
    throw error
  }
}
