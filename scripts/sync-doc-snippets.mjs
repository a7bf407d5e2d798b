#!/usr/bin/env node
// Rewrites the snippet blocks of the docs pages and README.md from the code they show (see lib/doc-snippets.js).
import fs from "node:fs"
import path from "node:path"
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)
const { ROOT, syncedPage } = require("./lib/doc-snippets.js")

const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((name) => name.endsWith(".md")).map((name) => path.join("docs", name))]
for (const file of pages) {
  const before = fs.readFileSync(path.join(ROOT, file), "utf8")
  const after = syncedPage(file)
  if (after !== before) {
    fs.writeFileSync(path.join(ROOT, file), after)
    process.stdout.write(`updated ${file}\n`)
  }
}
