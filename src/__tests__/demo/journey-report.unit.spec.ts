// `npm run demo`'s journey checks and result table (scripts/demo/*.js, CommonJS for this test).
const report = require("../../../scripts/demo/journey-report.js")
const checks = require("../../../scripts/demo/journey-checks.js")

const results = [
  { method: "Avarda invoice", status: "passed", outcome: "approved → order, authorized", orderId: "order_01", durationMs: 1234 },
  { method: "Avirato card (declined)", status: "failed", outcome: "complete cart: expected HTTP 400, got 200 {}", durationMs: 87 },
  { method: "Avarda Standalone Credit invoice", status: "unavailable", outcome: "not available yet (provider not installed: pp_x)" },
]

describe("demo journey table", () => {
  it("renders method, outcome, order, time and result in aligned columns", () => {
    expect(report.renderJourneyTable(results)).toBe(
      [
        "Method                            Outcome                                           Order      Time  Result",
        "--------------------------------  ------------------------------------------------  --------  -----  ------",
        "Avarda invoice                    approved → order, authorized                      order_01  1.2 s  PASS",
        "Avirato card (declined)           complete cart: expected HTTP 400, got 200 {}      -         87 ms  FAIL",
        "Avarda Standalone Credit invoice  not available yet (provider not installed: pp_x)  -             -  N/A",
      ].join("\n")
    )
  })

  it("clips long outcomes in the table and prints them in full below", () => {
    const long = [{ method: "M", status: "failed", outcome: "x".repeat(200) }]
    const table = report.renderJourneyTable(long, { maxOutcomeWidth: 20 })
    expect(table.split("\n")[2]).toContain(`${"x".repeat(19)}…`)
    expect(report.renderJourneyFailures(long)).toBe(`FAIL M: ${"x".repeat(200)}`)
  })

  it("passes only when every journey ran and passed: unavailable is not a pass", () => {
    expect(report.summarizeJourneys(results)).toMatchObject({ passed: 1, failed: 1, unavailable: 1, ok: false })
    expect(report.summarizeJourneys([results[0], results[2]]).ok).toBe(false)
    expect(report.summarizeJourneys([results[0]])).toMatchObject({ ok: true, line: "1 passed, 0 failed, 0 not available" })
    expect(report.summarizeJourneys([]).ok).toBe(false)
  })
})

describe("demo journey checks", () => {
  it("fail with a message naming what differed", () => {
    expect(() => checks.checkEqual("authorized", "captured", "payment status")).toThrow('payment status: expected "captured", got "authorized"')
    expect(() => checks.checkStatus({ status: 422, data: { message: "no" } }, [200, 201], "create session")).toThrow(
      'create session: expected HTTP 200 or 201, got 422 {"message":"no"}'
    )
    expect(checks.checkStatus({ status: 201, data: { ok: 1 } }, [200, 201], "x")).toEqual({ ok: 1 })
    expect(() => checks.checkAmount(548.0000001, 548, "total")).not.toThrow()
    expect(() => checks.checkAmount("548", 548, "total")).toThrow('total: expected 548, got "548"')
    expect(() => checks.check(false, "no order")).toThrow(checks.JourneyCheckError)
  })

  it("eventually returns the first truthy probe, or fails after the timeout", async () => {
    let n = 0
    await expect(checks.eventually(async () => (++n >= 3 ? "done" : undefined), "never", { intervalMs: 1 })).resolves.toBe("done")
    await expect(checks.eventually(async () => false, "the webhook never arrived", { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
      "the webhook never arrived (waited 0 s)"
    )
  })
})
