import { VendorHttpError } from "../http/errors"

/**
 * A non-2xx answer from Avirato. `code` and `traceId` come from the error envelope
 * `{ success:false, error:{ message, code, statusCode, traceId } }` when the body has one; quote the
 * traceId to Avirato support.
 */
export class AviratoApiError extends VendorHttpError {
  constructor(
    operation: string,
    status: number,
    bodyText: string,
    body: unknown,
    readonly code: number | undefined,
    readonly traceId: string | undefined,
    readonly vendorMessage: string | undefined
  ) {
    super(
      operation,
      status,
      bodyText,
      body,
      [vendorMessage, code !== undefined ? `code ${code}` : undefined, traceId ? `traceId ${traceId}` : undefined]
        .filter(Boolean)
        .join(", ") || undefined
    )
  }

  /** 5xx and 429 may succeed later with the same request. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429
  }
}

/** Documented codes we branch on. */
export const AviratoErrorCodes = {
  NOT_FOUND: 10404,
  INVALID_API_KEY: 11001,
  IP_NOT_ALLOWED: 11002,
  ACCESS_DENIED: 11008,
  INVALID_PARAMETER: 12001,
} as const
