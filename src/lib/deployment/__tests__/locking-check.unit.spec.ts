import { defaultLockingProvider, inProcessLockingWarning } from "../locking-check"

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
