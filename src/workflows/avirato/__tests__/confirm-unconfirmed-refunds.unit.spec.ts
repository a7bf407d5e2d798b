// The re-sending of Avirato refunds whose answer was lost, run as Medusa runs the workflow (real
// engine, Medusa's in-memory lock): the same Idempotency-Key, amount and reason go again; the
// reference Avirato answers is kept and the outcome its webhook already reported is booked; a
// refusal marks the refund failed for the admin; silence or a server error is counted and re-sent.
// The client is a stand-in that records what it was sent.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { VendorConnectError, VendorTimeoutError } from "../../../lib/http/errors"
import { AviratoApiError } from "../../../lib/avirato/errors"
import { paymentLockIsHeld, paymentModuleUnderLock } from "../../../operations/shared/__tests__/lock-probe"
import { confirmAviratoRefundsWorkflow } from "../confirm-unconfirmed-refunds"

/** What Avirato answers the next refund: accepted (with a reference), an HTTP status, or no answer. */
type Answer = "ok" | number | "no_answer" | "no_connection"

const PAYMENT_ID = "pay_1"
const PROVIDER_ID = "pp_avirato-card_avirato"

const world = {
  id: PAYMENT_ID,
  data: {} as Record<string, any>,
  metadata: {} as Record<string, unknown>,
  answers: [] as Answer[],
  sent: [] as Array<{ input: Record<string, unknown>; key: string; lockHeld: boolean }>,
}

const client = {
  refund: async (input: Record<string, unknown>, key: string) => {
    world.sent.push({ input, key, lockHeld: await paymentLockIsHeld(locking, PAYMENT_ID) })
    const answer = world.answers.shift() ?? "ok"
    if (answer === "no_answer") throw new VendorTimeoutError("refund", 10_000)
    if (answer === "no_connection") throw new VendorConnectError("connect ECONNREFUSED", "refund")
    if (typeof answer === "number") throw new AviratoApiError("refund", answer, "", {}, answer, "trace-1", answer >= 500 ? "Service unavailable" : "Refund amount exceeds the captured amount")
    return { modificationReference: `MOD-${key}` }
  },
}

jest.mock("../../../providers/avirato/core/configured-providers", () => ({
  aviratoProvider: () => ({ client }),
  configuredAviratoProviderIds: () => [PROVIDER_ID],
}))

const { locking, paymentModule } = paymentModuleUnderLock(world)

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
const container = createMedusaContainer()
container.register({ payment: asValue(paymentModule), locking: asValue(locking), logger: asValue(logger) })

const lost = (attempts = 0) => ({ since: "2026-12-01T10:00:00.000Z", attempts, last_error: "refund: no answer within 10000 ms" })

/** A captured card payment with one answered refund and two whose answers were lost. */
function twoRefundsLost(): void {
  world.data = {
    payment_reference: "PAYREF1",
    currency: "EUR",
    amount: 5_000,
    captures: [{ idempotency_key: "capt_1", amount: 5_000, reference: "MOD-capt_1", status: "succeeded", requested_at: "then" }],
    refunds: [
      { idempotency_key: "ref_answered", amount: 500, reference: "MOD-ref_answered", status: "succeeded", requested_at: "then" },
      { idempotency_key: "ref_1", amount: 1_000, reason: "CUSTOMER_REQUEST", status: "requested", requested_at: "then", unconfirmed: lost() },
      { idempotency_key: "ref_2", amount: 700, status: "requested", requested_at: "then", unconfirmed: lost() },
    ],
    cancellations: [],
    extensions: [],
  }
  world.metadata = {}
  world.answers = []
  world.sent = []
}

const run = async () => (await confirmAviratoRefundsWorkflow(container).run({ input: { payment_id: PAYMENT_ID, provider_id: PROVIDER_ID } })).result

