// Numbers of the benchmark: percentiles, ratios of percentiles, interleaved runs and the table.
// CommonJS (no dependencies) so unit tests load it directly.
"use strict"

/** The q-th quantile (0..1) of `values` (nearest rank on the sorted copy). */
function percentile(values, q) {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]
}

function summary(values) {
  return { n: values.length, p50: percentile(values, 0.5), p95: percentile(values, 0.95), p99: percentile(values, 0.99) }
}

const round = (value, digits = 3) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null)

/** p50/p95/p99 of `measured` divided by the same percentiles of `baseline` (both in ms). */
function ratioOf(measured, baseline) {
  const m = summary(measured)
  const b = summary(baseline)
  return {
    ratio_p50: round(m.p50 / b.p50),
    ratio_p95: round(m.p95 / b.p95),
    ratio_p99: round(m.p99 / b.p99),
    n: Math.min(m.n, b.n),
    ms: { p50: round(m.p50, 2), p95: round(m.p95, 2), p99: round(m.p99, 2) },
    baseline_ms: { p50: round(b.p50, 2), p95: round(b.p95, 2), p99: round(b.p99, 2) },
  }
}

/** Fisher–Yates on a copy. */
function shuffled(items) {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy
}

/**
 * Runs every side `rounds` times, the sides in a fresh random order each round, so noise on a
 * shared machine hits all of them alike. `sides` maps a name to `async (round) => ms | undefined`
 * (undefined: the run failed and is not counted). Returns { name: [ms…] }.
 */
async function interleave(sides, rounds) {
  const samples = Object.fromEntries(Object.keys(sides).map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const name of shuffled(Object.keys(sides))) {
      const ms = await sides[name](round)
      if (typeof ms === "number" && Number.isFinite(ms)) samples[name].push(ms)
    }
  }
  return samples
}

/** Milliseconds `fn` took (high-resolution). */
async function timed(fn) {
  const started = process.hrtime.bigint()
  const result = await fn()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result }
}

const cell = (value) => (value === null || value === undefined ? "–" : typeof value === "number" ? String(value) : value)

/** A fixed-width table of the rows: name, what is compared, ratios, n, and the row's own figures. */
function renderTable(rows) {
  const header = ["row", "compared with", "ratio p50", "p95", "p99", "n", "figures"]
  const lines = rows.map((row) => [row.name, row.baseline, cell(row.ratio_p50), cell(row.ratio_p95), cell(row.ratio_p99), cell(row.n), row.figures ?? ""])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => String(line[i]).length)))
  const format = (line) => line.map((value, i) => String(value).padEnd(widths[i])).join("  ").trimEnd()
  return [format(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(format)].join("\n")
}

module.exports = { percentile, summary, ratioOf, shuffled, interleave, timed, renderTable }
