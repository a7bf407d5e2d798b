// README.md and the docs it links to are read in three places: on GitHub, on npmjs.com (which
// resolves relative links against the package's `repository`) and in node_modules after an
// install. Relative links therefore point only at files the package ships, and every `#anchor`
// names a heading (or an explicit anchor) of its target.
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"

const root = path.resolve(__dirname, "..", "..")

/** Paths `npm pack` would put in the tarball (the `files` field; no build needed for the docs). */
function packedFiles(): Set<string> {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" })) as Array<{
    files: Array<{ path: string }>
  }>
  return new Set(pack!.files.map((file) => file.path))
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  let fenced = false
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced
    if (fenced) continue
    for (const explicit of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(explicit[1]!)
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1]
    if (heading === undefined) continue
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<[^>]+>/g, "")
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-")
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count ? `${slug}-${count}` : slug)
  }
  return anchors
}

/** Relative links of a markdown file (inline `[text](target)`), outside code blocks and code spans. */
function relativeLinks(markdown: string): string[] {
  const links: string[] = []
  let fenced = false
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced
    if (fenced) continue
    for (const match of line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push(target)
    }
  }
  return links
}

describe("links in README.md and the docs", () => {
  const packed = packedFiles()
  const documents = ["README.md", ...[...packed].filter((file) => /^docs\/.*\.md$/.test(file))]

  it("ships the README and every doc it links to", () => {
    expect(packed.has("README.md")).toBe(true)
    expect(documents.length).toBeGreaterThan(5)
  })

  it.each(documents)("every relative link in %s resolves to a shipped file and heading", (document) => {
    const broken: string[] = []
    for (const link of relativeLinks(fs.readFileSync(path.join(root, document), "utf8"))) {
      const [file, anchor] = link.split("#", 2) as [string, string | undefined]
      const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(document), file)) : document
      if (!packed.has(target)) {
        broken.push(`${link}: ${target} is not in the package`)
        continue
      }
      if (anchor && !headingAnchors(fs.readFileSync(path.join(root, target), "utf8")).has(anchor)) {
        broken.push(`${link}: ${target} has no heading #${anchor}`)
      }
    }
    expect(broken).toEqual([])
  })

  it("reads GitHub's anchors and skips code", () => {
    expect([...headingAnchors("# Before going live\n## Test cards and holder names\n## Test `x`, (y)\n## Webhooks\n## Webhooks")]).toEqual([
      "before-going-live",
      "test-cards-and-holder-names",
      "test-x-y",
      "webhooks",
      "webhooks-1",
    ])
    expect(relativeLinks("[a](docs/a.md) [b](https://x.org/b) `[c](c.md)`\n```\n[d](d.md)\n```\n[e](#e)")).toEqual(["docs/a.md", "#e"])
  })
})
