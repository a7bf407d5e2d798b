// Avarda authorizations that began with ID validation are followed until an order used them or
// they were released: an authorization whose session Medusa deleted is cancelled once Avarda
// approved it — at the shopper's return or by the job, which retries what failed — and one that
// is still the session's, declined, timed out or another order's is never acted on.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import type { IdValidationAuthorizationRecord } from "../../../modules/avarda-id-validations"
import { acquirePaymentLock, releasePaymentLock } from "../../../operations/shared/payment-lock"
import { followedAuthorizationLockId, releaseDeletedSessionAuthorization, releaseOrphanedAuthorizations } from "../release-orphaned-authorizations"

const NOW = new Date("2026-06-01T12:00:00Z")
const PROVIDER = "pp_avarda-invoice_avarda"

/** Avarda's side: each authorization's status body; cancels recorded, optionally failing. */
const mockAvarda = {
  statuses: new Map<string, { status?: number; orderReference?: string }>(),
  cancels: [] as string[],
  failCancels: 0,
  reads: [] as string[],
  getAuthorization: async (id: string) => {
    mockAvarda.reads.push(id)
    return mockAvarda.statuses.get(id)!
  },
  cancel: async (id: string) => {
    if (mockAvarda.failCancels > 0) {
      mockAvarda.failCancels -= 1
      throw new Error("Avarda answered 500")
    }
    mockAvarda.cancels.push(id)
  },
}
jest.mock("../../../providers/avarda/core/runtime-config", () => ({
  avardaClientFor: () => mockAvarda,
  avardaOptionsFor: (_container: unknown, providerId: string) => {
    if (providerId !== "pp_avarda-invoice_avarda") throw new Error("not configured")
    return { reconciliation: { maxAgeHours: 24 } }
  },
}))

class FakeFollowed {
  rows: IdValidationAuthorizationRecord[] = []
  pages = 0
  async waitingPage(afterId: string | undefined, take: number) {
    this.pages += 1
    return this.rows.filter((r) => r.state === "waiting" && (!afterId || r.id > afterId)).sort((a, b) => a.id.localeCompare(b.id)).slice(0, take)
  }
  async listIdValidationAuthorizations(filter: { checkout_session_id: string; state: string }) {
    return this.rows.filter((r) => r.checkout_session_id === filter.checkout_session_id && r.state === filter.state)
  }
  async finish(authorizationId: string, state: "released" | "settled", outcome: string) {
    const row = this.rows.find((r) => r.authorization_id === authorizationId && r.state === "waiting")
    if (row) Object.assign(row, { state, outcome })
  }
}

let followed: FakeFollowed
let sessions: Array<{ id: string; data: Record<string, unknown>; authorized_at: Date | null }>
let sessionQueries = 0

let locking: InMemoryLockingProvider

/** A real container (each authorization is released by a workflow, whose steps resolve from it) with Medusa's in-memory locking provider. */
function container() {
  const payment = {
    listPaymentSessions: async ({ id }: { id: string[] }) => {
      sessionQueries += 1
      return sessions.filter((s) => id.includes(s.id))
    },
  }
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
  const medusaContainer = createMedusaContainer()
  medusaContainer.register({ avardaIdValidations: asValue(followed), payment: asValue(payment), logger: asValue(logger), locking: asValue(locking) })
  return medusaContainer as never
}

let n = 0
function follow(authorizationId: string, { provider = PROVIDER, hoursAgo = 1 } = {}): IdValidationAuthorizationRecord {
  n += 1
  const row: IdValidationAuthorizationRecord = {
    id: `avdiva_${String(n).padStart(5, "0")}`,
    authorization_id: authorizationId,
    checkout_session_id: `payses_${authorizationId}`,
    provider_id: provider,
    state: "waiting",
    outcome: null,
    created_at: new Date(NOW.getTime() - hoursAgo * 3600_000),
  }
  followed.rows.push(row)
  return row
}

const sessionData = (authorizationId: string, outcome = "pending_id_validation") => ({
  vendor: "avarda-authorization-api",
  product: "invoice",
  authorization_id: authorizationId,
  order_reference: `payses_${authorizationId}`,
  decision: { outcome, decided_at: NOW.toISOString(), details: {} },
  captures: [],
})

beforeEach(() => {
  locking = new InMemoryLockingProvider()
  followed = new FakeFollowed()
  sessions = []
  sessionQueries = 0
  mockAvarda.statuses.clear()
  mockAvarda.cancels = []
  mockAvarda.reads = []
  mockAvarda.failCancels = 0
})

