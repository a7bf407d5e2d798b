// The go-live suite run against the sandbox, the way `npm test` keeps it honest: every check the
// suite has (the interactive ones with a test playing the operator) must confirm the sandbox, since
// the sandbox is where the assumptions are written down.
import { readFile, rm } from "node:fs/promises"
import os from "node:os"
import path from "node:path"
import { findAssumption } from "../../lib/vendor-assumptions"
import { startSandbox, type Sandbox } from "../../sandbox"
import { verifyCli } from "../cli"
import { reportJson } from "../report"
import { resolveVerifyTarget } from "../resolve-verify-target"
import { runVerify, VERIFY_CHECKS, type RunVerifyOptions } from "../run-verify"
import { sandboxShopper } from "./sandbox-shopper"

jest.setTimeout(120_000)

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ avirato: { webhookDelayMs: 1, webhookRetryBaseMs: 20 } })
})
afterAll(() => sandbox.stop())

const fast = (origin: string): Omit<RunVerifyOptions, "interactive"> => ({
  target: resolveVerifyTarget({ AVARDA_AVIRATO_SANDBOX_URL: origin }),
  settings: {
    shoppers: { invoice: "191704109279", loan: "198005012003" },
    pollIntervalMs: 20,
    backOfficeWaitMs: 10_000,
    paymentWaitMs: 20_000,
    webhookWaitMs: 10_000,
  },
})

describe("the go-live suite's checks", () => {
  it("are each tied to one row of the assumption registry, one check per row", () => {
    const ids = VERIFY_CHECKS.map((check) => check.assumption)
    expect(ids.filter((id) => !findAssumption(id))).toEqual([])
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
  })
})

