/**
 * The one shape every plugin route answers malformed input with (400), before anything is looked
 * up: `{ type: "invalid_data", message, errors: [{ field, message }] }`, `field` naming the path
 * parameter, query parameter or body field (dotted for nested body fields).
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { z } from "zod"
import type { StoreFieldError, StoreInvalidDataError } from "../../types/store"

export type FieldError = StoreFieldError

export function fieldErrorsOf(error: z.ZodError, fallbackField = "(body)"): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || fallbackField, message: issue.message }))
}

export function invalidDataBody(errors: FieldError[], prefix = ""): StoreInvalidDataError {
  return { type: "invalid_data", message: `${prefix}${errors.map((e) => `${e.field} ${e.message}`).join("; ")}`, errors }
}

export function respondInvalidData(res: MedusaResponse, errors: FieldError[], prefix = ""): void {
  res.status(400).json(invalidDataBody(errors, prefix))
}

/**
 * Parses `value` with `schema`; on failure answers 400 and returns undefined (the caller stops).
 * `fallbackField` names the input when the problem is not about one field (e.g. a body that is not an object).
 */
export function parseOrRespond<S extends z.ZodType>(schema: S, value: unknown, res: MedusaResponse, fallbackField = "(body)"): z.output<S> | undefined {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  respondInvalidData(res, fieldErrorsOf(parsed.error, fallbackField))
  return undefined
}

export interface RequestSchemas {
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
}

/**
 * A middleware checking a route's path parameters, query and body before its handler (or any
 * other middleware of the plugin) touches them. It only checks: handlers keep reading `req`.
 */
export function validateRequest(schemas: RequestSchemas) {
  return function validateRequestInput(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction): void {
    const errors: FieldError[] = []
    for (const [part, schema, fallback] of [
      ["params", schemas.params, "(path)"],
      ["query", schemas.query, "(query)"],
      ["body", schemas.body, "(body)"],
    ] as const) {
      if (!schema) continue
      const parsed = schema.safeParse(part === "body" ? (req.body ?? {}) : req[part] ?? {})
      if (!parsed.success) errors.push(...fieldErrorsOf(parsed.error, fallback))
    }
    if (errors.length) return respondInvalidData(res, errors)
    next()
  }
}
