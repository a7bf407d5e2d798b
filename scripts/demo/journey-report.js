// Renders the demo's journey results as a table and decides whether the run passed. CommonJS (no
// dependencies) so unit tests load it directly.
"use strict"

/** @typedef {{ method: string, status: "passed"|"failed"|"unavailable", outcome: string, orderId?: string, durationMs?: number }} JourneyResult */

const RESULT_LABELS = { passed: "PASS", failed: "FAIL", unavailable: "N/A" }

function formatDuration(ms) {
  if (ms === undefined || ms === null) return "-"
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

function clip(text, width) {
  const single = String(text ?? "").replace(/\s+/g, " ").trim()
  return single.length > width ? `${single.slice(0, width - 1)}…` : single
}

/**
 * The table: method, outcome, order id, time, result. `maxOutcomeWidth` keeps lines readable;
 * the full text of failures is printed below the table by `renderJourneyFailures`.
 * @param {JourneyResult[]} results
 */
function renderJourneyTable(results, { maxOutcomeWidth = 70 } = {}) {
  const rows = results.map((r) => [
    r.method,
    clip(r.outcome, maxOutcomeWidth),
    r.orderId ?? "-",
    formatDuration(r.durationMs),
    RESULT_LABELS[r.status] ?? r.status,
  ])
  const header = ["Method", "Outcome", "Order", "Time", "Result"]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells) => cells.map((cell, i) => (i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd()
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")
}

/** Full messages of failed and unavailable journeys (empty string when none). */
function renderJourneyFailures(results) {
  return results
    .filter((r) => r.status !== "passed")
    .map((r) => `${RESULT_LABELS[r.status]} ${r.method}: ${r.outcome}`)
    .join("\n")
}

/** Counts; `ok` only when every journey ran and passed (an unavailable journey is not a pass). */
function summarizeJourneys(results) {
  const count = (status) => results.filter((r) => r.status === status).length
  const passed = count("passed")
  const failed = count("failed")
  const unavailable = count("unavailable")
  return {
    passed,
    failed,
    unavailable,
    total: results.length,
    ok: results.length > 0 && passed === results.length,
    line: `${passed} passed, ${failed} failed, ${unavailable} not available`,
  }
}

module.exports = { renderJourneyTable, renderJourneyFailures, summarizeJourneys, formatDuration }
