// `npm run bench`'s arithmetic (scripts/bench/stats.js, CommonJS for this test): percentiles,
// ratios of percentiles, the interleaving of compared runs and the printed table.
const stats = require("../../../scripts/bench/stats.js")

describe("bench statistics", () => {
  it("takes nearest-rank percentiles of unsorted samples", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]
    expect(stats.percentile(values, 0.5)).toBe(5)
    expect(stats.percentile(values, 0.95)).toBe(10)
    expect(stats.percentile(values, 0.99)).toBe(10)
    expect(stats.percentile([], 0.5)).toBeNaN()
    expect(values).toEqual([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]) // not sorted in place
  })

  it("divides each percentile of the measured side by the same percentile of the baseline", () => {
    const baseline = Array.from({ length: 100 }, (_, i) => i + 1) // p50 50, p95 95, p99 99
    const measured = baseline.map((ms) => ms * 1.1)
    const ratio = stats.ratioOf(measured, baseline)
    expect(ratio).toMatchObject({ ratio_p50: 1.1, ratio_p95: 1.1, ratio_p99: 1.1, n: 100 })
    expect(ratio.ms.p50).toBe(55)
    expect(ratio.baseline_ms).toEqual({ p50: 50, p95: 95, p99: 99 })
  })

  it("runs every side once per round, in an order that changes between rounds, and drops failed runs", async () => {
    const orders: string[] = []
    const samples = await stats.interleave(
      {
        a: async (round: number) => (orders.push(`a${round}`), 1),
        b: async (round: number) => (orders.push(`b${round}`), round === 1 ? undefined : 2),
        c: async (round: number) => (orders.push(`c${round}`), 3),
      },
      40
    )
    expect(samples.a).toHaveLength(40)
    expect(samples.b).toHaveLength(39)
    expect(samples.c.every((ms: number) => ms === 3)).toBe(true)
    for (let round = 0; round < 40; round++) {
      expect(orders.slice(round * 3, round * 3 + 3).sort()).toEqual([`a${round}`, `b${round}`, `c${round}`])
    }
    const firsts = new Set(Array.from({ length: 40 }, (_, round) => orders[round * 3]![0]))
    expect(firsts.size).toBeGreaterThan(1)
  })

  it("prints aligned columns with a dash for what a row does not have", () => {
    const table = stats.renderTable([
      { name: "avirato-client", baseline: "raw undici call", ratio_p50: 1.2, ratio_p95: 1.14, ratio_p99: 1.06, n: 1000, figures: "GET session" },
      { name: "widget-init", baseline: "1 init call", ratio_p50: 1, ratio_p95: null, ratio_p99: undefined, n: 200 },
    ])
    const lines = table.split("\n")
    expect(lines[0]).toMatch(/^row\s+compared with\s+ratio p50\s+p95\s+p99\s+n\s+figures$/)
    expect(lines[2]).toMatch(/^avirato-client\s+raw undici call\s+1\.2\s+1\.14\s+1\.06\s+1000\s+GET session$/)
    expect(lines[3]).toMatch(/^widget-init\s+1 init call\s+1\s+–\s+–\s+200$/)
    expect(lines[2]!.indexOf("1.2")).toBe(lines[3]!.indexOf("1 ", lines[3]!.indexOf("call") + 4))
  })
})
