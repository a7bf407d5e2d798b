#!/usr/bin/env node
// Fails when the npm package would ship anything a store owner does not need (tests, test config,
// the development app's medusa-config, env files, scripts, the admin's sources, a development
// build's options file) or lacks what it must ship; prints the packed and unpacked size.
// The TypeScript sources ship (tests excluded) because the build's source maps point at them.
import { execFileSync } from "node:child_process"

const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" }))
const forbidden = [
  /(^|\/)__tests__\//,
  /\.spec\./,
  /^integration-tests\//,
  /^medusa-config\./,
  /(^|\/)\.env/,
  /^src\/admin\//,
  /^scripts\//,
  /jest\.config/,
  /medusa-plugin-options\.json$/,
  /\.tsbuildinfo$/,
]
const bad = pack.files.map((f) => f.path).filter((p) => forbidden.some((re) => re.test(p)))
const required = [
  "package.json",
  "README.md",
  "LICENSE",
  "docs",
  ".medusa/server/src/providers",
  ".medusa/server/src/admin/index.js",
  ".medusa/server/src/types/store.d.ts",
  ".medusa/server/src/sandbox/index.d.ts",
  "src/providers",
]
const missing = required.filter((r) => !pack.files.some((f) => f.path === r || f.path.startsWith(`${r}/`)))
const kB = (bytes) => `${(bytes / 1024).toFixed(0)} kB`
console.log(`npm pack: ${pack.files.length} files, ${kB(pack.size)} packed, ${kB(pack.unpackedSize)} unpacked`)
if (bad.length || missing.length) {
  if (bad.length) console.error(`files that must not be published:\n  ${bad.join("\n  ")}`)
  if (missing.length) console.error(`missing from the package (run npm run build first?): ${missing.join(", ")}`)
  process.exit(1)
}
