/**
 * `npm run sandbox` / `avarda-avirato-sandbox`: start the vendor sandbox in the foreground,
 * print its base URLs and credentials, stop cleanly on Ctrl-C / SIGTERM.
 */
import { PortInUseError, startSandbox, type Sandbox, type SandboxOptions } from "./index"

const DEFAULT_PORT = 4010

const USAGE = `Usage: avarda-avirato-sandbox [options]

Starts the Avarda and Avirato sandbox: every vendor API on one local HTTP server, with test
credentials (printed at start). Runs until Ctrl-C.

Options:
  --port <n>                      Port to listen on (env SANDBOX_PORT, default ${DEFAULT_PORT}; 0 = any free port)
  --host <host>                   Interface to listen on (env SANDBOX_HOST, default localhost)
  --avirato-webhook-url <url>     Where Live Avirato webhooks go (env AVIRATO_SANDBOX_WEBHOOK_URL)
  --avirato-test-webhook-url <url> Where Test Avirato webhooks go (env AVIRATO_SANDBOX_TEST_WEBHOOK_URL)
  --quiet                         Do not log every webhook delivery
  -h, --help                      Show this help
`

interface CliOptions {
  port: number
  host?: string
  aviratoWebhookUrl?: string
  aviratoTestWebhookUrl?: string
  quiet: boolean
  help: boolean
}

class UsageError extends Error {}

function parsePort(value: string | undefined, source: string): number {
  const port = Number(value)
  if (value === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${source} must be a port number (0-65535), got "${value ?? ""}"`)
  }
  return port
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const options: CliOptions = {
    port: env.SANDBOX_PORT ? parsePort(env.SANDBOX_PORT, "SANDBOX_PORT") : DEFAULT_PORT,
    host: env.SANDBOX_HOST || undefined,
    aviratoWebhookUrl: env.AVIRATO_SANDBOX_WEBHOOK_URL || undefined,
    aviratoTestWebhookUrl: env.AVIRATO_SANDBOX_TEST_WEBHOOK_URL || undefined,
    quiet: false,
    help: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2)
    const value = () => {
      const next = inline ?? argv[++i]
      if (next === undefined) throw new UsageError(`${flag} needs a value`)
      return next
    }
    switch (flag) {
      case "--port":
        options.port = parsePort(value(), "--port")
        break
      case "--host":
        options.host = value()
        break
      case "--avirato-webhook-url":
        options.aviratoWebhookUrl = value()
        break
      case "--avirato-test-webhook-url":
        options.aviratoTestWebhookUrl = value()
        break
      case "--quiet":
        options.quiet = true
        break
      case "-h":
      case "--help":
        options.help = true
        break
      default:
        throw new UsageError(`Unknown option ${argv[i]}`)
    }
  }
  return options
}

function banner(sandbox: Sandbox): string {
  const { avarda, avirato } = sandbox.settings
  const rows: Array<[string, string]> = [
    ["Console", sandbox.urls.console],
    ["Control API", `${sandbox.origin}/__sandbox/state (see docs/sandbox.md)`],
    ["", ""],
    ["Avarda Authorization API", sandbox.urls.avardaAuthorizationApi],
    ["  client id / secret", `${avarda.clientId} / ${avarda.clientSecret}`],
    ["Avarda Standalone Credit", sandbox.urls.avardaCheckout2],
    ["  site code / password", `${avarda.siteCode} / ${avarda.sitePassword}`],
    ["Avarda My Pages", sandbox.urls.avardaMyPages],
    ["  client id / secret", `${avarda.clientId} / ${avarda.clientSecret}`],
    ["Avarda checkout API (widgets)", sandbox.urls.avardaCheckoutApi],
    ["  client id / secret", `${avarda.clientId} / ${avarda.clientSecret}`],
    ["  widget script", sandbox.urls.avardaPaymentWidgetScript],
    ["", ""],
    ["Avirato Live", sandbox.urls.aviratoLive],
    ["  X-API-KEY", avirato.apiKey],
    ["  client secret", avirato.clientSecret],
    ["  webhook URL", avirato.webhookUrl ?? "(none: set with --avirato-webhook-url)"],
    ["Avirato Test", sandbox.urls.aviratoTest],
    ["  X-API-KEY", avirato.testApiKey],
    ["  client secret", avirato.testClientSecret],
    ["  webhook URL", avirato.testWebhookUrl ?? "(none: set with --avirato-test-webhook-url)"],
    ["Avirato webcode", avirato.webcode],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  return [
    "Avarda / Avirato sandbox (fictitious vendors: no real money, no real credentials)",
    "",
    ...rows.map(([label, value]) => (label ? `  ${label.padEnd(width)}  ${value}` : "")),
    "",
    "Press Ctrl-C to stop.",
  ].join("\n")
}

async function main(): Promise<void> {
  let options: CliOptions
  try {
    options = parseArgs(process.argv.slice(2), process.env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`${error.message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (options.help) {
    console.log(USAGE)
    return
  }
  const sandboxOptions: SandboxOptions = {
    port: options.port,
    host: options.host,
    avirato: { webhookUrl: options.aviratoWebhookUrl, testWebhookUrl: options.aviratoTestWebhookUrl },
    log: options.quiet ? undefined : (line) => console.log(line),
  }
  let sandbox: Sandbox
  try {
    sandbox = await startSandbox(sandboxOptions)
  } catch (error) {
    if (error instanceof PortInUseError) {
      console.error(`${error.message}. Stop whatever uses it, or pick another port with --port <n> (or SANDBOX_PORT=<n>).`)
      process.exit(1)
    }
    throw error
  }
  console.log(banner(sandbox))

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal} received, stopping the sandbox...`)
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