describe("the job: authorizations followed since ID validation began", () => {
  it.each([
    ["session deleted, Avarda approved it for that session", { status: 0, orderReference: "payses_A" }, "released", ["A"]],
    ["session deleted, the shopper has not identified yet", {}, "waiting", []],
    ["session deleted, Avarda's ID validation timed out", { status: 2, orderReference: "payses_A" }, "settled", []],
    ["session deleted, Avarda rejected it", { status: 1, orderReference: "payses_A" }, "settled", []],
    ["approved, but for another order reference", { status: 0, orderReference: "payses_someone-else" }, "settled", []],
  ])("%s → %s", async (_label, status, state, cancels) => {
    follow("A")
    mockAvarda.statuses.set("A", status)

    await releaseOrphanedAuthorizations(container(), NOW)

    expect(followed.rows[0]!.state).toBe(state)
    expect(mockAvarda.cancels).toEqual(cancels)
  })

  it("leaves an authorization its live session still holds to the session, without asking Avarda", async () => {
    follow("A")
    sessions.push({ id: "payses_A", data: sessionData("A"), authorized_at: null })
    await releaseOrphanedAuthorizations(container(), NOW)
    expect(followed.rows[0]!.state).toBe("waiting")
    expect(mockAvarda.reads).toEqual([])

    sessions[0]!.authorized_at = NOW // the order was placed with it
    await releaseOrphanedAuthorizations(container(), NOW)
    expect(followed.rows[0]).toMatchObject({ state: "settled", outcome: "used by the checkout" })
    expect(mockAvarda.cancels).toEqual([])
  })

  it("releases an authorization the session no longer holds (it moved on to another one)", async () => {
    follow("A")
    sessions.push({ id: "payses_A", data: sessionData("B"), authorized_at: null })
    mockAvarda.statuses.set("A", { status: 0, orderReference: "payses_A" })
    await releaseOrphanedAuthorizations(container(), NOW)
    expect(mockAvarda.cancels).toEqual(["A"])
  })

  it("retries a cancel Avarda failed on the next run, and cancels once in all", async () => {
    follow("A")
    mockAvarda.statuses.set("A", { status: 0, orderReference: "payses_A" })
    mockAvarda.failCancels = 1

    const first = await releaseOrphanedAuthorizations(container(), NOW)
    expect(first.failed).toEqual(["payses_A: Avarda answered 500"])
    expect(followed.rows[0]!.state).toBe("waiting")

    const second = await releaseOrphanedAuthorizations(container(), NOW)
    expect(second.released).toEqual(["payses_A"])
    const third = await releaseOrphanedAuthorizations(container(), NOW)
    expect(third).toEqual({ released: [], failed: [] })
    expect(mockAvarda.cancels).toEqual(["A"])
  })

  it("stops following one that outlived the reconciliation window, and skips one of an unconfigured provider", async () => {
    follow("OLD", { hoursAgo: 25 })
    follow("ELSEWHERE", { provider: "pp_avarda-invoice_gone" })
    await releaseOrphanedAuthorizations(container(), NOW)
    expect(followed.rows.map((r) => r.state)).toEqual(["settled", "waiting"])
    expect(followed.rows[0]!.outcome).toBe("outlived the reconciliation window")
    expect(mockAvarda.reads).toEqual(["OLD"])
  })

  it("reaches every waiting row over several pages while released rows leave the filter", async () => {
    for (let i = 0; i < 230; i++) {
      const id = `X${i}`
      follow(id)
      mockAvarda.statuses.set(id, { status: 0, orderReference: `payses_${id}` })
    }
    const report = await releaseOrphanedAuthorizations(container(), NOW)
    expect(report.released).toHaveLength(230)
    expect(followed.pages).toBe(3)
    expect(sessionQueries).toBe(3) // one query per page for the sessions, not one per row
  })
})

describe("the shopper's return to a deleted session", () => {
  it("releases the authorization followed for that session once Avarda approved it", async () => {
    follow("A")
    mockAvarda.statuses.set("A", { status: 0, orderReference: "payses_A" })
    expect(await releaseDeletedSessionAuthorization(container(), "payses_A", "a")).toBe(true)
    expect(mockAvarda.cancels).toEqual(["A"])
    expect(followed.rows[0]!.state).toBe("released")
  })

  it("touches nothing for a session the authorization was not followed for", async () => {
    follow("A")
    mockAvarda.statuses.set("A", { status: 0, orderReference: "payses_A" })
    expect(await releaseDeletedSessionAuthorization(container(), "payses_other", "A")).toBe(false)
    expect(await releaseDeletedSessionAuthorization(container(), "payses_A", "UNKNOWN")).toBe(false)
    expect(mockAvarda.reads).toEqual([])
    expect(followed.rows[0]!.state).toBe("waiting")
  })

  it("the return and the job at once: one asks Avarda and cancels, the other finds it released and asks nothing", async () => {
    follow("A")
    mockAvarda.statuses.set("A", { status: 0, orderReference: "payses_A" })
    const c = container()
    // The job holds the authorization's lock while the shopper's return arrives.
    await acquirePaymentLock(c, followedAuthorizationLockId("A"), "job")
    const atReturn = releaseDeletedSessionAuthorization(c, "payses_A", "A")
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(mockAvarda.reads).toEqual([])
    const byJob = releaseOrphanedAuthorizations(c, NOW)
    await releasePaymentLock(c, followedAuthorizationLockId("A"), "job")
    const [returned, job] = await Promise.all([atReturn, byJob])
    expect(mockAvarda.cancels).toEqual(["A"])
    expect(mockAvarda.reads).toEqual(["A"])
    expect([returned, job.released.length === 1]).toContain(true)
    expect(returned && job.released.length === 1).toBe(false)
    expect(followed.rows[0]).toMatchObject({ state: "released" })
  })

  it("leaves a release Avarda failed to the job", async () => {
    follow("A")
    mockAvarda.statuses.set("A", { status: 0, orderReference: "payses_A" })
    mockAvarda.failCancels = 1
    // The workflow engine passes the step's error on as its properties (message and all), not its class.
    await expect(releaseDeletedSessionAuthorization(container(), "payses_A", "A")).rejects.toMatchObject({ message: "Avarda answered 500" })
    expect(followed.rows[0]!.state).toBe("waiting")
    expect((await releaseOrphanedAuthorizations(container(), NOW)).released).toEqual(["payses_A"])
  })
})
