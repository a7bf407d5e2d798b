import { customerAuthTokenOf } from "../customer-auth-token"

describe("customerAuthTokenOf", () => {
  const secret = "a-server-side-secret"

  it("is stable for one customer", () => {
    expect(customerAuthTokenOf("cus_A", secret)).toBe(customerAuthTokenOf("cus_A", secret))
  })

  it("differs between customers and between secrets", () => {
    const tokens = new Set([
      customerAuthTokenOf("cus_A", secret),
      customerAuthTokenOf("cus_B", secret),
      customerAuthTokenOf("cus_A", "another-secret"),
    ])
    expect(tokens.size).toBe(3)
  })

  it("is an HMAC-SHA256, not the bare hash Avarda's plugin used", () => {
    const token = customerAuthTokenOf("cus_A", secret)
    expect(token).toMatch(/^[0-9a-f]{64}$/)
    const { createHash } = require("node:crypto") as typeof import("node:crypto")
    expect(token).not.toBe(createHash("sha256").update("cus_A").digest("hex"))
    expect(token).not.toContain("cus_A")
  })

  it.each([
    ["", secret],
    ["cus_A", ""],
  ])("refuses an empty customer id or secret (%j, %j)", (id, key) => {
    expect(() => customerAuthTokenOf(id, key)).toThrow()
  })
})