describe("the go-live suite against the sandbox", () => {
  it("confirms every assumption it covers, including the hosted-page payments, modifications and webhooks", async () => {
    const operator = sandboxShopper()
    const report = await runVerify({ ...fast(sandbox.origin), interactive: { operator, listenPort: 0, listenHost: "localhost" } })

    const notConfirmed = report.results.filter((result) => result.verdict !== "confirmed")
    expect(notConfirmed).toEqual([])
    const expectedIds = VERIFY_CHECKS.filter((check) => check.feature === undefined).map((check) => check.assumption)
    expect(report.results.map((result) => result.assumption).sort()).toEqual([...expectedIds].sort())
    expect(report.skipped).toEqual([{ assumption: "U22", because: "the payment-widget option is off (--payment-widget)" }])

    // The operator paid three pages, and the vendor really saw the modifications and sent webhooks.
    expect(operator.pages.map((page) => page.label)).toEqual(["P1", "P2", "P3"])
    const modifications = sandbox.journal.entries({ route: "avirato.test.payment.*" }).map((entry) => `${entry.path} ${entry.status}`)
    for (const type of ["extend", "capture", "refund", "cancel"]) expect(modifications).toContain(`/avirato/external/v1/test/payment/${type} 202`)
    const deliveries = sandbox.outbound.entries()
    expect(deliveries.length).toBeGreaterThanOrEqual(3 + 10)
    expect(deliveries.some((delivery) => delivery.attempts.length >= 2 && delivery.attempts[0].status === 503 && delivery.delivered)).toBe(true)
    // The listener was the Test webhook URL only while the run lasted.
    expect(sandbox.avirato.webhookUrl("test")).toBeUndefined()

    const json = JSON.parse(reportJson(report)) as { checks: Array<{ assumption: string; verdict: string }> }
    expect(json.checks.length).toBe(report.results.length)
    expect(json.checks.every((check) => check.verdict === "confirmed" && typeof check.assumption === "string")).toBe(true)
  })

  it("checks the payment-widget init endpoint the way the plugin calls it: a checkout-API partner token, then init", async () => {
    const before = sandbox.avarda.listPaymentWidgetSessions().length
    const report = await runVerify({ ...fast(sandbox.origin), settings: { ...fast(sandbox.origin).settings, paymentWidget: true } })
    const widget = report.results.find((result) => result.assumption === "U22")
    expect(widget).toMatchObject({ verdict: "confirmed", seen: expect.stringMatching(/^200 \{paymentId, widgetJwt, expiredUtc \d{4}-/) })
    expect(report.skipped.map((skip) => skip.assumption)).not.toContain("U22")
    expect(sandbox.avarda.listPaymentWidgetSessions().length).toBe(before + 1)
    expect(sandbox.journal.entries({ route: "avarda.checkout.token" }).some((entry) => entry.status === 200)).toBe(true)
  })

  it("finds the payment-widget check contradicted when the checkout API refuses the Authorization API's credentials", async () => {
    sandbox.faults.add({ route: "avarda.checkout.token", kind: "status", status: 401, body: { title: "Unauthorized", status: 401 } })
    try {
      const report = await runVerify({ ...fast(sandbox.origin), settings: { ...fast(sandbox.origin).settings, paymentWidget: true } })
      const widget = report.results.find((result) => result.assumption === "U22")
      expect(widget).toMatchObject({ verdict: "contradicted", seen: expect.stringContaining("401") })
    } finally {
      sandbox.faults.clear()
    }
  })

  it("runs as the command does: table, summary, a JSON file of checks and exit status 0", async () => {
    const file = path.join(os.tmpdir(), `verify-${process.pid}-${Date.now()}.json`)
    const out: string[] = []
    try {
      const code = await verifyCli(["--json", file], { AVARDA_AVIRATO_SANDBOX_URL: sandbox.origin }, { out: (text) => out.push(text), err: (text) => out.push(text) })
      expect(code).toBe(0)
      const printed = out.join("\n")
      expect(printed).toContain("| assumption | expected (sandbox) | seen (sandbox) | verdict |")
      expect(printed).toMatch(/\| U1 \| .* \| confirmed \(sandbox\) \|/)
      expect(printed).toMatch(/\d+ checks against the sandbox at .*: (\d+) confirmed, 0 contradicted, 0 unreachable\./)
      expect(printed).toContain("Not run, needs --interactive: A18")
      const written = JSON.parse(await readFile(file, "utf8")) as { checks: Array<{ assumption: string; verdict: string }> }
      expect(written.checks.length).toBeGreaterThan(40)
      expect(new Set(written.checks.map((check) => check.verdict))).toEqual(new Set(["confirmed"]))
    } finally {
      await rm(file, { force: true })
    }
  })

  it("tells a vendor that answers otherwise (contradicted) from one that does not answer (unreachable)", async () => {
    // My Pages never lists the captured purchase: U4 is contradicted, the checks that need the listing cannot run.
    sandbox.faults.add({ route: "avarda.mypages.accounts.list", kind: "status", status: 404 })
    // Avirato fails every session create: nothing can be said about the rules behind it.
    sandbox.faults.add({ route: "avirato.test.session.create", kind: "status", status: 503 })
    try {
      const options = fast(sandbox.origin)
      const report = await runVerify({ ...options, settings: { ...options.settings, backOfficeWaitMs: 300 } })
      const verdict = (id: string) => report.results.find((result) => result.assumption === id)
      expect(verdict("U4")).toMatchObject({ verdict: "contradicted", seen: expect.stringMatching(/^✗ 404 until/) })
      expect(verdict("U24")).toMatchObject({ verdict: "unreachable", seen: expect.stringMatching(/not seen within/) })
      for (const id of ["A4", "A5", "A13"]) expect(verdict(id)?.verdict).toBe("unreachable")
      // Evidence for the vendor comes with every row that is not confirmed, without secrets.
      const exchanges = verdict("A5")?.exchanges ?? []
      expect(exchanges.length).toBeGreaterThan(0)
      expect(exchanges.every((exchange) => exchange.status === 503)).toBe(true)
      expect(JSON.stringify(report)).not.toContain(sandbox.settings.avarda.clientSecret)
      expect(JSON.stringify(report)).not.toContain("191704109279")
      expect(verdict("U1")?.verdict).toBe("confirmed")
    } finally {
      sandbox.faults.clear()
    }
  })

  it("exits 1 and names the row when the vendor contradicts an assumption", async () => {
    // Session refusals with another code than the table says: the rows about them are contradicted.
    sandbox.faults.add({ route: "avirato.test.session.create", kind: "status", status: 400, body: { success: false, error: { message: "different", code: 19999, statusCode: 400 } } })
    try {
      const out: string[] = []
      const code = await verifyCli([], { AVARDA_AVIRATO_SANDBOX_URL: sandbox.origin }, { out: (text) => out.push(text), err: (text) => out.push(text) })
      expect(code).toBe(1)
      expect(out.join("\n")).toMatch(/\| A5 \| .* \| contradicted \(sandbox\) \|/)
      expect(out.join("\n")).toMatch(/Contradicted rows \(avirato\)/)
    } finally {
      sandbox.faults.clear()
    }
  })
})
