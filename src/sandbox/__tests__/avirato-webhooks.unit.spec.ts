import { createHmac } from "node:crypto"
import { createClock } from "../core/clock"
import { createIdGenerator } from "../core/ids"
import { resolveSandboxOptions } from "../core/options"
import type { OutboundDelivery, SandboxContext } from "../core/types"
import { WebhookDispatcher } from "../avirato/webhook-dispatcher"
import { signWebhookPayload, webhookSignatureHeaders } from "../avirato/webhook-signature"
import { WebhookReceiver, createSession, startAviratoSandbox, useAviratoSandbox, useWebhookReceiver } from "./avirato-test-helpers"

/** Computed once with: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test' */
const OPENSSL_VECTOR = "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"
/** printf '%s' '1719500000.{"eventId":"evt_1","event_code":"AUTHORISATION","success":true}' | openssl dgst -sha256 -hmac 'sandbox_test_client_secret' */
const OPENSSL_VECTOR_DEFAULT_TEST_SECRET = "f39826e6f3f032baea1b7ad8f68eedb806c2dcbe3befae7865cc265fa32bd161"

const SIGNATURE_FORMAT = /^t=(\d+),v1=([a-f0-9]+)$/

describe("Avirato webhook signature", () => {
  it("matches a vector computed independently with openssl", () => {
    expect(signWebhookPayload("whsec_test", 1700000000, '{"a":1}')).toBe(OPENSSL_VECTOR)
    expect(
      signWebhookPayload("sandbox_test_client_secret", 1719500000, '{"eventId":"evt_1","event_code":"AUTHORISATION","success":true}'),
    ).toBe(OPENSSL_VECTOR_DEFAULT_TEST_SECRET)
  })

  it("builds X-Avirato-Timestamp and X-Avirato-Signature: t=<ts>,v1=<hex>", () => {
    expect(webhookSignatureHeaders("whsec_test", 1700000000, '{"a":1}')).toEqual({
      "X-Avirato-Timestamp": "1700000000",
      "X-Avirato-Signature": `t=1700000000,v1=${OPENSSL_VECTOR}`,
    })
  })
})

