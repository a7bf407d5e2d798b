import type { SandboxResponse } from "../../core/types"

const JSON_UTF8 = { "content-type": "application/json; charset=utf-8" }

export function jsonResponse(status: number, body: unknown): SandboxResponse {
  return { status, headers: JSON_UTF8, body }
}

/** 200 with an empty body (order-management and commerce calls). */
export function emptyOk(): SandboxResponse {
  return { status: 200 }
}
