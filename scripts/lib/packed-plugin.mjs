// The published package as a store owner gets it: `npm pack` of the built plugin, installed from
// the tarball into an empty folder with only its own dependencies (peer dependencies — Medusa —
// are left out on purpose, so whatever runs there runs without them). Shared by the checks that
// start from the installed package.
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"

/** Packs `root` into `work` and installs the tarball there; returns the installed package's folder. */
export function installPackedPlugin({ root, work, log }) {
  if (!fs.existsSync(path.join(root, ".medusa", "server", "src"))) throw new Error("no build output: run `npm run build` first")
  const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root, encoding: "utf8" }))
  log(`packed ${packed.filename} (${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} kB)`)
  fs.writeFileSync(path.join(work, "package.json"), JSON.stringify({ name: "installed-plugin-check", private: true }))
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", "--prefer-offline", path.join(work, packed.filename)], {
    cwd: work,
    stdio: ["ignore", "ignore", "inherit"],
  })
  const installed = fs.readdirSync(path.join(work, "node_modules")).filter((name) => !name.startsWith("."))
  log(`installed: ${installed.join(", ")}`)
  if (installed.includes("@medusajs")) throw new Error("Medusa was installed with the package: the check must run without it")
  return { packageDir: path.join(work, "node_modules", packed.name), name: packed.name, bin: (name) => path.join(work, "node_modules", ".bin", name) }
}
