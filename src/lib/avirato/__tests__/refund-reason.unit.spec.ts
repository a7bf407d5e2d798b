import { aviratoRefundReasonFor, ORDER_CANCELLATION_REFUND_REASON } from "../refund-reason"
import { AVIRATO_REFUND_REASONS } from "../schemas"

describe("aviratoRefundReasonFor", () => {
  it.each([
    ["fraud", "FRAUD"],
    ["customer_request", "CUSTOMER REQUEST"],
    ["customer-request", "CUSTOMER REQUEST"],
    ["Customer Request", "CUSTOMER REQUEST"],
    [" return ", "RETURN"],
    ["DUPLICATE", "DUPLICATE"],
    ["other", "OTHER"],
    ["damaged", undefined],
    ["customerrequest", undefined],
    ["", undefined],
    [null, undefined],
  ])("%s → %s", (code, expected) => {
    expect(aviratoRefundReasonFor(code)).toBe(expected)
  })
})

describe("ORDER_CANCELLATION_REFUND_REASON", () => {
  it("is one of Avirato's reasons, and not the one ordinary refunds default to", () => {
    expect(AVIRATO_REFUND_REASONS).toContain(ORDER_CANCELLATION_REFUND_REASON)
    expect(ORDER_CANCELLATION_REFUND_REASON).not.toBe("CUSTOMER REQUEST")
  })
})
