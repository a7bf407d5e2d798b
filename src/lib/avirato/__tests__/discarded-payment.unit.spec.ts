import { decideDiscardedPayment, isMedusaPaymentSessionId, type CheckoutSessionState, type DiscardedPaymentFacts } from "../discarded-payment"

const PAID = { status: "completed", paymentStatus: "AUTHORISED", paymentReference: "KVGQSN3K2SKFNVNS", customReference: "payses_01JXYZ", isPreAuth: true }

function facts(overrides: Partial<Omit<DiscardedPaymentFacts, "session">> & { session?: Partial<DiscardedPaymentFacts["session"]> } = {}): DiscardedPaymentFacts {
  return { checkout: "deleted", madeByThisStore: true, alreadySettled: false, ...overrides, session: { ...PAID, ...overrides.session } }
}

describe("decideDiscardedPayment: give back only what no order will ever hold", () => {
  const checkouts: CheckoutSessionState[] = ["deleted", "cart_completed_without_it", "paid_in_medusa", "open", "no_cart", "order_canceled", "collection_canceled", "collection_amount_changed"]

  // checkout state × pre-auth → action, for a paid session this store made and never settled
  it.each([
    ["deleted", true, { action: "void", paymentReference: PAID.paymentReference, checkout: "deleted" }],
    ["deleted", false, { action: "refund", paymentReference: PAID.paymentReference, checkout: "deleted" }],
    ["cart_completed_without_it", true, { action: "void", paymentReference: PAID.paymentReference, checkout: "cart_completed_without_it" }],
    ["cart_completed_without_it", false, { action: "refund", paymentReference: PAID.paymentReference, checkout: "cart_completed_without_it" }],
    ["paid_in_medusa", true, { action: "leave", reason: "live_in_medusa" }],
    ["paid_in_medusa", false, { action: "leave", reason: "live_in_medusa" }],
    ["open", true, { action: "leave", reason: "live_in_medusa" }],
    ["open", false, { action: "leave", reason: "live_in_medusa" }],
    ["no_cart", true, { action: "leave", reason: "live_in_medusa" }],
    ["no_cart", false, { action: "leave", reason: "live_in_medusa" }],
    ["order_canceled", true, { action: "void", paymentReference: PAID.paymentReference, checkout: "order_canceled" }],
    ["order_canceled", false, { action: "refund", paymentReference: PAID.paymentReference, checkout: "order_canceled" }],
    ["collection_canceled", true, { action: "void", paymentReference: PAID.paymentReference, checkout: "collection_canceled" }],
    ["collection_canceled", false, { action: "refund", paymentReference: PAID.paymentReference, checkout: "collection_canceled" }],
    ["collection_amount_changed", true, { action: "void", paymentReference: PAID.paymentReference, checkout: "collection_amount_changed" }],
    ["collection_amount_changed", false, { action: "refund", paymentReference: PAID.paymentReference, checkout: "collection_amount_changed" }],
  ] as const)("checkout %s, isPreAuth %s → %j", (checkout, isPreAuth, expected) => {
    expect(decideDiscardedPayment(facts({ checkout, session: { isPreAuth } }))).toEqual(expected)
  })

  it("follows Avirato's default (captured at authorisation) when isPreAuth is missing: a refund", () => {
    expect(decideDiscardedPayment(facts({ session: { isPreAuth: undefined } }))).toEqual({ action: "refund", paymentReference: PAID.paymentReference, checkout: "deleted" })
    expect(decideDiscardedPayment(facts({ session: { isPreAuth: null } }))).toEqual({ action: "refund", paymentReference: PAID.paymentReference, checkout: "deleted" })
  })

  it.each([
    ["pending", { status: "pending", paymentStatus: undefined, paymentReference: undefined }],
    ["failed", { status: "failed", paymentStatus: undefined, paymentReference: undefined }],
    ["completed but refused", { paymentStatus: "REFUSED" }],
    ["completed without a payment reference", { paymentReference: undefined }],
    ["an unknown status", { status: "settling" }],
  ])("never acts on a session that is not paid (%s), whatever Medusa holds", (_label, session) => {
    for (const checkout of checkouts) expect(decideDiscardedPayment(facts({ checkout, session }))).toEqual({ action: "leave", reason: "not_paid" })
  })

  it.each([null, undefined, "ORD-2026-12345", "payses_", "payses_01J; drop"])("leaves a payment whose customReference %p is no Medusa payment session", (customReference) => {
    expect(decideDiscardedPayment(facts({ session: { customReference } }))).toEqual({ action: "leave", reason: "not_a_medusa_checkout" })
  })

  it("leaves a session already settled, whatever else is true", () => {
    for (const checkout of checkouts) {
      expect(decideDiscardedPayment(facts({ checkout, alreadySettled: true }))).toEqual({ action: "leave", reason: "already_settled" })
    }
  })

  it("gives back a payment of a deleted session only when this store made the session", () => {
    expect(decideDiscardedPayment(facts({ checkout: "deleted", madeByThisStore: false }))).toEqual({ action: "leave", reason: "not_made_by_this_store" })
    // A session that still exists in this store's database is this store's, proof or not.
    expect(decideDiscardedPayment(facts({ checkout: "cart_completed_without_it", madeByThisStore: false }))).toEqual({
      action: "void",
      paymentReference: PAID.paymentReference,
      checkout: "cart_completed_without_it",
    })
  })

  it("reads Avirato's status values case-insensitively", () => {
    expect(decideDiscardedPayment(facts({ session: { status: "COMPLETED", paymentStatus: "authorised" } }))).toEqual({ action: "void", paymentReference: PAID.paymentReference, checkout: "deleted" })
  })
})

describe("isMedusaPaymentSessionId", () => {
  it("accepts Medusa's payment session ids only", () => {
    expect(isMedusaPaymentSessionId("payses_01JABCDEF0123456789")).toBe(true)
    expect(isMedusaPaymentSessionId("pay_01JABC")).toBe(false)
    expect(isMedusaPaymentSessionId("")).toBe(false)
    expect(isMedusaPaymentSessionId(undefined)).toBe(false)
  })
})
