// The storefront guide's code is the demo storefront's code: every `<!-- snippet: … -->` block in
// docs/*.md equals its region in storefront/src (run `node scripts/sync-doc-snippets.mjs` after
// changing the code), and every region the storefront marks for the docs is shown in them.
import fs from "node:fs"
import path from "node:path"

const { regionsOf, snippetsOf, ROOT } = require("../../scripts/lib/doc-snippets.js") as {
  regionsOf(file: string): Map<string, string>
  snippetsOf(page: string): Array<{ file: string; name: string; language: string; text: string }>
  ROOT: string
}

const pages = fs.readdirSync(path.join(ROOT, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)
const snippets = pages.flatMap((page) => snippetsOf(page).map((snippet) => ({ page, ...snippet })))

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`
    return entry.isDirectory() ? sourceFiles(relative) : /\.tsx?$/.test(entry.name) ? [relative] : []
  })
}

describe("docs snippets are the storefront's code", () => {
  it("the storefront guide shows its flows from the storefront", () => {
    expect(snippets.filter((s) => s.page === "docs/storefront.md").length).toBeGreaterThanOrEqual(8)
  })

  it.each(snippets.map((s) => [`${s.page}: ${s.file}#${s.name}`, s] as const))("%s", (_label, snippet) => {
    const region = regionsOf(snippet.file).get(snippet.name)
    expect(region).toBeDefined()
    expect(snippet.text).toBe(region)
  })

  it("every region marked for the docs appears in a page", () => {
    const shown = new Set(snippets.map((s) => `${s.file}#${s.name}`))
    const marked = sourceFiles("storefront/src").flatMap((file) => [...regionsOf(file).keys()].map((name) => `${file}#${name}`))
    expect(marked.length).toBeGreaterThan(0)
    expect(marked.filter((key) => !shown.has(key))).toEqual([])
  })
})
