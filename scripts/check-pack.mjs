#!/usr/bin/env node
// Fails when the npm package would ship anything a store owner does not need: tests, test config,
// the development app's medusa-config, env files or sources.
import { execFileSync } from "node:child_process"

const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" }))
const forbidden = [/__tests__/, /\.spec\./, /^integration-tests\//, /^medusa-config\./, /(^|\/)\.env/, /^src\//, /^scripts\//, /jest\.config/]
const bad = pack.files.map((f) => f.path).filter((p) => forbidden.some((re) => re.test(p)))
const required = ["package.json", "README.md", "LICENSE", ".medusa/server/src/providers"]
const missing = required.filter((r) => !pack.files.some((f) => f.path === r || f.path.startsWith(`${r}/`)))
console.log(`npm pack: ${pack.files.length} files, ${(pack.unpackedSize / 1024).toFixed(0)} kB unpacked`)
if (bad.length || missing.length) {
  if (bad.length) console.error(`files that must not be published:\n  ${bad.join("\n  ")}`)
  if (missing.length) console.error(`missing from the package (run npm run build first?): ${missing.join(", ")}`)
  process.exit(1)
}
