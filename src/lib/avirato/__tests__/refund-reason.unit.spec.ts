import { aviratoRefundReasonFor } from "../refund-reason"

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
