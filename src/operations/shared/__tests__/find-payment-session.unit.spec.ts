// What the jobs, the webhook and the shopper's return learn about a payment session from one read:
// here, whether no cart holds it and its payment collection no longer asks what the session asks.
import { findPaymentSession } from "../find-payment-session"
import { isSuperseded } from "../release-superseded-session"
import { fakeQuery } from "./fake-query"

const raw = (value: string) => ({ value, precision: 20 })

function containerWith(session: Record<string, unknown>) {
  const query = fakeQuery({ payment_session: [{ id: "payses_1", provider_id: "pp_avirato-card_avirato", status: "pending", currency_code: "eur", ...session } as never] })
  return { resolve: () => query } as never
}

describe("findPaymentSession: a session no cart holds and its payment collection", () => {
  it.each<[string, Record<string, unknown>, boolean, boolean]>([
    ["the collection asks the session's amount", { amount: 12.34, raw_amount: raw("12.34"), payment_collection: { status: "not_paid", amount: 12.34, raw_amount: raw("12.340") } }, false, false],
    ["an order edit lowered the collection's amount in place", { amount: 12.34, raw_amount: raw("12.34"), payment_collection: { status: "not_paid", amount: 10, raw_amount: raw("10") } }, true, true],
    ["an order edit raised it", { amount: 12.34, raw_amount: raw("12.34"), payment_collection: { status: "awaiting", amount: 20.5, raw_amount: raw("20.5") } }, true, true],
    ["amounts equal once rounded but not exactly", { amount: 10, raw_amount: raw("10.004"), payment_collection: { status: "not_paid", amount: 10, raw_amount: raw("10") } }, true, true],
    ["the collection was cancelled (same amount)", { amount: 12.34, payment_collection: { status: "canceled", amount: 12.34 } }, false, true],
    ["no collection read", { amount: 12.34 }, false, false],
  ])("%s", async (_case, stored, amountChanged, superseded) => {
    const session = (await findPaymentSession(containerWith(stored), "payses_1"))!
    expect(!!session.collectionAmountChanged).toBe(amountChanged)
    expect(isSuperseded(session)).toBe(superseded)
    expect(session).not.toHaveProperty("raw_amount")
  })

  it("a session a cart holds is judged by its cart, not by the collection's amount (the cart completion refreshes both)", async () => {
    const session = (await findPaymentSession(containerWith({ amount: 12.34, payment_collection: { status: "not_paid", amount: 10, cart: { id: "cart_1" } } }), "payses_1"))!
    expect(session.collectionAmountChanged).toBeUndefined()
    expect(isSuperseded(session)).toBe(false)
  })
})
