import type { IPaymentModuleService } from "@medusajs/framework/types"
import {
  CANCELED_ORDER_REFUND_FAILURE_KEY,
  canceledOrderRefundNextAttemptAt,
  canceledOrderRefundRetryDue,
  removeCanceledOrderRefundCount,
} from "../canceled-order-retries"
import { isPaymentOfCanceledOrder } from "../payment-of-canceled-order"

const MINUTE_MS = 60_000
const last = "2026-12-07T12:00:00.000Z"
const lastMs = Date.parse(last)

describe("canceledOrderRefundNextAttemptAt", () => {
  it.each([
    [1, 2],
    [2, 4],
    [3, 8],
    [8, 256],
    [9, 360], // 512 minutes capped at six hours
    [50, 360],
  ])("after %i attempts: %i minutes after the last", (attempts, minutes) => {
    expect(canceledOrderRefundNextAttemptAt({ attempts, last_attempt_at: last })?.toISOString()).toBe(new Date(lastMs + minutes * MINUTE_MS).toISOString())
  })

  it("has none without a readable last attempt (an older version's count)", () => {
    expect(canceledOrderRefundNextAttemptAt({ attempts: 3, last_attempt_at: undefined as unknown as string })).toBeUndefined()
    expect(canceledOrderRefundNextAttemptAt({ attempts: 3, last_attempt_at: "yesterday-ish" })).toBeUndefined()
  })
})

describe("canceledOrderRefundRetryDue", () => {
  const count = { attempts: 2, last_attempt_at: last }

  it.each([
    ["just after the attempt", lastMs + MINUTE_MS, false],
    ["a moment before it is due", lastMs + 4 * MINUTE_MS - 1, false],
    ["when due", lastMs + 4 * MINUTE_MS, true],
    ["long after", lastMs + 24 * 60 * MINUTE_MS, true],
  ])("%s", (_case, now, due) => {
    expect(canceledOrderRefundRetryDue(count, new Date(now))).toBe(due)
  })

  it("is due at once for a count without a readable last attempt", () => {
    expect(canceledOrderRefundRetryDue({ attempts: 7, last_attempt_at: "" }, new Date(lastMs))).toBe(true)
  })
})

describe("removeCanceledOrderRefundCount", () => {
  const writes: Array<{ id: string; data: Record<string, unknown> }> = []
  const paymentModule = {
    updatePayment: async (update: { id: string; data: Record<string, unknown> }) => {
      writes.push(update)
      return update
    },
  } as unknown as IPaymentModuleService
  beforeEach(() => (writes.length = 0))

  it("clears the count with null (Medusa merges JSON data) and keeps the rest", async () => {
    const data = { authorization_id: "a1", [CANCELED_ORDER_REFUND_FAILURE_KEY]: { attempts: 2, since: last, last_attempt_at: last, last_error: "422" } }
    await expect(removeCanceledOrderRefundCount(paymentModule, "pay_1", data)).resolves.toBe(true)
    expect(writes).toEqual([{ id: "pay_1", data: { authorization_id: "a1", [CANCELED_ORDER_REFUND_FAILURE_KEY]: null } }])
  })

  it("clears a count it cannot read too: the jobs would otherwise pick the payment for ever", async () => {
    await expect(removeCanceledOrderRefundCount(paymentModule, "pay_1", { [CANCELED_ORDER_REFUND_FAILURE_KEY]: "3 attempts" })).resolves.toBe(true)
    expect(writes).toEqual([{ id: "pay_1", data: { [CANCELED_ORDER_REFUND_FAILURE_KEY]: null } }])
  })

  it.each([
    ["no count", { authorization_id: "a1" }],
    ["a count removed before", { authorization_id: "a1", [CANCELED_ORDER_REFUND_FAILURE_KEY]: null }],
  ])("writes nothing with %s", async (_case, data) => {
    await expect(removeCanceledOrderRefundCount(paymentModule, "pay_1", data)).resolves.toBe(false)
    expect(writes).toEqual([])
  })
})

describe("isPaymentOfCanceledOrder", () => {
  it.each([
    ["its order cancelled", { payment_collection: { order: { status: "canceled" } } }, true],
    ["its order pending", { payment_collection: { order: { status: "pending" } } }, false],
    ["its order completed", { payment_collection: { order: { status: "completed" } } }, false],
    ["no order yet (a cart's collection)", { payment_collection: { order: null } }, false],
    ["no collection read", {}, false],
    ["no payment", undefined, false],
  ])("%s", (_case, payment, expected) => {
    expect(isPaymentOfCanceledOrder(payment)).toBe(expected)
  })
})
