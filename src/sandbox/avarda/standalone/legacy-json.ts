/** Reads a CheckOut2Api JSON body the way the legacy ASP.NET Web API does (lenient media type). */
import type { z } from "zod"
import type { SandboxRequest, SandboxResponse } from "../../core/types"
import { canonicalizeKeys, TYPE_ERROR_PREFIX } from "../shared/dotnet-json"
import { JsonSyntaxError, parseLosslessJson, type LosslessJson } from "../shared/lossless-json"
import { jsonResponse } from "../shared/responses"

/** Web API's 400 for a body it cannot bind: `{Message, ModelState}`. */
function invalidRequest(modelState: Record<string, string[]>): SandboxResponse {
  return jsonResponse(400, { Message: "The request is invalid.", ModelState: modelState })
}

export function readLegacyJson<S extends z.ZodTypeAny>(
  req: SandboxRequest,
  schema: S,
  knownKeys: readonly string[],
): { ok: true; value: z.output<S> } | { ok: false; response: SandboxResponse } {
  const text = req.rawBody.toString("utf8").trim()
  let raw: LosslessJson = {}
  if (text.length > 0) {
    try {
      raw = parseLosslessJson(text)
    } catch (error) {
      const position = error instanceof JsonSyntaxError ? error.position : 0
      return { ok: false, response: invalidRequest({ request: [`Unexpected character encountered while parsing value. Position ${position}.`] }) }
    }
  }
  const parsed = schema.safeParse(canonicalizeKeys(raw, knownKeys))
  if (!parsed.success) {
    const modelState: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("")
      const key = `request${path}`
      const type = issue.message.startsWith(TYPE_ERROR_PREFIX) ? issue.message.slice(TYPE_ERROR_PREFIX.length) : "value"
      ;(modelState[key] ??= []).push(`Error converting value to type '${type}'. Path '${path.replace(/^\./, "")}'.`)
    }
    return { ok: false, response: invalidRequest(modelState) }
  }
  return { ok: true, value: parsed.data }
}
