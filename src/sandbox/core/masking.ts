import type { IncomingHttpHeaders } from "node:http"

const SECRET_HEADERS = new Set(["authorization", "x-api-key", "proxy-authorization", "cookie"])
/** Body fields that carry credentials or card secrets (Avarda token requests, Avirato page form). */
const SECRET_FIELD = /secret|password|^cvc$|^cvv$/i
const CARD_NUMBER_FIELD = /^card_?number$/i

function maskHeaderValue(name: string, value: string): string {
  if (name === "authorization" || name === "proxy-authorization") {
    const [scheme] = value.split(" ")
    return value.includes(" ") ? `${scheme} ****` : "****"
  }
  return "****"
}

export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const masked: Record<string, string> = {}
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue
    const value = Array.isArray(raw) ? raw.join(", ") : String(raw)
    masked[name] = SECRET_HEADERS.has(name.toLowerCase()) ? maskHeaderValue(name.toLowerCase(), value) : value
  }
  return masked
}

/** A copy of a parsed body with secret fields masked and card numbers cut to their last 4 digits. */
export function maskBody(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(maskBody)
  if (body === null || typeof body !== "object") return body
  const masked: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (SECRET_FIELD.test(key) && value !== undefined && value !== null) masked[key] = "****"
    else if (CARD_NUMBER_FIELD.test(key) && typeof value === "string") masked[key] = `****${value.replace(/\D/g, "").slice(-4)}`
    else masked[key] = maskBody(value)
  }
  return masked
}
