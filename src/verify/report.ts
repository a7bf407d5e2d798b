/**
 * The go-live report: a Markdown table (`assumption | expected (sandbox) | seen | verdict`) that
 * reads in a terminal and pastes into a message to the vendor, and the JSON file of `--json`.
 */
import { findAssumption } from "../lib/vendor-assumptions"
import type { Verdict, VerifyApi } from "./check"
import type { VerifyReport } from "./run-verify"

/** Each configuration entry of the target: its name and the API its checks are filed under. */
const APIS: Record<string, { name: string; api: VerifyApi }> = {
  authorizationApi: { name: "Avarda Authorization API", api: "avarda-authorization-api" },
  standalone: { name: "Avarda Standalone Credit", api: "avarda-standalone" },
  myPages: { name: "Avarda My Pages", api: "avarda-my-pages" },
  paymentWidget: { name: "Avarda payment widget", api: "avarda-payment-widget" },
  avirato: { name: "Avirato", api: "avirato" },
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ")

export function summaryOf(report: VerifyReport): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { confirmed: 0, contradicted: 0, unreachable: 0 }
  for (const result of report.results) counts[result.verdict]++
  return counts
}

export function renderReportTable(report: VerifyReport): string {
  const against = report.target === "sandbox" ? "sandbox" : "vendor"
  const verdictText = (verdict: Verdict) => (report.target === "sandbox" && verdict !== "unreachable" ? `${verdict} (sandbox)` : verdict)
  return [
    `| assumption | expected (sandbox) | seen (${against}) | verdict |`,
    "|---|---|---|---|",
    ...report.results.map((result) => `| ${result.assumption} | ${cell(result.expected)} | ${cell(result.seen)} | ${verdictText(result.verdict)} |`),
  ].join("\n")
}

export function renderSummary(report: VerifyReport): string {
  const counts = summaryOf(report)
  const lines = [
    `${report.results.length} checks against the ${report.target === "sandbox" ? `sandbox at ${report.sandboxOrigin}` : "vendors"}${report.readOnly ? " (read-only)" : ""}: ` +
      `${counts.confirmed} confirmed, ${counts.contradicted} contradicted, ${counts.unreachable} unreachable.`,
  ]
  for (const [key, where] of Object.entries(report.apis)) {
    const api = APIS[key]
    if (api && where.startsWith("not configured") && report.results.some((result) => result.api === api.api)) {
      lines.push(`${api.name} ${where}: its checks are unreachable.`)
    }
  }
  const skippedBy = new Map<string, string[]>()
  for (const { assumption, because } of report.skipped) skippedBy.set(because, [...(skippedBy.get(because) ?? []), assumption])
  for (const [because, ids] of skippedBy) lines.push(`Not run, ${because}: ${ids.join(", ")}.`)
  if (report.uncovered.length) lines.push(`No check covers ${report.uncovered.join(", ")}: ask the vendor (README "Before going live").`)
  if (counts.contradicted) {
    const vendors = [...new Set(report.results.filter((r) => r.verdict === "contradicted").map((r) => findAssumption(r.assumption)?.vendor ?? "?"))]
    lines.push(
      `Contradicted rows (${vendors.join(", ")}): send them to the vendor with the requests and answers behind them (--json FILE keeps them), ` +
        `then update the assumption in src/lib/vendor-assumptions (README "Before going live").`
    )
  }
  return lines.join("\n")
}

/** The `--json` file: `{ checks: [{ assumption, verdict, … }], … }`. */
export function reportJson(report: VerifyReport): string {
  return `${JSON.stringify(
    {
      checks: report.results.map((result) => ({
        assumption: result.assumption,
        verdict: result.verdict,
        api: result.api,
        expected: result.expected,
        seen: result.seen,
        ...(result.exchanges ? { exchanges: result.exchanges } : {}),
      })),
      summary: summaryOf(report),
      target: report.target,
      ...(report.sandboxOrigin ? { sandboxOrigin: report.sandboxOrigin } : {}),
      apis: report.apis,
      readOnly: report.readOnly,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      skipped: report.skipped,
      uncovered: report.uncovered,
    },
    null,
    2
  )}\n`
}
