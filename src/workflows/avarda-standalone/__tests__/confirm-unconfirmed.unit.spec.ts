// The re-sending of Standalone commerce calls whose answer was lost, run as Medusa runs the workflow
// (real engine, Medusa's in-memory lock): each kind of call goes again with the body and TranId it
// was first sent with, and Avarda's answer — done, "already done", refused, still no answer — is
// recorded on the entry it belongs to. The client is a stand-in that records what it was sent.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { VendorTimeoutError } from "../../../lib/http/errors"
import { parseStandaloneError, StandaloneApiError } from "../../../lib/avarda/standalone/errors"
import { paymentLockIsHeld, paymentModuleUnderLock } from "../../../operations/shared/__tests__/lock-probe"
import { confirmStandaloneOperationsWorkflow } from "../confirm-unconfirmed"

type Operation = "purchaseOrder" | "returnOrder" | "refund" | "refundRemaining" | "cancelPayment"
/** What Avarda answers the next call of an operation: done, refused with a code, the site's credentials turned away, or no answer. */
type Answer = "ok" | { refused: string } | "credentials_refused" | "no_answer"

const PAYMENT_ID = "pay_1"

const world = {
  id: PAYMENT_ID,
  data: {} as Record<string, any>,
  answers: {} as Partial<Record<Operation, Answer>>,
  sent: [] as Array<{ operation: Operation; body: Record<string, unknown>; lockHeld: boolean }>,
}

const PROVIDER_ID = "pp_avarda-standalone-invoice_avarda-standalone"

function send(operation: Operation) {
  return async (body: Record<string, unknown>) => {
    world.sent.push({ operation, body, lockHeld: await paymentLockIsHeld(locking, PAYMENT_ID) })
    const answer = world.answers[operation] ?? "ok"
    if (answer === "no_answer") throw new VendorTimeoutError(operation, 10_000)
    if (answer === "credentials_refused") throw parseStandaloneError(operation, 401, "")
    if (answer !== "ok") {
      throw new StandaloneApiError(operation, 422, "", {}, "commerce", answer.refused, [{ code: answer.refused, message: "refused" }], undefined, undefined, `Avarda refused: ${answer.refused}`)
    }
  }
}

const client = {
  purchaseOrder: send("purchaseOrder"),
  returnOrder: send("returnOrder"),
  refund: send("refund"),
  refundRemaining: send("refundRemaining"),
  cancelPayment: send("cancelPayment"),
}

jest.mock("../../../providers/avarda-standalone/core/runtime-config", () => ({
  standaloneClientFor: () => client,
}))

const { locking, paymentModule } = paymentModuleUnderLock(world)

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
const container = createMedusaContainer()
container.register({ payment: asValue(paymentModule), locking: asValue(locking), logger: asValue(logger) })

const lost = (attempts = 0) => ({ since: "2026-12-01T10:00:00.000Z", attempts, last_error: "no answer within 10000 ms" })
const row = { kind: "item", description: "Wool socks", notes: "WOOL-SOCKS-1", amountMinor: 49_900, taxAmountMinor: 9_980, taxRate: "25" }

/** A purchase whose every kind of commerce call lost its answer once, and one capture that was answered. */
function everyCallLost(): void {
  world.data = {
    vendor: "avarda-standalone",
    product: "invoice",
    purchase_id: "purchase_1",
    order_reference: "1001",
    currency_code: "sek",
    amount_minor: 104_700,
    rows: [],
    captures: [
      { tran_id: "capt_answered", amount_minor: 10_000, rows: [row], lines: [], captured_at: "then" },
      { tran_id: "capt_1", order_reference: "1001-1", tracking_code: "TRACK-1", amount_minor: 49_900, rows: [row], lines: [], captured_at: "then", unconfirmed: lost() },
    ],
    returns: [{ tran_id: "ret_1", order_reference: "1001-R1", amount_minor: 49_900, rows: [row], returned_at: "then", unconfirmed: lost() }],
    refunds: [{ tran_id: "ref_1", order_reference: "1001", amount_minor: 2_550, refunded_at: "then", unconfirmed: lost() }],
    remainder_released: { amount_minor: 44_900, tran_id: "rest_1", order_reference: "1001", released_at: "then", unconfirmed: lost() },
    cancellation: { canceled_at: "then", reason: "Order cancelled", unconfirmed: lost() },
  }
  world.answers = {}
  world.sent = []
}

const run = async () => (await confirmStandaloneOperationsWorkflow(container).run({ input: { payment_id: PAYMENT_ID, provider_id: PROVIDER_ID } })).result

