// What package.json promises store owners: peer dependencies that are ranges naming what is really
// supported (no test utilities: nothing shipped imports them), the Medusa versions README says are
// tested being the ones this repository installs and tests with, and the fields npm shows next to a
// package (repository, homepage, bugs, engines). Which files ship and that every export resolves from
// the installed tarball are checked by scripts/check-pack.mjs and scripts/check-installed-package.mjs.
import fs from "node:fs"
import path from "node:path"

const root = path.resolve(__dirname, "..", "..")
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
  peerDependencies: Record<string, string>
  repository?: { type?: string; url?: string }
  homepage?: string
  bugs?: { url?: string }
  engines?: { node?: string }
  files: string[]
}
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")
const packageSection = readme.slice(readme.indexOf("\n## Package: Medusa versions, entry points, types\n"), readme.indexOf("\n## ", readme.indexOf("\n## Package: Medusa versions") + 1))

describe("package.json", () => {
  it("declares peers as caret ranges from the version this repository tests with", () => {
    const peers = Object.entries(manifest.peerDependencies)
    expect(peers.map(([name]) => name).sort()).toEqual(["@medusajs/admin-sdk", "@medusajs/framework", "@medusajs/js-sdk", "@medusajs/medusa", "@medusajs/ui"])
    for (const [name, range] of peers) expect({ name, range }).toEqual({ name, range: `^${manifest.devDependencies[name]}` })
  })

  it("declares no test utilities, and nothing of Medusa as a runtime dependency", () => {
    const declared = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]
    expect(declared.filter((name) => name.includes("test-utils"))).toEqual([])
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith("@medusajs/"))).toEqual([])
  })

  it("README's package section names the tested versions and the peer ranges", () => {
    expect(packageSection.length).toBeGreaterThan(100)
    expect(packageSection).toContain(`Medusa **${manifest.devDependencies["@medusajs/framework"]}**`)
    expect(packageSection).toContain(`\`@medusajs/ui\` **${manifest.devDependencies["@medusajs/ui"]}**`)
    expect(packageSection).toContain(`\`${manifest.peerDependencies["@medusajs/framework"]}\``)
    expect(packageSection).toContain(`Node ${manifest.engines?.node?.replace(/^>=/, "").replace(/\.0$/, "")}+`)
  })

  it("has repository, homepage, bugs and engines", () => {
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/)
    expect(manifest.homepage).toMatch(/^https:\/\//)
    expect(manifest.bugs?.url).toMatch(/^https:\/\/.+\/issues$/)
    expect(manifest.engines?.node).toMatch(/^>=\d+\.\d+\.\d+$/)
  })

  it("ships the docs README links to", () => {
    expect(manifest.files).toEqual(expect.arrayContaining(["docs", "README.md", "LICENSE", ".medusa/server"]))
  })
})
