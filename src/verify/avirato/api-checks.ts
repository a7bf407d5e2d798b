/**
 * Checks of Avirato's Test environment that need no shopper: session create with an Idempotency-Key
 * replay, GET session, and the error codes of the field rules (currency, country, webcode …), all
 * through the plugin's own Avirato client.
 */
import { randomUUID } from "node:crypto"
import type { CreateSessionInput } from "../../lib/avirato/client"
import { AviratoApiError } from "../../lib/avirato/errors"
import { describeError, outcomeOf, type VerifyCheck } from "../check"
import type { VerifyContext } from "../verify-context"

type Check = VerifyCheck<VerifyContext>
const api = "avirato" as const

/** A valid session request; checks change one field to break one rule. */
function sessionInput(context: VerifyContext, overrides: Partial<Record<keyof CreateSessionInput, unknown>> = {}): CreateSessionInput {
  return {
    amount: { value: 1500, currency: "EUR" },
    urlOk: "https://example.org/avirato-verify/ok",
    urlKo: "https://example.org/avirato-verify/ko",
    isPreAuth: false,
    countryCode: "ES",
    shopperLocale: "es-ES",
    description: "Go-live check (no payment)",
    customReference: context.reference("session"),
    ...overrides,
  } as CreateSessionInput
}

const key = (context: VerifyContext, label: string) => context.reference(`${label}-${randomUUID().slice(0, 8)}`)

/** Sends a session request that should be refused; returns what came back. */
async function refusedSession(context: VerifyContext, overrides: Partial<Record<keyof CreateSessionInput, unknown>>, label: string) {
  const result = await outcomeOf(context.avirato().createSession(sessionInput(context, overrides), key(context, label)))
  const error = result.ok ? undefined : result.error
  return {
    is: (status: number, code: number) => error instanceof AviratoApiError && error.status === status && error.code === code,
    seen: result.ok ? `201 (session ${result.value.sessionId} created)` : describeError(error),
  }
}

/** `YYYY-MM-DD HH:mm:ss` wall time → minutes between it and `now` read in `timeZone`. */
function minutesFromWallTime(text: string, timeZone: string, now = new Date()): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text)
  if (!match) return undefined
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((part) => [part.type, part.value])
  )
  const [, y, mo, d, h, mi, s] = match.map(Number)
  const seen = Date.UTC(y, mo - 1, d, h, mi, s)
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
  return Math.round((seen - wall) / 60_000)
}

