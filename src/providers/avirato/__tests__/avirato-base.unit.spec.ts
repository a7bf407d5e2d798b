// The Avirato provider base with a fake client: Avirato's answers → what Medusa gets (session
// status, payment data, errors), and what the provider asks Avirato for each of Medusa's calls.
import { MedusaError, PaymentActions } from "@medusajs/framework/utils"
import type { AviratoClient, AviratoSession } from "../../../lib/avirato"
import { AviratoApiError, computeWebhookSignature } from "../../../lib/avirato"
import { VendorConnectionLostError, VendorProtocolError, VendorTimeoutError } from "../../../lib/http/errors"
import { resetRuntimeSettings } from "../../../lib/runtime-settings"
import { AviratoBase } from "../core/avirato-base"
import type { AviratoOptions } from "../core/options"
import { AVIRATO_SANDBOX_OPTIONS } from "./sandbox-options"

type Client = { [K in "createSession" | "getSession" | "capture" | "cancel" | "refund"]: jest.Mock }

const SESSION_ID = "payses_01JTESTSESSION"
const cradle = { logger: { info: jest.fn(), warn: jest.fn(), error: jest.fn() }, configModule: { projectConfig: { http: { jwtSecret: "test-secret" } } } }

class TestAviratoCard extends AviratoBase {
  static override identifier = "avirato-card"
  static fake: Client
  protected override createClient(_options: AviratoOptions): AviratoClient {
    return TestAviratoCard.fake as unknown as AviratoClient
  }
}

function provider(captureMode: "auto" | "preauth", overrides: Partial<Client> = {}): { card: TestAviratoCard; client: Client } {
  const client: Client = {
    createSession: jest.fn(async () => ({ sessionId: "AV-1", status: "pending", amount: { value: 5045, currency: "EUR" }, paymentUrl: "https://pay.example/AV-1" })),
    getSession: jest.fn(async () => paidSession()),
    capture: jest.fn(async () => ({ modificationReference: "CAP-1" })),
    cancel: jest.fn(async () => ({ modificationReference: "CAN-1" })),
    refund: jest.fn(async () => ({ modificationReference: "REF-1" })),
    ...overrides,
  }
  TestAviratoCard.fake = client
  return { card: new TestAviratoCard(cradle, { ...AVIRATO_SANDBOX_OPTIONS, environment: "sandbox", captureMode }), client }
}

function paidSession(extra: Partial<AviratoSession> = {}): AviratoSession {
  return { sessionId: "AV-1", status: "completed", paymentStatus: "AUTHORISED", paymentReference: "PAY-1", amount: { value: 5045, currency: "EUR" }, customReference: SESSION_ID, ...extra }
}

/** The payment data as initiatePayment left it, then as Avirato confirmed it. */
function sessionData(mode: "auto" | "preauth", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { session_id: SESSION_ID, avirato_session_id: "AV-1", mode, amount: 5045, currency: "EUR", captures: [], refunds: [], cancellations: [], extensions: [], ...extra }
}
const paidData = (mode: "auto" | "preauth", extra: Record<string, unknown> = {}) => sessionData(mode, { payment_reference: "PAY-1", ...extra })

const medusaError = (type: string) => expect.objectContaining({ type })

beforeEach(() => resetRuntimeSettings())

