// The shared credit base with the Authorization API's adapter: Avarda's answers → what Medusa gets.
import type { BigNumberInput } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AuthorizationApiClient } from "../../../lib/avarda/authorization-api/client"
import { AvardaOrderManagementError } from "../../../lib/avarda/authorization-api/errors"
import { authorizationStatusSchema } from "../../../lib/avarda/authorization-api/schemas"
import { CREDIT_REQUEST_REF_KEY, creditRequestHandoff, type CreditRequestHandoff } from "../../../lib/avarda/credit-request-handoff"
import { VendorConnectError, VendorConnectionLostError, VendorHttpError, VendorProtocolError, VendorTimeoutError } from "../../../lib/http/errors"
import { AvardaCreditBase } from "../../avarda-credit/avarda-credit-base"
import { answering, application, captured, cradle, ctx, failureOf, freshLedger, personalIdNumber, plan, row } from "../../avarda-credit/__tests__/credit-fixtures"
import { AvardaNotReadyError } from "../../avarda-credit/credit-errors"
import { AuthorizationApiAdapter } from "../core/authorization-api-adapter"
import { parseAvardaOptions, type AvardaOptions } from "../core/options"
import type { AvardaPaymentData } from "../core/payment-data"
import { VALID_AVARDA_OPTIONS } from "./avarda-options-fixture"

const options = parseAvardaOptions(VALID_AVARDA_OPTIONS)

type Client = { [K in "createAuthorization" | "getAuthorization" | "captureOrder" | "returnItems" | "cancel"]: jest.Mock }

class TestAvardaInvoice extends AvardaCreditBase<AvardaOptions, AvardaPaymentData, CreditRequestHandoff> {
  static override identifier = "avarda-invoice"
  protected readonly product = "invoice" as const
  protected readonly adapter: AuthorizationApiAdapter

  protected static override parseOptions = parseAvardaOptions

  constructor(client: Client) {
    super(cradle, VALID_AVARDA_OPTIONS)
    this.adapter = new AuthorizationApiAdapter({ client: client as unknown as AuthorizationApiClient, options, logger: undefined, productFields: () => ({}) })
  }
}

const approved = (inBackOffice = true) => authorizationStatusSchema.parse({ status: 0, inBackOffice })

function client(overrides: Partial<Client> = {}): Client {
  return {
    createAuthorization: jest.fn(),
    getAuthorization: jest.fn(async () => approved()),
    captureOrder: jest.fn(async () => undefined),
    returnItems: jest.fn(async () => undefined),
    cancel: jest.fn(async () => undefined),
    ...overrides,
  }
}

function payment(extra: Partial<AvardaPaymentData> = {}): Record<string, unknown> {
  const data: AvardaPaymentData = {
    vendor: "avarda-authorization-api",
    product: "invoice",
    authorization_id: "auth-1",
    ...freshLedger(),
    decision: { outcome: "approved", error_code: null, message: null, credit_limit: null, in_back_office: true, checked_at: "2026-01-01T00:00:00.000Z" },
    ...extra,
  }
  return data as unknown as Record<string, unknown>
}





