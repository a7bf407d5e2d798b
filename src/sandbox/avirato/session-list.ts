import { z } from "zod"
import type { SandboxRequest } from "../core/types"
import { AviratoErrorCode } from "./error-codes"
import type { AviratoSession, SessionStatus } from "./model"
import { validate } from "./request-validation"
import { isIso8601 } from "./schemas"

/**
 * GET payment/sessions — listing sessions "with filters and pagination". Avirato's path, filters and
 * page shape are not documented; the sandbox serves the assumed form (docs/sandbox-avirato.md):
 * `?webcode=&status=&from=&to=&page=&limit=`, `from`/`to` ISO 8601 instants bounding `createdAt`
 * (both inclusive), pages numbered from 1, oldest session first, answered as
 * `{ items, page, limit, total }` with each item shaped like GET payment/session's `data`.
 */

const SESSION_STATUSES: readonly SessionStatus[] = ["pending", "completed", "cancelled", "failed", "expired"]

export const DEFAULT_LIST_LIMIT = 20
export const MAX_LIST_LIMIT = 100

const instant = (field: "from" | "to") =>
  z
    .string()
    .refine((value) => isIso8601(value) && !Number.isNaN(Date.parse(value)), {
      message: `${field} must be an ISO 8601 date`,
      // A bad date is 12002, as for `deliverAt`; every other bad filter 12001.
      params: { aviratoCode: AviratoErrorCode.INVALID_DATE },
    })
    .transform((value) => new Date(value))

const positiveInteger = (field: string, max?: number) =>
  z
    .string()
    .regex(/^\d+$/, `${field} must be a positive integer`)
    .transform(Number)
    .refine((n) => n >= 1 && (max === undefined || n <= max), max ? `${field} must be between 1 and ${max}` : `${field} must be at least 1`)

const listQuerySchema = z.object({
  status: z.enum(SESSION_STATUSES as [SessionStatus, ...SessionStatus[]], `status must be one of ${SESSION_STATUSES.join(", ")}`).optional(),
  from: instant("from").optional(),
  to: instant("to").optional(),
  page: positiveInteger("page").optional(),
  limit: positiveInteger("limit", MAX_LIST_LIMIT).optional(),
})

export interface SessionListQuery {
  status?: SessionStatus
  from?: Date
  to?: Date
  page: number
  limit: number
}

/** The filters of a list request, or the Avirato error (400, 12001/12002) naming the bad one. */
export function parseSessionListQuery(req: Pick<SandboxRequest, "query">): SessionListQuery {
  const raw = Object.fromEntries(["status", "from", "to", "page", "limit"].flatMap((name) => {
    const value = req.query.get(name)
    return value === null || value === "" ? [] : [[name, value]]
  }))
  const parsed = validate(listQuerySchema, raw)
  return { ...parsed, page: parsed.page ?? 1, limit: parsed.limit ?? DEFAULT_LIST_LIMIT }
}

/** One page of the sessions matching `query`, oldest first (ties broken by id, so pages never overlap). */
export function pageOfSessions(sessions: Iterable<AviratoSession>, query: SessionListQuery): { items: AviratoSession[]; total: number } {
  const matching = [...sessions]
    .filter((s) => (!query.status || s.status === query.status) && (!query.from || s.createdAt >= query.from) && (!query.to || s.createdAt <= query.to))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.sessionId.localeCompare(b.sessionId))
  const start = (query.page - 1) * query.limit
  return { items: matching.slice(start, start + query.limit), total: matching.length }
}
