// Whether this process's configuration leaves the plugin's payment locks inside one process.
// The plugin takes Medusa's Locking Module lock around every check-then-write on payment data; with
// the default in-memory provider that lock is only seen by the process holding it. That is enough
// for one process running everything (`workerMode: "shared"`), not for a split server/worker (or
// several servers): the worker's capture on shipment and the server's admin capture, or a webhook
// and the shopper's return, would no longer exclude each other. No Medusa imports here.

interface ProviderEntry {
  id?: string
  resolve?: unknown
  is_default?: boolean
}

interface ModuleEntry {
  resolve?: unknown
  options?: { providers?: ProviderEntry[] }
}

export interface DeploymentConfig {
  projectConfig?: { workerMode?: string }
  modules?: Record<string, unknown> | unknown[]
}

function resolveName(resolve: unknown): string {
  if (typeof resolve === "string") return resolve
  const named = resolve as { identifier?: unknown; services?: Array<{ identifier?: unknown }> } | undefined
  return String(named?.identifier ?? named?.services?.[0]?.identifier ?? "")
}

function lockingModuleEntry(modules: DeploymentConfig["modules"]): ModuleEntry | undefined {
  const entries: Array<[string, unknown]> = Array.isArray(modules)
    ? modules.map((entry, index) => [String((entry as { key?: string })?.key ?? index), entry])
    : Object.entries(modules ?? {})
  for (const [key, entry] of entries) {
    if (!entry || typeof entry !== "object") continue
    const resolve = resolveName((entry as ModuleEntry).resolve)
    if (key === "locking" || /(^|\/)locking$/.test(resolve)) return entry as ModuleEntry
  }
  return undefined
}

/** The locking provider Medusa makes the default: the `is_default` one, the only one, else in-memory. */
export function defaultLockingProvider(config: DeploymentConfig): string {
  const providers = lockingModuleEntry(config.modules)?.options?.providers ?? []
  const chosen = providers.find((p) => p.is_default) ?? (providers.length === 1 ? providers[0] : undefined)
  if (!chosen) return "in-memory"
  return `${resolveName(chosen.resolve)}${chosen.id ? ` (${chosen.id})` : ""}`
}

export function isInMemoryLocking(config: DeploymentConfig): boolean {
  return /in-memory|in_memory|inmemory/i.test(defaultLockingProvider(config))
}

export function isPostgresLocking(config: DeploymentConfig): boolean {
  return /locking-postgres/i.test(defaultLockingProvider(config))
}

/**
 * The warnings to log at boot (none when the configuration is fine for this process): locks that
 * stay inside one process in a split deployment, and Medusa's Postgres locking provider, which (as of
 * Medusa 2.21) never gives a lock whose lease ran out to another owner while its row exists — a
 * payment whose process died holding its lock would stay locked until the row is deleted by hand.
 */
export function lockingWarnings(config: DeploymentConfig): string[] {
  return [inProcessLockingWarning(config), postgresLockingWarning(config)].filter((w): w is string => !!w)
}

export function postgresLockingWarning(config: DeploymentConfig): string | undefined {
  if (!isPostgresLocking(config)) return undefined
  return (
    `Avarda & Avirato: Medusa's Locking Module uses the Postgres provider, which does not hand a lock whose lease ran out ` +
    `to another process while the lock's row is in the "locking" table. A process that dies while it captures, refunds ` +
    `or books a webhook on a payment (a crash, a deploy that kills it) leaves that payment locked: the plugin's captures, ` +
    `refunds and webhook bookings on it then fail until the row is deleted (DELETE FROM locking WHERE id = ` +
    `'avarda-avirato:payment:<payment id>'). Prefer the Redis provider (@medusajs/medusa/locking-redis), whose locks lapse.`
  )
}

/** The warning for a split deployment whose locks stay inside one process, or undefined. */
export function inProcessLockingWarning(config: DeploymentConfig): string | undefined {
  const workerMode = config.projectConfig?.workerMode ?? "shared"
  if (workerMode === "shared" || !isInMemoryLocking(config)) return undefined
  return (
    `Avarda & Avirato: this process runs with workerMode "${workerMode}" but Medusa's Locking Module uses its in-memory ` +
    `provider, which locks only within one process. Captures, webhook bookings and capture plans in the server and the ` +
    `worker could then run at the same time on one payment. Configure a shared locking provider for every process, e.g. ` +
    `modules: [{ resolve: "@medusajs/medusa/locking", options: { providers: [{ resolve: "@medusajs/medusa/locking-redis", ` +
    `id: "locking-redis", is_default: true, options: { redisUrl: process.env.REDIS_URL } }] } }].`
  )
}
