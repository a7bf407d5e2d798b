/**
 * Failures of My Pages calls sorted by what the shop can tell the person on the other end. My Pages
 * error bodies are undocumented (U19), so any non-2xx is a failure and Avarda's text, when there
 * is one, is passed on.
 */
import {
  VendorConnectError,
  VendorConnectionLostError,
  VendorHttpError,
  VendorProtocolError,
  VendorTimeoutError,
} from "../../http/errors"

export type MyPagesFailureKind =
  /** 404: Avarda does not know the account / purchase. */
  | "not_found"
  /** Other 4xx: Avarda refused the request as sent (e.g. an account that cannot be paid). */
  | "rejected"
  /** 401/403 even after a fresh token: the plugin's credentials are wrong (a set-up problem). */
  | "credentials_rejected"
  /** 5xx, 429 or no connection: try again later. */
  | "unavailable"
  /** No answer in time. */
  | "timeout"
  /** 2xx with a body we cannot read. */
  | "invalid_answer"

export interface MyPagesFailure {
  kind: MyPagesFailureKind
  /** Avarda's HTTP status, when it answered. */
  vendorStatus?: number
  /** Avarda's own text, when its body has one. */
  vendorMessage?: string
  operation: string
}

function vendorMessageOf(body: unknown): string | undefined {
  if (Array.isArray(body)) return vendorMessageOf(body[0])
  if (!body || typeof body !== "object") return undefined
  const record = body as Record<string, unknown>
  for (const key of ["errorMessage", "ErrorMessage", "message", "detail", "title", "error_description"]) {
    const value = record[key]
    if (typeof value === "string" && value.trim()) return value.trim().slice(0, 300)
  }
  return undefined
}

/** Undefined for errors that are not about talking to Avarda (bugs): rethrow those. */
export function classifyMyPagesError(error: unknown): MyPagesFailure | undefined {
  if (error instanceof VendorHttpError) {
    const base = { operation: error.operation, vendorStatus: error.status, vendorMessage: vendorMessageOf(error.body) }
    if (error.status === 404) return { kind: "not_found", ...base }
    if (error.status === 401 || error.status === 403) return { kind: "credentials_rejected", ...base }
    if (error.status === 429 || error.status >= 500) return { kind: "unavailable", ...base }
    return { kind: "rejected", ...base }
  }
  if (error instanceof VendorTimeoutError || error instanceof VendorConnectionLostError) {
    return { kind: "timeout", operation: error.operation }
  }
  if (error instanceof VendorConnectError) return { kind: "unavailable", operation: error.operation }
  if (error instanceof VendorProtocolError) return { kind: "invalid_answer", operation: error.operation }
  return undefined
}