describe("Authorization API credit: initiatePayment", () => {
  const handoff: CreditRequestHandoff = {
    application,
    personalIdNumber,
  }

  it("a cart changed since the credit request was built is a conflict, and Avarda is never asked", async () => {
    const vendor = client()
    const ref = creditRequestHandoff().put(handoff)
    const failure = await failureOf(new TestAvardaInvoice(vendor).initiatePayment({ data: { session_id: "payses_1", [CREDIT_REQUEST_REF_KEY]: ref }, amount: 11, currency_code: "sek" }))
    expect(failure).toMatchObject({ type: MedusaError.Types.CONFLICT, outcomeUnknown: false })
    expect(vendor.createAuthorization).not.toHaveBeenCalled()
  })

  it("without the server-built hand-off: a developer error naming the store route", async () => {
    const failure = await failureOf(new TestAvardaInvoice(client()).initiatePayment({ data: { session_id: "payses_1" }, amount: 10, currency_code: "sek" }))
    expect(failure).toMatchObject({ type: MedusaError.Types.INVALID_DATA, message: expect.stringContaining("POST /store/avarda/payment-sessions") })
  })

  it.each([
    { name: "201 approved", answer: { kind: "approved", authorizationId: "auth-9", creditLimit: 5000 }, status: PaymentSessionStatus.PENDING, outcome: "approved", id: "auth-9" },
    { name: "202 ID validation", answer: { kind: "id_validation_required", authorizationId: "auth-9", redirectUrl: "https://id.example" }, status: PaymentSessionStatus.REQUIRES_MORE, outcome: "pending_id_validation", id: "auth-9" },
    { name: "422 rejected", answer: { kind: "rejected", authorizationId: "auth-9", errorCode: 3, errorMessage: "Nej" }, status: PaymentSessionStatus.ERROR, outcome: "rejected", id: "auth-9" },
    { name: "500 technical", answer: { kind: "technical_error", status: 500, errorCode: 101 }, status: PaymentSessionStatus.ERROR, outcome: "failed", id: "payses_1" },
  ])("$name → session $status, decision $outcome", async ({ answer, status, outcome, id }) => {
    const ref = creditRequestHandoff().put(handoff)
    const result = await new TestAvardaInvoice(client({ createAuthorization: jest.fn(async () => answer) })).initiatePayment({
      data: { session_id: "payses_1", [CREDIT_REQUEST_REF_KEY]: ref },
      amount: 10,
      currency_code: "SEK",
    })
    expect(result).toMatchObject({ id, status, data: { order_reference: "payses_1", decision: { outcome } } })
    expect(result.data).not.toHaveProperty("personal_id_number")
  })

  it("keeps no credit limit Avarda grants the person: session data is public (the store routes return it with the cart)", async () => {
    const ref = creditRequestHandoff().put(handoff)
    const result = await new TestAvardaInvoice(client({ createAuthorization: jest.fn(async () => ({ kind: "approved" as const, authorizationId: "auth-9", creditLimit: 73_519 })) })).initiatePayment({
      data: { session_id: "payses_1", [CREDIT_REQUEST_REF_KEY]: ref },
      amount: 10,
      currency_code: "SEK",
    })
    expect(result.data).toMatchObject({ decision: { outcome: "approved", credit_limit: null } })
    expect(JSON.stringify(result.data)).not.toContain("73519")
  })

  it.each([
    { name: "a logged-in customer", context: { customer: { id: "cus_1" } }, data: {}, expected: "cus_1" },
    { name: "a guest", context: {}, data: {}, expected: null },
    { name: "a guest whose session data names a customer", context: undefined, data: { shopper_customer_id: "cus_victim" }, expected: null },
  ])("records who started the session: $name → $expected", async ({ context, data, expected }) => {
    const ref = creditRequestHandoff().put(handoff)
    const result = await new TestAvardaInvoice(client({ createAuthorization: jest.fn(async () => ({ kind: "id_validation_required", authorizationId: "auth-9", redirectUrl: "https://id.example" })) })).initiatePayment({
      data: { ...data, session_id: "payses_1", [CREDIT_REQUEST_REF_KEY]: ref },
      amount: 10,
      currency_code: "sek",
      ...(context ? { context: context as never } : {}),
    })
    expect(result.data).toHaveProperty("shopper_customer_id", expected)
  })

  it.each([
    { name: "no answer in time", error: new VendorTimeoutError("avarda.authorization.create", 30_000), outcome: "unknown" },
    { name: "never reached Avarda", error: new VendorConnectError("refused", "avarda.authorization.create"), outcome: "failed" },
  ])("$name → error session, decision $outcome", async ({ error, outcome }) => {
    const ref = creditRequestHandoff().put(handoff)
    const result = await new TestAvardaInvoice(client({ createAuthorization: jest.fn(async () => Promise.reject(error)) })).initiatePayment({
      data: { session_id: "payses_1", [CREDIT_REQUEST_REF_KEY]: ref },
      amount: 10,
      currency_code: "sek",
    })
    expect(result).toMatchObject({ status: PaymentSessionStatus.ERROR, data: { decision: { outcome } } })
  })
})

