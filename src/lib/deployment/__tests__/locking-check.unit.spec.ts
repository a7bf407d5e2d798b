import { paymentLockKey } from "../../../operations/shared/payment-lock"
import { defaultLockingProvider, inProcessLockingWarning, lockingWarnings } from "../locking-check"

const redisLocking = {
  resolve: "@medusajs/medusa/locking",
  options: { providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl: "redis://r" } }] },
}

describe("boot warning for payment locks that stay inside one process", () => {
  it.each([
    ["worker, no locking module configured (in-memory default)", { projectConfig: { workerMode: "worker" }, modules: {} }],
    ["server, locking module without providers", { projectConfig: { workerMode: "server" }, modules: { locking: { resolve: "@medusajs/medusa/locking" } } }],
    [
      "server, two providers and none is the default",
      {
        projectConfig: { workerMode: "server" },
        modules: { locking: { resolve: "@medusajs/medusa/locking", options: { providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "a" }, { resolve: "@medusajs/medusa/locking-postgres", id: "b" }] } } },
      },
    ],
  ])("warns: %s", (_name, config) => {
    const warning = inProcessLockingWarning(config)
    expect(warning).toContain("in-memory")
    expect(warning).toContain(`workerMode "${config.projectConfig.workerMode}"`)
    expect(warning).toContain("@medusajs/medusa/locking-redis")
  })

  it.each([
    ["shared mode with in-memory locking (one process does everything)", { projectConfig: { workerMode: "shared" }, modules: {} }],
    ["workerMode unset (Medusa's default is shared)", { projectConfig: {}, modules: {} }],
    ["worker with the Redis provider as default", { projectConfig: { workerMode: "worker" }, modules: { locking: redisLocking } }],
    ["server with a single Postgres provider (the only one is the default)", { projectConfig: { workerMode: "server" }, modules: [{ resolve: "@medusajs/medusa/locking", options: { providers: [{ resolve: "@medusajs/medusa/locking-postgres", id: "pg" }] } }] }],
  ])("stays quiet: %s", (_name, config) => {
    expect(inProcessLockingWarning(config)).toBeUndefined()
  })

  it("names the default provider as Medusa chooses it", () => {
    expect(defaultLockingProvider({ modules: { locking: redisLocking } })).toBe("@medusajs/medusa/locking-redis (locking-redis)")
    expect(defaultLockingProvider({ modules: {} })).toBe("in-memory")
  })
})

describe("boot warning for Medusa's Postgres locking provider", () => {
  const postgresLocking = (workerMode: string) => ({
    projectConfig: { workerMode },
    modules: { locking: { resolve: "@medusajs/medusa/locking", options: { providers: [{ resolve: "@medusajs/medusa/locking-postgres", id: "locking-postgres", is_default: true }] } } },
  })

  it.each(["shared", "server", "worker"])("warns in every process (workerMode %s): a dead process's payment lock is not taken over", (workerMode) => {
    const warnings = lockingWarnings(postgresLocking(workerMode))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain("Postgres provider")
    expect(warnings[0]).toContain(`DELETE FROM locking WHERE id = '${paymentLockKey("<payment id>")}'`)
    expect(warnings[0]).toContain("@medusajs/medusa/locking-redis")
  })

  it("says nothing for Redis locking; only the in-process warning for in-memory locking in a split deployment", () => {
    expect(lockingWarnings({ projectConfig: { workerMode: "worker" }, modules: { locking: redisLocking } })).toEqual([])
    expect(lockingWarnings({ projectConfig: { workerMode: "shared" }, modules: {} })).toEqual([])
    const split = lockingWarnings({ projectConfig: { workerMode: "server" }, modules: {} })
    expect(split).toHaveLength(1)
    expect(split[0]).toContain("in-memory")
  })
})
