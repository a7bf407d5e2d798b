/**
 * Reads a JSON request body like an ASP.NET Core API: media type check, lossless parse,
 * case-insensitive keys, then a zod shape whose mismatches become deserialization errors.
 */
import type { z } from "zod"
import type { SandboxRequest, SandboxResponse } from "../../core/types"
import { canonicalizeKeys, TYPE_ERROR_PREFIX } from "./dotnet-json"
import { JsonSyntaxError, parseLosslessJson, type LosslessJson } from "./lossless-json"
import { problem, validationProblem } from "./problem-details"
import { jsonPath, modelStateKey } from "./validation-errors"

export type JsonRequestResult<T> = { ok: true; value: T; raw: LosslessJson } | { ok: false; response: SandboxResponse }

export function isJsonMediaType(req: SandboxRequest): boolean {
  const type = String(req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()
  return type === "application/json" || type.endsWith("+json")
}

/** zod issues of a shape check → ASP.NET `errors` map. */
export function issuesToErrors(issues: ReadonlyArray<z.core.$ZodIssue>): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  for (const issue of issues) {
    let key: string
    let message: string
    if (issue.message.startsWith(TYPE_ERROR_PREFIX)) {
      key = jsonPath(issue.path)
      message = `The JSON value could not be converted to ${issue.message.slice(TYPE_ERROR_PREFIX.length)}. Path: ${key}.`
    } else {
      key = modelStateKey(issue.path)
      message = issue.message
    }
    ;(errors[key] ??= []).push(message)
  }
  return errors
}

export function readDotnetJson<S extends z.ZodTypeAny>(
  req: SandboxRequest,
  schema: S,
  knownKeys: readonly string[],
): JsonRequestResult<z.output<S>> {
  if (req.rawBody.length === 0) {
    return { ok: false, response: validationProblem({ "": ["A non-empty request body is required."] }) }
  }
  if (!isJsonMediaType(req)) return { ok: false, response: problem(415) }
  let raw: LosslessJson
  try {
    raw = parseLosslessJson(req.rawBody.toString("utf8"))
  } catch (error) {
    const position = error instanceof JsonSyntaxError ? error.position : 0
    return {
      ok: false,
      response: validationProblem({
        $: [`The request body is not valid JSON. Path: $ | BytePositionInLine: ${position}.`],
      }),
    }
  }
  const canonical = canonicalizeKeys(raw, knownKeys)
  const parsed = schema.safeParse(canonical)
  if (!parsed.success) return { ok: false, response: validationProblem(issuesToErrors(parsed.error.issues)) }
  return { ok: true, value: parsed.data, raw: canonical }
}
