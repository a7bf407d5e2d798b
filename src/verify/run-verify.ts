/**
 * Runs the go-live contract suite: picks the checks the run may make (read-only, interactive,
 * opt-in features), runs them a few at a time through the plugin's own clients, and returns one
 * result per assumption it covered.
 */
import { AVARDA_ASSUMPTIONS, AVIRATO_ASSUMPTIONS, type AssumptionId } from "../lib/vendor-assumptions"
import { AUTHORIZATION_API_CHECKS } from "./avarda/authorization-api-checks"
import { MY_PAGES_CHECKS } from "./avarda/my-pages-checks"
import { PAYMENT_WIDGET_CHECKS } from "./avarda/payment-widget-check"
import { STANDALONE_CHECKS } from "./avarda/standalone-checks"
import { AVIRATO_API_CHECKS } from "./avirato/api-checks"
import type { InteractiveSetup } from "./avirato/hosted-payment-scenario"
import { HOSTED_PAYMENT_CHECKS } from "./avirato/hosted-payment-checks"
import { Findings, verdictOfError, type Verdict, type VerifyApi, type VerifyCheck } from "./check"
import { guardBaseUrls } from "./production-guard"
import { baseUrlsOf, type VerifyTarget } from "./resolve-verify-target"
import { VerifyContext, type VerifySettings } from "./verify-context"
import { VendorTraffic, type VendorExchange } from "./vendor-traffic"

export const VERIFY_CHECKS: ReadonlyArray<VerifyCheck<VerifyContext>> = [
  ...AUTHORIZATION_API_CHECKS,
  ...STANDALONE_CHECKS,
  ...MY_PAGES_CHECKS,
  ...PAYMENT_WIDGET_CHECKS,
  ...AVIRATO_API_CHECKS,
  ...HOSTED_PAYMENT_CHECKS,
]

const REGISTRY_ORDER: readonly string[] = [...AVARDA_ASSUMPTIONS, ...AVIRATO_ASSUMPTIONS].map((row) => row.id)

export interface CheckResult {
  assumption: AssumptionId
  api: VerifyApi
  expected: string
  seen: string
  verdict: Verdict
  /** The vendor exchanges behind a verdict other than "confirmed" (secrets and ID numbers masked). */
  exchanges?: VendorExchange[]
}

export interface VerifyReport {
  target: VerifyTarget["kind"]
  sandboxOrigin?: string
  /** Base URL per API, or why it was not configured. */
  apis: Record<string, string>
  readOnly: boolean
  startedAt: string
  finishedAt: string
  results: CheckResult[]
  /** Checks left out of this run, and why. */
  skipped: Array<{ assumption: AssumptionId; because: string }>
  /** Assumption ids no check of the suite covers (they need the vendor's word). */
  uncovered: string[]
}

export const DEFAULT_VERIFY_SETTINGS: Omit<VerifySettings, "shoppers"> = {
  interactive: false,
  paymentWidget: false,
  readOnly: false,
  backOfficeWaitMs: 180_000,
  paymentWaitMs: 15 * 60_000,
  webhookWaitMs: 120_000,
  pollIntervalMs: 2_000,
}

export interface RunVerifyOptions {
  target: VerifyTarget
  settings: Partial<Omit<VerifySettings, "interactive">> & Pick<VerifySettings, "shoppers">
  /** Operator and listener: present = run the interactive checks. */
  interactive?: InteractiveSetup
  /** Checks running at once. Default 4. */
  concurrency?: number
  /** Told about each result as it comes. */
  onResult?: (result: CheckResult) => void
}

/** Throws ProductionRefusedError (before any call) when a base URL is production and the run is not read-only. */
export async function runVerify(options: RunVerifyOptions): Promise<VerifyReport> {
  const { target } = options
  const settings: VerifySettings = { ...DEFAULT_VERIFY_SETTINGS, ...options.settings, interactive: options.interactive !== undefined }
  guardBaseUrls(baseUrlsOf(target), { productionReadOnly: settings.readOnly, sandboxOrigin: target.sandboxOrigin })

  const startedAt = new Date().toISOString()
  const traffic = new VendorTraffic({ readOnly: settings.readOnly })
  const context = new VerifyContext(target, settings, traffic, options.interactive)
  const skipped: VerifyReport["skipped"] = []
  const selected = VERIFY_CHECKS.filter((check) => {
    const because =
      check.feature === "payment-widget" && !settings.paymentWidget
        ? "the payment-widget option is off (--payment-widget)"
        : check.interactive && !settings.interactive
          ? "needs --interactive"
          : settings.readOnly && !check.readOnly
            ? "not read-only (--production-read-only)"
            : undefined
    if (because) skipped.push({ assumption: check.assumption, because })
    return !because
  })

  const results: CheckResult[] = []
  const queue = [...selected]
  const worker = async () => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const result = await runCheck(check, context, traffic)
      results.push(result)
      options.onResult?.(result)
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker))
  } finally {
    await context.close()
    await traffic.close()
  }

  const order = (id: string) => REGISTRY_ORDER.indexOf(id)
  const covered = new Set(VERIFY_CHECKS.map((check) => check.assumption as string))
  return {
    target: target.kind,
    ...(target.sandboxOrigin ? { sandboxOrigin: target.sandboxOrigin } : {}),
    apis: Object.fromEntries(
      (["authorizationApi", "standalone", "myPages", "paymentWidget", "avirato"] as const).map((api) => {
        const config = target[api]
        return [api, config.configured ? config.baseUrl : `not configured (${config.reason})`]
      })
    ),
    readOnly: settings.readOnly,
    startedAt,
    finishedAt: new Date().toISOString(),
    results: results.sort((a, b) => order(a.assumption) - order(b.assumption)),
    skipped: skipped.sort((a, b) => order(a.assumption) - order(b.assumption)),
    uncovered: REGISTRY_ORDER.filter((id) => !covered.has(id)),
  }
}

async function runCheck(check: VerifyCheck<VerifyContext>, context: VerifyContext, traffic: VendorTraffic): Promise<CheckResult> {
  const log: VendorExchange[] = []
  const findings = new Findings()
  let verdict: Verdict
  let seen: string
  try {
    await traffic.recordInto(log, () => check.run(context, findings))
    verdict = findings.holds ? "confirmed" : "contradicted"
    seen = findings.count ? findings.describe() : "nothing observed"
  } catch (error) {
    const outcome = verdictOfError(error)
    // What was already seen to differ stands, whatever stopped the check afterwards.
    verdict = findings.contradicts ? "contradicted" : outcome.verdict
    seen = findings.count ? `${findings.describe()}; ${outcome.seen}` : outcome.seen
  }
  return {
    assumption: check.assumption,
    api: check.api,
    expected: check.expected,
    seen,
    verdict,
    ...(verdict !== "confirmed" && log.length ? { exchanges: log } : {}),
  }
}
