// Command-line flags and environment variables of `npm run demo`.
export const DEFAULT_MEDUSA_PORT = 9000
export const DEFAULT_SANDBOX_PORT = 4010
export const DEFAULT_STOREFRONT_PORT = 8000

export const USAGE = `Usage: npm run demo [-- options]

  --once                 run the shopper journeys, print the table and exit (non-zero if any failed
                         or could not run)
  --port <n>             Medusa server port (env PORT, default ${DEFAULT_MEDUSA_PORT})
  --sandbox-port <n>     vendor sandbox port (env SANDBOX_PORT, default ${DEFAULT_SANDBOX_PORT})
  --storefront-port <n>  demo storefront port (env STOREFRONT_PORT, default ${DEFAULT_STOREFRONT_PORT}); the
                         providers send shoppers back to it
  --no-storefront        do not build or serve the demo storefront
  --help                 this text

Environment:
  DATABASE_URL           use this Postgres database (created if missing) instead of an embedded one
  DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD         admin login (default admin@example.com / demo-admin-password)
  DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD   demo customer login
`

/** A wrong flag or value: printed without a stack trace. */
export class DemoOptionsError extends Error {}

function parsePort(value, name) {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DemoOptionsError(`${name} must be a port number (1-65535), got "${value}"`)
  return port
}

/** Parses argv (without node and script) and the environment; throws with a clear message. */
export function parseDemoOptions(argv, env = process.env) {
  const options = {
    once: false,
    help: false,
    medusaPort: env.PORT ? parsePort(env.PORT, "PORT") : DEFAULT_MEDUSA_PORT,
    sandboxPort: env.SANDBOX_PORT ? parsePort(env.SANDBOX_PORT, "SANDBOX_PORT") : DEFAULT_SANDBOX_PORT,
    storefrontPort: env.STOREFRONT_PORT ? parsePort(env.STOREFRONT_PORT, "STOREFRONT_PORT") : DEFAULT_STOREFRONT_PORT,
    storefront: true,
    databaseUrl: env.DATABASE_URL || undefined,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined]
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new DemoOptionsError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case "--once":
        options.once = true
        break
      case "--help":
      case "-h":
        options.help = true
        break
      case "--port":
        options.medusaPort = parsePort(value(), "--port")
        break
      case "--sandbox-port":
        options.sandboxPort = parsePort(value(), "--sandbox-port")
        break
      case "--storefront-port":
        options.storefrontPort = parsePort(value(), "--storefront-port")
        break
      case "--no-storefront":
        options.storefront = false
        break
      default:
        throw new DemoOptionsError(`unknown option "${arg}"\n\n${USAGE}`)
    }
  }
  if (new Set([options.medusaPort, options.sandboxPort, options.storefrontPort]).size < 3) {
    throw new DemoOptionsError("--port, --sandbox-port and --storefront-port must differ")
  }
  return options
}
