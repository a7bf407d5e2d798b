import { paidPayment, post, useAviratoSandbox, useWebhookReceiver } from "./avirato-test-helpers"

const TRACE_ID = expect.stringMatching(/^[0-9a-f-]{36}$/)
const EUR = (value: number) => ({ value, currency: "EUR" })

describe("Avirato sandbox: modifications (refund, capture, cancel, extend)", () => {
  const sandbox = useAviratoSandbox()
  const receiver = useWebhookReceiver(sandbox, ["test", "live"])

  const modify = (type: string, body: Record<string, unknown>, headers: Record<string, string> = {}, env: "live" | "test" = "test") =>
    post(sandbox, env, `payment/${type}`, { webcode: "SHOP01", ...body }, headers)

  /** Webhooks after the AUTHORISATION of the payment itself, in the order the events were created. */
  const modificationWebhooks = async () => {
    await sandbox.avirato.webhooksIdle()
    return receiver.received
      .map((webhook) => webhook.body)
      .filter((body) => body.event_code !== "AUTHORISATION")
      .sort((a, b) => (a.eventId < b.eventId ? -1 : 1))
  }

  describe("refund", () => {
    it("accepts the vendor's refund body and answers 202 received; REFUND webhook follows", async () => {
      const paymentReference = await paidPayment(sandbox, "test", { customReference: "ORD-1" })
      const res = await modify("refund", { paymentReference, amount: EUR(5000), reason: "CUSTOMER REQUEST" })
      expect(res.status).toBe(202)
      expect(res.json).toEqual({
        success: true,
        data: {
          modificationReference: expect.stringMatching(/^[A-Z0-9]{16}$/),
          paymentReference,
          type: "refund",
          status: "received",
          amount: EUR(5000),
          reason: "CUSTOMER REQUEST",
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        },
      })
      const [webhook] = await modificationWebhooks()
      expect(webhook).toMatchObject({
        event_code: "REFUND",
        success: true,
        webcode: "SHOP01",
        data: {
          paymentReference,
          customReference: "ORD-1",
          amount: EUR(5000),
          paymentStatus: "PARTIALLY_REFUNDED",
          modificationReference: res.json.data.modificationReference,
          reason: "CUSTOMER REQUEST",
        },
      })
    })

    it.each(["FRAUD", "CUSTOMER REQUEST", "RETURN", "DUPLICATE", "OTHER"])("reason %s is accepted", async (reason) => {
      const paymentReference = await paidPayment(sandbox, "test")
      expect((await modify("refund", { paymentReference, amount: EUR(1), reason })).status).toBe(202)
    })

    it.each([
      ["CUSTOMER_REQUEST (underscore)", { reason: "CUSTOMER_REQUEST" }],
      ["lowercase reason", { reason: "fraud" }],
      ["missing reason", { reason: undefined }],
      ["missing amount", { amount: undefined }],
      ["zero amount", { amount: EUR(0) }],
      ["decimal amount", { amount: EUR(1.5) }],
      ["unsupported currency", { amount: { value: 100, currency: "SEK" } }],
      ["another currency than the payment's", { amount: { value: 100, currency: "GBP" } }],
      ["missing paymentReference", { paymentReference: undefined }],
    ])("%s → 400/12001", async (_label, override) => {
      const paymentReference = await paidPayment(sandbox, "test")
      const body = JSON.parse(JSON.stringify({ paymentReference, amount: EUR(100), reason: "RETURN", ...override }))
      const res = await modify("refund", body)
      expect(res.status).toBe(400)
      expect(res.json.error).toEqual({ message: expect.any(String), code: 12001, statusCode: 400, traceId: TRACE_ID })
    })

    it("several partial refunds up to the captured amount; beyond it 202 then REFUND_FAILED", async () => {
      const paymentReference = await paidPayment(sandbox, "test")
      expect((await modify("refund", { paymentReference, amount: EUR(10000), reason: "RETURN" })).status).toBe(202)
      expect((await modify("refund", { paymentReference, amount: EUR(5000), reason: "RETURN" })).status).toBe(202)
      expect((await modify("refund", { paymentReference, amount: EUR(1), reason: "RETURN" })).status).toBe(202)
      const webhooks = await modificationWebhooks()
      expect(webhooks.map((w) => [w.event_code, w.success, w.data.paymentStatus])).toEqual([
        ["REFUND", true, "PARTIALLY_REFUNDED"],
        ["REFUND", true, "REFUNDED"],
        ["REFUND_FAILED", false, "REFUNDED"],
      ])
      expect(webhooks[2].data.reason).toMatch(/exceeds the captured amount/)
      expect(sandbox.avirato.payment(paymentReference)).toMatchObject({ capturedAmount: 15000, refundedAmount: 15000 })
    })

    it("a refund of an uncaptured pre-auth fails (nothing captured)", async () => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      await modify("refund", { paymentReference, amount: EUR(100), reason: "RETURN" })
      expect((await modificationWebhooks()).map((w) => w.event_code)).toEqual(["REFUND_FAILED"])
    })
  })

  describe("capture", () => {
    it("captures part of a pre-auth once; a second capture fails", async () => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      const res = await modify("capture", { paymentReference, amount: EUR(12000) })
      expect(res.status).toBe(202)
      expect(res.json.data).toMatchObject({ type: "capture", status: "received", amount: EUR(12000) })
      await modify("capture", { paymentReference, amount: EUR(1000) })
      const webhooks = await modificationWebhooks()
      expect(webhooks.map((w) => [w.event_code, w.success, w.data.amount.value])).toEqual([
        ["CAPTURE", true, 12000],
        ["CAPTURE_FAILED", false, 1000],
      ])
      expect(webhooks[0].data.paymentStatus).toBe("CAPTURED")
      expect(sandbox.avirato.payment(paymentReference)).toMatchObject({ authorisedAmount: 15000, capturedAmount: 12000 })
    })

    it("without an amount captures the full authorised amount", async () => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      await modify("capture", { paymentReference })
      const [webhook] = await modificationWebhooks()
      expect(webhook).toMatchObject({ event_code: "CAPTURE", data: { amount: EUR(15000) } })
    })

    it("beyond the authorised amount → 202 then CAPTURE_FAILED", async () => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      expect((await modify("capture", { paymentReference, amount: EUR(15001) })).status).toBe(202)
      const [webhook] = await modificationWebhooks()
      expect(webhook).toMatchObject({ event_code: "CAPTURE_FAILED", success: false, data: { reason: expect.stringMatching(/exceeds the authorised/) } })
      expect(sandbox.avirato.payment(paymentReference)?.capturedAmount).toBe(0)
    })

    it("an auto-captured payment (isPreAuth false) is captured at authorisation; capture fails", async () => {
      const paymentReference = await paidPayment(sandbox, "test")
      expect(sandbox.avirato.payment(paymentReference)).toMatchObject({ capturedAmount: 15000, paymentStatus: "CAPTURED" })
      await modify("capture", { paymentReference })
      expect((await modificationWebhooks()).map((w) => w.event_code)).toEqual(["CAPTURE_FAILED"])
    })

    it("after the authorisation expired (7 days) → CAPTURE_FAILED; extend renews it", async () => {
      const expired = await paidPayment(sandbox, "test", { isPreAuth: true })
      const extended = await paidPayment(sandbox, "test", { isPreAuth: true })
      sandbox.clock.advance(6 * 24 * 3600 * 1000)
      await modify("extend", { paymentReference: extended })
      sandbox.clock.advance(2 * 24 * 3600 * 1000)
      await modify("capture", { paymentReference: expired })
      await modify("capture", { paymentReference: extended })
      expect((await modificationWebhooks()).map((w) => [w.event_code, w.success])).toEqual([
        ["AUTHORISATION_ADJUSTMENT", true],
        ["CAPTURE_FAILED", false],
        ["CAPTURE", true],
      ])
    })
  })

  describe("cancel", () => {
    it("voids an uncaptured pre-auth; later capture and refund fail", async () => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      const res = await modify("cancel", { paymentReference })
      expect(res.status).toBe(202)
      expect(res.json.data).toMatchObject({ type: "cancel", status: "received" })
      expect(res.json.data).not.toHaveProperty("amount")
      await modify("capture", { paymentReference })
      const webhooks = await modificationWebhooks()
      expect(webhooks.map((w) => [w.event_code, w.success, w.data.paymentStatus])).toEqual([
        ["CANCELLATION", true, "CANCELLED"],
        ["CAPTURE_FAILED", false, "CANCELLED"],
      ])
    })

    it("cannot cancel a captured payment (refund it instead): CANCELLATION success false", async () => {
      const paymentReference = await paidPayment(sandbox, "test")
      await modify("cancel", { paymentReference })
      const [webhook] = await modificationWebhooks()
      expect(webhook).toMatchObject({ event_code: "CANCELLATION", success: false, data: { reason: expect.stringMatching(/refund it instead/) } })
    })
  })

  describe("extend", () => {
    it("extends an uncaptured pre-auth, optionally adjusting the amount", async () => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      expect((await modify("extend", { paymentReference, amount: EUR(18000) })).status).toBe(202)
      const [webhook] = await modificationWebhooks()
      expect(webhook).toMatchObject({ event_code: "AUTHORISATION_ADJUSTMENT", success: true, data: { amount: EUR(18000), paymentStatus: "AUTHORISED" } })
      expect(sandbox.avirato.payment(paymentReference)?.authorisedAmount).toBe(18000)
    })

    it("cannot extend an auto-captured payment", async () => {
      const paymentReference = await paidPayment(sandbox, "test")
      await modify("extend", { paymentReference })
      expect((await modificationWebhooks()).map((w) => [w.event_code, w.success])).toEqual([["AUTHORISATION_ADJUSTMENT", false]])
    })
  })

  describe("common rules", () => {
    it.each(["refund", "capture", "cancel", "extend"])("%s: unknown paymentReference → 404/10404", async (type) => {
      const res = await modify(type, { paymentReference: "KVGQSN3K2SKFNVNS", amount: EUR(100), reason: "RETURN" })
      expect(res.status).toBe(404)
      expect(res.json.error.code).toBe(10404)
    })

    it.each(["refund", "capture", "cancel", "extend"])("%s: a Test payment on a Live route → 403/11008", async (type) => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      const res = await modify(type, { paymentReference, amount: EUR(100), reason: "RETURN" }, {}, "live")
      expect(res.status).toBe(403)
      expect(res.json.error.code).toBe(11008)
    })

    it.each(["refund", "capture", "cancel", "extend"])("%s: wrong key → 11001, wrong webcode → 11008", async (type) => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      const body = { paymentReference, amount: EUR(100), reason: "RETURN" }
      expect((await modify(type, body, { "x-api-key": "nope" })).json.error.code).toBe(11001)
      expect((await modify(type, { ...body, webcode: "OTHER" })).json.error.code).toBe(11008)
    })

    it("Idempotency-Key: a replay gets the same 202 and makes no second refund; another body → 409", async () => {
      const paymentReference = await paidPayment(sandbox, "test")
      const headers = { "Idempotency-Key": `medusa:refund:${paymentReference}:5000` }
      const body = { paymentReference, amount: EUR(5000), reason: "CUSTOMER REQUEST" }
      const first = await modify("refund", body, headers)
      const replay = await modify("refund", body, headers)
      expect(replay.status).toBe(202)
      expect(replay.text).toBe(first.text)
      const conflict = await modify("refund", { ...body, amount: EUR(4000) }, headers)
      expect(conflict.status).toBe(409)
      expect(conflict.json.error.code).toBe(12010)
      expect(sandbox.avirato.payment(paymentReference)?.refundedAmount).toBe(5000)
      expect((await modificationWebhooks()).map((w) => w.event_code)).toEqual(["REFUND"])
    })

    it("refundInDashboard: a refund made outside the API, reported by webhook like one asked through it; all that is left by default, refused beyond it", async () => {
      const paymentReference = await paidPayment(sandbox, "test")
      const captured = sandbox.avirato.payment(paymentReference)!.capturedAmount
      const partial = sandbox.avirato.refundInDashboard(paymentReference, 100)
      const rest = sandbox.avirato.refundInDashboard(paymentReference)
      const beyond = sandbox.avirato.refundInDashboard(paymentReference, 1)
      expect([partial.success, rest.success, beyond.success]).toEqual([true, true, false])
      expect(sandbox.avirato.payment(paymentReference)?.refundedAmount).toBe(captured)
      const webhooks = await modificationWebhooks()
      expect(webhooks.map((w) => [w.event_code, w.data.modificationReference, w.data.amount])).toEqual([
        ["REFUND", partial.modificationReference, { value: 100, currency: "EUR" }],
        ["REFUND", rest.modificationReference, { value: captured - 100, currency: "EUR" }],
        ["REFUND_FAILED", beyond.modificationReference, { value: 1, currency: "EUR" }],
      ])
      expect(() => sandbox.avirato.refundInDashboard("NO-SUCH-PAYMENT")).toThrow("No Avirato payment NO-SUCH-PAYMENT")
    })

    it("cancelInDashboard: a pre-authorisation voided outside the API, reported by a CANCELLATION webhook; refused once captured or cancelled", async () => {
      const preAuth = await paidPayment(sandbox, "test", { isPreAuth: true })
      const captured = await paidPayment(sandbox, "test")
      const voided = sandbox.avirato.cancelInDashboard(preAuth)
      const again = sandbox.avirato.cancelInDashboard(preAuth)
      const afterCapture = sandbox.avirato.cancelInDashboard(captured)
      expect([voided.success, again.success, afterCapture.success]).toEqual([true, false, false])
      expect(sandbox.avirato.payment(preAuth)?.cancelled).toBe(true)
      expect(sandbox.avirato.payment(captured)?.cancelled).toBe(false)
      const webhooks = await modificationWebhooks()
      expect(webhooks.map((w) => [w.event_code, w.success, w.data.modificationReference])).toEqual([
        ["CANCELLATION", true, voided.modificationReference],
        ["CANCELLATION", false, again.modificationReference],
        ["CANCELLATION", false, afterCapture.modificationReference],
      ])
      expect(() => sandbox.avirato.cancelInDashboard("NO-SUCH-PAYMENT")).toThrow("No Avirato payment NO-SUCH-PAYMENT")
    })

    it("failNextModification forces REFUND_FAILED / CAPTURE_FAILED once, without changing the payment", async () => {
      const autoCaptured = await paidPayment(sandbox, "test")
      const preAuth = await paidPayment(sandbox, "test", { isPreAuth: true })
      sandbox.avirato.failNextModification("refund", "Acquirer refused the refund")
      sandbox.avirato.failNextModification("capture")
      await modify("refund", { paymentReference: autoCaptured, amount: EUR(100), reason: "RETURN" })
      await modify("refund", { paymentReference: autoCaptured, amount: EUR(100), reason: "RETURN" })
      await modify("capture", { paymentReference: preAuth })
      const webhooks = await modificationWebhooks()
      expect(webhooks.map((w) => [w.event_code, w.data.reason])).toEqual([
        ["REFUND_FAILED", "Acquirer refused the refund"],
        ["REFUND", "RETURN"],
        ["CAPTURE_FAILED", "Forced failure (sandbox control)"],
      ])
      expect(sandbox.avirato.payment(autoCaptured)?.refundedAmount).toBe(100)
      expect(sandbox.avirato.payment(preAuth)?.capturedAmount).toBe(0)
    })

    it("fail-next is also available over HTTP", async () => {
      const bad = await fetch(`${sandbox.origin}/__sandbox/avirato/modifications/fail-next`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "void" }),
      })
      expect(bad.status).toBe(400)
      const ok = await fetch(`${sandbox.origin}/__sandbox/avirato/modifications/fail-next`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "cancel" }),
      })
      expect(ok.status).toBe(204)
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      await modify("cancel", { paymentReference })
      expect((await modificationWebhooks()).map((w) => [w.event_code, w.success])).toEqual([["CANCELLATION", false]])
    })

    it("the console state lists sessions, payments and modifications", async () => {
      const paymentReference = await paidPayment(sandbox, "test", { isPreAuth: true })
      await modify("capture", { paymentReference, amount: EUR(100) })
      const state = await (await fetch(`${sandbox.origin}/__sandbox/state`)).json()
      const avirato = state.simulators.avirato
      expect(avirato.sessions).toHaveLength(1)
      expect(avirato.payments[0]).toMatchObject({ paymentReference, captured: 100, paymentStatus: "CAPTURED" })
      expect(avirato.modifications[0]).toMatchObject({ type: "capture", eventCode: "CAPTURE", success: true })
    })
  })
})
