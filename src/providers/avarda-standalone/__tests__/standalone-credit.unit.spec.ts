// The shared credit base with the Standalone Credit adapter: Avarda's answers → what Medusa gets.
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { CREDIT_REQUEST_REF_KEY } from "../../../lib/avarda/credit-request-handoff"
import type { StandaloneCreditClient } from "../../../lib/avarda/standalone/client"
import { standaloneCreditRequestHandoff, type StandaloneCreditRequestHandoff } from "../../../lib/avarda/standalone/credit-request-handoff"
import { parseStandaloneError, StandaloneUnreadableAnswerError } from "../../../lib/avarda/standalone/errors"
import { VendorConnectError, VendorConnectionLostError, VendorTimeoutError } from "../../../lib/http/errors"
import { AvardaCreditBase } from "../../avarda-credit/avarda-credit-base"
import { answering, application, captured, cradle, ctx, failureOf, freshLedger, personalIdNumber, plan, row } from "../../avarda-credit/__tests__/credit-fixtures"
import { parseStandaloneOptions, type StandaloneOptions } from "../core/options"
import type { StandalonePaymentData } from "../core/payment-data"
import { StandaloneAdapter } from "../core/standalone-adapter"
import { AvardaStandaloneDirectInvoiceService } from "../services/avarda-standalone-direct-invoice"
import { AvardaStandaloneInvoiceService } from "../services/avarda-standalone-invoice"
import { AvardaStandaloneLoanService } from "../services/avarda-standalone-loan"
import { AvardaStandalonePartPaymentService } from "../services/avarda-standalone-part-payment"

const VALID_OPTIONS = {
  environment: "test",
  siteCode: "site",
  sitePassword: "password",
  backendUrl: "https://shop.example",
  storefront: { successUrl: "https://store.example/ok", failureUrl: "https://store.example/ko" },
}
const options = parseStandaloneOptions(VALID_OPTIONS)

type Client = { [K in "authorize" | "getPaymentStatus" | "purchaseOrder" | "returnOrder" | "refund" | "refundRemaining" | "cancelPayment"]: jest.Mock }

class TestStandaloneInvoice extends AvardaCreditBase<StandaloneOptions, StandalonePaymentData, StandaloneCreditRequestHandoff> {
  static override identifier = "avarda-standalone-invoice"
  protected readonly product = "invoice" as const
  protected readonly adapter: StandaloneAdapter

  protected static override parseOptions = parseStandaloneOptions

  constructor(client: Client) {
    super(cradle, VALID_OPTIONS)
    this.adapter = new StandaloneAdapter({ client: client as unknown as StandaloneCreditClient, options, logger: undefined })
  }
}

const refused = (operation: string, code: string) => parseStandaloneError(operation, 400, JSON.stringify([{ ErrorCode: code, ErrorMessage: "refused" }]))
const serverError = (operation: string) => parseStandaloneError(operation, 500, "")

function client(overrides: Partial<Client> = {}): Client {
  const ok = () => jest.fn(async () => undefined)
  return {
    authorize: jest.fn(),
    getPaymentStatus: jest.fn(async () => ({ State: 2 })),
    purchaseOrder: ok(),
    returnOrder: ok(),
    refund: ok(),
    refundRemaining: ok(),
    cancelPayment: ok(),
    ...overrides,
  }
}

function payment(extra: Partial<StandalonePaymentData> = {}): Record<string, unknown> {
  const data: StandalonePaymentData = {
    vendor: "avarda-standalone",
    product: "invoice",
    purchase_id: "purchase-1",
    ...freshLedger(),
    refunds: [],
    decision: { outcome: "approved", checked_at: "2026-01-01T00:00:00.000Z" },
    ...extra,
  }
  return data as unknown as Record<string, unknown>
}



const asStandalone = (data: unknown) => data as StandalonePaymentData


