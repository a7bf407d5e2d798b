import type { MedusaContainer } from "@medusajs/framework/types"
import { shopperMessage } from "../../../lib/avarda/shopper-messages"
import { completeCartForPaymentSession } from "../../shared/complete-cart-for-payment-session"
import { returnProof } from "../../shared/return-proof"
import { AUTHORIZATION_API_CREDIT, STANDALONE_CREDIT, type CreditVendor } from "../credit-vendors"
import { findPaymentSession, type SessionWithCart } from "../../shared/find-payment-session"
import { refreshPaymentSession, type RefreshedSession } from "../../shared/refresh-payment-session"
import { resolveCreditReturn, type CreditReturnOutcome, type CreditReturnParams } from "../shopper-return"

jest.mock("../../shared/return-proof", () => ({ returnProof: jest.fn() }))
jest.mock("../../shared/find-payment-session", () => ({ findPaymentSession: jest.fn() }))
jest.mock("../../shared/refresh-payment-session", () => ({ refreshPaymentSession: jest.fn() }))
jest.mock("../../shared/complete-cart-for-payment-session", () => ({ completeCartForPaymentSession: jest.fn() }))

const proof = jest.mocked(returnProof)
const find = jest.mocked(findPaymentSession)
const refresh = jest.mocked(refreshPaymentSession)
const complete = jest.mocked(completeCartForPaymentSession)

const container = {} as MedusaContainer
const options = { storefront: { successUrl: "https://shop.example/ok", failureUrl: "https://shop.example/ko" }, reconciliation: { graceMinutes: 2, maxAgeHours: 24 } }
const release = jest.fn<Promise<boolean>, [MedusaContainer, string, string]>()

interface Api {
  name: string
  vendor: CreditVendor
  providerId: string
  /** Payment data holding the purchase `P-1` with this decision. */
  data(decision: { outcome: string; message?: string | null }): Record<string, unknown>
  /** The vendor's text when the identification is unfinished, and when Avarda could not be asked. */
  pending: string
  unreachable: string
}

const sv = (key: Parameters<typeof shopperMessage>[0]) => shopperMessage(key, "sv")

const APIS: Api[] = [
  {
    name: "Authorization API",
    vendor: { ...AUTHORIZATION_API_CREDIT, optionsFor: () => options, anyOptions: () => options, releaseDeletedSession: release },
    providerId: "pp_avarda-invoice_avarda",
    data: (decision) => ({ vendor: "avarda-authorization-api", authorization_id: "P-1", currency_code: "sek", decision: { message: null, ...decision } }),
    pending: sv("identification_processing"),
    unreachable: sv("payment_unconfirmed"),
  },
  {
    name: "Standalone Credit",
    vendor: { ...STANDALONE_CREDIT, optionsFor: () => options, anyOptions: () => options },
    providerId: "pp_avarda-standalone-invoice_avarda-standalone",
    data: (decision) => ({ vendor: "avarda-standalone", purchase_id: "P-1", currency_code: "sek", decision }),
    pending: sv("identification_unconfirmed"),
    unreachable: sv("identification_unconfirmed"),
  },
]

function session(api: Api, overrides: Partial<SessionWithCart> = {}): SessionWithCart {
  return { id: "payses_1", provider_id: api.providerId, data: api.data({ outcome: "pending_id_validation" }), cartId: "cart_1", ...overrides } as SessionWithCart
}

const refreshed = (status: string, data: Record<string, unknown>): RefreshedSession => ({ status, data })

beforeEach(() => {
  jest.resetAllMocks()
  proof.mockReturnValue({ valid: true })
  release.mockResolvedValue(true)
})

