import type { IncomingHttpHeaders } from "node:http"

export interface ParsedBody {
  body: unknown
  bodyError?: string
}

function mediaType(headers: IncomingHttpHeaders): string {
  return (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase()
}

/** Form fields: a repeated field becomes an array of its values. */
function parseForm(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = fields[key]
    if (existing === undefined) fields[key] = value
    else fields[key] = Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return fields
}

/**
 * JSON for `application/json` and any `+json` type (json-patch+json, problem+json), form fields
 * for `application/x-www-form-urlencoded`; other types are left to the handler (rawBody).
 */
export function parseBody(rawBody: Buffer, headers: IncomingHttpHeaders): ParsedBody {
  if (rawBody.length === 0) return { body: undefined }
  const type = mediaType(headers)
  const text = rawBody.toString("utf8")
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      return { body: JSON.parse(text) }
    } catch (error) {
      return { body: undefined, bodyError: `Invalid JSON body: ${(error as Error).message}` }
    }
  }
  if (type === "application/x-www-form-urlencoded") return { body: parseForm(text) }
  return { body: undefined }
}
