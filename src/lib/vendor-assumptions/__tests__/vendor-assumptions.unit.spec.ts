// The assumption registry is the one place an assumption is written: the docs tables are generated
// from it (`npm run assumptions:docs`).
import { readFileSync } from "node:fs"
import path from "node:path"
import { ASSUMPTION_DOCS, assumptionTableIn, expectedAssumptionTable } from "../../../../scripts/lib/assumption-tables"
import { AVARDA_ASSUMPTIONS, AVIRATO_ASSUMPTIONS, findAssumption, renderAssumptionTable, VENDOR_ASSUMPTIONS, type AssumptionVendor } from ".."

const root = path.resolve(__dirname, "../../../..")

describe("vendor assumption registry", () => {
  it.each(Object.keys(ASSUMPTION_DOCS) as AssumptionVendor[])("docs table of %s is generated from the registry (run `npm run assumptions:docs` after editing it)", (vendor) => {
    const { file, heading } = ASSUMPTION_DOCS[vendor]
    const markdown = readFileSync(path.join(root, file), "utf8")
    expect(assumptionTableIn(markdown, heading)).toBe(expectedAssumptionTable(vendor))
  })

  it("has unique ids, Avarda's U/D and Avirato's A, each row complete", () => {
    const ids = [...AVARDA_ASSUMPTIONS, ...AVIRATO_ASSUMPTIONS].map((row) => row.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(AVARDA_ASSUMPTIONS.every((row) => /^[UD]\d+$/.test(row.id))).toBe(true)
    expect(AVIRATO_ASSUMPTIONS.every((row) => /^A\d+$/.test(row.id))).toBe(true)
    for (const rows of Object.values(VENDOR_ASSUMPTIONS)) {
      for (const row of rows) expect([row.unknown, row.sandbox].every((text) => text.trim().length > 0)).toBe(true)
    }
  })

  it("renders Markdown rows with pipes escaped", () => {
    const table = renderAssumptionTable("avirato").split("\n")
    expect(table[0]).toBe("| # | Unknown | Sandbox behaviour |")
    expect(table.find((line) => line.startsWith("| A10 |"))).toContain("[Z\\|±HH:mm]")
    expect(table).toHaveLength(AVIRATO_ASSUMPTIONS.length + 2)
  })

  it("finds a row by id with its vendor", () => {
    expect(findAssumption("U1")).toMatchObject({ vendor: "avarda", unknown: expect.stringContaining("part-payment") })
    expect(findAssumption("A4")).toMatchObject({ vendor: "avirato" })
    expect(findAssumption("X1")).toBeUndefined()
  })
})
