// The steps every vendor's shopper return shares: proof first, one read of the session, a session
// whose order holds its payment is done, and an order without it goes to the vendor's confirmation.
import type { MedusaContainer } from "@medusajs/framework/types"
import { findPaymentSession, type SessionWithCart } from "../find-payment-session"
import { returnProof } from "../return-proof"
import { placedOrder, resolveShopperReturn, sessionCartOf, type ShopperReturnFlow } from "../shopper-return"

jest.mock("../return-proof", () => ({ returnProof: jest.fn() }))
jest.mock("../find-payment-session", () => ({ findPaymentSession: jest.fn() }))

const proof = jest.mocked(returnProof)
const find = jest.mocked(findPaymentSession)
const container = {} as MedusaContainer

interface Input {
  session?: string
  state?: string
}

function flow() {
  const calls: string[] = []
  const answer = (what: string) => {
    calls.push(what)
    return what
  }
  const test: ShopperReturnFlow<Input, string> = {
    purpose: "avirato-hosted-page-return",
    subjectOf: ({ session, state }) => ({ sessionId: session, state }),
    isOwnSession: (session) => session.provider_id === "pp_own",
    unverified: (reason) => answer(`unverified:${reason}`),
    withoutSession: async (_container, _input, session) => answer(`without:${session?.id ?? "none"}`),
    placed: (_container, _session, orderId) => answer(`placed:${orderId}`),
    settle: async (_container, session) => answer(`settle:${session.id}`),
  }
  return { test, calls }
}

const session = (overrides: Partial<SessionWithCart> = {}): SessionWithCart =>
  ({ id: "payses_1", provider_id: "pp_own", status: "pending", amount: 10, currency_code: "eur", data: {}, cartId: "cart_1", ...overrides }) as SessionWithCart

beforeEach(() => {
  jest.resetAllMocks()
  proof.mockReturnValue({ valid: true })
})

describe("a shopper's return, for any vendor", () => {
  it("without proof of the shopper's flow: the flow's generic answer, nothing looked up", async () => {
    proof.mockReturnValue({ valid: false, reason: "not_for_this_session" })
    const { test, calls } = flow()
    expect(await resolveShopperReturn(container, test, { session: "payses_1", state: "forged" })).toBe("unverified:not_for_this_session")
    expect(proof).toHaveBeenCalledWith(container, "avirato-hosted-page-return", "payses_1", "forged")
    expect(find).not.toHaveBeenCalled()
    expect(calls).toEqual(["unverified:not_for_this_session"])
  })

  it.each([
    ["a session Medusa no longer has", undefined, "without:none"],
    ["a session that is not the flow's own", session({ provider_id: "pp_other" }), "without:payses_1"],
  ])("%s: the flow's answer for it", async (_name, found, expected) => {
    find.mockResolvedValue(found)
    const { test, calls } = flow()
    expect(await resolveShopperReturn(container, test, { session: "payses_1", state: "s" })).toBe(expected)
    expect(calls).toEqual([expected])
  })

  it("a session whose order holds its payment: that order, the vendor not asked", async () => {
    find.mockResolvedValue(session({ orderId: "order_1", paymentId: "pay_1", status: "authorized" }))
    const { test, calls } = flow()
    expect(await resolveShopperReturn(container, test, { session: "payses_1", state: "s" })).toBe("placed:order_1")
    expect(calls).toEqual(["placed:order_1"])
  })

  it.each([
    ["no order yet", session()],
    ["an order without the session's payment (a completion stopped before authorizing it)", session({ orderId: "order_1", status: "authorized" })],
  ])("%s: the vendor confirms and the cart is completed", async (_name, found) => {
    find.mockResolvedValue(found)
    const { test, calls } = flow()
    expect(await resolveShopperReturn(container, test, { session: "payses_1", state: "s" })).toBe("settle:payses_1")
    expect(calls).toEqual(["settle:payses_1"])
  })
})

describe("what a completion gave the shopper", () => {
  it.each([
    [{ outcome: "completed", orderId: "order_1", cartId: "cart_1" } as const, { placed: true, orderId: "order_1", cartId: "cart_1" }],
    [{ outcome: "already_completed", orderId: "order_1", cartId: "cart_1" } as const, { placed: true, orderId: "order_1", cartId: "cart_1" }],
    [{ outcome: "failed", cartId: "cart_1", message: "Timed-out acquiring lock.", contended: true } as const, { placed: false, reason: "order_processing", message: "Timed-out acquiring lock.", cartId: "cart_1" }],
    [{ outcome: "failed", cartId: "cart_1", message: "out of stock" } as const, { placed: false, reason: "completion_failed", message: "out of stock", cartId: "cart_1" }],
  ])("%j → %j", (completion, expected) => {
    expect(placedOrder(completion)).toEqual(expected)
  })

  it("hands the completion the cart and order just read", () => {
    expect(sessionCartOf(session({ orderId: "order_1" }))).toEqual({ id: "cart_1", orderId: "order_1" })
    expect(sessionCartOf(session())).toEqual({ id: "cart_1" })
    expect(sessionCartOf(session({ cartId: undefined }))).toBeUndefined()
  })
})
