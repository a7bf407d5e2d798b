/**
 * Checks judged on the interactive scenario (hosted-page payments, modifications and webhooks). They
 * run only with `--interactive`; with no webhook received at all they are unreachable (the webhook URL
 * is not registered or not reachable), while a single missing or different webhook contradicts.
 */
import { verifyReturnToken } from "../../lib/avirato/return-token"
import { verifyWebhookSignature } from "../../lib/avirato/webhook-signature"
import { Unreachable, type Findings, type VerifyCheck } from "../check"
import type { VerifyContext } from "../verify-context"
import { receivedEvents, runHostedPaymentScenario, type ModificationRecord, type PaymentLabel, type ScenarioRecord } from "./hosted-payment-scenario"

type Check = VerifyCheck<VerifyContext>
const api = "avirato" as const

function scenario(context: VerifyContext): Promise<ScenarioRecord> {
  return context.once("avirato.hosted-payments", "the hosted-page payments", () => {
    if (!context.interactive) throw new Unreachable("needs --interactive")
    return runHostedPaymentScenario(context, context.interactive)
  })
}

/** The record of a scenario step; unreachable when no webhook arrived at all. */
function step(record: ScenarioRecord, payment: PaymentLabel, name: string): ModificationRecord {
  if (record.deliveries.length === 0) throw new Unreachable("no webhook reached the listener: register its URL as Avirato's Test webhook URL (or pass --public-url)")
  const found = record.modifications.find((modification) => modification.payment === payment && modification.step === name)
  if (!found) throw new Unreachable(`step ${payment} ${name} did not run`)
  return found
}

/** The webhook of a step has `eventCode` and (raw) `success`. */
function expectEvent(found: Findings, modification: ModificationRecord, eventCode: string, success: boolean): void {
  const label = `${modification.payment} ${modification.step}`
  if (modification.error) return found.expect(false, `${label}: refused at once (${modification.error})`)
  const event = modification.event
  if (!event) return found.expect(false, `${label}: no webhook`)
  const raw = rawSuccess(event.delivery.rawBody)
  found.expect(event.eventCode === eventCode && raw === success, `${label}: ${event.eventCode} success ${String(raw)}`)
}