describe("Authorization API credit: status", () => {
  it.each([
    { name: "approved", body: { status: 0, inBackOffice: true }, status: PaymentSessionStatus.AUTHORIZED },
    { name: "ID validation running", body: { inBackOffice: false }, status: PaymentSessionStatus.REQUIRES_MORE },
    { name: "rejected", body: { status: 1, errorCode: 3 }, status: PaymentSessionStatus.ERROR },
    { name: "ID validation timed out", body: { status: 2, errorCode: 50 }, status: PaymentSessionStatus.ERROR },
  ])("GET /authorization: $name → $status", async ({ body, status }) => {
    const result = await new TestAvardaInvoice(client({ getAuthorization: jest.fn(async () => authorizationStatusSchema.parse(body)) })).authorizePayment({ data: payment() })
    expect(result.status).toBe(status)
    if (status === PaymentSessionStatus.AUTHORIZED) expect(result.data).toHaveProperty("authorization_expires_at")
  })

  it("fully captured → captured; cancelled → canceled without asking Avarda", async () => {
    const vendor = client()
    const provider = new TestAvardaInvoice(vendor)
    expect((await provider.getPaymentStatus({ data: payment({ captures: [captured("ful_1", 1000)] }) })).status).toBe(PaymentSessionStatus.CAPTURED)
    vendor.getAuthorization.mockClear()
    expect((await provider.getPaymentStatus({ data: payment({ cancellation: { canceled_at: "x", reason: "y" } }) })).status).toBe(PaymentSessionStatus.CANCELED)
    expect(vendor.getAuthorization).not.toHaveBeenCalled()
  })

  it("an amount change is refused; unreadable status is an error naming the authorization", async () => {
    const provider = new TestAvardaInvoice(client({ getAuthorization: jest.fn(async () => Promise.reject(new VendorHttpError("avarda.authorization.status", 500, "", undefined))) }))
    expect(await failureOf(provider.updatePayment({ data: payment(), amount: 11, currency_code: "sek" }))).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED })
    expect(await failureOf(provider.retrievePayment({ data: payment() }))).toMatchObject({ message: expect.stringContaining("cannot read authorization auth-1") })
  })
})

describe("Authorization API credit: capture (POST /authorization/{id}/order)", () => {
  it.each([
    { name: "200", answer: undefined, expected: "resolved" as const },
    { name: "no answer in time", answer: new VendorTimeoutError("avarda.authorization.order", 15_000), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: true } },
    { name: "connection lost after sending", answer: new VendorConnectionLostError("reset", "avarda.authorization.order"), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: true } },
    { name: "422 refused", answer: new AvardaOrderManagementError("avarda.authorization.order", 422, "", undefined, [{ code: "10011", message: "not in back office" }]), expected: { type: MedusaError.Types.NOT_ALLOWED, outcomeUnknown: false } },
    { name: "500", answer: new VendorHttpError("avarda.authorization.order", 500, "", undefined), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: false } },
    { name: "never reached Avarda", answer: new VendorConnectError("refused", "avarda.authorization.order"), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: false } },
  ])("$name → $expected", async ({ answer, expected }) => {
    const vendor = client({ captureOrder: answering(answer) })
    const run = new TestAvardaInvoice(vendor).capturePayment({ data: payment({ capture_plan: plan("ful_1") }), context: ctx("capt_1") })
    const result = await failureOf(run)
    if (expected === "resolved") {
      expect(result).toBe("resolved")
      const data = (await new TestAvardaInvoice(client()).capturePayment({ data: payment({ capture_plan: plan("ful_1") }), context: ctx("capt_1") })).data as unknown as AvardaPaymentData
      expect(data.captures).toEqual([expect.objectContaining({ tran_id: "ful_1", capture_id: "capt_1", amount_minor: 400, order_reference: "1001" })])
      expect(data.capture_plan).toBeNull()
      return
    }
    expect(result).toMatchObject(expected)
    expect(vendor.captureOrder).toHaveBeenCalledWith("auth-1", expect.objectContaining({ tranId: "ful_1" }))
  })

  it.each([
    { name: "not in back office yet", body: { status: 0, inBackOffice: false }, error: AvardaNotReadyError },
    { name: "rejected", body: { status: 1, errorCode: 3 }, error: MedusaError },
  ])("status $name → refused before /order", async ({ body, error }) => {
    const vendor = client({ getAuthorization: jest.fn(async () => authorizationStatusSchema.parse(body)) })
    await expect(new TestAvardaInvoice(vendor).capturePayment({ data: payment({ capture_plan: plan("ful_1") }) })).rejects.toBeInstanceOf(error)
    expect(vendor.captureOrder).not.toHaveBeenCalled()
  })

  it("a plan whose tranId is already recorded is done: not sent again, not recorded twice", async () => {
    const vendor = client()
    const result = await new TestAvardaInvoice(vendor).capturePayment({ data: payment({ captures: [captured("ful_1", 400)], capture_plan: plan("ful_1") }) })
    expect(vendor.captureOrder).not.toHaveBeenCalled()
    expect((result.data as unknown as AvardaPaymentData).captures).toHaveLength(1)
  })

  it("a plan whose tranId is recorded for another amount is another capture: refused (409), not sent, nothing recorded", async () => {
    const vendor = client()
    const run = new TestAvardaInvoice(vendor).capturePayment({ data: payment({ captures: [captured("ful_1", 200)], capture_plan: plan("ful_1", 700) }) })
    await expect(run).rejects.toMatchObject({ type: "conflict", message: expect.stringMatching(/ful_1 of 700 minor units was not sent/) })
    expect(vendor.captureOrder).not.toHaveBeenCalled()
  })

  it("Medusa's own capture of the rest: the session's n-th capture as tranId, the same on every retry, never Medusa's capture id", async () => {
    const vendor = client({ captureOrder: jest.fn(async () => Promise.reject(new VendorTimeoutError("avarda.authorization.order", 1))) })
    const provider = new TestAvardaInvoice(vendor)
    const data = payment({ captures: [captured("ful_1", 400)] })
    await failureOf(provider.capturePayment({ data, context: ctx("capt_A") }))
    await failureOf(provider.capturePayment({ data, context: ctx("capt_B") }))
    expect(vendor.captureOrder.mock.calls.map(([, body]) => [body.tranId, body.orderReference])).toEqual([
      ["01JSESSION-c2", "1001"],
      ["01JSESSION-c2", "1001"],
    ])
  })

  it("more than is still authorized is refused without calling Avarda", async () => {
    const vendor = client()
    const failure = await failureOf(new TestAvardaInvoice(vendor).capturePayment({ data: payment({ captures: [captured("ful_1", 800)], capture_plan: plan("ful_2", 400) }) }))
    expect(failure).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED })
    expect(vendor.getAuthorization).not.toHaveBeenCalled()
  })
})

