#!/usr/bin/env node
// `npm run assumptions:docs`: regenerates the assumption tables in docs/sandbox-avarda.md and
// docs/sandbox-avirato.md from the registry in src/lib/vendor-assumptions (the one place to edit).
import fs from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const require = createRequire(import.meta.url)
require("ts-node").register({ transpileOnly: true, swc: true, compilerOptions: { module: "commonjs" } })
const { ASSUMPTION_DOCS, expectedAssumptionTable, withAssumptionTable } = require("./lib/assumption-tables.ts")

for (const [vendor, { file, heading }] of Object.entries(ASSUMPTION_DOCS)) {
  const target = path.join(root, file)
  const before = fs.readFileSync(target, "utf8")
  const after = withAssumptionTable(before, heading, expectedAssumptionTable(vendor))
  if (after !== before) fs.writeFileSync(target, after)
  console.log(`${file}: ${after === before ? "up to date" : "table rewritten"}`)
}
