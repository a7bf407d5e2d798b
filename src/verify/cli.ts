/**
 * `npx avarda-avirato-verify` / `npm run verify`: the go-live contract suite from the command line.
 * Reads the providers' environment variables (or AVARDA_AVIRATO_SANDBOX_URL), refuses production
 * unless `--production-read-only`, prints the report table and exits 1 on any contradiction.
 */
import { writeFile } from "node:fs/promises"
import { createInterface } from "node:readline"
import { AVARDA_TEST_IDENTITIES } from "../sandbox/avarda/test-identities"
import type { InteractiveSetup, PaymentPage, VerifyOperator } from "./avirato/hosted-payment-scenario"
import { ProductionRefusedError } from "./production-guard"
import { renderReportTable, renderSummary, reportJson, summaryOf } from "./report"
import { SANDBOX_URL_VARIABLE } from "../lib/sandbox-switch"
import { resolveVerifyTarget } from "./resolve-verify-target"
import { DEFAULT_VERIFY_SETTINGS, runVerify } from "./run-verify"

/** The shopper of Avarda's documented `AuthorizeInvoiceEID` example request. */
export const DOCUMENTED_TEST_SHOPPER = "191704109279"

export const VERIFY_USAGE = `Usage: avarda-avirato-verify [options]

Checks the behaviours the plugin assumes (docs/sandbox-avarda.md, docs/sandbox-avirato.md) against
Avarda's stage and Avirato's Test environment, with the credentials of the environment variables the
providers use, and prints one row per assumption: confirmed, contradicted or unreachable.

Options:
  --json <file>             Also write the results as JSON ({ "checks": [{ "assumption", "verdict", … }] })
  --interactive             Also pay three Avirato test payments on the hosted page in a browser, then
                            check refund / capture / cancel / extend and the webhooks
  --listen <port>           Port of the webhook and return listener (--interactive; default: any free port)
  --listen-host <host>      Its interface (default localhost; 0.0.0.0 behind a tunnel)
  --public-url <url>        Public URL (e.g. a tunnel) that forwards to the listener
  --payment-widget          Also check Avarda's payment-widget init endpoint (the widget option)
  --production-read-only    Allow production base URLs; call only token and read endpoints
  --back-office-wait <s>    Wait for Avarda's back office / My Pages (default ${DEFAULT_VERIFY_SETTINGS.backOfficeWaitMs / 1000})
  --payment-wait <s>        Time to pay the hosted pages (default ${DEFAULT_VERIFY_SETTINGS.paymentWaitMs / 1000})
  --webhook-wait <s>        Wait for each webhook (default ${DEFAULT_VERIFY_SETTINGS.webhookWaitMs / 1000})
  -h, --help                Show this help

Environment (as in the README's medusa-config.ts):
  AVARDA_ENVIRONMENT (test | production | base URL; default test), AVARDA_CLIENT_ID, AVARDA_CLIENT_SECRET,
  AVARDA_PART_PAYMENT_ACCOUNT_CLASS, AVARDA_SITE_CODE, AVARDA_SITE_PASSWORD, AVARDA_STANDALONE_BASE_URL,
  AVARDA_MY_PAGES_CLIENT_ID / _SECRET / _BASE_URL, AVARDA_PAYMENT_WIDGET_BASE_URL,
  AVIRATO_ENVIRONMENT (test | live; default test), AVIRATO_BASE_URL, AVIRATO_API_KEY, AVIRATO_WEBCODE,
  AVIRATO_CLIENT_SECRETS (current,previous), AVARDA_VERIFY_PERSONAL_ID / AVARDA_VERIFY_LOAN_PERSONAL_ID
  (stage test shoppers), ${SANDBOX_URL_VARIABLE} (check the sandbox at that URL instead).

Exit status: 0 nothing contradicted, 1 something contradicted, 2 refused (production) or a usage error.
`

export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Waits for the operator to press Enter (a terminal); undefined when nobody can answer. */
  confirm?(prompt: string): Promise<void>
}

class UsageError extends Error {}

interface CliOptions {
  json?: string
  interactive: boolean
  listenPort: number
  listenHost: string
  publicUrl?: string
  paymentWidget: boolean
  productionReadOnly: boolean
  backOfficeWaitMs?: number
  paymentWaitMs?: number
  webhookWaitMs?: number
  help: boolean
}

