import { sessionOutcome, toMedusaSessionStatus, type AviratoCaptureMode } from "../session-status"

type Row = [string, Parameters<typeof sessionOutcome>[0], AviratoCaptureMode, string]

const attempt = (status: string) => ({ paymentReference: "REF", status, createdAt: "2026-01-01 10:00:00" })

describe("Avirato session → Medusa session status", () => {
  it.each<Row>([
    ["completed + AUTHORISED, auto capture", { status: "completed", paymentStatus: "AUTHORISED", paymentReference: "KVG", attempts: [attempt("authorised")] }, "auto", "captured"],
    ["completed + AUTHORISED, pre-auth", { status: "completed", paymentStatus: "AUTHORISED", paymentReference: "KVG" }, "preauth", "authorized"],
    ["case-insensitive values", { status: "COMPLETED", paymentStatus: "authorised", paymentReference: "KVG" }, "preauth", "authorized"],
    ["completed without paymentReference is not paid", { status: "completed", paymentStatus: "AUTHORISED" }, "auto", "pending"],
    ["completed without paymentStatus is not paid", { status: "completed", paymentReference: "KVG" }, "auto", "pending"],
    ["completed + REFUSED", { status: "completed", paymentStatus: "REFUSED", paymentReference: "KVG" }, "auto", "error"],
    ["pending, page not used", { status: "pending", attempts: [] }, "auto", "requires_more"],
    ["pending after a refused attempt", { status: "pending", attempts: [attempt("refused")] }, "preauth", "requires_more"],
    ["failed", { status: "failed", attempts: [attempt("refused"), attempt("error")] }, "auto", "error"],
    ["expired", { status: "expired" }, "auto", "canceled"],
    ["cancelled", { status: "cancelled" }, "preauth", "canceled"],
    ["unknown status", { status: "processing" }, "auto", "pending"],
  ])("%s", (_name, session, mode, expected) => {
    expect(toMedusaSessionStatus(sessionOutcome(session), mode)).toBe(expected)
  })

  it("counts failed attempts of a pending session", () => {
    expect(sessionOutcome({ status: "pending", attempts: [attempt("refused"), attempt("error")] })).toEqual({
      kind: "awaiting_shopper",
      failedAttempts: 2,
      lastAttemptStatus: "error",
    })
  })
})