describe("Avirato sandbox: webhook delivery", () => {
  const sandbox = useAviratoSandbox()
  const receiver = useWebhookReceiver(sandbox, ["test"])

  const paySession = async (overrides: Record<string, unknown> = {}, holderName = "Test User") => {
    const { sessionId } = await createSession(sandbox, "test", overrides)
    await sandbox.avirato.pay(sessionId, { holderName })
    return sessionId
  }

  it("POSTs the documented body with a signature a receiver can verify (raw body, Test secret)", async () => {
    const sessionId = await paySession({ customReference: "ORD-2026-12345" })
    await sandbox.avirato.webhooksIdle()
    expect(receiver.received).toHaveLength(1)
    const [webhook] = receiver.received
    expect(webhook.headers["content-type"]).toBe("application/json")
    const timestamp = webhook.headers["x-avirato-timestamp"] as string
    const match = SIGNATURE_FORMAT.exec(webhook.headers["x-avirato-signature"] as string)
    expect(match?.[1]).toBe(timestamp)
    const expected = createHmac("sha256", sandbox.settings.avirato.testClientSecret).update(`${timestamp}.${webhook.rawBody}`).digest("hex")
    expect(match?.[2]).toBe(expected)
    expect(Math.abs(Number(timestamp) - Math.floor(sandbox.clock.now().getTime() / 1000))).toBeLessThanOrEqual(1)
    expect(Object.keys(webhook.body)).toEqual(["eventId", "event_code", "success", "createdAt", "webcode", "data"])
    expect(webhook.body).toEqual({
      eventId: expect.stringMatching(/^evt_/),
      event_code: "AUTHORISATION",
      success: true,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      webcode: "SHOP01",
      data: {
        sessionId,
        paymentReference: expect.stringMatching(/^[A-Z0-9]{16}$/),
        customReference: "ORD-2026-12345",
        amount: { value: 15000, currency: "EUR" },
        paymentStatus: "AUTHORISED",
        isPreAuth: false,
      },
    })
    expect(sandbox.avirato.signWebhook("test", Number(timestamp), webhook.rawBody)).toBe(expected)
  })

  it("Live webhooks go to the Live URL signed with the Live secret; the timestamp follows the sandbox clock", async () => {
    sandbox.avirato.setWebhookUrl("live", receiver.url)
    sandbox.clock.advance(86_400_000)
    const { sessionId } = await createSession(sandbox, "live")
    await sandbox.avirato.pay(sessionId)
    await sandbox.avirato.webhooksIdle()
    const [webhook] = receiver.received
    const timestamp = Number(webhook.headers["x-avirato-timestamp"])
    expect(timestamp - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(86_399)
    expect(webhook.headers["x-avirato-signature"]).toBe(
      `t=${timestamp},v1=${signWebhookPayload(sandbox.settings.avirato.clientSecret, timestamp, webhook.rawBody)}`,
    )
  })

  it("retries non-2xx answers, re-signing each attempt, and records every attempt", async () => {
    receiver.statuses.push(500, 503)
    await paySession()
    await sandbox.avirato.webhooksIdle()
    expect(receiver.received).toHaveLength(3)
    expect(new Set(receiver.received.map((w) => w.rawBody)).size).toBe(1)
    const [delivery] = sandbox.outbound.entries()
    expect(delivery).toMatchObject({ url: receiver.url, event: "AUTHORISATION", delivered: true })
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200])
  })

  it("gives up after webhookMaxAttempts", async () => {
    receiver.statuses.push(500, 500, 500, 500)
    await paySession()
    await sandbox.avirato.webhooksIdle()
    expect(receiver.received).toHaveLength(3)
    expect(sandbox.outbound.entries()[0]).toMatchObject({ delivered: false })
  })

  it("retries network errors", async () => {
    sandbox.avirato.setWebhookUrl("test", "http://localhost:1/unreachable")
    await paySession()
    await sandbox.avirato.webhooksIdle()
    const [delivery] = sandbox.outbound.entries()
    expect(delivery.delivered).toBe(false)
    expect(delivery.attempts).toHaveLength(3)
    expect(delivery.attempts.every((attempt) => typeof attempt.error === "string" && attempt.status === undefined)).toBe(true)
  })

  it("duplicate: the next event is delivered twice with the same eventId and body", async () => {
    sandbox.avirato.duplicateNextWebhook()
    await paySession()
    await paySession()
    await sandbox.avirato.webhooksIdle()
    expect(receiver.received).toHaveLength(3)
    const bodies = receiver.received.map((w) => w.rawBody)
    const counts = new Map<string, number>()
    for (const body of bodies) counts.set(body, (counts.get(body) ?? 0) + 1)
    expect([...counts.values()].sort()).toEqual([1, 2])
  })

  it("out of order: held events are released newest first", async () => {
    sandbox.avirato.holdWebhooks()
    const first = await paySession({}, "DECLINED")
    const second = await paySession()
    expect(sandbox.avirato.heldWebhooks()).toBe(2)
    await sandbox.avirato.webhooksIdle()
    expect(receiver.received).toHaveLength(0)
    await sandbox.avirato.releaseWebhooks()
    expect(receiver.received.map((w) => w.body.data.sessionId)).toEqual([second, first])
    expect(sandbox.avirato.heldWebhooks()).toBe(0)
  })

  it("held events can also be released in their original order", async () => {
    sandbox.avirato.holdWebhooks()
    const first = await paySession()
    const second = await paySession()
    await sandbox.avirato.releaseWebhooks("original")
    expect(receiver.received.map((w) => w.body.data.sessionId)).toEqual([first, second])
  })

  it("disabled webhooks drop events (recorded, never sent, not back-filled on enable)", async () => {
    sandbox.avirato.disableWebhooks()
    await paySession()
    sandbox.avirato.enableWebhooks()
    await sandbox.avirato.webhooksIdle()
    expect(receiver.received).toHaveLength(0)
    const [delivery] = sandbox.outbound.entries()
    expect(delivery.delivered).toBe(false)
    expect(delivery.attempts[0].error).toMatch(/disabled/)
    await paySession()
    await sandbox.avirato.webhooksIdle()
    expect(receiver.received).toHaveLength(1)
  })

  it("no URL configured: the event is dropped and recorded as such", async () => {
    sandbox.avirato.setWebhookUrl("test", undefined)
    await paySession()
    expect(sandbox.outbound.entries()[0].attempts[0].error).toBe("No test webhook URL configured; event dropped")
  })

  it("reset forgets pending deliveries and webhook settings", async () => {
    const quiet = await startAviratoSandbox({ avirato: { webhookDelayMs: 60_000, testWebhookUrl: receiver.url } })
    try {
      const { sessionId } = await createSession(quiet, "test")
      await quiet.avirato.pay(sessionId)
      quiet.avirato.setWebhookUrl("test", "http://localhost:1/elsewhere")
      quiet.reset()
      await quiet.avirato.webhooksIdle()
      expect(quiet.outbound.entries()).toEqual([])
      expect(quiet.avirato.webhookUrl("test")).toBe(receiver.url)
    } finally {
      await quiet.stop()
    }
    expect(receiver.received).toHaveLength(0)
  })

  it("the control API sets URLs and switches per environment", async () => {
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${sandbox.origin}/__sandbox/avirato/${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    expect((await call("PUT", "webhook-url", { environment: "staging", url: receiver.url })).status).toBe(400)
    const set = await call("PUT", "webhook-url", { environment: "live", url: receiver.url })
    expect((await set.json()).webhookUrls.live).toBe(receiver.url)
    expect(sandbox.avirato.webhookUrl("live")).toBe(receiver.url)
    expect((await call("POST", "webhooks/hold")).status).toBe(204)
    const { sessionId } = await createSession(sandbox, "test")
    const paid = await call("POST", `sessions/${sessionId}/pay`, { holderName: "NOT_ENOUGH_BALANCE" })
    expect(await paid.json()).toMatchObject({ location: "https://tu-sistema.com/pago-error", attempt: { status: "refused" } })
    expect((await (await call("GET", "webhooks")).json()).heldWebhooks).toBe(1)
    expect((await call("POST", "webhooks/duplicate-next")).status).toBe(204)
    expect((await call("POST", "webhooks/release", { order: "reverse" })).status).toBe(204)
    expect(receiver.received.map((w) => w.body.data.reason)).toEqual(["Not enough balance"])
    expect((await call("POST", "webhooks/disable")).status).toBe(204)
    expect((await call("POST", "webhooks/enable")).status).toBe(204)
    expect((await call("POST", "sessions/SHOP01-EXTT-1/pay", {})).status).toBe(404)
    const other = await createSession(sandbox, "test")
    expect(await (await call("POST", `sessions/${other.sessionId}/cancel`)).json()).toEqual({ location: "https://tu-sistema.com/pago-error" })
  })
})