function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliOptions {
  const options: CliOptions = {
    interactive: false,
    listenPort: 0,
    listenHost: "localhost",
    paymentWidget: /^(1|true|yes)$/i.test(env.AVARDA_PAYMENT_WIDGET ?? ""),
    productionReadOnly: false,
    help: false,
  }
  const seconds = (flag: string, value: string) => {
    const number = Number(value)
    if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${flag} must be a number of seconds, got "${value}"`)
    return number * 1000
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2)
    const value = () => {
      const next = inline ?? argv[++i]
      if (next === undefined) throw new UsageError(`${flag} needs a value`)
      return next
    }
    switch (flag) {
      case "--json":
        options.json = value()
        break
      case "--interactive":
        options.interactive = true
        break
      case "--listen": {
        const port = Number(value())
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--listen must be a port number (0-65535)")
        options.listenPort = port
        break
      }
      case "--listen-host":
        options.listenHost = value()
        break
      case "--public-url": {
        const url = value()
        if (!/^https?:\/\//.test(url)) throw new UsageError("--public-url must be an absolute http(s) URL")
        options.publicUrl = url
        break
      }
      case "--payment-widget":
        options.paymentWidget = true
        break
      case "--production-read-only":
        options.productionReadOnly = true
        break
      case "--back-office-wait":
        options.backOfficeWaitMs = seconds(flag, value())
        break
      case "--payment-wait":
        options.paymentWaitMs = seconds(flag, value())
        break
      case "--webhook-wait":
        options.webhookWaitMs = seconds(flag, value())
        break
      case "-h":
      case "--help":
        options.help = true
        break
      default:
        throw new UsageError(`Unknown option ${argv[i]}`)
    }
  }
  if (options.interactive && options.productionReadOnly) throw new UsageError("--interactive pays test payments: it cannot be combined with --production-read-only")
  return options
}

/** The person running the command, talked to on the terminal. */
function terminalOperator(io: CliIo): VerifyOperator {
  return {
    tell: (message) => io.out(message),
    payPages(pages: readonly PaymentPage[]) {
      io.out(
        [
          "",
          "Pay these Avirato test payments in a browser on this machine (card 4111 1111 1111 1111, expiry 12/30,",
          'CVC 737, holder name "Test User"). The check waits until Avirato reports each one completed.',
          ...pages.map((page) => `  ${page.label}  ${page.description}\n      ${page.url}`),
          "",
        ].join("\n")
      )
    },
    async webhookUrlRegistered(webhookUrl) {
      const prompt =
        `Register ${webhookUrl} as the Test webhook URL in Avirato's dashboard (Integrations → Webhook Configuration).` +
        " It must reach this machine: behind a firewall, run a tunnel to the listener and pass its URL with --public-url."
      if (io.confirm) await io.confirm(`${prompt}\nPress Enter when it is registered.`)
      else io.out(prompt)
    },
  }
}

/** Runs the command; resolves with the exit status. */
export async function verifyCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<number> {
  let options: CliOptions
  try {
    options = parseArgs(argv, env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`${error.message}\n\n${VERIFY_USAGE}`)
    return 2
  }
  if (options.help) {
    io.out(VERIFY_USAGE)
    return 0
  }
  const target = resolveVerifyTarget(env)
  const sandbox = target.kind === "sandbox"
  const interactive: InteractiveSetup | undefined = options.interactive
    ? { operator: terminalOperator(io), listenPort: options.listenPort, listenHost: options.listenHost, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) }
    : undefined
  io.out(sandbox ? `Checking the sandbox at ${target.sandboxOrigin} (${SANDBOX_URL_VARIABLE}).` : "Checking Avarda stage and Avirato Test with the providers' credentials.")
  try {
    const report = await runVerify({
      target,
      settings: {
        paymentWidget: options.paymentWidget,
        readOnly: options.productionReadOnly,
        shoppers: {
          invoice: env.AVARDA_VERIFY_PERSONAL_ID?.trim() || DOCUMENTED_TEST_SHOPPER,
          loan: env.AVARDA_VERIFY_LOAN_PERSONAL_ID?.trim() || AVARDA_TEST_IDENTITIES.SE.approved,
        },
        pollIntervalMs: sandbox ? 100 : DEFAULT_VERIFY_SETTINGS.pollIntervalMs,
        ...(options.backOfficeWaitMs ? { backOfficeWaitMs: options.backOfficeWaitMs } : {}),
        ...(options.paymentWaitMs ? { paymentWaitMs: options.paymentWaitMs } : {}),
        ...(options.webhookWaitMs ? { webhookWaitMs: options.webhookWaitMs } : {}),
      },
      ...(interactive ? { interactive } : {}),
      onResult: (result) => io.out(`  ${result.verdict.padEnd(12)} ${result.assumption}`),
    })
    io.out(`\n${renderReportTable(report)}\n\n${renderSummary(report)}`)
    if (options.json) {
      await writeFile(options.json, reportJson(report))
      io.out(`JSON report: ${options.json}`)
    }
    return summaryOf(report).contradicted > 0 ? 1 : 0
  } catch (error) {
    if (error instanceof ProductionRefusedError) {
      io.err(error.message)
      return 2
    }
    throw error
  }
}

/** Enter on a terminal; nothing to wait for otherwise. */
export function terminalConfirm(): CliIo["confirm"] {
  if (!process.stdin.isTTY) return undefined
  return (prompt) =>
    new Promise<void>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout })
      rl.question(`${prompt} `, () => {
        rl.close()
        resolve()
      })
    })
}
