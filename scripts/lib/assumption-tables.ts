// The assumption tables of docs/sandbox-avarda.md and docs/sandbox-avirato.md are generated from the
// registry in src/lib/vendor-assumptions: `npm run assumptions:docs` rewrites them, and a unit test
// fails when a table differs from the registry.
import { renderAssumptionTable, type AssumptionVendor } from "../../src/lib/vendor-assumptions"

/** Where each vendor's table lives: the first Markdown table after the heading. */
export const ASSUMPTION_DOCS: Readonly<Record<AssumptionVendor, { file: string; heading: string }>> = {
  avarda: { file: "docs/sandbox-avarda.md", heading: "## Assumptions" },
  avirato: { file: "docs/sandbox-avirato.md", heading: "## Table of assumptions" },
}

/** Line range [start, end) of the first table after `heading`. */
function tableRange(lines: readonly string[], heading: string): [number, number] {
  const headingLine = lines.findIndex((line) => line.trim() === heading)
  if (headingLine === -1) throw new Error(`heading "${heading}" not found`)
  const start = lines.findIndex((line, index) => index > headingLine && line.startsWith("|"))
  if (start === -1) throw new Error(`no table after "${heading}"`)
  let end = start
  while (end < lines.length && lines[end].startsWith("|")) end++
  return [start, end]
}

export function assumptionTableIn(markdown: string, heading: string): string {
  const lines = markdown.split("\n")
  const [start, end] = tableRange(lines, heading)
  return lines.slice(start, end).join("\n")
}

export function withAssumptionTable(markdown: string, heading: string, table: string): string {
  const lines = markdown.split("\n")
  const [start, end] = tableRange(lines, heading)
  return [...lines.slice(0, start), table, ...lines.slice(end)].join("\n")
}

export function expectedAssumptionTable(vendor: AssumptionVendor): string {
  return renderAssumptionTable(vendor)
}
