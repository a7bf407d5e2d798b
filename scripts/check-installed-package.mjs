#!/usr/bin/env node
// What a store owner and a storefront developer get from the published package: packs the built
// plugin, installs the tarball into an empty temporary folder and checks, from there,
//   - every `exports` entry (wildcards expanded) resolves, and loads with `require` and with
//     `import`: `./types`, `./store` and `./sandbox` with the package's own dependencies only (the
//     sandbox is started and stopped); the providers, modules and the admin bundle with nothing but
//     the declared peer dependencies (and the libraries Medusa's admin provides) taken from this
//     repository's node_modules — a real store installs those itself. The admin's ESM build is for
//     the admin's Vite build, so Node only resolves and parses it;
//   - every package the shipped code imports is a dependency, a peer dependency or provided by
//     Medusa's admin;
//   - every source map and declaration map is a file next to its output, and every source it names
//     is shipped;
//   - `avarda-avirato-sandbox --help` and `avarda-avirato-verify --help` name the bins;
//   - a small TypeScript consumer type-checks against the shipped .d.ts files (node16 with CommonJS
//     and ESM files, bundler, and node10 resolution), and the types are real: each file also holds
//     a deliberate mistake the compiler must reject.
import { execFileSync, spawnSync } from "node:child_process"
import fs from "node:fs"
import { builtinModules } from "node:module"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { installPackedPlugin } from "./lib/packed-plugin.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const log = (line) => process.stdout.write(`[installed-package] ${line}\n`)
const failures = []
const fail = (message) => {
  failures.push(message)
  process.stderr.write(`[installed-package] FAILED: ${message}\n`)
}

/** Entries that must load with the package's own dependencies (jose, undici, zod), without Medusa. */
const STANDALONE_ENTRIES = new Set(["./package.json", "./types", "./store", "./sandbox"])
/** Packages Medusa's admin gives every plugin's admin extensions (the admin bundler keeps them external). */
const MEDUSA_ADMIN_PROVIDED = ["react", "react-router-dom", "@tanstack/react-query"]
/** Entries Medusa loads as a provider or module: their default export is what it registers. */
const MEDUSA_LOADED = /^\.\/(providers|modules|\.medusa\/server\/src\/modules)\//
/** Entries whose `import` condition is an ESM bundle for the admin's Vite build, not for Node. */
const BUNDLER_ONLY_IMPORT = new Set(["./admin"])

const packageNameOf = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/")
const isBuiltin = (specifier) => specifier.startsWith("node:") || builtinModules.includes(packageNameOf(specifier))

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/** Every subpath the `exports` map offers, wildcards expanded to the folders that exist. */
function exportedSubpaths(packageDir, exportsMap) {
  return Object.entries(exportsMap).flatMap(([subpath, target]) => {
    if (!subpath.includes("*")) return [subpath]
    const pattern = typeof target === "string" ? target : target.require ?? target.default
    const folder = path.join(packageDir, pattern.slice(0, pattern.indexOf("*")))
    const names = fs.existsSync(folder) ? fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : []
    if (!names.length) fail(`exports "${subpath}" matches nothing in the package`)
    return names.map((name) => subpath.replace("*", name))
  })
}

/** Source maps and declaration maps: files next to their output, naming shipped sources only. */
function checkSourceMaps(packageDir) {
  const files = filesUnder(path.join(packageDir, ".medusa", "server"))
  let maps = 0
  let sources = 0
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8")
    if (/sourceMappingURL=data:/.test(text)) fail(`${path.relative(packageDir, file)} carries an inline source map`)
    const reference = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1]
    const compiled = /\.(js|d\.ts)$/.test(file) && !file.includes(`${path.sep}admin${path.sep}`)
    if (!reference) {
      if (compiled) fail(`${path.relative(packageDir, file)} has no source map`)
      continue
    }
    const mapFile = path.resolve(path.dirname(file), reference)
    if (!fs.existsSync(mapFile)) {
      fail(`${path.relative(packageDir, file)} points at a missing map ${reference}`)
      continue
    }
    const map = JSON.parse(fs.readFileSync(mapFile, "utf8"))
    maps++
    for (const source of map.sources) {
      const resolved = path.resolve(path.dirname(mapFile), map.sourceRoot ?? "", source)
      sources++
      if (!resolved.startsWith(packageDir + path.sep) || !fs.existsSync(resolved)) {
        fail(`${path.relative(packageDir, mapFile)} names ${source}, which the package does not ship`)
      }
    }
  }
  log(`source maps: ${maps} maps next to their files, ${sources} sources, all shipped`)
}