describe("webhook dispatcher backoff", () => {
  it("waits webhookDelayMs, then base·2^(n-1) between attempts", async () => {
    const receiver = await new WebhookReceiver().start()
    receiver.statuses.push(500, 500, 500)
    const delays: number[] = []
    const outbound: OutboundDelivery[] = []
    const controller = new AbortController()
    const options = resolveSandboxOptions({
      avirato: { testWebhookUrl: receiver.url, webhookDelayMs: 7, webhookRetryBaseMs: 100, webhookMaxAttempts: 4 },
    })
    const ctx: SandboxContext = {
      clock: createClock(),
      ids: createIdGenerator(),
      recordOutbound: (delivery) => outbound.push(structuredClone(delivery)),
      options,
      origin: () => "http://localhost",
      timers: {
        setTimeout(callback, ms) {
          delays.push(ms)
          setImmediate(callback)
          return () => undefined
        },
        sleep: () => Promise.resolve(),
      },
      signal: controller.signal,
      random: () => 0,
    }
    try {
      const dispatcher = new WebhookDispatcher(ctx)
      dispatcher.emit({
        environment: "test",
        body: {
          event_code: "REFUND",
          success: true,
          webcode: "SHOP01",
          data: {
            sessionId: "SHOP01-EXTT-1",
            paymentReference: "KVGQSN3K2SKFNVNS",
            customReference: null,
            amount: { value: 1, currency: "EUR" },
            paymentStatus: "REFUNDED",
            isPreAuth: false,
          },
        },
      })
      await dispatcher.idle()
      expect(delays).toEqual([7, 100, 200, 400])
      expect(receiver.received).toHaveLength(4)
      expect(outbound.at(-1)?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500, 200])
    } finally {
      controller.abort()
      await receiver.stop()
    }
  })
})