describe("Avirato's session → Medusa's session status", () => {
  it.each<[string, string, "auto" | "preauth", Partial<AviratoSession>]>([
    ["paid, auto-capture", "captured", "auto", {}],
    ["paid, pre-authorisation", "authorized", "preauth", {}],
    ["not paid yet", "requires_more", "auto", { status: "pending", paymentStatus: null, paymentReference: null, attempts: [] }],
    ["only declined attempts", "requires_more", "preauth", { status: "pending", paymentStatus: null, paymentReference: null, attempts: [{ status: "refused" }] }],
    ["failed", "error", "auto", { status: "failed", paymentStatus: null, paymentReference: null }],
    ["completed but refused", "error", "auto", { paymentStatus: "REFUSED", paymentReference: null }],
    ["expired", "canceled", "preauth", { status: "expired", paymentStatus: null, paymentReference: null }],
    ["cancelled", "canceled", "auto", { status: "cancelled", paymentStatus: null, paymentReference: null }],
    ["completed and authorised without a payment reference", "pending", "auto", { paymentReference: null }],
    ["a status Avirato does not document", "pending", "auto", { status: "on_hold", paymentStatus: null }],
  ])("%s → %s (%s)", async (_, status, mode, answer) => {
    const { card } = provider(mode, { getSession: jest.fn(async () => paidSession(answer)) })
    const result = await card.authorizePayment({ data: sessionData(mode) })
    expect(result.status).toBe(status)
    expect(result.data).toMatchObject({ confirmation: { outcome: expect.any(String) } })
    if (status === "captured" || status === "authorized") expect(result.data).toMatchObject({ payment_reference: "PAY-1" })
    else expect(result.data).not.toHaveProperty("payment_reference")
  })

  it("records when a pre-authorisation lapses when it is first seen paid, and not for auto-capture", async () => {
    const preauth = await provider("preauth").card.authorizePayment({ data: sessionData("preauth") })
    expect(preauth.data).toMatchObject({ authorization_expires_at: expect.any(String), authorized_at: expect.any(String) })
    const auto = await provider("auto").card.authorizePayment({ data: sessionData("auto") })
    expect(auto.data).not.toHaveProperty("authorization_expires_at")
  })

  it.each([
    ["another Medusa session's Avirato session", { customReference: "payses_01JOTHER" }],
    ["a session for another amount", { amount: { value: 1, currency: "EUR" } }],
    ["a session in another currency", { amount: { value: 5045, currency: "GBP" } }],
  ])("refuses %s", async (_, answer) => {
    const { card } = provider("auto", { getSession: jest.fn(async () => paidSession(answer)) })
    await expect(card.authorizePayment({ data: sessionData("auto") })).rejects.toThrow(/does not match payment session/)
  })

  it("a session without an Avirato session id is invalid data, and Avirato is not asked", async () => {
    const { card, client } = provider("auto")
    await expect(card.getPaymentStatus({ data: { session_id: SESSION_ID } })).rejects.toEqual(medusaError(MedusaError.Types.INVALID_DATA))
    expect(client.getSession).not.toHaveBeenCalled()
  })
})

describe("starting a session", () => {
  it("creates it with Medusa's idempotency key, the session id as customReference, exact minor units and the capture mode", async () => {
    const { card, client } = provider("preauth")
    const result = await card.initiatePayment({ amount: 50.45, currency_code: "eur", data: { session_id: SESSION_ID }, context: { idempotency_key: "idem-1" } })
    expect(client.createSession).toHaveBeenCalledWith(
      expect.objectContaining({ amount: { value: 5045, currency: "EUR" }, customReference: SESSION_ID, isPreAuth: true }),
      "idem-1"
    )
    expect(result).toMatchObject({ id: "AV-1", status: "requires_more", data: { avirato_session_id: "AV-1", payment_url: "https://pay.example/AV-1", mode: "preauth", amount: 5045 } })
  })

  it.each<[number, number]>([
    [10.004, 1000],
    [10.005, 1001],
    [50.45, 5045],
  ])("a Medusa amount of %s EUR (totals may carry more decimals) asks Avirato for %s cents, rounded half away from zero", async (amount, minor) => {
    const { card, client } = provider("auto")
    await card.initiatePayment({ amount, currency_code: "eur", data: { session_id: SESSION_ID } })
    expect(client.createSession.mock.calls[0][0].amount).toEqual({ value: minor, currency: "EUR" })
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a currency Avirato does not take", { amount: 10, currency_code: "sek" }, /currency_code "sek" is not supported/],
    ["a zero amount", { amount: 0, currency_code: "eur" }, /amount must be greater than 0/],
    ["an amount that is not a number", { amount: Number.NaN, currency_code: "eur" }, /amount "NaN" is not a number/],
    ["no Medusa session id", { amount: 10, currency_code: "eur", data: {} }, /data.session_id/],
    ["a malformed country", { amount: 10, currency_code: "eur", data: { session_id: SESSION_ID, country_code: "Spain" } }, /country_code/],
  ])("refuses %s with invalid data naming it, before asking Avirato", async (_, input, message) => {
    const { card, client } = provider("auto")
    const attempt = card.initiatePayment({ data: { session_id: SESSION_ID }, ...input } as never)
    await expect(attempt).rejects.toEqual(medusaError(MedusaError.Types.INVALID_DATA))
    await expect(attempt).rejects.toThrow(message)
    expect(client.createSession).not.toHaveBeenCalled()
  })
})