function rawBody(text: string): Record<string, unknown> {
  try {
    const body = JSON.parse(text) as unknown
    return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function rawSuccess(text: string): unknown {
  const body = rawBody(text)
  return body.success ?? (body.data as Record<string, unknown> | undefined)?.success
}

const PAYMENT_STATUSES = ["AUTHORISED", "REFUSED", "ERROR", "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED", "CANCELLED"]

/** A check judged by the webhooks of scenario steps: each step's event code and `success`. */
function webhookOutcomeCheck(
  assumption: Check["assumption"],
  expected: string,
  steps: ReadonlyArray<readonly [PaymentLabel, string, string, boolean]>
): Check {
  return {
    assumption,
    api,
    interactive: true,
    expected,
    async run(context, found) {
      const record = await scenario(context)
      for (const [payment, name, eventCode, success] of steps) expectEvent(found, step(record, payment, name), eventCode, success)
    },
  }
}

export const HOSTED_PAYMENT_CHECKS: Check[] = [
  {
    assumption: "A18",
    api,
    interactive: true,
    expected: "urlOk `data` JWT: HS256 with the client secret; claims sessionId, paymentReference, customReference, amount, status, paymentStatus, isPreAuth, iat; exp = iat + 900",
    async run(context, found) {
      const record = await scenario(context)
      const returned = Object.values(record.payments).filter((payment) => record.returns.some((r) => r.payment === payment.label && r.data))
      if (returned.length === 0) throw new Unreachable("the browser never came back to the command's return URL (pay on this machine, or pass --public-url)")
      for (const payment of returned) {
        const token = record.returns.find((r) => r.payment === payment.label && r.data)!.data!
        const verified = await verifyReturnToken(token, record.secrets, { sessionId: payment.sessionId, amount: payment.amount })
        if (!verified.valid) {
          found.expect(false, `${payment.label}: ${verified.reason}`)
          continue
        }
        const claims = verified.claims.raw
        const names = ["sessionId", "paymentReference", "customReference", "amount", "status", "paymentStatus", "isPreAuth", "iat", "exp"]
        const missing = names.filter((name) => !(name in claims))
        found.expect(missing.length === 0, `${payment.label}: ${missing.length ? `missing ${missing.join(", ")}` : "all claims"}`)
        found.expect(Number(claims.exp) - Number(claims.iat) === 900, `${payment.label}: exp − iat = ${Number(claims.exp) - Number(claims.iat)} s`)
      }
    },
  },
  {
    assumption: "A19",
    api,
    interactive: true,
    expected: "GET session after payment: status `completed`, paymentStatus `AUTHORISED`, attempts `authorised`",
    async run(context, found) {
      const record = await scenario(context)
      for (const payment of Object.values(record.payments)) {
        const attempts = (payment.session.attempts ?? []).map((attempt) => attempt.status)
        found.expect(
          payment.session.status === "completed" && payment.session.paymentStatus === "AUTHORISED" && attempts.length > 0 && attempts.every((s) => s === "authorised"),
          `${payment.label}: ${payment.session.status} / ${String(payment.session.paymentStatus)} / attempts ${attempts.join(",") || "none"}`
        )
      }
    },
  },
  {
    assumption: "A20",
    api,
    interactive: true,
    expected: "GET session after a capture and a refund still says paymentStatus `AUTHORISED` (frozen once completed)",
    async run(context, found) {
      const session = (await scenario(context)).sessionAfterModifications
      if (!session) throw new Unreachable("P1 could not be read after its modifications")
      found.expect(session.status === "completed" && session.paymentStatus === "AUTHORISED", `P1: ${session.status} / ${String(session.paymentStatus)}`)
    },
  },
  {
    assumption: "A22",
    api,
    interactive: true,
    expected: "202 body `{modificationReference, paymentReference, type, status: \"received\", createdAt}`",
    async run(context, found) {
      const record = await scenario(context)
      for (const modification of record.modifications) {
        const body = modification.accepted as Record<string, unknown> | undefined
        if (!body) {
          found.expect(false, `${modification.payment} ${modification.step}: ${modification.error ?? "no answer"}`)
          continue
        }
        const shaped =
          typeof body.modificationReference === "string" &&
          body.paymentReference === record.payments[modification.payment].paymentReference &&
          body.type === modification.type &&
          body.status === "received" &&
          typeof body.createdAt === "string"
        found.expect(shaped, `${modification.payment} ${modification.step}: ${JSON.stringify({ type: body.type, status: body.status, modificationReference: typeof body.modificationReference })}`)
      }
    },
  },
  webhookOutcomeCheck("A23", "a refund sent right after a capture's 202 (before its webhook) succeeds: `REFUND`", [["P1", "refund-after-capture", "REFUND", true]]),
  webhookOutcomeCheck("A25", "two partial refunds succeed (`REFUND`); one above captured − refunded: 202, then `REFUND_FAILED`", [
    ["P3", "refund-1", "REFUND", true],
    ["P3", "refund-2", "REFUND", true],
    ["P3", "over-refund", "REFUND_FAILED", false],
  ]),
  webhookOutcomeCheck("A26", "a partial capture succeeds (`CAPTURE`); a second capture, and capturing an auto-captured payment: 202, then `CAPTURE_FAILED`", [
    ["P1", "capture", "CAPTURE", true],
    ["P1", "capture-again", "CAPTURE_FAILED", false],
    ["P3", "capture-auto-captured", "CAPTURE_FAILED", false],
  ]),
  webhookOutcomeCheck("A27", "cancel of an uncaptured pre-auth: `CANCELLATION` success true; after a capture: `CANCELLATION` success false", [
    ["P2", "cancel", "CANCELLATION", true],
    ["P1", "cancel-after-capture", "CANCELLATION", false],
  ]),
  webhookOutcomeCheck("A28", "extend of a pre-auth (no amount): `AUTHORISATION_ADJUSTMENT` success true", [["P1", "extend", "AUTHORISATION_ADJUSTMENT", true]]),
  {
    assumption: "A29",
    api,
    interactive: true,
    expected: "an auto-capture payment is refundable at once and gets no `CAPTURE` webhook",
    async run(context, found) {
      const record = await scenario(context)
      const refund = step(record, "P3", "refund-1")
      expectEvent(found, refund, "REFUND", true)
      const captures = receivedEvents(record.deliveries).filter((event) => event.paymentReference === record.payments.P3.paymentReference && event.eventCode === "CAPTURE")
      found.expect(captures.length === 0, `P3: ${captures.length} CAPTURE webhook(s)`)
    },
  },
  {
    assumption: "A30",
    api,
    interactive: true,
    expected: "webhook body `{eventId, event_code, success, createdAt, webcode, data: {sessionId, paymentReference, customReference, amount, paymentStatus, isPreAuth, modificationReference?}}`",
    async run(context, found) {
      const record = await scenario(context)
      if (record.deliveries.length === 0) throw new Unreachable("no webhook reached the listener")
      const problems = new Map<string, number>()
      for (const delivery of record.deliveries) {
        const body = rawBody(delivery.rawBody)
        const data = (body.data ?? {}) as Record<string, unknown>
        const amount = data.amount as Record<string, unknown> | undefined
        const missing = [
          typeof body.eventId === "string" ? undefined : "eventId",
          typeof body.event_code === "string" ? undefined : "event_code",
          typeof body.success === "boolean" ? undefined : "success",
          typeof body.createdAt === "string" ? undefined : "createdAt",
          typeof body.webcode === "string" ? undefined : "webcode",
          typeof data.isPreAuth === "boolean" ? undefined : "data.isPreAuth",
          ...["sessionId", "paymentReference", "customReference", "paymentStatus"].map((name) => (typeof data[name] === "string" ? undefined : `data.${name}`)),
          Number.isInteger(amount?.value) && typeof amount?.currency === "string" ? undefined : "data.amount",
          body.event_code !== "AUTHORISATION" && typeof data.modificationReference !== "string" ? "data.modificationReference" : undefined,
        ].filter((name): name is string => !!name)
        for (const name of missing) problems.set(name, (problems.get(name) ?? 0) + 1)
      }
      const codes = [...new Set(receivedEvents(record.deliveries).map((event) => event.eventCode))]
      found.expect(problems.size === 0, `${record.deliveries.length} deliveries (${codes.join(", ")})${problems.size ? `; missing ${[...problems].map(([name, n]) => `${name} ×${n}`).join(", ")}` : ""}`)
      if (record.retry?.redelivered) {
        const [first, again] = [rawBody(record.retry.refused.rawBody).eventId, rawBody(record.retry.redelivered.rawBody).eventId]
        found.expect(first !== undefined && first === again, `redelivery eventId ${first === again ? "repeated" : "changed"}`)
      }
    },
  },
  {
    assumption: "A31",
    api,
    interactive: true,
    expected: "`data.paymentStatus` is the payment after the event: AUTHORISED, CAPTURED, PARTIALLY_REFUNDED, CANCELLED … (Adyen-style set)",
    async run(context, found) {
      const record = await scenario(context)
      const events = receivedEvents(record.deliveries)
      if (events.length === 0) throw new Unreachable("no webhook reached the listener")
      const unknown = events.filter((event) => !PAYMENT_STATUSES.includes(event.paymentStatus ?? ""))
      found.expect(unknown.length === 0, unknown.length ? `unknown: ${[...new Set(unknown.map((event) => String(event.paymentStatus)))].join(", ")}` : "every status in the set")
      const expectStatus = (payment: PaymentLabel, name: string, status: string) => {
        const event = step(record, payment, name).event
        found.expect(event?.paymentStatus === status, `${payment} ${name}: ${event ? String(event.paymentStatus) : "no webhook"}`)
      }
      const authorisations = events.filter((event) => event.eventCode === "AUTHORISATION")
      found.expect(authorisations.length > 0 && authorisations.every((event) => event.paymentStatus === "AUTHORISED"), `AUTHORISATION: ${[...new Set(authorisations.map((e) => String(e.paymentStatus)))].join(", ") || "none"}`)
      expectStatus("P1", "capture", "CAPTURED")
      expectStatus("P3", "refund-1", "PARTIALLY_REFUNDED")
      expectStatus("P2", "cancel", "CANCELLED")
    },
  },
  {
    assumption: "A32",
    api,
    interactive: true,
    expected: "`success: false` on `CAPTURE_FAILED` and `REFUND_FAILED`",
    async run(context, found) {
      const record = await scenario(context)
      if (record.deliveries.length === 0) throw new Unreachable("no webhook reached the listener")
      const failures = record.deliveries.filter((delivery) => /_FAILED$/.test(String(rawBody(delivery.rawBody).event_code ?? "")))
      found.expect(failures.length > 0, `${failures.length} *_FAILED webhook(s)`)
      for (const delivery of failures) found.expect(rawSuccess(delivery.rawBody) === false, `${String(rawBody(delivery.rawBody).event_code)}: success ${String(rawSuccess(delivery.rawBody))}`)
    },
  },
  {
    assumption: "A33",
    api,
    interactive: true,
    expected: "Test webhooks are signed (HMAC-SHA256 with the Test client secret), every attempt within ±300 s of its timestamp",
    async run(context, found) {
      const record = await scenario(context)
      if (record.deliveries.length === 0) throw new Unreachable("no webhook reached the listener")
      const results = record.deliveries.map((delivery) =>
        verifyWebhookSignature({ rawBody: delivery.rawBody, signatureHeader: delivery.signature, timestampHeader: delivery.timestamp, secrets: record.secrets, now: Math.floor(delivery.receivedAt / 1000) })
      )
      const invalid = results.filter((result) => !result.valid).map((result) => (result.valid ? "" : result.reason))
      found.expect(invalid.length === 0, `${results.length - invalid.length}/${results.length} valid${invalid.length ? ` (${[...new Set(invalid)].join(", ")})` : ""}`)
    },
  },
  {
    assumption: "A34",
    api,
    interactive: true,
    expected: "a webhook answered 503 is delivered again (2xx = delivered)",
    async run(context, found) {
      const record = await scenario(context)
      if (!record.retry) throw new Unreachable("no webhook reached the listener")
      const { refused, redelivered } = record.retry
      // A retry later than the wait is neither seen nor ruled out.
      if (!redelivered) throw new Unreachable(`the webhook answered 503 was not delivered again within ${Math.round(context.settings.webhookWaitMs / 1000)} s (--webhook-wait)`)
      found.expect(true, `redelivered after ${Math.round((redelivered.receivedAt - refused.receivedAt) / 100) / 10} s`)
    },
  },
]
