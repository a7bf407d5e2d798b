// README's install snippet and its environment-variable list must agree: a variable the snippet
// reads but the list omits is one a new store owner does not set, and `db:migrate` then fails on
// the option it feeds. The list's variables that the plugin reads itself must really be read.
import fs from "node:fs"
import path from "node:path"

const root = path.resolve(__dirname, "..", "..")
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")

function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`README.md has no section "${heading}"`)
  const end = readme.indexOf("\n## ", start + 1)
  return readme.slice(start, end < 0 ? undefined : end)
}

const install = section("Install into your Medusa app")

/** The `medusa-config.ts` snippet of the install section. */
function snippet(): string {
  const match = /```ts\n([\s\S]*?)```/.exec(install)
  if (!match) throw new Error("README's install section has no ts snippet")
  return match[1]!
}

/** Variables named in the first column of a marked table (`<!-- readme-env:NAME -->`). */
function listed(name: string): string[] {
  const match = new RegExp(`<!-- readme-env:${name} -->([\\s\\S]*?)<!-- /readme-env -->`).exec(install)
  if (!match) throw new Error(`README's install section has no variable list "${name}"`)
  return match[1]!
    .split("\n")
    .map((line) => /^\s*\|([^|]*)\|/.exec(line)?.[1] ?? "")
    .flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!))
}

const unique = (names: string[]) => [...new Set(names)].sort()

/** Non-test TypeScript sources of the plugin. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "__tests__" ? [] : sources(full)
    return entry.name.endsWith(".ts") ? [fs.readFileSync(full, "utf8")] : []
  })
}

describe("README's environment variables", () => {
  it("list exactly the variables the install snippet reads", () => {
    const read = unique([...snippet().matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!))
    expect(read.length).toBeGreaterThan(5)
    expect(unique(listed("snippet"))).toEqual(read)
  })

  it("name, among those the plugin reads itself, only variables its code really reads (and none twice)", () => {
    const code = sources(path.join(root, "src")).join("\n")
    const own = unique(listed("plugin"))
    expect(own).toContain("AVARDA_AVIRATO_SANDBOX_URL")
    expect(own.filter((name) => !code.includes(`"${name}"`) && !code.includes(`.${name}`))).toEqual([])
    expect(own.filter((name) => listed("snippet").includes(name))).toEqual([])
  })

  it("come before db:migrate, which validates the options they feed", () => {
    const steps = install.slice(install.indexOf("Then:"))
    const variables = steps.indexOf("**Environment variables**")
    const migrate = steps.indexOf("`npx medusa db:migrate`")
    expect(variables).toBeGreaterThan(0)
    expect(migrate).toBeGreaterThan(variables)
  })
})
