import type { z } from "zod"
import type { SandboxRequest } from "../core/types"
import { AviratoApiError, AviratoErrorCode, invalidParameter } from "./error-codes"
import { FIELD_ERROR_CODES } from "./schemas"

/** A rule's own code (`params.aviratoCode`), else its field's code, else 12001. */
function issueCode(issue: z.core.$ZodIssue): number {
  const params = (issue as { params?: { aviratoCode?: unknown } }).params
  if (typeof params?.aviratoCode === "number") return params.aviratoCode
  return FIELD_ERROR_CODES[String(issue.path[0])] ?? AviratoErrorCode.INVALID_PARAMETER
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const field = issue.path.join(".")
  // zod's own messages for missing/mistyped fields do not name the field
  if (issue.code === "invalid_type" && field && !issue.message.includes(field)) return `${field} is required or has the wrong type`
  return issue.message
}

/** The JSON object of a POST, or a 12001 when it is missing, not JSON, or not an object. */
export function jsonObjectBody(req: SandboxRequest): Record<string, unknown> {
  if (req.bodyError) throw invalidParameter("Request body is not valid JSON")
  if (req.body === undefined) {
    throw invalidParameter(
      req.rawBody.length > 0 ? "Content-Type must be application/json" : "Request body is required",
    )
  }
  if (req.body === null || typeof req.body !== "object" || Array.isArray(req.body)) {
    throw invalidParameter("Request body must be a JSON object")
  }
  return req.body as Record<string, unknown>
}

/** Parse with a zod schema; the first failed rule becomes Avirato's error (code from the rule). */
export function validate<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new AviratoApiError(400, issueCode(issue), issueMessage(issue))
}