describe("capture, cancel and refund → what Avirato is asked and what Medusa records", () => {
  it("auto-capture: a capture asks Avirato nothing (Avirato captured at authorisation)", async () => {
    const { card, client } = provider("auto")
    const data = paidData("auto")
    expect(await card.capturePayment({ data })).toEqual({ data })
    expect(client.capture).not.toHaveBeenCalled()
  })

  it("pre-authorisation: captures the whole amount once under Medusa's key; the same key again asks nothing", async () => {
    const { card, client } = provider("preauth")
    const first = await card.capturePayment({ data: paidData("preauth"), context: { idempotency_key: "cap-key" } })
    expect(client.capture).toHaveBeenCalledWith({ paymentReference: "PAY-1", amount: { value: 5045, currency: "EUR" } }, "cap-key")
    expect(first.data).toMatchObject({ capture_amount_plan: null, captures: [{ idempotency_key: "cap-key", reference: "CAP-1", amount: 5045, status: "requested" }] })
    await card.capturePayment({ data: first.data!, context: { idempotency_key: "cap-key" } })
    expect(client.capture).toHaveBeenCalledTimes(1)
  })

  it.each([
    ["capture_amount_plan", "the plan the admin route or capture on shipment writes"],
    ["capture_plan", "a plan an earlier version wrote just before an upgrade"],
  ])("pre-authorisation: captures the amount planned under %s (%s) and consumes the plan", async (key) => {
    const { card, client } = provider("preauth")
    const planned = { ...paidData("preauth"), [key]: { amount: 2000, created_at: new Date().toISOString() } }
    const { data } = await card.capturePayment({ data: planned, context: { idempotency_key: "cap-key" } })
    expect(client.capture).toHaveBeenCalledWith({ paymentReference: "PAY-1", amount: { value: 2000, currency: "EUR" } }, "cap-key")
    expect(data).toMatchObject({ capture_amount_plan: null, captures: [{ amount: 2000, status: "requested" }] })
    expect(data).not.toHaveProperty("capture_plan")
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a second capture (Avirato captures once)", { captures: [{ idempotency_key: "k1", reference: "CAP-1", amount: 1000, status: "requested" }] }, /one capture per pre-authorisation/],
    ["a capture of a cancelled pre-authorisation", { cancellations: [{ idempotency_key: "k1", status: "succeeded" }] }, /was cancelled/],
    ["a capture before Avirato gave a payment reference", { payment_reference: undefined }, /no paymentReference yet/],
  ])("refuses %s as not allowed, asking Avirato nothing", async (_, extra, message) => {
    const { card, client } = provider("preauth")
    const attempt = card.capturePayment({ data: paidData("preauth", extra), context: { idempotency_key: "k2" } })
    await expect(attempt).rejects.toEqual(medusaError(MedusaError.Types.NOT_ALLOWED))
    await expect(attempt).rejects.toThrow(message)
    expect(client.capture).not.toHaveBeenCalled()
  })

  it("a retry after a lost answer adopts the capture Avirato's webhook reported instead of capturing again", async () => {
    const { card, client } = provider("preauth")
    const observed = { idempotency_key: "webhook:CAP-9", reference: "CAP-9", amount: 5045, status: "succeeded", observed_from_webhook: true }
    const result = await card.capturePayment({ data: paidData("preauth", { captures: [observed] }), context: { idempotency_key: "retry-key" } })
    expect(client.capture).not.toHaveBeenCalled()
    expect(result.data).toMatchObject({ captures: [{ idempotency_key: "retry-key", reference: "CAP-9", observed_from_webhook: false }] })
  })

  it.each<[string, "auto" | "preauth", Record<string, unknown>, string]>([
    ["an uncaptured pre-authorisation is voided", "preauth", {}, "cancel"],
    ["a captured pre-authorisation: nothing (the capture released the rest)", "preauth", { captures: [{ idempotency_key: "k", status: "requested", amount: 5045 }] }, "nothing"],
    ["an auto-capture payment is refunded in full", "auto", {}, "refund"],
    ["a payment without a reference: nothing to cancel", "auto", { payment_reference: undefined }, "nothing"],
    ["an already cancelled one: nothing", "preauth", { cancellations: [{ idempotency_key: "k", status: "requested" }] }, "nothing"],
  ])("cancel: %s", async (_, mode, extra, asked) => {
    const { card, client } = provider(mode)
    await card.cancelPayment({ data: paidData(mode, extra), context: { idempotency_key: "cancel-key" } })
    expect({ cancel: client.cancel.mock.calls.length, refund: client.refund.mock.calls.length }).toEqual({
      cancel: asked === "cancel" ? 1 : 0,
      refund: asked === "refund" ? 1 : 0,
    })
    if (asked === "refund") expect(client.refund).toHaveBeenCalledWith(expect.objectContaining({ amount: { value: 5045, currency: "EUR" } }), "cancel:cancel-key")
  })

  it.each<[string, "auto" | "preauth", Record<string, unknown> | undefined]>([
    ["a pre-authorisation, no context", "preauth", undefined],
    ["an auto-captured payment, no payment id", "auto", { idempotency_key: undefined }],
    ["a pre-authorisation, an empty context", "preauth", {}],
  ])("cancel without Medusa's payment (its authorisation could not be recorded, the session stays open): %s — Avirato is not asked", async (_, mode, context) => {
    const { card, client } = provider(mode)
    const data = paidData(mode)
    const result = await card.cancelPayment({ data, ...(context ? { context } : {}) } as Parameters<TestAviratoCard["cancelPayment"]>[0])
    expect({ cancel: client.cancel.mock.calls.length, refund: client.refund.mock.calls.length }).toEqual({ cancel: 0, refund: 0 })
    expect(result.data).toEqual(data)
  })

  it("refunds exact minor units under Medusa's key with the default reason; the same key again asks nothing", async () => {
    const { card, client } = provider("auto")
    const first = await card.refundPayment({ amount: 12.3, data: paidData("auto"), context: { idempotency_key: "ref-key" } })
    expect(client.refund).toHaveBeenCalledWith({ paymentReference: "PAY-1", amount: { value: 1230, currency: "EUR" }, reason: "CUSTOMER REQUEST" }, "ref-key")
    expect(first.data).toMatchObject({ refund_plan: null, refunds: [{ idempotency_key: "ref-key", reference: "REF-1", amount: 1230, status: "requested" }] })
    await card.refundPayment({ amount: 12.3, data: first.data!, context: { idempotency_key: "ref-key" } })
    expect(client.refund).toHaveBeenCalledTimes(1)
  })

  it.each<[string, Error]>([
    ["no answer in time", new VendorTimeoutError("avirato.refund", 1500)],
    ["the connection lost", new VendorConnectionLostError("connection reset", "avirato.refund")],
    ["an unreadable answer", new VendorProtocolError("not JSON", "avirato.refund")],
    ["a server error after every retry", new AviratoApiError("avirato.refund", 502, "", undefined, undefined, undefined, undefined)],
  ])("a refund with %s is recorded as unconfirmed (it may have been made), not as failed", async (_, error) => {
    const { card } = provider("auto", { refund: jest.fn(async () => Promise.reject(error)) })
    const result = await card.refundPayment({ amount: 5, data: paidData("auto"), context: { idempotency_key: "ref-key" } })
    expect(result.data).toMatchObject({ refunds: [{ idempotency_key: "ref-key", amount: 500, unconfirmed: { attempts: 1, last_error: error.message } }] })
  })

  it("a refund Avirato refuses is an error for the admin naming Avirato's answer, and nothing is recorded", async () => {
    const refusal = new AviratoApiError("avirato.refund", 422, "", undefined, 10422, "trace-1", "amount exceeds the captured amount")
    const { card } = provider("auto", { refund: jest.fn(async () => Promise.reject(refusal)) })
    const attempt = card.refundPayment({ amount: 5, data: paidData("auto"), context: { idempotency_key: "ref-key" } })
    await expect(attempt).rejects.toEqual(medusaError(MedusaError.Types.INVALID_DATA))
    await expect(attempt).rejects.toThrow(/Avirato refused to refund the payment: .*amount exceeds the captured amount/)
  })

  it("a capture whose outcome is unknown after the client's retries is an unexpected state, not a refusal", async () => {
    const { card } = provider("preauth", { capture: jest.fn(async () => Promise.reject(new VendorTimeoutError("avirato.capture", 1500))) })
    await expect(card.capturePayment({ data: paidData("preauth"), context: { idempotency_key: "k" } })).rejects.toEqual(medusaError(MedusaError.Types.UNEXPECTED_STATE))
  })
})

