import { MedusaError, PaymentSessionStatus, serializeError } from "@medusajs/framework/utils"
import { isOutcomeUnknown } from "../../../lib/avarda/outcome-unknown"
import { AvardaOutcomeUnknownError } from "../credit-errors"
import { assertCartUnchanged, isCaptureRecorded, nextCaptureSequence, orderReferenceForManagement, ownCaptureTranId, refundTranId, sessionStatusOfOutcome } from "../credit-policies"

const capture = (tran_id: string, order_reference?: string) => ({
  tran_id,
  source: "admin" as const,
  ...(order_reference ? { order_reference } : {}),
  amount_minor: 100,
  rows: [],
  lines: [],
  includes_order_level: false,
  captured_at: "2026-01-01T00:00:00.000Z",
})

describe("a cart that changed while its Avarda session was created", () => {
  const application = { currency: "sek", amountMinor: 104_750 }
  it.each([
    ["same amount and currency", 1047.5, "SEK", undefined],
    ["same amount as a string", "1047.50", "sek", undefined],
    ["another amount", 1047.49, "SEK", MedusaError.Types.CONFLICT],
    ["another currency", 1047.5, "EUR", MedusaError.Types.CONFLICT],
  ])("%s → %s", (_name, amount, currency, expectedType) => {
    const run = () => assertCartUnchanged(application, amount, currency)
    if (!expectedType) return expect(run).not.toThrow()
    expect(run).toThrow(expect.objectContaining({ type: expectedType, message: expect.stringMatching(/cart changed/) }))
  })
})

describe("tranIds", () => {
  it.each([
    ["first capture of the rest", [], "01JSESSION-c1"],
    ["after two captures", [capture("ful_1"), capture("01JSESSION-c2")], "01JSESSION-c3"],
  ])("Medusa's own capture: the session's n-th capture (%s) → %s", (_name, captures, expected) => {
    expect(ownCaptureTranId({ order_reference: "payses_01JSESSION", captures })).toBe(expected)
  })

  const plan = (tran_id: string) => ({ ...capture(tran_id), id: `plan-${tran_id}`, order_reference: "1001", lines: [], includes_order_level: true, created_at: "2026-12-07T12:00:00.000Z" })

  it.each([
    ["nothing captured or planned", {}, 1],
    ["two captures, one a shipment's", { captures: [capture("ful_1"), capture("01JSESSION-c2")] }, 3],
    ["a capture plan pending (its answer may have been lost)", { captures: [capture("01JSESSION-c1")], pending_captures: [plan("01JSESSION-c2")] }, 3],
    ["the admin's last plan, never recorded", { captures: [capture("01JSESSION-c1")], capture_plan: plan("01JSESSION-c2") }, 3],
    ["a shipment's plan pending (its tranId is the fulfillment's)", { captures: [capture("01JSESSION-c1")], pending_captures: [plan("ful_2")] }, 2],
    ["a hashed order reference", { captures: [capture("0123456789abcdef01234567-c4")] }, 5],
  ])("the next capture sequence: %s → %i", (_name, ledger, expected) => {
    expect(nextCaptureSequence({ captures: [], ...ledger })).toBe(expected)
  })

  it("Medusa's own capture of the rest never takes a tranId a pending plan holds", () => {
    expect(ownCaptureTranId({ order_reference: "payses_01JSESSION", captures: [capture("01JSESSION-c1")], pending_captures: [plan("01JSESSION-c2")] })).toBe("01JSESSION-c3")
  })

  it("Medusa's own capture never uses Medusa's capture id, which changes with every attempt", () => {
    const ledger = { order_reference: "payses_01JSESSION", captures: [] }
    expect(ownCaptureTranId(ledger)).toBe(ownCaptureTranId(ledger))
  })

  it.each([
    ["Medusa's refund id", "ref_01JREFUND", 0, "ref_01JREFUND"],
    ["no refund id", undefined, 2, "01JSESSION-r3"],
    ["a refund id longer than Avarda's 36 characters", `ref_${"x".repeat(40)}`, 0, "01JSESSION-r1"],
  ])("refund: %s → %s", (_name, refundId, creditsSoFar, expected) => {
    expect(refundTranId({ order_reference: "payses_01JSESSION" }, refundId, creditsSoFar)).toBe(expected)
  })
})

describe("duplicate captures", () => {
  const ledger = { captures: [capture("ful_1"), capture("01JSESSION-c2")] }
  it.each([
    ["ful_1", true],
    ["01JSESSION-c2", true],
    ["ful_2", false],
  ])("tranId %s already recorded → %s", (tranId, expected) => {
    expect(isCaptureRecorded(ledger, { tran_id: tranId, amount_minor: 100 })).toBe(expected)
  })

  it("the same tranId recorded for another amount is another capture: refused (409), never booked as made", () => {
    expect(() => isCaptureRecorded(ledger, { tran_id: "01JSESSION-c2", amount_minor: 700 })).toThrow(
      expect.objectContaining({ type: "conflict", message: expect.stringMatching(/01JSESSION-c2 of 700 minor units was not sent: that tranId was used for a capture of 100/) })
    )
  })
})

describe("order reference of order management", () => {
  it.each([
    ["no capture yet: the session id", [], "payses_01JSESSION"],
    ["the last capture's reference (the order's display id)", [capture("ful_1", "1001")], "1001"],
    ["a capture without a reference", [capture("ful_1")], "payses_01JSESSION"],
  ])("%s", (_name, captures, expected) => {
    expect(orderReferenceForManagement({ order_reference: "payses_01JSESSION", captures })).toBe(expected)
  })
})

describe("session status of a decision", () => {
  it.each([
    ["approved", PaymentSessionStatus.AUTHORIZED],
    ["pending_id_validation", PaymentSessionStatus.REQUIRES_MORE],
    ["rejected", PaymentSessionStatus.ERROR],
    ["timed_out", PaymentSessionStatus.ERROR],
    ["failed", PaymentSessionStatus.ERROR],
    ["unknown", PaymentSessionStatus.ERROR],
    ["cancelled", PaymentSessionStatus.ERROR],
  ])("%s → %s", (outcome, expected) => {
    expect(sessionStatusOfOutcome(outcome)).toBe(expected)
  })
})

describe("unknown outcome flag", () => {
  it.each([
    { name: "the provider's error", error: new AvardaOutcomeUnknownError("no answer"), expected: true },
    { name: "the same error as the workflow engine passes it on", error: serializeError(new AvardaOutcomeUnknownError("no answer")), expected: true },
    { name: "a message that merely says so", error: new Error("Avarda may have processed it"), expected: false },
    { name: "a refusal", error: new MedusaError(MedusaError.Types.NOT_ALLOWED, "refused"), expected: false },
    { name: "nothing", error: undefined, expected: false },
  ])("$name → $expected", ({ error, expected }) => {
    expect(isOutcomeUnknown(error)).toBe(expected)
  })
})
