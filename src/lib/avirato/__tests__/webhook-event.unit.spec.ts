import { parseWebhookEvent, webhookEventKey } from "../webhook-event"

describe("parseWebhookEvent", () => {
  it("reads the sandbox/Adyen-style body", () => {
    const event = parseWebhookEvent({
      eventId: "evt_1",
      event_code: "AUTHORISATION",
      success: true,
      createdAt: "2026-01-01 10:00:00",
      webcode: "SHOP01",
      data: {
        sessionId: "SHOP01-EXTT-1",
        paymentReference: "KVG",
        customReference: "payses_1",
        amount: { value: 5045, currency: "EUR" },
        paymentStatus: "AUTHORISED",
        isPreAuth: true,
      },
    })
    expect(event).toEqual({
      eventId: "evt_1",
      eventCode: "AUTHORISATION",
      kind: "authorisation",
      success: true,
      sessionId: "SHOP01-EXTT-1",
      paymentReference: "KVG",
      customReference: "payses_1",
      amount: { value: 5045, currency: "EUR" },
      paymentStatus: "AUTHORISED",
      reason: undefined,
      modificationReference: undefined,
      isPreAuth: true,
    })
  })

  it.each([
    ["eventCode at top level, fields at top level", { eventCode: "refund", paymentReference: "P", amount: 100, currency: "eur", success: "true" }, { eventCode: "REFUND", kind: "refund", success: true, amount: { value: 100, currency: "EUR" } }],
    ["`event` name, failure code", { event: "CAPTURE_FAILED", data: { paymentReference: "P", reason: "Expired" } }, { kind: "capture", success: false, reason: "Expired" }],
    ["`type` name, refund failure", { type: "REFUND_FAILED", data: { paymentReference: "P" } }, { kind: "refund", success: false }],
    ["authorisation success from paymentStatus only", { event_code: "AUTHORISATION", data: { paymentStatus: "REFUSED" } }, { kind: "authorisation", success: false }],
    ["cancellation reported as failed", { event_code: "CANCELLATION", success: false, data: {} }, { kind: "cancellation", success: false }],
    ["extension", { event_code: "AUTHORISATION_ADJUSTMENT", success: true, data: {} }, { kind: "extension", success: true }],
    ["chargeback", { event_code: "CHARGEBACK", data: {} }, { kind: "chargeback", success: undefined }],
    ["unknown event", { event_code: "REPORT_AVAILABLE" }, { kind: "other" }],
    ["JSON text body", '{"event_code":"REFUND","data":{"paymentReference":"P"}}', { kind: "refund", paymentReference: "P" }],
  ])("%s", (_name, body, expected) => {
    expect(parseWebhookEvent(body)).toMatchObject(expected)
  })

  it.each([
    ["null", null],
    ["array", [1, 2]],
    ["no event name", { data: { paymentReference: "P" } }],
    ["broken JSON text", "{nope"],
    ["number", 42],
  ])("gives up without throwing on %s", (_name, body) => {
    expect(parseWebhookEvent(body)).toBeUndefined()
  })

  it("keys redeliveries of one event identically, and different outcomes differently", () => {
    const body = { event_code: "REFUND", success: true, data: { paymentReference: "P", modificationReference: "M", amount: { value: 1, currency: "EUR" } } }
    expect(webhookEventKey(parseWebhookEvent(body)!)).toBe(webhookEventKey(parseWebhookEvent(structuredClone(body))!))
    expect(webhookEventKey(parseWebhookEvent(body)!)).not.toBe(webhookEventKey(parseWebhookEvent({ ...body, success: false })!))
    expect(webhookEventKey(parseWebhookEvent({ ...body, eventId: "evt_9" })!)).toBe("evt:evt_9")
  })
})