describe.each(APIS)("the shopper's return from identification: $name", (api) => {
  const run = (params: CreditReturnParams = { sessionId: "payses_1", purchaseId: "p-1", state: "signed" }) => resolveCreditReturn(container, api.vendor, params)
  const failure = (reason: string, message: string): CreditReturnOutcome => ({ kind: "failure", reason, message, cartId: "cart_1" }) as CreditReturnOutcome
  const failurePage = (reason: string, message: string) =>
    `https://shop.example/ko?${new URLSearchParams({ cart_id: "cart_1", reason, message }).toString()}`

  it("without proof of the shopper's flow looks nothing up and answers a generic failure", async () => {
    proof.mockReturnValue({ valid: false, reason: "expired" })
    const result = await run()
    expect(result).toEqual({ outcome: { kind: "unverified", reason: "verification_failed", proof: "expired" }, location: "https://shop.example/ko?reason=verification_failed" })
    expect(proof).toHaveBeenCalledWith(container, api.vendor.returnPurpose, "payses_1", "signed")
    expect(find).not.toHaveBeenCalled()
  })

  it("completes the cart when Avarda approved (purchase ids compared without case)", async () => {
    find.mockResolvedValue(session(api))
    refresh.mockResolvedValue(refreshed("authorized", api.data({ outcome: "approved" })))
    complete.mockResolvedValue({ outcome: "completed", orderId: "order_1" } as Awaited<ReturnType<typeof completeCartForPaymentSession>>)
    expect(await run()).toEqual({ outcome: { kind: "success", orderId: "order_1" }, location: "https://shop.example/ok?order_id=order_1" })
  })

  it("a session deleted while it was being confirmed (its cart changed or was paid another way) is no longer valid; nothing is completed", async () => {
    find.mockResolvedValue(session(api))
    refresh.mockResolvedValue(undefined)
    expect((await run()).outcome).toEqual(failure("unknown_session", sv("session_no_longer_valid")))
    expect(complete).not.toHaveBeenCalled()
  })

  it("sends a shopper whose order holds the payment to it without asking Avarda again", async () => {
    find.mockResolvedValue(session(api, { orderId: "order_9", paymentId: "pay_9" }))
    expect((await run()).outcome).toEqual({ kind: "success", orderId: "order_9" })
    expect(refresh).not.toHaveBeenCalled()
    expect(complete).not.toHaveBeenCalled()
  })

  it("an order without the payment (its completion stopped): the approval is confirmed at Avarda and the completion records it", async () => {
    find.mockResolvedValue(session(api, { orderId: "order_9", status: "authorized" }))
    refresh.mockResolvedValue(refreshed("authorized", api.data({ outcome: "approved" })))
    complete.mockResolvedValue({ outcome: "already_completed", orderId: "order_9", cartId: "cart_1" })
    expect((await run()).outcome).toEqual({ kind: "success", orderId: "order_9" })
    expect(refresh).toHaveBeenCalledTimes(1)
    // The cart and its order as just read: the completion goes straight to recording the payment.
    expect(complete).toHaveBeenCalledWith(container, "payses_1", { id: "cart_1", orderId: "order_9" })
  })

  it.each([
    ["a purchase the session does not hold", { purchaseId: "P-2" }, undefined],
    ["no purchase named", { purchaseId: undefined }, undefined],
    ["another vendor's session", {}, { provider_id: "pp_avirato-card_avirato" }],
  ])("refuses %s", async (_name, params, sessionOverrides) => {
    find.mockResolvedValue(session(api, sessionOverrides))
    const result = await run({ sessionId: "payses_1", purchaseId: "p-1", state: "signed", ...params })
    expect(result.outcome).toEqual(failure("unknown_session", sv("session_no_longer_valid")))
    expect(refresh).not.toHaveBeenCalled()
  })

  it("for a session Medusa no longer has, releases the purchase where the API can", async () => {
    find.mockResolvedValue(undefined)
    const result = await run()
    expect(result.outcome).toMatchObject({ kind: "failure", reason: "unknown_session" })
    if (api.vendor.releaseDeletedSession) expect(release).toHaveBeenCalledWith(container, "payses_1", "p-1")
    else expect(release).not.toHaveBeenCalled()
  })

  it.each<[string, () => void, string, (api: Api) => string]>([
    ["Avarda unreachable", () => refresh.mockRejectedValue(new Error("timeout")), "pending", (a) => a.unreachable],
    ["identification unfinished", () => refresh.mockResolvedValue(refreshed("requires_more", api.data({ outcome: "pending_id_validation" }))), "pending", (a) => a.pending],
    ["rejected, with Avarda's text", () => refresh.mockResolvedValue(refreshed("error", api.data({ outcome: "rejected", message: "Nekad" }))), "rejected", () => "Nekad"],
    ["timed out, no text", () => refresh.mockResolvedValue(refreshed("error", api.data({ outcome: "timed_out" }))), "timed_out", () => sv("payment_not_completed")],
    ["cancelled", () => refresh.mockResolvedValue(refreshed("error", api.data({ outcome: "cancelled" }))), "cancelled", () => sv("identification_cancelled")],
    ["failed", () => refresh.mockResolvedValue(refreshed("error", api.data({ outcome: "failed" }))), "failed", () => sv("payment_not_completed")],
    ["unknown", () => refresh.mockResolvedValue(refreshed("error", api.data({ outcome: "unknown" }))), "failed", () => sv("payment_not_completed")],
  ])("%s → %s", async (_name, arrange, reason, message) => {
    find.mockResolvedValue(session(api))
    arrange()
    const result = await run()
    expect(result).toEqual({ outcome: failure(reason, message(api)), location: failurePage(reason, message(api)) })
    expect(complete).not.toHaveBeenCalled()
  })

  it("approved but the cart cannot be completed", async () => {
    find.mockResolvedValue(session(api))
    refresh.mockResolvedValue(refreshed("authorized", api.data({ outcome: "approved" })))
    complete.mockResolvedValue({ outcome: "failed", message: "out of stock" } as Awaited<ReturnType<typeof completeCartForPaymentSession>>)
    expect((await run()).outcome).toEqual(failure("completion_failed", sv("order_not_created")))
  })

  type Completion = Awaited<ReturnType<typeof completeCartForPaymentSession>>
  it.each<[string, Completion, string, string]>([
    ["a real completion failure", { outcome: "failed", cartId: "cart_1", message: "out of stock" }, "completion_failed", "order_not_created"],
    ["the cart's lock held elsewhere until the deadline", { outcome: "failed", cartId: "cart_1", message: "Timed-out acquiring lock.", contended: true }, "order_processing", "order_being_placed"],
    ["the locking module failing to acquire the lock", { outcome: "failed", cartId: "cart_1", message: "Failed to acquire lock", contended: true }, "order_processing", "order_being_placed"],
  ])("approved, completion %s → reason %s", async (_, completion, reason, key) => {
    find.mockResolvedValue(session(api))
    refresh.mockResolvedValue(refreshed("authorized", api.data({ outcome: "approved" })))
    complete.mockResolvedValue(completion)
    const text = sv(key as Parameters<typeof shopperMessage>[0])
    const result = await run()
    expect(result.outcome).toEqual(failure(reason, text))
    // The page is reached with what the proven request already named: this session's cart, no order id.
    expect(result.location).toBe(failurePage(reason, text))
  })
})