export const AVIRATO_API_CHECKS: Check[] = [
  {
    assumption: "A1",
    api,
    readOnly: true,
    expected: "a webcode the API key is not bound to: 403 / 11008",
    async run(context, found) {
      const result = await outcomeOf(context.avirato({ webcode: `VERIFY${randomUUID().slice(0, 6).toUpperCase()}` }).getSession(`verify-${randomUUID()}`))
      const error = result.ok ? undefined : result.error
      found.expect(error instanceof AviratoApiError && error.status === 403 && error.code === 11008, result.ok ? "200" : describeError(error))
    },
  },
  {
    assumption: "A4",
    api,
    expected: "same Idempotency-Key + body → the same 201 and session; other body → 409 / 12010; a 65-character key → 400 / 12001",
    async run(context, found) {
      const client = context.avirato()
      const idempotencyKey = key(context, "a4")
      const input = sessionInput(context)
      const first = await client.createSession(input, idempotencyKey)
      const replay = await client.createSession(input, idempotencyKey)
      const statuses = context.exchanges().filter((exchange) => exchange.method === "POST").map((exchange) => exchange.status)
      found.expect(replay.sessionId === first.sessionId, `replay: ${replay.sessionId === first.sessionId ? "the same session" : `a new session ${replay.sessionId}`}`)
      found.expect(statuses.length === 2 && statuses.every((status) => status === 201), `statuses ${statuses.join(", ")}`)
      const changed = await outcomeOf(client.createSession({ ...input, amount: { value: input.amount.value + 100, currency: "EUR" } }, idempotencyKey))
      const conflict = changed.ok ? undefined : changed.error
      found.expect(conflict instanceof AviratoApiError && conflict.status === 409 && conflict.code === 12010, `other body: ${changed.ok ? `201 (${changed.value.sessionId})` : describeError(conflict)}`)
      const long = await outcomeOf(client.createSession(input, "k".repeat(65)))
      const refused = long.ok ? undefined : long.error
      found.expect(refused instanceof AviratoApiError && refused.status === 400 && refused.code === 12001, `65-character key: ${long.ok ? "201" : describeError(refused)}`)
    },
  },
  {
    assumption: "A5",
    api,
    expected: "`countryCode` `es` → 400 / 12006; `ZZ` (unassigned) → 400 / 12009",
    async run(context, found) {
      const lower = await refusedSession(context, { countryCode: "es" }, "a5a")
      found.expect(lower.is(400, 12006), `es: ${lower.seen}`)
      const unassigned = await refusedSession(context, { countryCode: "ZZ" }, "a5b")
      found.expect(unassigned.is(400, 12009), `ZZ: ${unassigned.seen}`)
    },
  },
  {
    assumption: "A6",
    api,
    expected: "currency `eur` (lower case) and `SEK` → 400 / 12001",
    async run(context, found) {
      for (const currency of ["eur", "SEK"]) {
        const result = await refusedSession(context, { amount: { value: 1500, currency } }, `a6-${currency}`)
        found.expect(result.is(400, 12001), `${currency}: ${result.seen}`)
      }
    },
  },
  {
    assumption: "A7",
    api,
    expected: "`amount.value` 0 and 10.5 → 400 / 12001",
    async run(context, found) {
      for (const value of [0, 10.5]) {
        const result = await refusedSession(context, { amount: { value, currency: "EUR" } }, `a7-${value}`)
        found.expect(result.is(400, 12001), `${value}: ${result.seen}`)
      }
    },
  },
  {
    assumption: "A8",
    api,
    expected: "`urlOk` that is not an absolute http(s) URL (`/ok`, `ftp://…`) → 400 / 12001",
    async run(context, found) {
      for (const urlOk of ["/avirato-verify/ok", "ftp://example.org/avirato-verify/ok"]) {
        const result = await refusedSession(context, { urlOk }, "a8")
        found.expect(result.is(400, 12001), `${urlOk}: ${result.seen}`)
      }
    },
  },
  {
    assumption: "A9",
    api,
    expected: "`shopperLocale` that is not BCP-47 (`not a locale`) → 400 / 12001",
    async run(context, found) {
      const result = await refusedSession(context, { shopperLocale: "not a locale" }, "a9")
      found.expect(result.is(400, 12001), result.seen)
    },
  },
  {
    assumption: "A10",
    api,
    expected: "`deliverAt` `15/07/2026` → 400 / 12002; `2026-07-15` accepted and echoed unchanged",
    async run(context, found) {
      const bad = await refusedSession(context, { deliverAt: "15/07/2026" }, "a10a")
      found.expect(bad.is(400, 12002), `15/07/2026: ${bad.seen}`)
      const created = await context.avirato().createSession(sessionInput(context, { deliverAt: "2026-07-15" }), key(context, "a10b"))
      const session = await context.avirato().getSession(created.sessionId)
      found.expect(session.deliverAt === "2026-07-15", `2026-07-15: echoed ${JSON.stringify(session.deliverAt)}`)
    },
  },
  {
    assumption: "A11",
    api,
    expected: "`null` in an optional field is treated as absent (201)",
    async run(context, found) {
      const result = await outcomeOf(context.avirato().createSession(sessionInput(context, { description: null, deliverAt: null }), key(context, "a11")))
      found.expect(result.ok, result.ok ? "201" : describeError(result.error))
    },
  },
  {
    assumption: "A12",
    api,
    expected: "absent optional fields come back as `null` (`description`, `customReference`, `deliverAt`)",
    async run(context, found) {
      const created = await context.avirato().createSession(sessionInput(context, { description: undefined, customReference: undefined }), key(context, "a12"))
      const session = (await context.avirato().getSession(created.sessionId)) as Record<string, unknown>
      for (const field of ["description", "customReference", "deliverAt"]) {
        found.expect(field in session && session[field] === null, `${field}: ${field in session ? JSON.stringify(session[field]) : "absent"}`)
      }
    },
  },
  {
    assumption: "A13",
    api,
    expected: "`createdAt` is Europe/Madrid wall time `YYYY-MM-DD HH:mm:ss`",
    async run(context, found) {
      const created = await context.avirato().createSession(sessionInput(context), key(context, "a13"))
      const createdAt = String(created.createdAt)
      const offset = minutesFromWallTime(createdAt, "Europe/Madrid")
      found.expect(offset !== undefined && Math.abs(offset) <= 5, `${createdAt} (${offset === undefined ? "not YYYY-MM-DD HH:mm:ss" : `${offset} min from Madrid time now`})`)
    },
  },
  {
    assumption: "A14",
    api,
    expected: "Test `sessionId` is `{webcode}-EXTT-` + 14 digits",
    async run(context, found) {
      const { webcode } = context.configured("avirato")
      const created = await context.avirato().createSession(sessionInput(context), key(context, "a14"))
      found.expect(new RegExp(`^${webcode}-EXTT-\\d{14}$`).test(created.sessionId), created.sessionId)
    },
  },
  {
    assumption: "A24",
    api,
    expected: "refund `reason` `OTHER` passes the field rules (an unknown payment → 404 / 10404); `BOGUS` → 400 / 12001",
    async run(context, found) {
      const client = context.avirato()
      const refund = (reason: string) =>
        outcomeOf(client.refund({ paymentReference: `VERIFY${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`, amount: { value: 100, currency: "EUR" }, reason: reason as "OTHER" }, key(context, "a24")))
      const other = await refund("OTHER")
      const otherError = other.ok ? undefined : other.error
      found.expect(otherError instanceof AviratoApiError && otherError.status === 404 && otherError.code === 10404, `OTHER: ${other.ok ? "202" : describeError(otherError)}`)
      const bogus = await refund("BOGUS")
      const bogusError = bogus.ok ? undefined : bogus.error
      found.expect(bogusError instanceof AviratoApiError && bogusError.status === 400 && bogusError.code === 12001, `BOGUS: ${bogus.ok ? "202" : describeError(bogusError)}`)
    },
  },
]
