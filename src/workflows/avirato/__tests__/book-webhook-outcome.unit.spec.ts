// Booking an Avirato webhook's modification outcome on the payment, run as Medusa runs the workflow
// (real engine, Medusa's in-memory lock): the outcome is logged once in the payment's metadata and
// every logged outcome is projected onto the histories, so duplicates change nothing, an outcome a
// concurrent write lost is restored, and a refund's failure reported after its success wins. An
// outcome whose modification is not recorded yet waits; on the last attempt a capture nobody
// recorded is booked as observed, anything else stays in the log.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import type { AviratoWebhookEvent } from "../../../lib/avirato"
import { paymentLockIsHeld, paymentModuleUnderLock } from "../../../operations/shared/__tests__/lock-probe"
import { bookWebhookOutcomeWorkflow } from "../book-webhook-event"

const PAYMENT_ID = "pay_1"

const world = {
  id: PAYMENT_ID,
  data: {} as Record<string, any>,
  metadata: {} as Record<string, any>,
}

const { locking, lockHeldAtWrite, paymentModule } = paymentModuleUnderLock(world)

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
const container = createMedusaContainer()
container.register({ payment: asValue(paymentModule), locking: asValue(locking), logger: asValue(logger) })

function capturedAndRefunding(): void {
  world.data = {
    payment_reference: "PAYREF1",
    currency: "EUR",
    amount: 5_000,
    captures: [{ idempotency_key: "capt_1", amount: 5_000, reference: "MOD-C1", status: "requested", requested_at: "then" }],
    refunds: [{ idempotency_key: "ref_1", amount: 1_000, reference: "MOD-R1", status: "requested", requested_at: "then" }],
    cancellations: [],
    extensions: [],
  }
  world.metadata = {}
  lockHeldAtWrite.length = 0
}

const event = (eventCode: string, kind: AviratoWebhookEvent["kind"], modificationReference: string, success: boolean, amount = 5_000): AviratoWebhookEvent => ({
  eventCode,
  kind,
  success,
  modificationReference,
  paymentReference: "PAYREF1",
  customReference: "payses_1",
  amount: { value: amount, currency: "EUR" },
  ...(success ? {} : { reason: "Refund rejected by the acquirer" }),
})

async function book(history: "captures" | "refunds", webhook: AviratoWebhookEvent, { lastAttempt = false, at = "2026-12-01T10:05:00.000Z" } = {}): Promise<boolean> {
  const outcome = { history, reference: webhook.modificationReference!, success: webhook.success === true, ...(webhook.reason ? { reason: webhook.reason } : {}), at }
  const { result } = await bookWebhookOutcomeWorkflow(container).run({ input: { payment_id: PAYMENT_ID, outcome, event: webhook, last_attempt: lastAttempt } })
  return result
}

describe("booking an Avirato webhook's outcome on the payment", () => {
  beforeEach(capturedAndRefunding)

  it("a CAPTURE for a recorded capture: logged and booked under the payment's lock; the duplicate changes nothing", async () => {
    expect(await book("captures", event("CAPTURE", "capture", "MOD-C1", true))).toBe(true)
    expect(world.data.captures[0]).toMatchObject({ status: "succeeded", settled_at: "2026-12-01T10:05:00.000Z" })
    expect(world.metadata.avirato_outcomes).toEqual([{ history: "captures", reference: "MOD-C1", success: true, at: "2026-12-01T10:05:00.000Z" }])
    expect(lockHeldAtWrite.every(Boolean)).toBe(true)
    expect(await paymentLockIsHeld(locking, PAYMENT_ID)).toBe(false)

    const before = structuredClone({ data: world.data, metadata: world.metadata })
    const writes = lockHeldAtWrite.length
    expect(await book("captures", event("CAPTURE", "capture", "MOD-C1", true), { at: "2026-12-01T10:06:00.000Z" })).toBe(true)
    expect({ data: world.data, metadata: world.metadata }).toEqual(before)
    expect(lockHeldAtWrite.length).toBe(writes)
  })

  it("an outcome a concurrent write of the payment's data lost is restored by the next booking", async () => {
    await book("captures", event("CAPTURE", "capture", "MOD-C1", true))
    // A provider call that read the data before the booking writes it back whole.
    world.data.captures[0] = { ...world.data.captures[0], status: "requested" }
    delete world.data.captures[0].settled_at
    await book("refunds", event("REFUND", "refund", "MOD-R1", true, 1_000))
    expect(world.data.captures[0]).toMatchObject({ status: "succeeded" })
    expect(world.data.refunds[0]).toMatchObject({ status: "succeeded" })
  })

  it("a REFUND_FAILED after the refund's success wins (the acquirer rejected it later); a success after the failure does not undo it", async () => {
    await book("refunds", event("REFUND", "refund", "MOD-R1", true, 1_000))
    await book("refunds", event("REFUND_FAILED", "refund", "MOD-R1", false, 1_000), { at: "2026-12-01T10:07:00.000Z" })
    expect(world.data.refunds[0]).toMatchObject({ status: "failed", failure_reason: "Refund rejected by the acquirer", settled_at: "2026-12-01T10:07:00.000Z" })
    await book("refunds", event("REFUND", "refund", "MOD-R1", true, 1_000), { at: "2026-12-01T10:08:00.000Z" })
    expect(world.data.refunds[0]).toMatchObject({ status: "failed" })
  })

  it("an outcome whose modification is not recorded yet: nothing written until the last attempt, then kept in the log and booked once the reference is known", async () => {
    const early = event("REFUND", "refund", "MOD-R2", true, 700)
    expect(await book("refunds", early)).toBe(false)
    expect(world.metadata).toEqual({})
    expect(lockHeldAtWrite).toEqual([])
    expect(await book("refunds", early, { lastAttempt: true })).toBe(false)
    expect(world.metadata.avirato_outcomes).toEqual([expect.objectContaining({ reference: "MOD-R2", success: true })])
    // The refund's record learns its reference (its answer arrives, or the re-send gets it) ...
    world.data.refunds.push({ idempotency_key: "ref_2", amount: 700, reference: "MOD-R2", status: "requested", requested_at: "then" })
    // ... and the next booking of any outcome projects what was logged.
    await book("captures", event("CAPTURE", "capture", "MOD-C1", true))
    expect(world.data.refunds[1]).toMatchObject({ reference: "MOD-R2", status: "succeeded" })
  })

  it("a CAPTURE nobody recorded (its call lost every answer) is booked as observed on the last attempt, for the admin's retry to adopt", async () => {
    world.data.captures = []
    const observed = event("CAPTURE", "capture", "MOD-C9", true)
    expect(await book("captures", observed)).toBe(false)
    expect(await book("captures", observed, { lastAttempt: true })).toBe(true)
    expect(world.data.captures).toEqual([
      {
        idempotency_key: "webhook:MOD-C9",
        reference: "MOD-C9",
        amount: 5_000,
        status: "succeeded",
        requested_at: "2026-12-01T10:05:00.000Z",
        settled_at: "2026-12-01T10:05:00.000Z",
        observed_from_webhook: true,
      },
    ])
  })

  it("a second capture is never observed next to one Medusa asked for (Avirato captures once): kept in the log only", async () => {
    expect(await book("captures", event("CAPTURE", "capture", "MOD-C9", true), { lastAttempt: true })).toBe(false)
    expect(world.data.captures).toHaveLength(1)
    expect(world.metadata.avirato_outcomes).toEqual([expect.objectContaining({ reference: "MOD-C9" })])
  })
})