describe("Authorization API credit: refund (POST /authorization/{id}/return)", () => {
  const refund = (vendor: Client, amount: BigNumberInput, refundId?: string, extra: Partial<AvardaPaymentData> = {}) =>
    new TestAvardaInvoice(vendor).refundPayment({ data: payment({ captures: [captured("ful_1", 1000)], ...extra }), amount, context: ctx(refundId) })

  it.each([
    { name: "200", answer: undefined, unconfirmed: false },
    { name: "no answer in time", answer: new VendorTimeoutError("avarda.authorization.return", 1), unconfirmed: true },
    { name: "connection lost", answer: new VendorConnectionLostError("reset", "avarda.authorization.return"), unconfirmed: true },
    { name: "unreadable 2xx", answer: new VendorProtocolError("bad json", "avarda.authorization.return"), unconfirmed: true },
    { name: "500 (may come after the return was booked)", answer: new VendorHttpError("avarda.authorization.return", 500, "", undefined), unconfirmed: true },
  ])("$name → recorded under Medusa's refund id, unconfirmed: $unconfirmed", async ({ answer, unconfirmed }) => {
    const vendor = client({ returnItems: answering(answer) })
    const data = (await refund(vendor, 2, "ref_1")).data as unknown as AvardaPaymentData
    // With the order reference it was sent with: a re-send goes with the same one.
    expect(data.returns).toEqual([expect.objectContaining({ tran_id: "ref_1", refund_id: "ref_1", order_reference: "1001", amount_minor: 200 })])
    expect(!!data.returns[0]!.unconfirmed).toBe(unconfirmed)
    expect(vendor.returnItems).toHaveBeenCalledWith("auth-1", expect.objectContaining({ tranId: "ref_1", orderReference: "1001" }))
  })

  it.each([
    { name: "422 refused", answer: new AvardaOrderManagementError("avarda.authorization.return", 422, "", undefined, []), type: MedusaError.Types.NOT_ALLOWED },
    { name: "never reached Avarda", answer: new VendorConnectError("refused", "avarda.authorization.return"), type: MedusaError.Types.UNEXPECTED_STATE },
  ])("$name → thrown ($type), nothing recorded", async ({ answer, type }) => {
    expect(await failureOf(refund(client({ returnItems: jest.fn(async () => Promise.reject(answer)) }), 2, "ref_1"))).toMatchObject({ type, outcomeUnknown: false })
  })

  it("a refund retried after a lost answer is a new refund under its own id; unconfirmed ones count, so no more than captured is ever refunded", async () => {
    const vendor = client()
    const lost = { tran_id: "ref_1", refund_id: "ref_1", amount_minor: 600, rows: [row(600)], returned_at: "x", unconfirmed: { since: "x", attempts: 1, last_error: "timeout" } }
    const again = (await refund(vendor, 3, "ref_2", { returns: [lost] })).data as unknown as AvardaPaymentData
    expect(again.returns.map((r) => [r.tran_id, r.amount_minor])).toEqual([
      ["ref_1", 600],
      ["ref_2", 300],
    ])
    expect(await failureOf(refund(vendor, 5, "ref_3", { returns: [lost] }))).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED })
  })
})

