import { CAPTURE_AMOUNT_PLAN_TTL_MS, plannedCaptureAmount, withCaptureAmountPlan, withoutCaptureAmountPlan } from "../core/capture-amount-plan"
import { activeTotal, EXTENSION_COALESCE_MS, extensionJustRequested, readPaymentData, settleModification, type ModificationRecord } from "../core/payment-data"
import { plannedRefundReason, refundPlanOf, withRefundPlan } from "../core/refund-plan"
import { authenticateWebhook } from "../core/webhook-authentication"

const requested = (reference: string, amount = 100): ModificationRecord => ({
  idempotency_key: `ref_${reference}`,
  reference,
  amount,
  status: "requested",
  requested_at: "2026-01-01T00:00:00.000Z",
})

describe("settleModification (webhook outcomes on the payment history)", () => {
  const data = { refunds: [requested("M1"), requested("M2")] }
  const at = "2026-01-02T00:00:00.000Z"

  it.each([
    ["requested → succeeded", "requested", true, "succeeded"],
    ["requested → failed", "requested", false, "failed"],
    ["succeeded → failed (a later REFUND_FAILED)", "succeeded", false, "failed"],
    ["succeeded + duplicate success: no change", "succeeded", true, undefined],
    ["failed + late success: no change", "failed", true, undefined],
    ["failed + duplicate failure: no change", "failed", false, undefined],
  ] as const)("%s", (_name, from, success, to) => {
    const start = { refunds: [{ ...requested("M1"), status: from }] }
    const result = settleModification(start, "refunds", "M1", { success, reason: "Declined", at })
    if (to === undefined) expect(result).toBeUndefined()
    else expect(readPaymentData(result).refunds[0]).toMatchObject({ status: to, settled_at: at })
  })

  it("touches only the record with that reference and keeps the failure reason", () => {
    const result = settleModification(data, "refunds", "M2", { success: false, reason: "Insufficient balance", at })!
    const refunds = readPaymentData(result).refunds
    expect(refunds[0].status).toBe("requested")
    expect(refunds[1]).toMatchObject({ status: "failed", failure_reason: "Insufficient balance" })
    expect(activeTotal(refunds)).toBe(100)
  })

  it("ignores unknown references", () => {
    expect(settleModification(data, "refunds", "NOPE", { success: true, at })).toBeUndefined()
  })
})

describe("extension outcomes and the authorization's expiry", () => {
  const data = { mode: "preauth", authorized_at: "2026-01-01T00:00:00.000Z", authorization_expires_at: "2026-01-08T00:00:00.000Z", extensions: [requested("X1")] }

  it("a successful extension moves the expiry a full lifetime past the moment it was made", () => {
    const settled = settleModification(data, "extensions", "X1", { success: true, at: "2026-01-06T09:30:00.000Z" })
    expect(settled).toMatchObject({ authorization_expires_at: "2026-01-13T09:30:00.000Z", authorized_at: "2026-01-01T00:00:00.000Z" })
    // A duplicate webhook changes nothing (and so does not move the expiry again).
    expect(settleModification(settled!, "extensions", "X1", { success: true, at: "2026-01-07T00:00:00.000Z" })).toBeUndefined()
  })

  it("a failed extension keeps the expiry", () => {
    expect(settleModification(data, "extensions", "X1", { success: false, at: "2026-01-06T09:30:00.000Z" })).toMatchObject({ authorization_expires_at: "2026-01-08T00:00:00.000Z" })
  })

  it("a refund or capture outcome never touches the expiry", () => {
    const withCapture = { ...data, captures: [requested("C1")] }
    expect(settleModification(withCapture, "captures", "C1", { success: true, at: "2026-01-06T09:30:00.000Z" })).toMatchObject({ authorization_expires_at: "2026-01-08T00:00:00.000Z" })
  })

  it.each([
    ["no extension yet", [], false],
    ["one requested a minute ago", [{ ...requested("X1"), requested_at: "2026-01-06T09:29:00.000Z" }], true],
    ["one requested just under the window ago", [{ ...requested("X1"), requested_at: new Date(Date.parse("2026-01-06T09:30:00.000Z") - EXTENSION_COALESCE_MS + 1000).toISOString() }], true],
    ["one requested longer ago", [{ ...requested("X1"), requested_at: "2026-01-06T09:00:00.000Z" }], false],
    ["one that failed a minute ago", [{ ...requested("X1"), status: "failed" as const, requested_at: "2026-01-06T09:29:00.000Z" }], false],
  ])("a key-less Extend repeats the last extension when %s → %s", (_name, extensions, expected) => {
    expect(extensionJustRequested(extensions, new Date("2026-01-06T09:30:00.000Z"))).toBe(expected)
  })
})