describe("Standalone credit: initiatePayment", () => {
  const handoff: StandaloneCreditRequestHandoff = {
    application,
    personalIdNumber,
  }
  const start = (vendor: Client, amount = 10) =>
    new TestStandaloneInvoice(vendor).initiatePayment({ data: { session_id: "payses_1", [CREDIT_REQUEST_REF_KEY]: standaloneCreditRequestHandoff().put(handoff) }, amount, currency_code: "sek" })

  it("a cart changed since the credit request was built is a conflict (the same on both APIs), and Avarda is never asked", async () => {
    const vendor = client()
    expect(await failureOf(start(vendor, 11))).toMatchObject({ type: MedusaError.Types.CONFLICT })
    expect(vendor.authorize).not.toHaveBeenCalled()
  })

  it.each([
    { name: "approved", answer: { kind: "approved", externalId: "purchase-9" }, status: PaymentSessionStatus.PENDING, outcome: "approved", id: "purchase-9" },
    { name: "electronic ID needed", answer: { kind: "electronic_id_required", externalId: "purchase-9" }, status: PaymentSessionStatus.REQUIRES_MORE, outcome: "pending_id_validation", id: "purchase-9" },
    { name: "rejected", answer: { kind: "rejected", error: parseStandaloneError("avarda.checkout2.authorize", 400, JSON.stringify({ ErrorCode: "30154", UserErrorMessage: "CreditNotApproved" })) }, status: PaymentSessionStatus.ERROR, outcome: "rejected", id: "payses_1" },
  ])("$name → session $status, decision $outcome", async ({ answer, status, outcome, id }) => {
    const result = await start(client({ authorize: jest.fn(async () => answer) }))
    expect(result).toMatchObject({ id, status, data: { order_reference: "payses_1", decision: { outcome } } })
  })

  it("keeps no credit limit Avarda grants the person: session data is public (the store routes return it with the cart)", async () => {
    const result = await start(client({ authorize: jest.fn(async () => ({ kind: "approved" as const, externalId: "purchase-9", creditLimit: 73_519 })) }))
    expect(result.data).toMatchObject({ decision: { outcome: "approved", credit_limit: null } })
    expect(JSON.stringify(result.data)).not.toContain("73519")
  })

  it.each([
    { name: "no answer in time", error: new VendorTimeoutError("avarda.checkout2.authorize", 1), outcome: "unknown" },
    { name: "never reached Avarda", error: new VendorConnectError("refused", "avarda.checkout2.authorize"), outcome: "failed" },
    { name: "site credentials refused (401)", error: parseStandaloneError("avarda.checkout2.authorize", 401, ""), outcome: "failed" },
  ])("$name → error session, decision $outcome", async ({ error, outcome }) => {
    expect(await start(client({ authorize: jest.fn(async () => Promise.reject(error)) }))).toMatchObject({ status: PaymentSessionStatus.ERROR, data: { decision: { outcome } } })
  })
})

describe("Standalone credit: status (GetPaymentStatus)", () => {
  it.each([
    { state: 2, status: PaymentSessionStatus.AUTHORIZED },
    { state: 7, status: PaymentSessionStatus.REQUIRES_MORE },
    { state: 8, status: PaymentSessionStatus.ERROR },
    { state: 11, status: PaymentSessionStatus.ERROR },
  ])("State $state → $status", async ({ state, status }) => {
    const result = await new TestStandaloneInvoice(client({ getPaymentStatus: jest.fn(async () => ({ State: state })) })).authorizePayment({ data: payment() })
    expect(result.status).toBe(status)
  })

  it("fully invoiced → captured", async () => {
    expect((await new TestStandaloneInvoice(client()).getPaymentStatus({ data: payment({ captures: [captured("ful_1", 1000)] }) })).status).toBe(PaymentSessionStatus.CAPTURED)
  })
})

