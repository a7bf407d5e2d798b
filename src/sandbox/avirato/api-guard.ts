import type { AviratoSandboxSettings, SandboxContext, SandboxHandler, SandboxRequest, SandboxResponse } from "../core/types"
import { apiKeyFor, type AviratoEnvironment } from "./environment"
import { AviratoApiError, invalidApiKey, invalidParameter, webcodeMismatch } from "./error-codes"
import { failure } from "./envelope"

/** `X-API-KEY` must be this environment's key (the Live key on Live routes, the Test key on /test/). */
export function requireApiKey(req: SandboxRequest, settings: AviratoSandboxSettings, environment: AviratoEnvironment): void {
  const sent = req.headers["x-api-key"]
  if (typeof sent !== "string" || sent !== apiKeyFor(settings, environment)) throw invalidApiKey()
}

/** A webcode that is present but is not the key's own gives 403/11008; a missing one is left to validation. */
export function requireWebcodeIfPresent(webcode: unknown, settings: AviratoSandboxSettings): void {
  if (typeof webcode === "string" && webcode.length > 0 && webcode !== settings.webcode) throw webcodeMismatch()
}

/** GETs carry the webcode as `?webcode=`. */
export function requireWebcodeQuery(req: SandboxRequest, settings: AviratoSandboxSettings): void {
  const webcode = req.query.get("webcode")
  if (!webcode) throw invalidParameter("webcode query parameter is required")
  requireWebcodeIfPresent(webcode, settings)
}

/** Turns an AviratoApiError thrown by `handler` into the error envelope with a fresh traceId. */
export function aviratoHandler(
  ctx: SandboxContext,
  handler: (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>,
): SandboxHandler {
  return async (req) => {
    try {
      return await handler(req)
    } catch (error) {
      if (error instanceof AviratoApiError) return failure(error, ctx.ids.guid())
      throw error
    }
  }
}
