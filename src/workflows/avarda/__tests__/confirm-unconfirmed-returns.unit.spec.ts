// The re-sending of Authorization API refunds (`/return`) whose answer was lost, run as Medusa runs
// the workflow (real engine, Medusa's in-memory lock): the same tranId and rows go again, and
// Avarda's answer — done, refused, still no answer or a server error — is recorded on the return it
// belongs to. The client is a stand-in that records what it was sent.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { AvardaOrderManagementError } from "../../../lib/avarda/authorization-api/errors"
import { VendorConnectError, VendorHttpError, VendorTimeoutError } from "../../../lib/http/errors"
import { paymentLockIsHeld, paymentModuleUnderLock } from "../../../operations/shared/__tests__/lock-probe"
import { confirmAvardaReturnsWorkflow } from "../confirm-unconfirmed-returns"

/** What Avarda answers the next return: done, an HTTP status, or no answer. */
type Answer = "ok" | number | "no_answer" | "no_connection" | "token_refused"

const PAYMENT_ID = "pay_1"
const PROVIDER_ID = "pp_avarda-invoice_avarda"

const world = {
  id: PAYMENT_ID,
  data: {} as Record<string, any>,
  answers: [] as Answer[],
  sent: [] as Array<{ authorizationId: string; body: Record<string, unknown>; lockHeld: boolean }>,
}

const client = {
  returnItems: async (authorizationId: string, body: Record<string, unknown>) => {
    world.sent.push({ authorizationId, body, lockHeld: await paymentLockIsHeld(locking, PAYMENT_ID) })
    const answer = world.answers.shift() ?? "ok"
    if (answer === "no_answer") throw new VendorTimeoutError("return", 10_000)
    if (answer === "no_connection") throw new VendorConnectError("connect ECONNREFUSED", "return")
    // The token request made on the way failed: Avarda's token endpoint, not the return, answered.
    if (answer === "token_refused") throw new VendorHttpError("avarda.token", 400, "", undefined)
    if (typeof answer === "number") {
      const message = answer >= 500 ? "Service Unavailable" : "The amount exceeds what can be returned"
      // Avarda's answer to the return itself, as the client reports it.
      if (answer !== 401) throw new AvardaOrderManagementError("return", answer, message, { errorMessage: message }, [{ code: "E1", message }])
      throw new VendorHttpError("return", answer, "", {}, message)
    }
  },
}

jest.mock("../../../providers/avarda/core/runtime-config", () => ({
  avardaClientFor: () => client,
  avardaOptionsFor: () => ({ posId: "pos-1" }),
}))

const { locking, paymentModule } = paymentModuleUnderLock(world)

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
const container = createMedusaContainer()
container.register({ payment: asValue(paymentModule), locking: asValue(locking), logger: asValue(logger) })

const lost = (attempts = 0) => ({ since: "2026-12-01T10:00:00.000Z", attempts, last_error: "return: no answer within 10000 ms" })
const row = (description: string, amountMinor: number) => ({ kind: "item", description, amountMinor, taxAmountMinor: amountMinor / 5, taxRate: "25" })

/** An invoiced authorization with one answered return and two whose answers were lost. */
function twoReturnsLost(): void {
  world.data = {
    vendor: "avarda-authorization-api",
    authorization_id: "auth_1",
    order_reference: "1001",
    currency_code: "sek",
    rows: [],
    captures: [{ tran_id: "capt_1", order_reference: "1001-1", amount_minor: 104_700, rows: [], lines: [], captured_at: "then" }],
    returns: [
      { tran_id: "ret_answered", amount_minor: 10_000, rows: [row("Wool socks", 10_000)], returned_at: "then" },
      { tran_id: "ret_1", amount_minor: 49_900, rows: [row("Wool socks", 49_900)], returned_at: "then", unconfirmed: lost() },
      { tran_id: "ret_2", amount_minor: 4_900, rows: [row("Standard delivery", 4_900)], returned_at: "then", unconfirmed: lost() },
    ],
  }
  world.answers = []
  world.sent = []
}

const run = async () => (await confirmAvardaReturnsWorkflow(container).run({ input: { payment_id: PAYMENT_ID, provider_id: PROVIDER_ID } })).result

