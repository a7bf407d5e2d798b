// The deployment the deploy tier tests: a store owner's Medusa app scaffolded from ./template in a
// temporary folder, with the plugin installed from the tarball `npm pack` makes of the build, then
// migrated, seeded, built with `medusa build`, and started as three processes from the build —
// two HTTP servers and one worker — sharing one Postgres database and one Redis database index,
// with the vendor sandbox started from the installed package's `avarda-avirato-sandbox` bin.
//
// Installing the app's dependencies: the tarball is unpacked into node_modules/medusa-plugin-avarda-avirato
// as npm would, and the app's node_modules links, from this repository's node_modules, exactly the
// packages `npm install` would give the app: the dependency closure (dependencies, optional and
// non-optional peer dependencies) of the template's package.json and of the plugin's own
// package.json — never the repository's development tools (jest, eslint, test utilities…). A
// package the shipped code needs but the plugin does not declare is therefore missing here as it
// would be in a store. A full `npm install` of Medusa (~1 500 packages) takes minutes on two cores;
// the links take milliseconds and give the app exactly one copy of each package, resolved from the
// app's folder.
import { execFileSync, spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"

const require = createRequire(import.meta.url)
const { Client } = require("pg")

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
export const TEMPLATE = path.join(ROOT, "integration-tests", "deploy", "template")
const PLUGIN = "medusa-plugin-avarda-avirato"

const elapsed = (startedAt) => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`

/** The last lines of a log file (for error messages). */
export function tailOf(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return "(no log)"
  }
}

function run(command, args, { cwd, env = process.env, logFile }) {
  const out = fs.openSync(logFile, "a")
  try {
    execFileSync(command, args, { cwd, env, stdio: ["ignore", out, out] })
  } catch (error) {
    throw new Error(`${[path.basename(command), ...args].join(" ")} failed (${error.status ?? error.signal}); ${logFile}:\n${tailOf(logFile)}`)
  } finally {
    fs.closeSync(out)
  }
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? (entry.name === "__tests__" ? [] : filesUnder(full)) : [full]
  })
}

/** True when `.medusa/server` was built after the last change to src/ and package.json. */
function buildIsCurrent() {
  const built = path.join(ROOT, ".medusa", "server")
  if (!fs.existsSync(path.join(built, "src"))) return false
  const oldestBuilt = Math.min(...filesUnder(built).map((file) => fs.statSync(file).mtimeMs))
  const newestSource = Math.max(...[path.join(ROOT, "package.json"), ...filesUnder(path.join(ROOT, "src"))].map((file) => fs.statSync(file).mtimeMs))
  return newestSource < oldestBuilt
}

/**
 * `npm run build` of the plugin (skipped when the build is newer than every source file, as after
 * CI's build step) and `npm pack`: the tarball a store owner would install.
 */
export function packPlugin({ work, log, logFile }) {
  const startedAt = Date.now()
  const current = buildIsCurrent()
  if (!current) run("npm", ["run", "build"], { cwd: ROOT, logFile })
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" }))
  log(`plugin ${current ? "build up to date" : "built"}, packed: ${packed.filename} (${packed.files.length} files) in ${elapsed(startedAt)}`)
  return path.join(work, packed.filename)
}

/** The names a package.json asks npm to install: dependencies, optional ones, non-optional peers. */
function requestedBy(manifest, { withDev = false } = {}) {
  const optionalPeers = new Set(Object.entries(manifest.peerDependenciesMeta ?? {}).filter(([, meta]) => meta?.optional).map(([name]) => name))
  return [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name)),
    ...(withDev ? Object.keys(manifest.devDependencies ?? {}) : []),
  ]
}

/**
 * Links into `modules` every top-level package of `shared` (a flat npm tree) that the dependency
 * closure of `roots` (the app's package.json with its devDependencies, the plugin's without) reaches,
 * resolved as Node resolves them (nested node_modules first), and those packages' bins. Returns how
 * many packages it linked.
 */
function installClosure({ shared, modules, roots }) {
  const topLevel = new Set()
  const visited = new Set()
  const locate = (name, fromDir) => {
    for (let dir = fromDir; dir.startsWith(shared); dir = path.dirname(dir)) {
      const candidate = path.join(dir, "node_modules", name)
      if (fs.existsSync(path.join(candidate, "package.json"))) return candidate
    }
    const top = path.join(shared, name)
    return fs.existsSync(path.join(top, "package.json")) ? top : undefined
  }
  const pending = roots.flatMap((manifest, index) => requestedBy(manifest, { withDev: index === 0 }).map((name) => ({ name, from: shared })))
  while (pending.length) {
    const { name, from } = pending.pop()
    if (name === PLUGIN) continue
    // An optional dependency for another platform, or an optional peer nobody installed: npm skips it too.
    const dir = locate(name, from)
    if (!dir || visited.has(dir)) continue
    visited.add(dir)
    if (path.dirname(dir) === shared || path.dirname(path.dirname(dir)) === shared) topLevel.add(path.relative(shared, dir))
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
    for (const dependency of requestedBy(manifest)) pending.push({ name: dependency, from: dir })
  }
  for (const name of topLevel) {
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true })
    fs.symlinkSync(path.join(shared, name), path.join(modules, name), "dir")
  }
  for (const bin of fs.readdirSync(path.join(shared, ".bin"))) {
    const target = fs.readlinkSync(path.join(shared, ".bin", bin)).replace(/^\.\.\//, "")
    const owner = target.startsWith("@") ? target.split("/").slice(0, 2).join("/") : target.split("/")[0]
    if (topLevel.has(owner)) fs.symlinkSync(path.join(shared, target), path.join(modules, ".bin", bin))
  }
  return topLevel.size
}

/** The template copied to `appDir`, its package.json naming the tarball, the tarball installed. */
export function scaffoldApp({ appDir, tarball, log }) {
  const startedAt = Date.now()
  fs.rmSync(appDir, { recursive: true, force: true })
  fs.cpSync(TEMPLATE, appDir, { recursive: true })
  const manifestFile = path.join(appDir, "package.json")
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"))
  manifest.dependencies[PLUGIN] = `file:${tarball}`
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`)

  const modules = path.join(appDir, "node_modules")
  const shared = path.join(ROOT, "node_modules")
  fs.mkdirSync(path.join(modules, ".bin"), { recursive: true })
  // What npm does with a tarball dependency: unpack `package/` into node_modules/<name>, link its bins.
  const pluginDir = path.join(modules, PLUGIN)
  fs.mkdirSync(pluginDir)
  execFileSync("tar", ["-xzf", tarball, "-C", pluginDir, "--strip-components=1"])
  const pluginManifest = JSON.parse(fs.readFileSync(path.join(pluginDir, "package.json"), "utf8"))
  for (const dependency of Object.keys(pluginManifest.dependencies ?? {})) {
    if (!fs.existsSync(path.join(shared, dependency))) throw new Error(`the plugin's dependency ${dependency} is not installed in the repository`)
  }
  const installed = installClosure({ shared, modules, roots: [manifest, pluginManifest] })
  for (const [bin, file] of Object.entries(pluginManifest.bin ?? {})) {
    fs.symlinkSync(path.join(pluginDir, file), path.join(modules, ".bin", bin))
  }
  log(`app scaffolded from integration-tests/deploy/template in ${appDir}, tarball and ${installed} packages of its dependency tree installed (${elapsed(startedAt)})`)
  return { pluginDir, bin: (name) => path.join(modules, ".bin", name) }
}

