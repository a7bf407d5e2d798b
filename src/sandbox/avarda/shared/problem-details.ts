/** RFC 9457 problem documents as ASP.NET Core writes them (ProblemDetails / ValidationProblemDetails). */
import { randomBytes } from "node:crypto"
import type { SandboxResponse } from "../../core/types"

const PROBLEM_TYPES: Record<number, string> = {
  400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
  401: "https://tools.ietf.org/html/rfc9110#section-15.5.2",
  403: "https://tools.ietf.org/html/rfc9110#section-15.5.4",
  404: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
  409: "https://tools.ietf.org/html/rfc9110#section-15.5.10",
  415: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
  500: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  415: "Unsupported Media Type",
  500: "An error occurred while processing your request.",
}

/** W3C trace-context id, the form ASP.NET puts into `traceId`. */
export function newTraceId(): string {
  return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`
}

const PROBLEM_JSON = { "content-type": "application/problem+json; charset=utf-8" }

export function validationProblem(errors: Record<string, string[]>): SandboxResponse {
  return {
    status: 400,
    headers: PROBLEM_JSON,
    body: {
      type: PROBLEM_TYPES[400],
      title: "One or more validation errors occurred.",
      status: 400,
      errors,
      traceId: newTraceId(),
    },
  }
}

export function problem(status: number, detail?: string): SandboxResponse {
  return {
    status,
    headers: PROBLEM_JSON,
    body: {
      type: PROBLEM_TYPES[status] ?? PROBLEM_TYPES[400],
      title: TITLES[status] ?? "Error",
      status,
      ...(detail === undefined ? {} : { detail }),
      traceId: newTraceId(),
    },
  }
}

/** 400 naming every empty required body field (model-state key → value), as ASP.NET's [Required] answers. */
export function missingFieldsProblem(fields: Record<string, string | undefined>): SandboxResponse | undefined {
  const errors: Record<string, string[]> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (!value) errors[key] = [`The ${key} field is required.`]
  }
  return Object.keys(errors).length > 0 ? validationProblem(errors) : undefined
}