describe("Standalone credit: capture (PurchaseOrder) — the same policy as the Authorization API", () => {
  it.each([
    { name: "200", answer: undefined, expected: "resolved" as const },
    { name: "no answer in time", answer: new VendorTimeoutError("avarda.checkout2.purchase-order", 1), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: true } },
    { name: "connection reset after sending", answer: new VendorConnectionLostError("reset", "avarda.checkout2.purchase-order"), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: true } },
    { name: "unreadable 200", answer: new StandaloneUnreadableAnswerError("cut off", "avarda.checkout2.purchase-order"), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: true } },
    { name: "400 refused", answer: refused("avarda.checkout2.purchase-order", "10013"), expected: { type: MedusaError.Types.NOT_ALLOWED, outcomeUnknown: false } },
    { name: "500", answer: serverError("avarda.checkout2.purchase-order"), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: false } },
    { name: "never reached Avarda", answer: new VendorConnectError("refused", "avarda.checkout2.purchase-order"), expected: { type: MedusaError.Types.UNEXPECTED_STATE, outcomeUnknown: false } },
  ])("$name → $expected", async ({ answer, expected }) => {
    const vendor = client({ purchaseOrder: answering(answer) })
    const run = new TestStandaloneInvoice(vendor).capturePayment({ data: payment({ capture_plan: { ...plan("ful_1"), tracking_code: "TRACK1" } }), context: ctx("capt_1") })
    if (expected === "resolved") {
      const data = asStandalone((await run).data)
      expect(data.captures).toEqual([expect.objectContaining({ tran_id: "ful_1", capture_id: "capt_1", tracking_code: "TRACK1", amount_minor: 400 })])
      expect(data.captures[0]).not.toHaveProperty("unconfirmed")
    } else {
      expect(await failureOf(run)).toMatchObject(expected)
    }
    expect(vendor.purchaseOrder).toHaveBeenCalledWith(expect.objectContaining({ ExternalId: "purchase-1", TranId: "ful_1", OrderReference: "1001", TrackingCode: "TRACK1" }))
  })

  it("a plan whose tranId is already recorded is done: not sent again", async () => {
    const vendor = client()
    const result = await new TestStandaloneInvoice(vendor).capturePayment({ data: payment({ captures: [captured("ful_1", 400)], capture_plan: plan("ful_1") }) })
    expect(vendor.purchaseOrder).not.toHaveBeenCalled()
    expect(asStandalone(result.data).captures).toHaveLength(1)
  })

  it("Medusa's own capture of the rest: the session's n-th capture as tranId, the same on every retry, never Medusa's capture id", async () => {
    const vendor = client({ purchaseOrder: jest.fn(async () => Promise.reject(new VendorTimeoutError("avarda.checkout2.purchase-order", 1))) })
    const provider = new TestStandaloneInvoice(vendor)
    const data = payment({ captures: [captured("ful_1", 400)] })
    await failureOf(provider.capturePayment({ data, context: ctx("capt_A") }))
    await failureOf(provider.capturePayment({ data, context: ctx("capt_B") }))
    expect(vendor.purchaseOrder.mock.calls.map(([body]) => body.TranId)).toEqual(["01JSESSION-c2", "01JSESSION-c2"])
  })

  it("after the rest was released nothing more is captured", async () => {
    const vendor = client()
    const released = { amount_minor: 600, tran_id: "x-rr", order_reference: "1001", released_at: "x" }
    expect(await failureOf(new TestStandaloneInvoice(vendor).capturePayment({ data: payment({ captures: [captured("ful_1", 400)], remainder_released: released, capture_plan: plan("ful_2") }) }))).toMatchObject({
      type: MedusaError.Types.NOT_ALLOWED,
    })
    expect(vendor.purchaseOrder).not.toHaveBeenCalled()
  })
})