/** Drops and creates the tier's database. */
export async function freshDatabase(baseUrl, name) {
  const maintenance = new URL(baseUrl)
  maintenance.pathname = "/postgres"
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 10000 })
  await client.connect()
  try {
    await client.query(`drop database if exists "${name}" with (force)`)
    await client.query(`create database "${name}"`)
  } finally {
    await client.end().catch(() => {})
  }
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return url.toString()
}

export async function dropDatabase(baseUrl, name) {
  const maintenance = new URL(baseUrl)
  maintenance.pathname = "/postgres"
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 10000 })
  await client.connect()
  try {
    await client.query(`drop database if exists "${name}" with (force)`)
  } finally {
    await client.end().catch(() => {})
  }
}

/** A SQL client on the tier's database (to read what Medusa stored). */
export async function sqlClient(databaseUrl) {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10000 })
  client.on("error", () => {})
  await client.connect()
  return client
}

/** Runs the app's Medusa CLI (`medusa <args>`) to completion; resolves when it exited with 0. */
export function medusa(app, args, { cwd = app.dir, env, logFile }) {
  const out = fs.openSync(logFile, "a")
  const child = spawn(process.execPath, [path.join(app.dir, "node_modules", "@medusajs", "cli", "cli.js"), ...args], { cwd, env, stdio: ["ignore", out, out] })
  fs.closeSync(out)
  return new Promise((resolve, reject) => {
    child.once("error", reject)
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`medusa ${args.join(" ")} failed (${signal ?? `exit code ${code}`}); ${logFile}:\n${tailOf(logFile)}`))
    )
  })
}

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Starts a long-running process in its own process group, output to `logFile`. `stop(signal)`
 * signals the group and waits until it is gone.
 */
export function startProcess({ name, command, args, cwd, env, logFile }) {
  const out = fs.openSync(logFile, "a")
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", out, out] })
  fs.closeSync(out)
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })))
  const stop = async (signal = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal)
      } catch {
        // already gone
      }
      const timedOut = await Promise.race([exited.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 15000))])
      if (timedOut) {
        try {
          process.kill(-child.pid, "SIGKILL")
        } catch {
          // already gone
        }
        await exited
      }
    }
    for (let i = 0; i < 50 && alive(-child.pid); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { name, child, pid: child.pid, exited, stop, logFile, exitedNow: () => child.exitCode !== null || child.signalCode !== null }
}

/** Waits until `url` answers 200, failing early when the process exits. */
export async function waitForHttp(url, processHandle, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (processHandle?.exitedNow()) throw new Error(`${processHandle.name} exited before ${url} answered; ${processHandle.logFile}:\n${tailOf(processHandle.logFile)}`)
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined)
    if (res?.status === 200) {
      await res.arrayBuffer()
      return
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s${processHandle ? `; ${processHandle.logFile}:\n${tailOf(processHandle.logFile)}` : ""}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** A fresh temporary folder for the tier (app, logs, tarball). */
export function tierWorkFolder() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "deploy-tier-"))
}
