import { isAmbiguous, VendorHttpError, VendorProtocolError } from "../../http/errors"

export interface AvardaErrorEntry {
  code?: string
  message?: string
}

/**
 * A refused order-management call (`/order`, `/return`, `/cancel`): HTTP 4xx with Avarda's error
 * list. The message carries Avarda's codes and texts (they hold no personal data).
 */
export class AvardaOrderManagementError extends VendorHttpError {
  constructor(operation: string, status: number, bodyText: string, body: unknown, readonly errors: AvardaErrorEntry[]) {
    super(
      operation,
      status,
      bodyText,
      body,
      errors.length ? errors.map((e) => `${e.code ?? "?"} ${e.message ?? ""}`.trim()).join("; ") : undefined
    )
  }

  hasCode(code: string): boolean {
    return this.errors.some((e) => e.code === code)
  }

  mentions(pattern: RegExp): boolean {
    return this.errors.some((e) => pattern.test(e.message ?? ""))
  }
}

/** No answer, a lost connection, an unreadable answer or a server error: the call may have been applied. */
export function refundOutcomeUnknown(error: unknown): boolean {
  return isAmbiguous(error) || error instanceof VendorProtocolError || (error instanceof VendorHttpError && error.status >= 500)
}