describe("re-sending the Standalone calls whose answer was lost", () => {
  beforeEach(everyCallLost)

  it("each open call goes again, under the payment's lock, with the TranId and body it was first sent with; the answered capture does not", async () => {
    const answers = await run()
    const items = [{ Description: "Wool socks", Notes: "WOOL-SOCKS-1", Amount: 499, TaxCode: "25", TaxAmount: 99.8 }]
    expect(world.sent.map(({ operation, body }) => [operation, body])).toEqual([
      ["purchaseOrder", { ExternalId: "purchase_1", OrderReference: "1001-1", TranId: "capt_1", TrackingCode: "TRACK-1", Items: items }],
      ["returnOrder", { ExternalId: "purchase_1", OrderReference: "1001-R1", TranId: "ret_1", Items: items }],
      ["refund", { ExternalId: "purchase_1", Amount: 25.5, OrderReference: "1001", TranId: "ref_1" }],
      ["refundRemaining", { ExternalId: "purchase_1", OrderReference: "1001", TranId: "rest_1" }],
      ["cancelPayment", { ExternalId: "purchase_1", Reason: "Order cancelled" }],
    ])
    expect(world.sent.every((call) => call.lockHeld)).toBe(true)
    expect(await paymentLockIsHeld(locking, PAYMENT_ID)).toBe(false)
    expect(answers).toMatchObject({
      confirmed: ["pay_1:capt_1", "pay_1:ret_1", "pay_1:ref_1", "pay_1:rest_1", "pay_1:CancelPayment"],
      refused: [],
      still_unknown: 0,
    })
  })

  it("confirmed calls lose their mark (nested records cleared with null, as Medusa merges them); nothing is sent on the next run", async () => {
    await run()
    expect(world.data.captures.map((capture: Record<string, unknown>) => "unconfirmed" in capture)).toEqual([false, false])
    expect("unconfirmed" in world.data.returns[0]).toBe(false)
    expect("unconfirmed" in world.data.refunds[0]).toBe(false)
    expect(world.data.remainder_released).toMatchObject({ tran_id: "rest_1", unconfirmed: null })
    expect(world.data.cancellation).toMatchObject({ reason: "Order cancelled", unconfirmed: null })
    world.sent = []
    await run()
    expect(world.sent).toEqual([])
  })

  it("'already done' for the release of the rest (10016) and the cancellation (10014) confirms them", async () => {
    world.answers = { refundRemaining: { refused: "10016" }, cancelPayment: { refused: "10014" } }
    const answers = await run()
    expect(answers.confirmed).toEqual(expect.arrayContaining(["pay_1:rest_1", "pay_1:CancelPayment"]))
    expect(answers.refused).toEqual([])
    expect(world.data.remainder_released.unconfirmed).toBeNull()
    expect(world.data.cancellation.unconfirmed).toBeNull()
  })

  it("a refusal is kept on its entry as failed, reported, and not sent again; the other calls are confirmed", async () => {
    world.answers = { purchaseOrder: { refused: "10099" }, refundRemaining: { refused: "10099" } }
    const answers = await run()
    expect(answers.refused).toEqual([
      { paymentId: "pay_1", operation: "PurchaseOrder", error: "purchaseOrder: HTTP 422 – Avarda refused: 10099" },
      { paymentId: "pay_1", operation: "RefundRemaining", error: "refundRemaining: HTTP 422 – Avarda refused: 10099" },
    ])
    expect(world.data.captures[1].unconfirmed).toEqual({ ...lost(1), last_error: "purchaseOrder: HTTP 422 – Avarda refused: 10099", failed: true })
    expect(world.data.remainder_released.unconfirmed).toEqual({ ...lost(1), last_error: "refundRemaining: HTTP 422 – Avarda refused: 10099", failed: true })
    expect(answers.confirmed).toEqual(["pay_1:ret_1", "pay_1:ref_1", "pay_1:CancelPayment"])
    world.sent = []
    await run()
    expect(world.sent).toEqual([])
  })

  it("a refused call is not sent again while another call of the payment still is", async () => {
    world.answers = { purchaseOrder: { refused: "10099" }, returnOrder: "no_answer" }
    await run()
    world.sent = []
    world.answers = {}
    expect((await run()).confirmed).toEqual(["pay_1:ret_1"])
    expect(world.sent.map((call) => call.operation)).toEqual(["returnOrder"])
    expect(world.data.captures[1].unconfirmed).toMatchObject({ failed: true, attempts: 1 })
  })

  it("the site's credentials turned away (401): not a refusal — counted, and sent again once they are right", async () => {
    world.answers = { purchaseOrder: "credentials_refused", refundRemaining: "credentials_refused" }
    const answers = await run()
    expect(answers.refused).toEqual([])
    expect(answers.still_unknown).toBe(2)
    expect(world.data.captures[1].unconfirmed).toEqual({ ...lost(1), last_error: "purchaseOrder: HTTP 401 – the site code or site password was refused" })
    expect(answers.credentials_refused).toBe("purchaseOrder: HTTP 401 – the site code or site password was refused")
    world.sent = []
    world.answers = {}
    expect((await run()).confirmed).toEqual(["pay_1:capt_1", "pay_1:rest_1"])
  })

  it("still no answer: the attempt is counted on its entry, and the next run sends it again with the same TranId", async () => {
    world.answers = { returnOrder: "no_answer", refund: "no_answer" }
    const answers = await run()
    expect(answers.still_unknown).toBe(2)
    expect(answers.credentials_refused).toBeNull()
    expect(world.data.returns[0].unconfirmed).toEqual({ ...lost(1), last_error: "returnOrder: no answer within 10000 ms (the vendor may still have processed it)" })
    expect(world.data.refunds[0].unconfirmed).toMatchObject({ attempts: 1 })
    world.sent = []
    world.answers = {}
    expect((await run()).confirmed).toEqual(["pay_1:ret_1", "pay_1:ref_1"])
    expect(world.sent.map((call) => [call.operation, call.body.TranId])).toEqual([
      ["returnOrder", "ret_1"],
      ["refund", "ref_1"],
    ])
  })
})
