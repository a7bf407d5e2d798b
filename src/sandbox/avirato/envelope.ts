import type { SandboxResponse } from "../core/types"
import { AviratoApiError } from "./error-codes"

/** `{ success: true, data }` */
export function success(status: number, data: unknown): SandboxResponse {
  return { status, body: { success: true, data } }
}

/** `{ success: false, error: { message, code, statusCode, traceId } }` */
export function failure(error: AviratoApiError, traceId: string): SandboxResponse {
  return {
    status: error.statusCode,
    body: { success: false, error: { message: error.message, code: error.code, statusCode: error.statusCode, traceId } },
  }
}
