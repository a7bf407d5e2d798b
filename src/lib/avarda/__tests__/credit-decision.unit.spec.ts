import { approvedForOrderReference, decisionOfStatus, isFinalDecision } from "../authorization-api/credit-decision"
import { authorizationStatusSchema } from "../authorization-api/schemas"
import { creditSessionStatusOf } from "../credit-session-status"
import { outcomeOfState } from "../standalone/purchase-state"

const now = new Date("2026-01-01T12:00:00Z")

describe("decisionOfStatus (GET /authorization/{id})", () => {
  it.each([
    // The person's credit limit is not kept: session data is public.
    [{ status: 0, creditLimit: 50000, inBackOffice: true }, { outcome: "approved", credit_limit: null, in_back_office: true }],
    [{ status: "0", inBackOffice: false }, { outcome: "approved", in_back_office: false }],
    [{ inBackOffice: false }, { outcome: "pending_id_validation", in_back_office: false }],
    [{ status: 1, errorCode: 3, errorMessage: "Krediten beviljades inte" }, { outcome: "rejected", error_code: 3, message: "Krediten beviljades inte" }],
    [{ status: 1, errorCode: "52" }, { outcome: "rejected", error_code: 52 }],
    [{ status: 2, errorCode: 50, errorMessage: "ID validation was not completed in time" }, { outcome: "timed_out", error_code: 50, message: "ID validation was not completed in time" }],
    [{ status: 3, errorCode: 101 }, { outcome: "failed", error_code: 101 }],
    [{ status: 7 }, { outcome: "failed" }],
  ])("%j → %j", (body, expected) => {
    const decision = decisionOfStatus(authorizationStatusSchema.parse(body), now)
    expect(decision).toEqual({ error_code: null, message: null, credit_limit: null, in_back_office: null, ...expected, checked_at: now.toISOString() })
    expect(isFinalDecision(decision)).toBe(expected.outcome !== "pending_id_validation")
  })
})

describe("approvedForOrderReference (whose authorization it is, by the order reference of Avarda's copy of the request)", () => {
  const mine = { orderReference: "payses_01DELETED" }
  it.each([
    { name: "approved for this session", body: { status: 0, ...mine }, expected: true },
    { name: "approved for another session", body: { status: 0, orderReference: "payses_01OTHER" }, expected: false },
    { name: "still at ID validation", body: { ...mine }, expected: false },
    { name: "rejected", body: { status: 1, errorCode: 1, ...mine }, expected: false },
    { name: "no order reference", body: { status: 0 }, expected: false },
  ])("$name → $expected", ({ body, expected }) => {
    expect(approvedForOrderReference(authorizationStatusSchema.parse(body), "payses_01DELETED")).toBe(expected)
  })
})

describe("creditSessionStatusOf (an Avarda decision → Medusa's payment session status)", () => {
  it.each([
    // Outcomes of both APIs (Authorization API and Standalone Credit)
    ["approved", "authorized"],
    ["pending_id_validation", "requires_more"],
    ["rejected", "error"],
    ["timed_out", "error"],
    ["failed", "error"],
    ["unknown", "error"],
    // Standalone Credit only (State 8)
    ["cancelled", "error"],
  ])("%s → %s", (outcome, status) => {
    expect(creditSessionStatusOf(outcome)).toBe(status)
  })

  it("maps what the Authorization API decides from a status answer", () => {
    const statusOf = (body: object) => creditSessionStatusOf(decisionOfStatus(authorizationStatusSchema.parse(body), now).outcome)
    expect(statusOf({ status: 0, inBackOffice: true })).toBe("authorized")
    expect(statusOf({ inBackOffice: false })).toBe("requires_more")
    expect(statusOf({ status: 2, errorCode: 50 })).toBe("error")
  })

  it("maps what Standalone Credit decides from a purchase State", () => {
    const statusOf = (state: number) => creditSessionStatusOf(outcomeOfState(state))
    expect(statusOf(2)).toBe("authorized")
    for (const waiting of [0, 1, 4, 6, 7, 9, 10, 12]) expect(statusOf(waiting)).toBe("requires_more")
    for (const final of [3, 5, 8, 11, 13, 99]) expect(statusOf(final)).toBe("error")
  })
})