describe("Authorization API credit: cancel and delete", () => {
  it.each([
    { name: "200", answer: undefined, status: { status: 0, inBackOffice: true }, expected: "cancelled" },
    { name: "refused, nothing reserved any more", answer: new AvardaOrderManagementError("avarda.authorization.cancel", 422, "", undefined, []), status: { status: 2, errorCode: 50 }, expected: "cancelled" },
    { name: "refused while still reserved", answer: new AvardaOrderManagementError("avarda.authorization.cancel", 422, "", undefined, []), status: { status: 0, inBackOffice: true }, expected: MedusaError.Types.NOT_ALLOWED },
    { name: "no answer in time", answer: new VendorTimeoutError("avarda.authorization.cancel", 1), status: { status: 0, inBackOffice: true }, expected: "outcome unknown" },
  ])("cancel: $name → $expected", async ({ answer, status, expected }) => {
    const vendor = client({ cancel: answering(answer), getAuthorization: jest.fn(async () => authorizationStatusSchema.parse(status)) })
    const run = new TestAvardaInvoice(vendor).cancelPayment({ data: payment() })
    if (expected === "cancelled") return expect((await run).data).toHaveProperty("cancellation.canceled_at")
    const failure = await failureOf(run)
    if (expected === "outcome unknown") return expect(failure).toMatchObject({ outcomeUnknown: true })
    expect(failure).toMatchObject({ type: expected })
  })

  it("an authorization whose shipment's capture waits for the job is not cancelled: that capture is owed for goods that left", async () => {
    const vendor = client()
    const failure = await failureOf(new TestAvardaInvoice(vendor).cancelPayment({ data: payment({ pending_captures: [plan("ful_1")] }), context: ctx("pay_1") }))
    expect(failure).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED, message: expect.stringMatching(/capture ful_1 of shipped goods is still to be made/) })
    expect(vendor.cancel).not.toHaveBeenCalled()
  })

  it("a partly captured authorization is not cancelled: its rest stays for the coming shipments", async () => {
    const vendor = client()
    expect(await failureOf(new TestAvardaInvoice(vendor).cancelPayment({ data: payment({ captures: [captured("ful_1", 400)] }) }))).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED })
    expect(vendor.cancel).not.toHaveBeenCalled()
  })

  it.each([
    { name: "approved, Avarda answers", decision: "approved", answer: undefined, calls: 1, cancelled: true },
    { name: "approved, Avarda fails: never throws", decision: "approved", answer: new VendorHttpError("avarda.authorization.cancel", 500, "", undefined), calls: 1, cancelled: false },
    { name: "rejected: nothing to release", decision: "rejected", answer: undefined, calls: 0, cancelled: false },
  ])("delete: $name", async ({ decision, answer, calls, cancelled }) => {
    const vendor = client({ cancel: answering(answer) })
    const data = payment({ decision: { outcome: decision as "approved", error_code: null, message: null, credit_limit: null, in_back_office: true, checked_at: "x" } })
    const result = await new TestAvardaInvoice(vendor).deletePayment({ data })
    expect(vendor.cancel).toHaveBeenCalledTimes(calls)
    expect(!!(result.data as { cancellation?: unknown }).cancellation).toBe(cancelled)
  })
})