/** Every bare import of the shipped build is a builtin, a dependency, a peer or (admin) provided by Medusa. */
function checkImportedPackages(packageDir, manifest) {
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})])
  const seen = new Set()
  for (const file of filesUnder(path.join(packageDir, ".medusa", "server")).filter((f) => /\.(m?js)$/.test(f))) {
    const admin = file.includes(`${path.sep}admin${path.sep}`)
    const text = fs.readFileSync(file, "utf8")
    // tsc's CommonJS turns every import into require("…"); the admin's ESM bundle has import lines.
    const imports = file.endsWith(".mjs") ? /^import\s(?:[^;"]*?\sfrom\s)?"([^"]+)"/gm : /\brequire\("([^"]+)"\)/g
    for (const match of text.matchAll(imports)) {
      const specifier = match[1]
      if (specifier.startsWith(".") || isBuiltin(specifier)) continue
      const name = packageNameOf(specifier)
      seen.add(name)
      if (!declared.has(name) && !(admin && MEDUSA_ADMIN_PROVIDED.includes(name))) {
        fail(`${path.relative(packageDir, file)} imports ${specifier}, which package.json does not declare`)
      }
    }
  }
  log(`imported packages: ${[...seen].sort().join(", ")}`)
}

/** Requires and imports each entry in a child process; NODE_PATH gives it the peers, when wanted. */
function loadEntries(work, name, subpaths, nodePath) {
  const script = path.join(work, "load-entries.mjs")
  fs.writeFileSync(
    script,
    `import { createRequire } from "node:module"
const require = createRequire(import.meta.url)
const [subpaths, bundlerOnlyImport] = JSON.parse(process.argv[2])
const outcome = (error) => ({ ok: false, code: error.code, missing: /Cannot find (?:module|package) '([^']+)'/.exec(error.message)?.[1], message: error.message.split("\\n")[0] })
const results = {}
for (const subpath of subpaths) {
  const specifier = ${JSON.stringify(name)} + subpath.slice(1)
  const result = (results[subpath] = {})
  try {
    result.require = { ok: true, file: require.resolve(specifier), exports: Object.keys(require(specifier)) }
  } catch (error) {
    result.require = outcome(error)
  }
  try {
    const file = import.meta.resolve(specifier)
    const options = subpath.endsWith(".json") ? { with: { type: "json" } } : undefined
    result.import = bundlerOnlyImport.includes(subpath) ? { ok: true, file, resolvedOnly: true } : { ok: true, file, exports: Object.keys(await import(specifier, options)) }
  } catch (error) {
    result.import = outcome(error)
  }
}
process.stdout.write(JSON.stringify(results))
`
  )
  const env = { ...process.env, NODE_PATH: nodePath ?? "" }
  const output = execFileSync(process.execPath, [script, JSON.stringify([subpaths, [...BUNDLER_ONLY_IMPORT]])], { cwd: work, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(output.slice(output.indexOf("{")))
}

/** A folder holding only the declared peers (and what Medusa's admin provides), linked from this repository. */
function peersFolder(work, manifest) {
  const folder = path.join(work, "peers", "node_modules")
  for (const name of [...Object.keys(manifest.peerDependencies ?? {}), ...MEDUSA_ADMIN_PROVIDED]) {
    const source = path.join(root, "node_modules", name)
    if (!fs.existsSync(source)) throw new Error(`${name} is not installed in this repository (npm install)`)
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true })
    fs.symlinkSync(source, path.join(folder, name), "dir")
  }
  return folder
}

function checkEntries(work, name, packageDir, manifest) {
  const subpaths = exportedSubpaths(packageDir, manifest.exports)
  const own = loadEntries(work, name, subpaths, undefined)
  const peerNames = new Set([...Object.keys(manifest.peerDependencies ?? {}), ...MEDUSA_ADMIN_PROVIDED])
  const needPeers = []
  for (const subpath of subpaths) {
    const result = own[subpath]
    if (STANDALONE_ENTRIES.has(subpath)) {
      for (const condition of ["require", "import"]) {
        if (!result[condition].ok) fail(`${subpath} (${condition}) does not load without Medusa: ${result[condition].message}`)
      }
      log(`${subpath}: require and import load without Medusa (${result.require.exports?.length ?? 0} exports)`)
      continue
    }
    // Without the peers an entry may fail only for want of a peer.
    for (const condition of ["require", "import"]) {
      const outcome = result[condition]
      if (!outcome.ok && !(outcome.missing && peerNames.has(packageNameOf(outcome.missing)))) {
        fail(`${subpath} (${condition}) fails for another reason than a missing peer: ${outcome.message}`)
      }
    }
    needPeers.push(subpath)
  }
  const withPeers = loadEntries(work, name, needPeers, peersFolder(work, manifest))
  for (const subpath of needPeers) {
    const result = withPeers[subpath]
    for (const condition of ["require", "import"]) {
      const outcome = result[condition]
      if (!outcome.ok) fail(`${subpath} (${condition}) does not load with the peer dependencies: ${outcome.message}`)
      else if (MEDUSA_LOADED.test(subpath) && !outcome.exports.includes("default")) fail(`${subpath} (${condition}) has no default export for Medusa`)
    }
    if (result.import.resolvedOnly && result.import.ok) {
      const file = fileURLToPath(result.import.file)
      const parsed = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" })
      if (parsed.status !== 0) fail(`${subpath} (import) ${path.relative(packageDir, file)} does not parse: ${parsed.stderr}`)
      log(`${subpath}: require loads with the peers; import resolves to ${path.relative(packageDir, file)} and parses (loaded by the admin's Vite build)`)
    } else if (result.require.ok && result.import.ok) {
      log(`${subpath}: require and import load with the peer dependencies`)
    }
  }
  return subpaths
}

/** The documented sandbox API, from CommonJS and from ESM: start on a free port, answer, stop. */
function checkSandboxApi(work, name) {
  const esm = path.join(work, "sandbox-api.mjs")
  fs.writeFileSync(
    esm,
    `import { createRequire } from "node:module"
import { startSandbox } from "${name}/sandbox"
const { startSandbox: startFromRequire } = createRequire(import.meta.url)("${name}/sandbox")
for (const start of [startSandbox, startFromRequire]) {
  const sandbox = await start({ port: 0 })
  const state = await fetch(sandbox.origin + "/__sandbox/state")
  await sandbox.stop()
  if (state.status !== 200) throw new Error("the sandbox answered " + state.status)
  console.log(sandbox.urls.avardaAuthorizationApi)
}
`
  )
  const run = spawnSync(process.execPath, [esm], { cwd: work, encoding: "utf8", timeout: 60_000 })
  if (run.status !== 0) fail(`startSandbox() from the installed package: ${run.stderr || run.stdout}`)
  else log(`./sandbox: startSandbox() started and stopped from import and require (${run.stdout.trim().split("\n").join(", ")})`)
}

function checkBinsHelp(bin) {
  for (const name of ["avarda-avirato-sandbox", "avarda-avirato-verify"]) {
    const run = spawnSync(bin(name), ["--help"], { encoding: "utf8", timeout: 60_000 })
    const firstLine = run.stdout.split("\n")[0]
    if (run.status !== 0) fail(`${name} --help exited ${run.status}: ${run.stderr}`)
    else if (firstLine !== `Usage: ${name} [options]`) fail(`${name} --help starts with "${firstLine}"`)
    else if (/npm run/.test(run.stdout)) fail(`${name} --help mentions npm run`)
    else log(`${name} --help: ${firstLine}`)
  }
}

const CONSUMER_FILES = {
  "config.ts": `import type { AvardaAviratoPluginOptions, AvardaProviderOptions, AvardaStandaloneProviderOptions, AviratoProviderOptions } from "NAME/types"

const storefront = { successUrl: "https://shop.example.com/order/confirmed", failureUrl: "https://shop.example.com/checkout" }
export const avarda = {
  environment: "test",
  clientId: "client-id",
  clientSecret: "client-secret",
  backendUrl: "https://api.example.com",
  storefront,
  partPayment: { paymentTerms: [12, 24, 36], accountClassCode: 1 },
} satisfies AvardaProviderOptions
export const standalone = { environment: "test", siteCode: "SITE", sitePassword: "password", backendUrl: "https://api.example.com", storefront } satisfies AvardaStandaloneProviderOptions
export const avirato = {
  environment: "test",
  apiKey: "key",
  webcode: "SHOP01",
  clientSecrets: "current-secret,previous-secret",
  captureMode: "preauth",
  backendUrl: "https://api.example.com",
  storefrontSuccessUrl: "https://shop.example.com/order/confirmed",
  storefrontFailureUrl: "https://shop.example.com/checkout",
} satisfies AviratoProviderOptions
export const plugin = { myPages: { customerTokenSecret: "a-random-secret-of-at-least-32-characters" } } satisfies AvardaAviratoPluginOptions
// @ts-expect-error captureMode is "auto" or "preauth"
export const wrongCaptureMode: AviratoProviderOptions = { ...avirato, captureMode: "sometimes" }
// @ts-expect-error storefront is required
export const withoutStorefront: AvardaProviderOptions = { environment: "test", clientId: "id", clientSecret: "secret", backendUrl: "https://api.example.com" }
`,
  "storefront.ts": `import type {
  AvardaNextAction,
  AviratoPaymentSessionData,
  StartAvardaPaymentSessionRequest,
  StartAvardaPaymentSessionResult,
  StoreAvardaAccountsResponse,
  StoreInvalidDataError,
} from "NAME/store"

export const body: StartAvardaPaymentSessionRequest = { cart_id: "cart_01", provider_id: "pp_avarda-invoice_avarda", personal_id_number: "198005012003" }
export function nextStep(result: StartAvardaPaymentSessionResult): string {
  if ("next_action" in result) return result.next_action.type === "redirect" ? result.next_action.url : "complete the cart"
  return result.message
}
export const fieldErrors = (error: StoreInvalidDataError) => (error.errors ?? []).map((e) => e.field + ": " + e.message)
export const toPay = (answer: StoreAvardaAccountsResponse) => answer.accounts.filter((account) => account.payable).map((account) => account.balance?.toFixed(2) ?? "hidden until the customer proves their identity")
export const hostedPage = (data: AviratoPaymentSessionData): string => data.payment_url
// @ts-expect-error a redirect carries its url
export const redirectWithoutUrl: AvardaNextAction = { type: "redirect" }
`,
  "sandbox.ts": `import { startSandbox, type Sandbox, type SandboxOptions } from "NAME/sandbox"

export async function authorizationApiUrl(options: SandboxOptions = {}): Promise<string> {
  const sandbox: Sandbox = await startSandbox({ port: 0, ...options })
  try {
    return sandbox.urls.avardaAuthorizationApi
  } finally {
    await sandbox.stop()
  }
}
// @ts-expect-error the port is a number
export const wrongPort = () => startSandbox({ port: "4010" })
`,
  "esm.mts": `import { startSandbox } from "NAME/sandbox"
import type { StoreAvardaAccount } from "NAME/store"
import type { AviratoProviderOptions } from "NAME/types"

export const start = startSandbox
export const label = (account: StoreAvardaAccount): string | null => account.state_label
export const mode = (options: AviratoProviderOptions) => options.captureMode
// @ts-expect-error accounts have no "amount"
export const amount = (account: StoreAvardaAccount) => account.amount
`,
}

function checkTypes(work, name) {
  const folder = path.join(work, "consumer")
  fs.mkdirSync(folder)
  for (const [file, text] of Object.entries(CONSUMER_FILES)) fs.writeFileSync(path.join(folder, file), text.replaceAll("NAME", name))
  const common = { strict: true, noEmit: true, skipLibCheck: false, target: "ES2022", types: ["node"], typeRoots: [path.join(root, "node_modules", "@types")] }
  const settings = {
    node16: { compilerOptions: { ...common, module: "node16", moduleResolution: "node16" }, include: ["*.ts", "*.mts"] },
    bundler: { compilerOptions: { ...common, module: "esnext", moduleResolution: "bundler" }, include: ["*.ts", "*.mts"] },
    node10: { compilerOptions: { ...common, module: "commonjs", moduleResolution: "node10", esModuleInterop: true }, include: ["*.ts"] },
  }
  for (const [resolution, tsconfig] of Object.entries(settings)) {
    const config = path.join(folder, `tsconfig.${resolution}.json`)
    fs.writeFileSync(config, JSON.stringify(tsconfig, null, 2))
    const run = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", config, "--pretty", "false"], { cwd: folder, encoding: "utf8" })
    // skipLibCheck is off so that our .d.ts files are checked in full; what it reports inside
    // other packages' declarations (zod's, under some settings) is theirs, counted but not ours.
    const diagnostics = `${run.stdout}${run.stderr}`.split(/\n(?=\S)/).filter((text) => text.trim())
    const elsewhere = diagnostics.filter((text) => /^\.\.\/node_modules\//.test(text) && !text.startsWith(`../node_modules/${name}/`))
    const ours = diagnostics.filter((text) => !elsewhere.includes(text))
    if (ours.length) fail(`the TypeScript consumer (${resolution} resolution) does not type-check against the shipped .d.ts:\n${ours.join("\n")}`)
    else if (run.status !== 0 && !elsewhere.length) fail(`tsc (${resolution}) exited ${run.status}`)
    else {
      const note = elsewhere.length ? `; ${elsewhere.length} diagnostics inside other packages' declarations ignored` : ""
      log(`types: the consumer type-checks with ${resolution} resolution (our .d.ts checked in full, each deliberate mistake rejected${note})`)
    }
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "avarda-avirato-package-"))
const started = Date.now()
try {
  const { packageDir, name, bin } = installPackedPlugin({ root, work, log })
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8"))
  checkSourceMaps(packageDir)
  checkImportedPackages(packageDir, manifest)
  const subpaths = checkEntries(work, name, packageDir, manifest)
  checkSandboxApi(work, name)
  checkBinsHelp(bin)
  checkTypes(work, name)
  if (!failures.length) log(`${subpaths.length} entries resolve and load from the installed tarball, in ${Math.round((Date.now() - started) / 1000)} s`)
} catch (error) {
  fail(error?.stack ?? String(error))
} finally {
  fs.rmSync(work, { recursive: true, force: true })
}
if (failures.length) {
  process.stderr.write(`[installed-package] ${failures.length} problem(s)\n`)
  process.exitCode = 1
}
