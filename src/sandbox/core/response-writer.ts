import type { ServerResponse } from "node:http"
import type { SandboxResponse } from "./types"

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name)
}

/** The bytes and headers a SandboxResponse turns into (JSON unless the body is a string/Buffer). */
export function serialiseResponse(response: SandboxResponse): { headers: Record<string, string>; payload?: Buffer } {
  const headers = { ...(response.headers ?? {}) }
  const { body } = response
  if (body === undefined) return { headers }
  if (Buffer.isBuffer(body)) return { headers, payload: body }
  if (typeof body === "string") {
    if (!hasHeader(headers, "content-type")) headers["content-type"] = "text/plain; charset=utf-8"
    return { headers, payload: Buffer.from(body, "utf8") }
  }
  if (!hasHeader(headers, "content-type")) headers["content-type"] = "application/json; charset=utf-8"
  return { headers, payload: Buffer.from(JSON.stringify(body), "utf8") }
}

export function writeResponse(res: ServerResponse, response: SandboxResponse, headOnly = false): void {
  const { headers, payload } = serialiseResponse(response)
  headers["content-length"] = String(payload?.length ?? 0)
  res.writeHead(response.status, headers)
  res.end(headOnly ? undefined : payload)
}
