// The release of a cancelled order's undelivered Standalone rest, run as Medusa runs the workflow:
// the order-cancel subscriber's first ask, the job's window, Avarda's refusal recorded and told
// once per window, and the admin's ask again — whose answers (released, answer lost, refused,
// Avarda unreachable) come from the run itself, and whose failures before Avarda was asked are not
// reported as Avarda's. Medusa's payment cancel is played by a stand-in that writes what the module
// and the provider write; the lock is Medusa's in-memory provider (one holder per key).
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer, MedusaError } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { paymentLockIsHeld } from "../../../operations/shared/__tests__/lock-probe"
import { releaseStandaloneRemainder, reopenAbandonedRemainderRelease, type ReopenedRemainderRelease } from "../release-remainder"

jest.mock("../../../providers/avarda-standalone/core/runtime-config", () => ({
  standaloneOptionsFor: () => ({ reconciliation: { graceMinutes: 2, maxAgeHours: 24 } }),
}))

const PAYMENT_ID = "pay_1"
const HOUR = 3_600_000

/** What Avarda does with the next `RefundRemaining`. */
type AvardaAnswer = "release" | "refuse" | "unreachable" | "answer_lost"

const world = {
  payment: undefined as unknown as { id: string; provider_id: string; canceled_at: Date | null; data: Record<string, any> },
  avarda: [] as AvardaAnswer[],
  calls: 0,
  lockHeldAtCall: [] as boolean[],
  notifications: [] as Array<{ idempotency_key: string; data: { title: string; description: string } }>,
  databaseDown: false,
}

const clone = <T>(value: T): T => structuredClone(value)
const locking = new InMemoryLockingProvider()

const paymentModule = {
  retrievePayment: async () => clone(world.payment),
  // Medusa merges JSON data on update: a key left out keeps its value, null clears it.
  updatePayment: async ({ data }: { data: Record<string, unknown> }) => {
    world.payment.data = { ...world.payment.data, ...clone(data) }
  },
  /** Medusa 2.21's cancelPayment: the provider's cancel (RefundRemaining here), then `canceled_at` and the provider's data. */
  cancelPayment: async (id: string) => {
    world.calls++
    world.lockHeldAtCall.push(await paymentLockIsHeld(locking, id))
    const answer = world.avarda.shift() ?? "release"
    if (answer === "refuse") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Avarda refused to release the rest: 10099 The purchase cannot be changed.")
    if (answer === "unreachable") throw new Error("Avarda answered 503")
    const released = { amount_minor: 74_700, tran_id: id, order_reference: "1001", released_at: "now", ...(answer === "answer_lost" ? { unconfirmed: { at: "now" } } : {}) }
    world.payment = { ...world.payment, canceled_at: new Date(), data: { ...world.payment.data, remainder_released: released } }
    return clone(world.payment)
  },
}

const query = {
  graph: async ({ filters }: { filters: { id: string } }) => {
    if (world.databaseDown) throw new Error("connection terminated")
    const payment = filters.id === world.payment.id ? { ...clone(world.payment), payment_collection: { order: { id: "order_1", display_id: 1001 } } } : undefined
    return { data: payment ? [payment] : [] }
  },
}

const notification = {
  // Medusa's notification module stores one notification per idempotency key.
  createNotifications: async (input: { idempotency_key: string; data: { title: string; description: string } }) => {
    if (!world.notifications.some((n) => n.idempotency_key === input.idempotency_key)) world.notifications.push(input)
  },
}

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
const container = createMedusaContainer()
container.register({ payment: asValue(paymentModule), locking: asValue(locking), notification: asValue(notification), query: asValue(query), logger: asValue(logger) })

/** A 1047 SEK Standalone purchase of which 300 SEK was invoiced before the order was cancelled. */
function partlyInvoiced(extra: Record<string, unknown> = {}): void {
  world.payment = {
    id: PAYMENT_ID,
    provider_id: "pp_avarda-standalone-invoice_avarda-standalone",
    canceled_at: null,
    data: {
      vendor: "avarda-standalone",
      product: "invoice",
      purchase_id: "purchase_1",
      order_reference: "1001",
      currency_code: "sek",
      amount_minor: 104_700,
      rows: [],
      captures: [{ tran_id: "capt_1", amount_minor: 30_000, rows: [], lines: [], captured_at: "then" }],
      returns: [],
      refunds: [],
      ...extra,
    },
  }
  world.avarda = []
  world.calls = 0
  world.lockHeldAtCall = []
  world.notifications = []
  world.databaseDown = false
}

