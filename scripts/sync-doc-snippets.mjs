#!/usr/bin/env node
// Rewrites the snippet blocks of the docs pages from the demo storefront's code (see lib/doc-snippets.js).
import fs from "node:fs"
import path from "node:path"
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)
const { ROOT, syncedPage } = require("./lib/doc-snippets.js")

for (const page of fs.readdirSync(path.join(ROOT, "docs")).filter((name) => name.endsWith(".md"))) {
  const file = path.join("docs", page)
  const before = fs.readFileSync(path.join(ROOT, file), "utf8")
  const after = syncedPage(file)
  if (after !== before) {
    fs.writeFileSync(path.join(ROOT, file), after)
    process.stdout.write(`updated ${file}\n`)
  }
}