describe("re-sending the Avirato refunds whose answer was lost", () => {
  beforeEach(twoRefundsLost)

  it("each open refund goes again, under the payment's lock, with its Idempotency-Key, amount and reason; the answered one does not", async () => {
    const answers = await run()
    expect(world.sent.map(({ input, key }) => [key, input])).toEqual([
      ["ref_1", { paymentReference: "PAYREF1", amount: { value: 1_000, currency: "EUR" }, reason: "CUSTOMER_REQUEST" }],
      ["ref_2", { paymentReference: "PAYREF1", amount: { value: 700, currency: "EUR" }, reason: undefined }],
    ])
    expect(world.sent.every((call) => call.lockHeld)).toBe(true)
    expect(await paymentLockIsHeld(locking, PAYMENT_ID)).toBe(false)
    expect(answers).toMatchObject({ confirmed: ["pay_1:ref_1", "pay_1:ref_2"], refused: [], still_unknown: 0 })
    expect(world.data.refunds[1]).toMatchObject({ reference: "MOD-ref_1", status: "requested" })
    expect(world.data.refunds.map((entry: Record<string, unknown>) => "unconfirmed" in entry)).toEqual([false, false, false])
    world.sent = []
    await run()
    expect(world.sent).toEqual([])
  })

  it("the outcome Avirato's webhook reported for the reference (logged while the refund's reference was unknown) is booked once the reference is known", async () => {
    world.metadata = { avirato_outcomes: [{ history: "refunds", reference: "MOD-ref_1", success: true, at: "2026-12-01T10:01:00.000Z" }] }
    await run()
    expect(world.data.refunds[1]).toMatchObject({ reference: "MOD-ref_1", status: "succeeded" })
    expect(world.data.refunds[2]).toMatchObject({ reference: "MOD-ref_2", status: "requested" })
  })

  it("no answer or a server error again: the attempt is counted and the next run sends the same key", async () => {
    world.answers = ["no_answer", 503]
    const answers = await run()
    expect(answers).toMatchObject({ confirmed: [], refused: [], still_unknown: 2, credentials_refused: null })
    expect(world.data.refunds[1].unconfirmed).toEqual({ ...lost(1), last_error: "refund: no answer within 10000 ms (the vendor may still have processed it)" })
    expect(world.data.refunds[2].unconfirmed).toMatchObject({ attempts: 1, last_error: expect.stringContaining("HTTP 503") })
    world.sent = []
    expect((await run()).confirmed).toEqual(["pay_1:ref_1", "pay_1:ref_2"])
    expect(world.sent.map((call) => call.key)).toEqual(["ref_1", "ref_2"])
  })

  it.each<[string, Answer]>([
    ["Avirato out of reach (no connection)", "no_connection"],
    ["too many requests (429)", 429],
    ["a request timeout (408)", 408],
  ])("%s: not a refusal of the refund — counted, and the next run sends the same key", async (_case, answer) => {
    world.answers = [answer, "no_answer"]
    const answers = await run()
    expect(answers).toMatchObject({ confirmed: [], refused: [], still_unknown: 2 })
    expect(world.data.refunds[1]).not.toMatchObject({ status: "failed" })
    world.sent = []
    expect((await run()).confirmed).toEqual(["pay_1:ref_1", "pay_1:ref_2"])
    expect(world.sent.map((call) => call.key)).toEqual(["ref_1", "ref_2"])
  })

  it("the API key turned away (403 / 11001, 11002): not a refusal of the refund — counted, and sent again once the key is right", async () => {
    world.answers = [403, 401]
    const answers = await run()
    expect(answers).toMatchObject({ confirmed: [], refused: [], still_unknown: 2, credentials_refused: expect.stringContaining("HTTP 403") })
    expect(world.data.refunds[1]).toMatchObject({ status: "requested", unconfirmed: { attempts: 1, last_error: expect.stringContaining("HTTP 403") } })
    expect(world.data.refunds[1]).not.toHaveProperty("failure_reason")
    world.sent = []
    expect((await run()).confirmed).toEqual(["pay_1:ref_1", "pay_1:ref_2"])
  })

  it("a refusal marks the refund failed with Avirato's reason, is reported, and is not sent again", async () => {
    world.answers = [422, "no_answer"]
    const answers = await run()
    expect(answers.refused).toEqual([{ paymentId: "pay_1", key: "ref_1", error: expect.stringContaining("HTTP 422") }])
    expect(world.data.refunds[1]).toMatchObject({ status: "failed", failure_reason: expect.stringMatching(/^Avirato refused the refund when it was re-sent: .*HTTP 422/) })
    expect("unconfirmed" in world.data.refunds[1]).toBe(false)
    world.sent = []
    expect((await run()).confirmed).toEqual(["pay_1:ref_2"])
    expect(world.sent.map((call) => call.key)).toEqual(["ref_2"])
  })
})