const at = (iso: string) => new Date(iso)
const askAgain = (now = at("2026-12-03T10:00:00Z")): Promise<ReopenedRemainderRelease> => reopenAbandonedRemainderRelease(container, PAYMENT_ID, now)

describe("releasing a cancelled order's undelivered Standalone rest", () => {
  it("the order's cancel asks once, under the payment's lock: marked as requested, released, and a second run has nothing to do", async () => {
    partlyInvoiced()
    expect(await releaseStandaloneRemainder(container, PAYMENT_ID, at("2026-12-01T10:00:00Z"))).toBe("released")
    expect(world.payment.data).toMatchObject({ remainder_release_requested_at: "2026-12-01T10:00:00.000Z", remainder_released: { amount_minor: 74_700 } })
    expect(world.lockHeldAtCall).toEqual([true])
    expect(await releaseStandaloneRemainder(container, PAYMENT_ID, at("2026-12-01T10:05:00Z"))).toBe("nothing_to_do")
    expect(world.calls).toBe(1)
    expect(await paymentLockIsHeld(locking, PAYMENT_ID)).toBe(false)
  })

  it("Avarda's refusal is recorded with its reason and told once; the job does not ask again", async () => {
    partlyInvoiced()
    world.avarda = ["refuse"]
    expect(await releaseStandaloneRemainder(container, PAYMENT_ID, at("2026-12-01T10:00:00Z"))).toBe("abandoned")
    expect(world.payment.data.remainder_release_failed).toEqual({ at: "2026-12-01T10:00:00.000Z", reason: expect.stringContaining("10099 The purchase cannot be changed.") })
    expect(await releaseStandaloneRemainder(container, PAYMENT_ID, at("2026-12-01T10:05:00Z"))).toBe("nothing_to_do")
    expect(world.calls).toBe(1)
    expect(world.notifications).toHaveLength(1)
    expect(world.notifications[0]!.data.title).toBe("Order 1001: undelivered rest not released at Avarda")
    expect(world.notifications[0]!.data.description).toContain("747.00 SEK")
    expect(world.notifications[0]!.data.description).toContain("ask again from the payment's panel on the order page")
  })

  it("each failed release is counted on the payment with its error (the admin's panel shows them), and the count stays once released", async () => {
    partlyInvoiced()
    world.avarda = ["unreachable", "unreachable"]
    // Thrown as an Error (the engine hands a step's error back as a plain object), for the job's log.
    await expect(releaseStandaloneRemainder(container, PAYMENT_ID, at("2026-12-01T10:00:00Z"))).rejects.toThrow(new Error("Avarda answered 503"))
    expect(world.payment.data.remainder_release_failure).toEqual({ attempts: 1, since: "2026-12-01T10:00:00.000Z", last_attempt_at: "2026-12-01T10:00:00.000Z", last_error: "Avarda answered 503" })
    await expect(releaseStandaloneRemainder(container, PAYMENT_ID, at("2026-12-01T10:01:00Z"))).rejects.toMatchObject({ message: "Avarda answered 503" })
    expect(world.payment.data.remainder_release_failure).toEqual({ attempts: 2, since: "2026-12-01T10:00:00.000Z", last_attempt_at: "2026-12-01T10:01:00.000Z", last_error: "Avarda answered 503" })
    expect(await paymentLockIsHeld(locking, PAYMENT_ID)).toBe(false)
    expect(await releaseStandaloneRemainder(container, PAYMENT_ID, at("2026-12-01T10:02:00Z"))).toBe("released")
    expect(world.payment.data).toMatchObject({ remainder_release_requested_at: "2026-12-01T10:00:00.000Z", remainder_released: { amount_minor: 74_700 }, remainder_release_failure: { attempts: 2 } })
    expect(world.calls).toBe(3)
  })

  it("a release still failing when the window closes is abandoned without another call", async () => {
    partlyInvoiced({ remainder_release_requested_at: "2026-12-01T10:00:00.000Z" })
    expect(await releaseStandaloneRemainder(container, PAYMENT_ID, new Date(Date.parse("2026-12-01T10:00:00Z") + 23 * HOUR))).toBe("released")
    partlyInvoiced({ remainder_release_requested_at: "2026-12-01T10:00:00.000Z" })
    expect(await releaseStandaloneRemainder(container, PAYMENT_ID, new Date(Date.parse("2026-12-01T10:00:00Z") + 25 * HOUR))).toBe("abandoned")
    expect(world.calls).toBe(0)
    expect(world.payment.data.remainder_release_failed).toMatchObject({ reason: "Avarda kept failing for 24 h" })
  })

  describe("the admin asks again for a rest recorded as not released", () => {
    const refusedBefore = () =>
      partlyInvoiced({
        remainder_release_requested_at: "2026-12-01T10:00:00.000Z",
        remainder_release_failure: { attempts: 3, since: "2026-12-01T10:00:00.000Z", last_attempt_at: "2026-12-01T10:02:00.000Z", last_error: "Avarda answered 500" },
        remainder_release_failed: { at: "2026-12-01T10:00:00.000Z", reason: "refused" },
      })

    it("released: the record of the refusal is cleared and the answer says so", async () => {
      refusedBefore()
      expect(await askAgain()).toEqual({ outcome: "released" })
      expect(world.payment.data).toMatchObject({ remainder_release_failed: null, remainder_released: { amount_minor: 74_700 } })
      expect(world.lockHeldAtCall).toEqual([true])
    })

    it("Avarda's answer lost: released as far as the run knows, marked unconfirmed for the job to re-send", async () => {
      refusedBefore()
      world.avarda = ["answer_lost"]
      expect(await askAgain()).toEqual({ outcome: "released", unconfirmed: true })
    })

    it("refused again: recorded again with Avarda's reason, and told again (a new window)", async () => {
      refusedBefore()
      await notification.createNotifications({ idempotency_key: "avarda-standalone:remainder-release-failed:pay_1:2026-12-01T10:00:00.000Z", data: { title: "first", description: "" } })
      world.avarda = ["refuse"]
      expect(await askAgain()).toEqual({ outcome: "abandoned", reason: expect.stringContaining("10099 The purchase cannot be changed.") })
      expect(world.payment.data.remainder_release_failed).toEqual({ at: "2026-12-03T10:00:00.000Z", reason: expect.stringContaining("10099") })
      expect(world.notifications.map((n) => n.idempotency_key)).toEqual([
        "avarda-standalone:remainder-release-failed:pay_1:2026-12-01T10:00:00.000Z",
        "avarda-standalone:remainder-release-failed:pay_1:2026-12-03T10:00:00.000Z",
      ])
    })

    it("Avarda unreachable: answered as Avarda's failure, the release reopened for the job, the lock released", async () => {
      refusedBefore()
      world.avarda = ["unreachable"]
      expect(await askAgain()).toEqual({ outcome: "vendor_failed", message: "Avarda answered 503" })
      // A new window, counted afresh.
      expect(world.payment.data).toMatchObject({
        remainder_release_failed: null,
        remainder_release_requested_at: "2026-12-03T10:00:00.000Z",
        remainder_release_failure: { attempts: 1, since: "2026-12-03T10:00:00.000Z", last_error: "Avarda answered 503" },
      })
      expect(await paymentLockIsHeld(locking, PAYMENT_ID)).toBe(false)
      // The job's next run releases it.
      expect(await releaseStandaloneRemainder(container, PAYMENT_ID, at("2026-12-03T10:01:00Z"))).toBe("released")
      expect(world.calls).toBe(2)
    })

    it("a failure before Avarda was asked is thrown as it is, not as Avarda's, and nothing was reopened", async () => {
      refusedBefore()
      world.databaseDown = true
      await expect(askAgain()).rejects.toThrow("connection terminated")
      expect(world.calls).toBe(0)
      expect(world.payment.data.remainder_release_failed).toEqual({ at: "2026-12-01T10:00:00.000Z", reason: "refused" })
      expect(await paymentLockIsHeld(locking, PAYMENT_ID)).toBe(false)
    })

    it("nothing recorded as not released: nothing to do, no call", async () => {
      partlyInvoiced({ remainder_release_requested_at: "2026-12-01T10:00:00.000Z" })
      expect(await askAgain()).toEqual({ outcome: "nothing_to_do" })
      expect(world.calls).toBe(0)
    })

    it("two asks at once: Avarda is asked once, the second finds nothing left to ask for", async () => {
      refusedBefore()
      const answers = await Promise.all([askAgain(), askAgain()])
      expect(answers.map((a) => a.outcome).sort()).toEqual(["nothing_to_do", "released"])
      expect(world.calls).toBe(1)
    })
  })
})