describe("refund plan", () => {
  it("keeps what asked for the refund, and is used only while fresh", () => {
    const now = new Date("2026-01-01T00:00:00.000Z")
    const planned = withRefundPlan({}, "OTHER", now, "order_cancellation")
    expect(refundPlanOf(planned)).toEqual({ reason: "OTHER", created_at: now.toISOString(), source: "order_cancellation" })
    expect(plannedRefundReason(planned, new Date("2026-01-01T00:10:00.000Z"))).toBe("OTHER")
    expect(plannedRefundReason(planned, new Date("2026-01-01T01:00:00.000Z"))).toBeUndefined()
    expect(refundPlanOf({ refund_plan: null })).toBeUndefined()
  })
})

describe("capture amount plan", () => {
  const now = new Date("2026-01-01T12:00:00Z")
  const fresh = (amount: number) => ({ amount, created_at: now.toISOString() })

  it("is read while fresh and ignored when stale, missing or not a positive integer", () => {
    const data = withCaptureAmountPlan({}, 1234, now)
    expect(data).toEqual({ capture_amount_plan: fresh(1234) })
    expect(plannedCaptureAmount(data, now)).toBe(1234)
    expect(plannedCaptureAmount(data, new Date(now.getTime() + CAPTURE_AMOUNT_PLAN_TTL_MS + 1))).toBeUndefined()
    expect(plannedCaptureAmount({}, now)).toBeUndefined()
    expect(plannedCaptureAmount({ capture_amount_plan: fresh(12.5) }, now)).toBeUndefined()
    expect(plannedCaptureAmount({ capture_amount_plan: null }, now)).toBeUndefined()
  })

  it("still reads a plan an earlier version wrote under capture_plan, within the same lifetime; a new plan wins", () => {
    expect(plannedCaptureAmount({ capture_plan: fresh(700) }, now)).toBe(700)
    expect(plannedCaptureAmount({ capture_plan: fresh(700) }, new Date(now.getTime() + CAPTURE_AMOUNT_PLAN_TTL_MS + 1))).toBeUndefined()
    expect(plannedCaptureAmount(withCaptureAmountPlan({ capture_plan: fresh(700) }, 900, now), now)).toBe(900)
  })

  it("is gone under both keys once consumed, the rest of the data untouched", () => {
    const consumed = withoutCaptureAmountPlan({ mode: "preauth", capture_plan: fresh(700), capture_amount_plan: fresh(900) })
    expect(consumed).toEqual({ mode: "preauth", capture_amount_plan: null })
    expect(plannedCaptureAmount(consumed, now)).toBeUndefined()
  })
})

describe("authenticateWebhook", () => {
  const options = {
    clientSecrets: ["sandbox_test_client_secret"],
    acceptUnsignedTestWebhooks: true,
    baseUrl: "http://localhost:4010/avirato/external/v1/test/",
  }
  it("accepts an unsigned webhook only with the opt-in on the Test layout", () => {
    const payload = { rawData: Buffer.from("{}"), headers: {} }
    expect(authenticateWebhook(payload, options)).toEqual({ valid: true, unsigned: true })
    expect(authenticateWebhook(payload, { ...options, acceptUnsignedTestWebhooks: false })).toEqual({ valid: false, reason: "missing_signature" })
    expect(authenticateWebhook(payload, { ...options, baseUrl: "https://aviratopayments.com/external/v1/" })).toEqual({
      valid: false,
      reason: "missing_signature",
    })
  })
  it("still verifies a signed webhook when unsigned ones are allowed (a bad signature is never waved through)", () => {
    const payload = { rawData: { type: "Buffer", data: [123, 125] }, headers: { "X-Avirato-Signature": "t=1,v1=00" } }
    expect(authenticateWebhook(payload, options, 1)).toEqual({ valid: false, reason: "signature_mismatch" })
  })
})
