/**
 * Errors of a vendor call, by what the caller may safely do next.
 *
 * - VendorConnectError: the request never reached the vendor (connection refused / DNS). Safe to retry.
 * - VendorTimeoutError / VendorConnectionLostError: the request was sent and the answer never came.
 *   The vendor may have done the work: retry only where an idempotency key makes that safe,
 *   otherwise reconcile (re-read the vendor's state) before acting again.
 * - VendorHttpError: the vendor answered with a non-2xx status (body kept for the caller to parse).
 * - VendorProtocolError: the vendor answered 2xx with a body we cannot use (malformed JSON or a
 *   missing required field).
 *
 * Messages name the vendor operation and never include request bodies (they may hold personal data).
 */
export class VendorError extends Error {
  constructor(
    message: string,
    readonly operation: string
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class VendorConnectError extends VendorError {}

export class VendorTimeoutError extends VendorError {
  constructor(operation: string, readonly timeoutMs: number) {
    super(`${operation}: no answer within ${timeoutMs} ms (the vendor may still have processed it)`, operation)
  }
}

export class VendorConnectionLostError extends VendorError {}

export class VendorHttpError extends VendorError {
  constructor(
    operation: string,
    readonly status: number,
    readonly bodyText: string,
    readonly body: unknown,
    detail?: string
  ) {
    super(`${operation}: HTTP ${status}${detail ? ` – ${detail}` : ""}`, operation)
  }
}

export class VendorProtocolError extends VendorError {}

/** True when the outcome of the call is unknown (it may or may not have taken effect). */
export function isAmbiguous(error: unknown): boolean {
  return error instanceof VendorTimeoutError || error instanceof VendorConnectionLostError
}

/**
 * Whether an HTTP status answering a call judges the request itself, so sending it again changes
 * nothing: a 4xx other than the credentials turned away (401, 403), a request timeout (408) or too
 * many requests (429), which all ask to come again.
 */
export function isRequestRefusalStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 408 && status !== 429
}

/**
 * The vendor turned the merchant's credentials away (HTTP 401 or 403: a wrong or rotated key or
 * password, an address not on the key's allow-list): the call was not looked at, so its answer says
 * nothing about the operation, which was not made — and goes through once the settings are right.
 */
export function isCredentialsRefusal(error: unknown): boolean {
  return error instanceof VendorHttpError && (error.status === 401 || error.status === 403)
}