describe("Standalone credit: refund (Refund / ReturnOrder)", () => {
  const invoiced = { captures: [captured("ful_1", 1000)] }

  it.each([
    { name: "200", answer: undefined, unconfirmed: false },
    { name: "no answer in time", answer: new VendorTimeoutError("avarda.checkout2.refund", 1), unconfirmed: true },
    { name: "unreadable 200", answer: new StandaloneUnreadableAnswerError("cut off", "avarda.checkout2.refund"), unconfirmed: true },
    { name: "500 (may come after the refund was booked)", answer: serverError("avarda.checkout2.refund"), unconfirmed: true },
  ])("Refund $name → recorded under Medusa's refund id, unconfirmed: $unconfirmed", async ({ answer, unconfirmed }) => {
    const vendor = client({ refund: answering(answer) })
    const data = asStandalone((await new TestStandaloneInvoice(vendor).refundPayment({ data: payment(invoiced), amount: 2, context: ctx("ref_1") })).data)
    expect(data.refunds).toEqual([expect.objectContaining({ tran_id: "ref_1", refund_id: "ref_1", amount_minor: 200, order_reference: "1001" })])
    expect(!!data.refunds[0]!.unconfirmed).toBe(unconfirmed)
    expect(vendor.refund).toHaveBeenCalledWith(expect.objectContaining({ Amount: 2, TranId: "ref_1" }))
  })

  it.each([
    { name: "400 refused", answer: refused("avarda.checkout2.refund", "10013"), type: MedusaError.Types.NOT_ALLOWED },
    { name: "never reached Avarda", answer: new VendorConnectError("refused", "avarda.checkout2.refund"), type: MedusaError.Types.UNEXPECTED_STATE },
  ])("Refund $name → thrown ($type), nothing recorded", async ({ answer, type }) => {
    const run = new TestStandaloneInvoice(client({ refund: jest.fn(async () => Promise.reject(answer)) })).refundPayment({ data: payment(invoiced), amount: 2, context: ctx("ref_1") })
    expect(await failureOf(run)).toMatchObject({ type, outcomeUnknown: false })
  })

  it("a received return of exactly the amount is credited with its rows (ReturnOrder), and its plan is used up", async () => {
    const vendor = client()
    const returnPlan = { return_id: "ret_1", rows: [row(400)], amount_minor: 400, lines: [{ line_item_id: "li_1", quantity: 1 }], created_at: "x" }
    const data = asStandalone((await new TestStandaloneInvoice(vendor).refundPayment({ data: payment({ ...invoiced, return_plans: [returnPlan] }), amount: 4, context: ctx("ref_1") })).data)
    expect(vendor.returnOrder).toHaveBeenCalledWith(expect.objectContaining({ TranId: "ref_1", Items: expect.any(Array) }))
    expect(vendor.refund).not.toHaveBeenCalled()
    expect(data.returns).toEqual([expect.objectContaining({ return_id: "ret_1", amount_minor: 400 })])
    expect(data.return_plans).toEqual([])
  })

  it("unconfirmed refunds count as credited: no more than invoiced is ever refunded", async () => {
    const lost = { tran_id: "ref_1", order_reference: "1001", amount_minor: 900, refunded_at: "x", unconfirmed: { since: "x", attempts: 1, last_error: "timeout" } }
    const vendor = client()
    expect(await failureOf(new TestStandaloneInvoice(vendor).refundPayment({ data: payment({ ...invoiced, refunds: [lost] }), amount: 2, context: ctx("ref_2") }))).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED })
    expect(vendor.refund).not.toHaveBeenCalled()
  })
})

