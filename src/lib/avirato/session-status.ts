import type { AviratoSession } from "./schemas"

/** How the store charges: `auto` captures at authorisation, `preauth` reserves for a later capture. */
export type AviratoCaptureMode = "auto" | "preauth"

export type SessionOutcome =
  /** One attempt was authorised; the payment exists under `paymentReference`. */
  | { kind: "paid"; paymentReference: string }
  /** Waiting for the shopper (the page was not used yet, or only failed attempts so far). */
  | { kind: "awaiting_shopper"; failedAttempts: number; lastAttemptStatus?: string }
  | { kind: "failed" }
  | { kind: "expired" }
  | { kind: "cancelled" }
  /** A value we do not know: never treated as paid, re-checked later. */
  | { kind: "unknown"; status: string; paymentStatus?: string }

/** The subset of Medusa's PaymentSessionStatus this provider reports. */
export type MedusaSessionStatus = "authorized" | "captured" | "pending" | "requires_more" | "error" | "canceled"

const AUTHORISED = "AUTHORISED"

/**
 * Reads the session as Avirato reports it (GET payment/session). Values are compared
 * case-insensitively and only `completed` + `AUTHORISED` + a payment reference counts as paid (U8).
 */
export function sessionOutcome(session: Pick<AviratoSession, "status" | "paymentStatus" | "paymentReference" | "attempts">): SessionOutcome {
  const status = session.status.toLowerCase()
  const paymentStatus = session.paymentStatus?.toUpperCase()
  switch (status) {
    case "completed":
      if (paymentStatus === AUTHORISED && session.paymentReference) {
        return { kind: "paid", paymentReference: session.paymentReference }
      }
      if (paymentStatus && paymentStatus !== AUTHORISED && paymentStatus !== "PENDING") return { kind: "failed" }
      return { kind: "unknown", status: session.status, paymentStatus: session.paymentStatus ?? undefined }
    case "pending": {
      const attempts = session.attempts ?? []
      const last = attempts[attempts.length - 1]
      return {
        kind: "awaiting_shopper",
        failedAttempts: attempts.filter((a) => a.status.toLowerCase() !== "authorised").length,
        lastAttemptStatus: last?.status.toLowerCase(),
      }
    }
    case "failed":
      return { kind: "failed" }
    case "expired":
      return { kind: "expired" }
    case "cancelled":
    case "canceled":
      return { kind: "cancelled" }
    default:
      return { kind: "unknown", status: session.status, paymentStatus: session.paymentStatus ?? undefined }
  }
}

/**
 * Medusa's session status for an Avirato session. A paid auto-capture session is `captured`
 * (Avirato captured at authorisation, so Medusa records the capture without calling us); a paid
 * pre-authorisation is `authorized`. While the shopper still has to pay on the hosted page it is
 * `requires_more`; a failed session is `error` and an expired or cancelled one `canceled` (the
 * storefront then starts a new session).
 */
export function toMedusaSessionStatus(outcome: SessionOutcome, mode: AviratoCaptureMode): MedusaSessionStatus {
  switch (outcome.kind) {
    case "paid":
      return mode === "auto" ? "captured" : "authorized"
    case "awaiting_shopper":
      return "requires_more"
    case "failed":
      return "error"
    case "expired":
    case "cancelled":
      return "canceled"
    case "unknown":
      return "pending"
  }
}
