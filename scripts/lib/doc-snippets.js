// Code blocks in docs/*.md and README.md that are regions of code that runs (the demo storefront's
// source, the deploy tier's store template), so the guides cannot drift from it. In a source file a region is
//     // docs:start <name>
//     …
//     // docs:end <name>
// and in a page the block right after `<!-- snippet: <path>#<name> -->` must equal it.
// `node scripts/sync-doc-snippets.mjs` rewrites the blocks from the code; a unit test checks them.
const fs = require("node:fs")
const path = require("node:path")

const ROOT = path.resolve(__dirname, "..", "..")
const MARKER = /<!-- snippet: ([^#\s]+)#([\w-]+) -->\n```(\w*)\n([\s\S]*?)```/g

/**
 * The named regions of a source file: name → text (without the marker lines, trailing blank lines
 * trimmed). Regions may nest; an outer region's text leaves out the inner regions' marker lines.
 */
function regionsOf(file) {
  const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n")
  const regions = new Map()
  const open = []
  for (const line of lines) {
    const start = /^\s*\/\/ docs:start ([\w-]+)\s*$/.exec(line)
    const end = /^\s*\/\/ docs:end ([\w-]+)\s*$/.exec(line)
    if (start) open.push({ name: start[1], lines: [] })
    else if (end) {
      const region = open.pop()
      if (!region || region.name !== end[1]) throw new Error(`${file}: "docs:end ${end[1]}" without its start`)
      regions.set(region.name, `${region.lines.join("\n").replace(/\s+$/, "")}\n`)
    } else for (const region of open) region.lines.push(line)
  }
  if (open.length) throw new Error(`${file}: "docs:start ${open[open.length - 1].name}" is never closed`)
  return regions
}

/** Every snippet block of a docs page: { file, name, language, text, index }. */
function snippetsOf(page) {
  const markdown = fs.readFileSync(path.join(ROOT, page), "utf8")
  return [...markdown.matchAll(MARKER)].map((match) => ({ file: match[1], name: match[2], language: match[3], text: match[4], index: match.index }))
}

/** The page with every snippet block replaced by its region's current text. */
function syncedPage(page) {
  const markdown = fs.readFileSync(path.join(ROOT, page), "utf8")
  return markdown.replace(MARKER, (_all, file, name, language) => {
    const region = regionsOf(file).get(name)
    if (region === undefined) throw new Error(`${page}: ${file} has no region "${name}"`)
    return `<!-- snippet: ${file}#${name} -->\n\`\`\`${language}\n${region}\`\`\``
  })
}

module.exports = { regionsOf, snippetsOf, syncedPage, ROOT }