describe("Standalone credit: cancel, release and delete", () => {
  it.each([
    { name: "200", answer: undefined, unconfirmed: false },
    { name: "10014 already cancelled", answer: refused("avarda.checkout2.cancel-payment", "10014"), unconfirmed: false },
    { name: "no answer in time", answer: new VendorTimeoutError("avarda.checkout2.cancel-payment", 1), unconfirmed: true },
  ])("CancelPayment $name → cancelled, unconfirmed: $unconfirmed", async ({ answer, unconfirmed }) => {
    const vendor = client({ cancelPayment: answering(answer) })
    const data = asStandalone((await new TestStandaloneInvoice(vendor).cancelPayment({ data: payment() })).data)
    expect(data.cancellation).toBeDefined()
    expect(!!data.cancellation!.unconfirmed).toBe(unconfirmed)
  })

  it.each([
    { name: "nothing captured yet", captures: [] },
    { name: "partly captured (the rest would be released)", captures: [captured("ful_0", 200)] },
  ])("a purchase whose shipment's capture waits for the job is neither cancelled nor released ($name)", async ({ captures }) => {
    const vendor = client()
    const failure = await failureOf(new TestStandaloneInvoice(vendor).cancelPayment({ data: payment({ captures, pending_captures: [plan("ful_1")] }), context: ctx("pay_1") }))
    expect(failure).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED, message: expect.stringMatching(/capture ful_1 of shipped goods is still to be made/) })
    expect(vendor.cancelPayment).not.toHaveBeenCalled()
    expect(vendor.refundRemaining).not.toHaveBeenCalled()
  })

  it("CancelPayment refused for another reason → thrown", async () => {
    const vendor = client({ cancelPayment: jest.fn(async () => Promise.reject(refused("avarda.checkout2.cancel-payment", "10005"))) })
    expect(await failureOf(new TestStandaloneInvoice(vendor).cancelPayment({ data: payment() }))).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED })
  })

  it.each([
    { name: "not asked for (an order change): refused, the rest stays reserved", requested: false, answer: undefined, expected: "refused" },
    { name: "asked for (order cancelled): RefundRemaining", requested: true, answer: undefined, expected: "released" },
    { name: "asked for, 10016 nothing remaining: released already", requested: true, answer: refused("avarda.checkout2.refund-remaining", "10016"), expected: "released" },
    { name: "asked for, no answer: recorded unconfirmed", requested: true, answer: new VendorTimeoutError("avarda.checkout2.refund-remaining", 1), expected: "unconfirmed" },
  ])("partly invoiced, $name", async ({ requested, answer, expected }) => {
    const vendor = client({ refundRemaining: answering(answer) })
    const data = payment({ captures: [captured("ful_1", 400)], ...(requested ? { remainder_release_requested_at: "x" } : {}) })
    const run = new TestStandaloneInvoice(vendor).cancelPayment({ data, context: ctx("pay_1") })
    if (expected === "refused") {
      expect(await failureOf(run)).toMatchObject({ type: MedusaError.Types.NOT_ALLOWED })
      return expect(vendor.refundRemaining).not.toHaveBeenCalled()
    }
    const released = asStandalone((await run).data).remainder_released
    expect(released).toMatchObject({ amount_minor: 600, tran_id: "pay_1", order_reference: "1001" })
    expect(!!released!.unconfirmed).toBe(expected === "unconfirmed")
  })

  it.each([
    { name: "approved, Avarda answers", answer: undefined, cancelled: true },
    { name: "approved, Avarda fails: never throws", answer: serverError("avarda.checkout2.cancel-payment"), cancelled: false },
  ])("delete: $name", async ({ answer, cancelled }) => {
    const vendor = client({ cancelPayment: answering(answer) })
    const result = await new TestStandaloneInvoice(vendor).deletePayment({ data: payment() })
    expect(vendor.cancelPayment).toHaveBeenCalledTimes(1)
    expect(!!(result.data as { cancellation?: unknown }).cancellation).toBe(cancelled)
  })
})

describe("the Standalone Credit services' options", () => {
  it("validateOptions aborts boot with a MedusaError naming the option, for every service", () => {
    for (const service of [AvardaStandaloneInvoiceService, AvardaStandaloneDirectInvoiceService, AvardaStandaloneLoanService, AvardaStandalonePartPaymentService]) {
      expect(() => service.validateOptions({ ...VALID_OPTIONS, siteCode: "" })).toThrow(MedusaError)
      expect(() => service.validateOptions({ ...VALID_OPTIONS, siteCode: "" })).toThrow(/siteCode/)
      expect(() => service.validateOptions(VALID_OPTIONS)).not.toThrow()
    }
  })
})
