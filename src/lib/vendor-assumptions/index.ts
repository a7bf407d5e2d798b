import { AVARDA_ASSUMPTIONS, type AvardaAssumptionId } from "./avarda"
import { AVIRATO_ASSUMPTIONS, type AviratoAssumptionId } from "./avirato"
import type { VendorAssumption } from "./vendor-assumption"

export { AVARDA_ASSUMPTIONS, AVIRATO_ASSUMPTIONS }
export type { AvardaAssumptionId, AviratoAssumptionId, VendorAssumption }

export type AssumptionVendor = "avarda" | "avirato"
export type AssumptionId = AvardaAssumptionId | AviratoAssumptionId

export const VENDOR_ASSUMPTIONS: Readonly<Record<AssumptionVendor, readonly VendorAssumption[]>> = {
  avarda: AVARDA_ASSUMPTIONS,
  avirato: AVIRATO_ASSUMPTIONS,
}

/** The vendor whose table holds `id` (Avarda's ids start with U or D, Avirato's with A). */
export function vendorOfAssumption(id: AssumptionId): AssumptionVendor {
  return AVARDA_ASSUMPTIONS.some((row) => row.id === id) ? "avarda" : "avirato"
}

export function findAssumption(id: string): (VendorAssumption & { vendor: AssumptionVendor }) | undefined {
  for (const vendor of Object.keys(VENDOR_ASSUMPTIONS) as AssumptionVendor[]) {
    const row = VENDOR_ASSUMPTIONS[vendor].find((candidate) => candidate.id === id)
    if (row) return { ...row, vendor }
  }
  return undefined
}

/** Column titles of each vendor's table in docs/sandbox-<vendor>.md. */
const TABLE_HEADERS: Record<AssumptionVendor, readonly [string, string, string]> = {
  avarda: ["#", "Unknown", "What the sandbox does"],
  avirato: ["#", "Unknown", "Sandbox behaviour"],
}

const cell = (text: string) => text.replace(/\|/g, "\\|")

/** The Markdown table of a vendor's assumptions, exactly as docs/sandbox-<vendor>.md carries it. */
export function renderAssumptionTable(vendor: AssumptionVendor): string {
  const header = TABLE_HEADERS[vendor]
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...VENDOR_ASSUMPTIONS[vendor].map((row) => `| ${[row.id, row.unknown, row.sandbox].map(cell).join(" | ")} |`),
  ].join("\n")
}