describe("re-sending the Avarda refunds whose answer was lost", () => {
  beforeEach(twoReturnsLost)

  it("each open return goes again, under the payment's lock, with its tranId and rows and the last capture's order reference; the answered one does not", async () => {
    const answers = await run()
    expect(world.sent.map(({ authorizationId, body }) => [authorizationId, body])).toEqual([
      ["auth_1", { items: [{ description: "Wool socks", amount: 499, taxCode: "25", taxAmount: 99.8, quantity: 1 }], orderReference: "1001-1", tranId: "ret_1", posId: "pos-1" }],
      ["auth_1", { items: [{ description: "Standard delivery", amount: 49, taxCode: "25", taxAmount: 9.8, quantity: 1 }], orderReference: "1001-1", tranId: "ret_2", posId: "pos-1" }],
    ])
    expect(world.sent.every((call) => call.lockHeld)).toBe(true)
    expect(await paymentLockIsHeld(locking, PAYMENT_ID)).toBe(false)
    expect(answers).toMatchObject({ confirmed: ["pay_1:ret_1", "pay_1:ret_2"], refused: [], still_unknown: 0 })
    expect(world.data.returns.map((entry: Record<string, unknown>) => "unconfirmed" in entry)).toEqual([false, false, false])
    world.sent = []
    await run()
    expect(world.sent).toEqual([])
  })

  it("a return goes again with the order reference it was first sent with, also after a capture under another one", async () => {
    world.data.returns[1].order_reference = "payses_1"
    await run()
    expect(world.sent.map(({ body }) => [body.tranId, body.orderReference])).toEqual([
      ["ret_1", "payses_1"],
      // Recorded by an earlier version, without its reference: the last capture's.
      ["ret_2", "1001-1"],
    ])
  })

  it("no answer or a server error again: the attempt is counted and the next run sends the same tranId", async () => {
    world.answers = ["no_answer", 503]
    const answers = await run()
    expect(answers).toMatchObject({ confirmed: [], refused: [], still_unknown: 2, credentials_refused: null })
    expect(world.data.returns[1].unconfirmed).toEqual({ ...lost(1), last_error: "return: no answer within 10000 ms (the vendor may still have processed it)" })
    expect(world.data.returns[2].unconfirmed).toEqual({ ...lost(1), last_error: "return: HTTP 503 – E1 Service Unavailable" })
    world.sent = []
    expect((await run()).confirmed).toEqual(["pay_1:ret_1", "pay_1:ret_2"])
    expect(world.sent.map((call) => call.body.tranId)).toEqual(["ret_1", "ret_2"])
  })

  it.each<[string, Answer]>([
    ["Avarda out of reach (no connection)", "no_connection"],
    ["the token request on the way refused", "token_refused"],
    ["too many requests (429)", 429],
    ["a request timeout (408)", 408],
  ])("%s: not a refusal of the refund — counted, and the next run sends the same tranId", async (_case, answer) => {
    world.answers = [answer, "no_answer"]
    const answers = await run()
    expect(answers).toMatchObject({ confirmed: [], refused: [], still_unknown: 2 })
    expect(world.data.returns[1].unconfirmed).toMatchObject({ attempts: 1 })
    expect(world.data.returns[1].unconfirmed).not.toHaveProperty("failed")
    world.sent = []
    expect((await run()).confirmed).toEqual(["pay_1:ret_1", "pay_1:ret_2"])
    expect(world.sent.map((call) => call.body.tranId)).toEqual(["ret_1", "ret_2"])
  })

  it("the credentials turned away (401 after a fresh token, 403): not a refusal of the refund — counted, and sent again once they are right", async () => {
    world.answers = [401, 403]
    const answers = await run()
    expect(answers).toMatchObject({ confirmed: [], refused: [], still_unknown: 2, credentials_refused: "return: HTTP 401 – The amount exceeds what can be returned" })
    expect(world.data.returns[1].unconfirmed).toEqual({ ...lost(1), last_error: "return: HTTP 401 – The amount exceeds what can be returned" })
    expect(world.data.returns[2].unconfirmed).not.toHaveProperty("failed")
    world.sent = []
    expect((await run()).confirmed).toEqual(["pay_1:ret_1", "pay_1:ret_2"])
  })

  it("a refusal is kept on its return as failed, reported, and not sent again while another return still is", async () => {
    world.answers = [422, "no_answer"]
    const answers = await run()
    const refusal = "return: HTTP 422 – E1 The amount exceeds what can be returned"
    expect(answers.refused).toEqual([{ paymentId: "pay_1", tranId: "ret_1", error: refusal }])
    expect(world.data.returns[1].unconfirmed).toEqual({ ...lost(1), last_error: refusal, failed: true })
    world.sent = []
    expect((await run()).confirmed).toEqual(["pay_1:ret_2"])
    expect(world.sent.map((call) => call.body.tranId)).toEqual(["ret_2"])
    world.sent = []
    await run()
    expect(world.sent).toEqual([])
  })
})