describe("webhooks → Medusa's action", () => {
  /** A webhook as Avirato signs it, with the sandbox's client secret, sent now. */
  function signed(body: Record<string, unknown>) {
    const raw = JSON.stringify(body)
    const t = Math.floor(Date.now() / 1000)
    const signature = computeWebhookSignature(AVIRATO_SANDBOX_OPTIONS.clientSecrets[0], t, raw)
    return { data: body, rawData: Buffer.from(raw), headers: { "x-avirato-timestamp": String(t), "x-avirato-signature": `t=${t},v1=${signature}` } }
  }
  const authorisation = (extra: Record<string, unknown> = {}) => ({ event_code: "AUTHORISATION", success: true, data: { sessionId: "AV-1", customReference: SESSION_ID, ...extra } })

  it.each<[string, Record<string, unknown>]>([
    ["a paid session's AUTHORISATION (placed by the plugin's own subscriber)", authorisation({ amount: { value: 5045, currency: "EUR" } })],
    ["a failed AUTHORISATION", { ...authorisation(), success: false }],
    ["a modification's outcome (booked by the plugin's own subscriber)", { event_code: "CAPTURE", success: true, data: { customReference: SESSION_ID, paymentReference: "PAY-1" } }],
    ["a reference that is not a Medusa session", { event_code: "AUTHORISATION", success: true, data: { sessionId: "AV-1", customReference: "order-1234" } }],
    ["a chargeback", { event_code: "CHARGEBACK", success: true, data: { customReference: SESSION_ID, paymentReference: "PAY-1" } }],
  ])("an authentic webhook, %s → not supported: Medusa's generic handling does nothing, Avirato is not asked", async (_, body) => {
    const { card, client } = provider("auto")
    expect(await card.getWebhookActionAndData(signed(body))).toEqual({ action: PaymentActions.NOT_SUPPORTED })
    expect(client.getSession).not.toHaveBeenCalled()
  })

  it.each<[string, (webhook: ReturnType<typeof signed>) => void]>([
    ["no signature", (webhook) => delete (webhook.headers as Record<string, unknown>)["x-avirato-signature"]],
    ["a body changed after signing", (webhook) => void (webhook.rawData = Buffer.from(JSON.stringify({ ...authorisation(), success: false })))],
    ["a signature with another secret", (webhook) => void (webhook.headers["x-avirato-signature"] = webhook.headers["x-avirato-signature"].replace(/v1=\w+/, `v1=${"0".repeat(64)}`))],
  ])("a webhook with %s is refused before anything is read", async (_, tamper) => {
    const { card, client } = provider("auto")
    const webhook = signed(authorisation())
    tamper(webhook)
    await expect(card.getWebhookActionAndData(webhook)).rejects.toThrow(/Avirato webhook rejected/)
    expect(client.getSession).not.toHaveBeenCalled()
  })
})
