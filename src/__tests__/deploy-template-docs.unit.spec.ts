// README's medusa-config.ts is the deploy tier's store template: the install snippet and the
// production section's Redis modules are regions of integration-tests/deploy/template/medusa-config.ts,
// the file the tier boots as two servers and a worker (`node scripts/sync-doc-snippets.mjs` rewrites
// README from it).
import fs from "node:fs"
import path from "node:path"

const { regionsOf, snippetsOf, ROOT } = require("../../scripts/lib/doc-snippets.js") as {
  regionsOf(file: string): Map<string, string>
  snippetsOf(page: string): Array<{ file: string; name: string; language: string; text: string; index: number }>
  ROOT: string
}

const TEMPLATE = "integration-tests/deploy/template/medusa-config.ts"
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8")
const snippets = snippetsOf("README.md")
const regions = regionsOf(TEMPLATE)
const sectionStart = (heading: string) => readme.indexOf(`\n## ${heading}\n`)

describe("README's medusa-config.ts is the deploy tier's template", () => {
  it("the install section shows the whole template file", () => {
    const install = snippets.find((s) => s.file === TEMPLATE && s.name === "medusa-config")
    expect(install).toBeDefined()
    expect(install!.index).toBeGreaterThan(sectionStart("Install into your Medusa app"))
    expect(install!.index).toBeLessThan(sectionStart("Production deployment"))
    const withoutMarkers = fs
      .readFileSync(path.join(ROOT, TEMPLATE), "utf8")
      .split("\n")
      .filter((line) => !/^\s*\/\/ docs:(start|end) /.test(line))
      .join("\n")
    expect(install!.text).toBe(regions.get("medusa-config"))
    expect(`${withoutMarkers.replace(/\s+$/, "")}\n`).toBe(install!.text)
  })

  it("the production section shows the template's Redis modules, each of the four", () => {
    const redis = snippets.find((s) => s.file === TEMPLATE && s.name === "redis-modules")
    expect(redis).toBeDefined()
    expect(redis!.index).toBeGreaterThan(sectionStart("Production deployment"))
    expect(redis!.text).toBe(regions.get("redis-modules"))
    for (const module of ["event-bus-redis", "workflow-engine-redis", "locking-redis", "caching-redis"]) {
      expect(redis!.text).toContain(`"@medusajs/medusa/${module}"`)
    }
  })

  it("every README snippet equals its region", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(2)
    for (const snippet of snippets) expect({ block: `${snippet.file}#${snippet.name}`, text: snippet.text }).toEqual({ block: `${snippet.file}#${snippet.name}`, text: regionsOf(snippet.file).get(snippet.name) })
  })

  it("the template's package.json pins Medusa as the repository does", () => {
    const template = JSON.parse(fs.readFileSync(path.join(ROOT, "integration-tests/deploy/template/package.json"), "utf8"))
    const repository = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
    const pinned = Object.entries(template.dependencies as Record<string, string>).filter(([name]) => name.startsWith("@medusajs/"))
    expect(pinned.length).toBeGreaterThanOrEqual(4)
    for (const [name, version] of pinned) expect([name, version]).toEqual([name, repository.devDependencies[name]])
  })
})

describe("the deploy tier's store environment is README's 'Use the sandbox with your own store'", () => {
  const { SANDBOX_SWITCH_VARIABLES, storeVariables } = require("../../integration-tests/deploy/store-environment.js") as {
    SANDBOX_SWITCH_VARIABLES: string[]
    storeVariables(options: { databaseUrl: string; redisUrl: string; backendUrl: string; sandboxOrigin: string }): Record<string, string>
  }
  const variables = storeVariables({ databaseUrl: "postgres://db/shop", redisUrl: "redis://redis:6379/1", backendUrl: "http://localhost:9000", sandboxOrigin: "http://localhost:4010" })
  const install = readme.slice(sectionStart("Install into your Medusa app"), sectionStart("Production deployment"))
  const sandboxSection = readme.slice(sectionStart("Use the sandbox with your own store"), readme.indexOf("\n## ", sectionStart("Use the sandbox with your own store") + 1))
  const snippetReads = new Set([...regions.get("medusa-config")!.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]))

  it("sets no vendor variable but the sandbox switch and its production allowance", () => {
    const vendorVariables = Object.keys(variables).filter((name) => /^(AVARDA|AVIRATO)_/.test(name)).sort()
    expect(vendorVariables).toEqual([...SANDBOX_SWITCH_VARIABLES].sort())
    expect(variables.AVARDA_AVIRATO_SANDBOX_URL).toBe("http://localhost:4010")
  })

  it("runs NODE_ENV=production, where README's sandbox section documents the allowance it sets", () => {
    expect(variables.NODE_ENV).toBe("production")
    expect(variables.AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION).toBe("true")
    for (const name of SANDBOX_SWITCH_VARIABLES) expect(sandboxSection).toContain(`\`${name}`)
    expect(sandboxSection).toMatch(/NODE_ENV=production[\s\S]*AVARDA_AVIRATO_SANDBOX_ALLOW_PRODUCTION=true/)
  })

  it("sets otherwise only the store's own variables that README's install snippet reads and lists", () => {
    const storeOwn = Object.keys(variables).filter((name) => !SANDBOX_SWITCH_VARIABLES.includes(name))
    expect(storeOwn.filter((name) => !snippetReads.has(name))).toEqual([])
    expect(storeOwn.filter((name) => !install.includes(`\`${name}\``))).toEqual([])
  })

  it("leaves unset only vendor variables of the snippet (and the worker mode, set per process)", () => {
    const unset = [...snippetReads].filter((name) => !(name in variables) && name !== "MEDUSA_WORKER_MODE")
    expect(unset.length).toBeGreaterThan(5)
    expect(unset.filter((name) => !/^(AVARDA|AVIRATO)_/.test(name!))).toEqual([])
  })
})
