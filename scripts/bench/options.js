// `npm run bench`'s rows and command line. CommonJS (no dependencies) so unit tests load it directly.
"use strict"

/**
 * The rows in the order they run (the single-flight rows first: they need caches that nothing has
 * filled yet). `medusa`: the row needs the app (and so Postgres); the client rows call the sandbox only.
 */
const ROWS = [
  { name: "widget-init", medusa: true },
  { name: "token-single-flight", medusa: true },
  { name: "checkout-payment-steps", medusa: true },
  { name: "avarda-client", medusa: false },
  { name: "avirato-client", medusa: false },
  { name: "my-pages-list", medusa: true },
  { name: "my-pages-detail", medusa: true },
  { name: "webhook-intake", medusa: true },
  { name: "webhook-processing", medusa: true },
]
const ROW_NAMES = ROWS.map((row) => row.name)
const USAGE = `usage: npm run bench -- [--quick] [--json FILE] [--only ROW,ROW…]\n  rows: ${ROW_NAMES.join(", ")}`

function parseOnly(value) {
  const names = String(value ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
  if (names.length === 0) throw new Error(`--only needs one or more row names\n${USAGE}`)
  const unknown = names.filter((name) => !ROW_NAMES.includes(name))
  if (unknown.length) throw new Error(`--only: unknown row(s) ${unknown.join(", ")}\n${USAGE}`)
  return new Set(names)
}

/** { quick, json, only: Set of row names | undefined (every row), help } */
function parseArgs(argv) {
  const options = { quick: false, json: undefined, only: undefined }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === "--quick") options.quick = true
    else if (arg === "--json") options.json = argv[++i]
    else if (arg.startsWith("--json=")) options.json = arg.slice("--json=".length)
    else if (arg === "--only") options.only = parseOnly(argv[++i])
    else if (arg.startsWith("--only=")) options.only = parseOnly(arg.slice("--only=".length))
    else if (arg === "--help" || arg === "-h") options.help = true
    else throw new Error(`unknown argument ${arg}\n${USAGE}`)
    if (arg === "--json" && !options.json) throw new Error(`--json needs a file name\n${USAGE}`)
  }
  return options
}

/** The rows a run measures, in order, and whether it needs the app. */
function plan(only) {
  const rows = ROWS.filter((row) => !only || only.has(row.name))
  return { rows: rows.map((row) => row.name), medusa: rows.some((row) => row.medusa) }
}

module.exports = { ROWS, ROW_NAMES, USAGE, parseArgs, plan }
