// The chaos matrix's table and closing line, over its shards. The scenarios are dealt to
// CHAOS_SHARDS test files by their weight (money-matrix.spec.ts is shard 1 and declares every
// scenario; money-matrix-<n>.spec.ts loads it as shard n), which jest runs side by side, each with
// its own app and sandbox. Each shard keeps its rows in .jest-results/chaos-rows-<shard>.json, tagged with the run;
// the shard that finishes last prints the table of all of them and judges the closing line.
import fs from "node:fs"
import path from "node:path"
import type { AuditReport } from "../support/money-audit"

export const CHAOS_SHARDS = 2

export type Vendor = "Authorization API" | "Standalone" | "Avirato" | "My Pages"

export interface Row {
  /** The scenario's place in the matrix (0-based): its number in the table is `index + 1`. */
  index: number
  vendor: Vendor
  call: string
  name: string
  ok: boolean
  audit: AuditReport
  seconds: number
  error?: string
}

interface ShardFile {
  run: string
  shard: number
  startedAt: number
  done: boolean
  rows: Row[]
}

export interface Totals {
  duplicates: number
  lost: number
  stuck: number
}

const resultsDir = path.resolve(__dirname, "../../.jest-results")
const shardPath = (shard: number) => path.join(resultsDir, `chaos-rows-${shard}.json`)

/** One run of the tier: scripts/test.mjs names it; a bare jest run is named by jest's own process. */
const RUN = process.env.CHAOS_RUN_ID || `jest-${process.ppid}`

/** The shard (1-based) of the test file jest is running: money-matrix-<n>.spec.ts is shard n. */
export function currentShard(): number {
  const testPath = expect.getState().testPath
  if (!testPath) throw new Error("the chaos matrix must be loaded by a test file (money-matrix.spec.ts or money-matrix-<n>.spec.ts)")
  const match = /money-matrix-(\d+)\.spec\.[jt]s$/.exec(testPath)
  const shard = match ? Number(match[1]) : 1
  if (shard < 1 || shard > CHAOS_SHARDS) throw new Error(`${path.basename(testPath)}: the chaos matrix has ${CHAOS_SHARDS} shards`)
  return shard
}

/**
 * Deals the scenarios to the shards so that each shard has about the same work: heaviest first,
 * each to the shard with the least work so far (the lower shard on a tie). `weights[i]` is scenario
 * i's work relative to an ordinary scenario (1). Returns each scenario's shard (1-based); the same
 * weights give the same deal in every shard.
 */
export function dealShards(weights: number[]): number[] {
  const load = new Array<number>(CHAOS_SHARDS).fill(0)
  const shards = new Array<number>(weights.length)
  const heaviestFirst = weights.map((weight, index) => ({ weight, index })).sort((a, b) => b.weight - a.weight || a.index - b.index)
  for (const { weight, index } of heaviestFirst) {
    const lightest = load.indexOf(Math.min(...load))
    shards[index] = lightest + 1
    load[lightest]! += weight
  }
  return shards
}

export function totalsOf(rows: Row[]): Totals {
  return rows.reduce((t, r) => ({ duplicates: t.duplicates + r.audit.duplicates, lost: t.lost + r.audit.lost, stuck: t.stuck + r.audit.stuck }), { duplicates: 0, lost: 0, stuck: 0 })
}

/** The rows of one shard, saved after every scenario so the other shards can read them. */
export class ShardRows {
  readonly rows: Row[] = []
  private readonly startedAt = Date.now()
  private done = false

  constructor(private readonly shard: number) {
    this.save()
  }

  push(row: Row): void {
    this.rows.push(row)
    this.save()
  }

  finish(): void {
    this.done = true
    this.save()
  }

  /** Every shard's file of this run; `complete` once every shard has finished. */
  all(): { rows: Row[]; complete: boolean; startedAt: number } {
    const files = Array.from({ length: CHAOS_SHARDS }, (_, i) => (i + 1 === this.shard ? this.file() : readShard(i + 1)))
    const mine = files.filter((f): f is ShardFile => !!f && f.run === RUN)
    return {
      rows: mine.flatMap((f) => f.rows).sort((a, b) => a.index - b.index),
      complete: mine.length === CHAOS_SHARDS && mine.every((f) => f.done),
      startedAt: Math.min(...mine.map((f) => f.startedAt)),
    }
  }

  private file(): ShardFile {
    return { run: RUN, shard: this.shard, startedAt: this.startedAt, done: this.done, rows: this.rows }
  }

  private save(): void {
    fs.mkdirSync(resultsDir, { recursive: true })
    const target = shardPath(this.shard)
    fs.writeFileSync(`${target}.tmp`, JSON.stringify(this.file()))
    fs.renameSync(`${target}.tmp`, target)
  }
}

function readShard(shard: number): ShardFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(shardPath(shard), "utf8")) as ShardFile
  } catch {
    return undefined
  }
}

/** The table, its findings and the closing line, over `rows`. */
export function renderTable(rows: Row[], startedAt: number): string {
  const header = ["#", "vendor", "call", "scenario", "vendor effects", "dup", "lost", "stuck", "s", "result"]
  const body = rows.map((row) => [
    String(row.index + 1),
    row.vendor,
    row.call,
    row.name,
    row.audit.effects,
    String(row.audit.duplicates),
    String(row.audit.lost),
    String(row.audit.stuck),
    row.seconds.toFixed(1),
    row.ok ? "ok" : "FAIL",
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")
  const problems = rows.flatMap((row) => [...row.audit.findings, ...(row.error ? [`error: ${row.error}`] : [])].map((f) => `  #${row.index + 1} ${f}`))
  const totals = totalsOf(rows)
  return [
    line(header),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...body.map(line),
    ...(problems.length ? ["", "findings:", ...problems] : []),
    "",
    `duration ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
    `scenarios ${rows.length}, duplicate vendor effects ${totals.duplicates}, lost orders ${totals.lost}, stuck payments ${totals.stuck}`,
  ].join("\n")
}

/** Prints the table of every row this run has so far and keeps it in .jest-results/chaos-table.txt. */
export function writeTable(rows: Row[], startedAt: number): void {
  const table = renderTable(rows, startedAt)
  process.stdout.write(`\n${table}\n`)
  fs.mkdirSync(resultsDir, { recursive: true })
  fs.writeFileSync(path.join(resultsDir, "chaos-table.txt"), `${table}\n`)
}
