import {
  activeIdentityOf,
  electronicIdLinksToStore,
  electronicIdProofOf,
  holdsOwnPurchase,
  isExpired,
  linkExpiry,
  orderReferencesOfPayment,
  ownTransactions,
  pendingStrongAuthentications,
  purchaseIdOfPayment,
  type IdentityLinkRow,
} from "../identity-rules"

const NOW = new Date("2026-12-02T10:00:00.000Z")
const DAY = 24 * 60 * 60 * 1000
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY)

const approved = { outcome: "approved" }
const invoicePayment = (data: Record<string, unknown>, createdAt: Date = daysAgo(1)) => ({
  provider_id: "pp_avarda-invoice_avarda",
  data: { authorization_id: "AUTH-1", decision: approved, shopper_customer_id: "cus_1", ...data },
  created_at: createdAt,
})

const link = (overrides: Partial<IdentityLinkRow>): IdentityLinkRow => ({
  id: "avidl_1",
  customer_id: "cus_1",
  purchase_id: "P-1",
  method: "electronic_id",
  status: "linked",
  proven_at: daysAgo(1),
  expires_at: new Date(NOW.getTime() + 89 * DAY),
  ...overrides,
})

describe("what a purchase proves", () => {
  it("an approved purchase that passed electronic-ID validation proves the person, from the payment's time", () => {
    expect(electronicIdProofOf(invoicePayment({ id_validation: "required" }, daysAgo(3)), "cus_1")).toEqual({ purchaseId: "AUTH-1", provenAt: daysAgo(3) })
  })

  it("works for Standalone Credit purchases (purchase_id)", () => {
    const payment = {
      provider_id: "pp_avarda-standalone-invoice_avarda-standalone",
      data: { purchase_id: "EXT-9", id_validation: "required", decision: approved, shopper_customer_id: "cus_1" },
      created_at: daysAgo(2).toISOString(),
    }
    expect(electronicIdProofOf(payment, "cus_1")).toEqual({ purchaseId: "EXT-9", provenAt: daysAgo(2) })
  })

  it.each([
    ["a purchase without ID validation (anyone can type someone else's personal number)", invoicePayment({ id_validation: "not_required" })],
    ["a purchase from before the marker existed", invoicePayment({})],
    ["a validation that is still pending", invoicePayment({ id_validation: "required", decision: { outcome: "pending_id_validation" } })],
    ["a validation that timed out", invoicePayment({ id_validation: "required", decision: { outcome: "timed_out" } })],
    ["a rejected credit", invoicePayment({ id_validation: "required", decision: { outcome: "rejected" } })],
    ["a redirect URL alone (storefront-supplied data)", invoicePayment({ redirect_url: "https://example.com/eid" })],
    ["another provider's payment", { ...invoicePayment({ id_validation: "required" }), provider_id: "pp_system_default" }],
    ["a payment without a time", { ...invoicePayment({ id_validation: "required" }), created_at: null }],
    ["a guest's purchase Medusa filed under this customer's e-mail address (nobody was logged in)", invoicePayment({ id_validation: "required", shopper_customer_id: null })],
    ["a purchase another customer started, logged in", invoicePayment({ id_validation: "required", shopper_customer_id: "cus_2" })],
    ["a purchase from before the plugin recorded who started it", invoicePayment({ id_validation: "required", shopper_customer_id: undefined })],
  ])("proves nothing: %s", (_case, payment) => {
    expect(electronicIdProofOf(payment, "cus_1")).toBeUndefined()
  })

  it("reads the purchase id only from the plugin's Avarda providers", () => {
    expect(purchaseIdOfPayment(invoicePayment({}))).toBe("AUTH-1")
    expect(purchaseIdOfPayment({ provider_id: "pp_stripe_stripe", data: { authorization_id: "X" } })).toBeUndefined()
    expect(purchaseIdOfPayment({ provider_id: "pp_avarda-invoice_avarda", data: { authorization_id: "  " } })).toBeUndefined()
  })

  it("collects the order references Avarda puts on the purchase's transactions", () => {
    const payment = invoicePayment({
      order_reference: "payses_1",
      captures: [{ order_reference: "payses_1-c1" }, { order_reference: "payses_1" }],
      returns: [{ order_reference: "payses_1-r1" }],
      refunds: [null, { amount_minor: 1 }],
    })
    expect(orderReferencesOfPayment(payment)).toEqual(["payses_1", "payses_1-c1", "payses_1-r1"])
    expect(orderReferencesOfPayment({ provider_id: "pp_system_default", data: { order_reference: "x" } })).toEqual([])
  })
})

describe("links and their expiry", () => {
  it("expires a link the configured number of days after the proof", () => {
    expect(linkExpiry(daysAgo(10), 90)).toEqual(new Date(daysAgo(10).getTime() + 90 * DAY))
    expect(isExpired({ expires_at: NOW }, NOW)).toBe(true)
    expect(isExpired({ expires_at: new Date(NOW.getTime() + 1) }, NOW)).toBe(false)
    expect(isExpired({ expires_at: "not a date" }, NOW)).toBe(true)
  })

  it("uses the newest linked, unexpired proof", () => {
    const rows = [
      link({ id: "old", purchase_id: "P-old", proven_at: daysAgo(30) }),
      link({ id: "new", purchase_id: "P-new", method: "strong_authentication", proven_at: daysAgo(2) }),
      link({ id: "expired", purchase_id: "P-exp", proven_at: daysAgo(1), expires_at: daysAgo(0.5) }),
      link({ id: "pending", purchase_id: "P-pend", method: "strong_authentication", status: "pending", proven_at: null }),
    ]
    expect(activeIdentityOf(rows, NOW)).toEqual({
      linkId: "new",
      purchaseId: "P-new",
      method: "strong_authentication",
      provenAt: daysAgo(2),
      expiresAt: rows[1]!.expires_at,
    })
  })

  it("has no identity with only expired or pending rows", () => {
    expect(activeIdentityOf([link({ expires_at: daysAgo(1) }), link({ status: "pending", proven_at: null })], NOW)).toBeNull()
    expect(activeIdentityOf([], NOW)).toBeNull()
  })

  it("stores electronic-ID proofs still in force that have no link yet, once each", () => {
    const proofs = [
      { purchaseId: "P-stored", provenAt: daysAgo(5) },
      { purchaseId: "P-new", provenAt: daysAgo(5) },
      { purchaseId: "P-new", provenAt: daysAgo(5) },
      { purchaseId: "P-too-old", provenAt: daysAgo(91) },
    ]
    const rows = [link({ purchase_id: "P-stored" })]
    expect(electronicIdLinksToStore(proofs, rows, 90, NOW)).toEqual([
      { purchaseId: "P-new", provenAt: daysAgo(5), expiresAt: new Date(daysAgo(5).getTime() + 90 * DAY) },
    ])
  })

  it("never brings back an expired proof, even when the shop allows fewer days later", () => {
    expect(electronicIdLinksToStore([{ purchaseId: "P", provenAt: daysAgo(40) }], [], 30, NOW)).toEqual([])
  })

  it("a strong-authentication row for the same purchase does not stand in for the electronic-ID link", () => {
    const rows = [link({ purchase_id: "P", method: "strong_authentication" })]
    expect(electronicIdLinksToStore([{ purchaseId: "P", provenAt: daysAgo(1) }], rows, 90, NOW)).toHaveLength(1)
  })

  it("lists pending strong authentications inside their window, newest first", () => {
    const soon = new Date(NOW.getTime() + 10 * 60 * 1000)
    const later = new Date(NOW.getTime() + 20 * 60 * 1000)
    const rows = [
      link({ id: "a", method: "strong_authentication", status: "pending", proven_at: null, expires_at: soon }),
      link({ id: "b", method: "strong_authentication", status: "pending", proven_at: null, expires_at: later }),
      link({ id: "gone", method: "strong_authentication", status: "pending", proven_at: null, expires_at: daysAgo(0.01) }),
      link({ id: "linked", method: "strong_authentication" }),
    ]
    expect(pendingStrongAuthentications(rows, NOW).map((row) => row.id)).toEqual(["b", "a"])
  })
})

describe("what a customer without proof sees", () => {
  it("an account counts as the customer's when it lists one of their purchase ids (any case)", () => {
    expect(holdsOwnPurchase({ purchaseIds: ["other", "abc-1"] }, ["ABC-1"])).toBe(true)
    expect(holdsOwnPurchase({ purchaseIds: ["other"] }, ["ABC-1"])).toBe(false)
    expect(holdsOwnPurchase({ purchaseIds: [] }, ["ABC-1"])).toBe(false)
  })

  it("keeps only the transactions of the customer's own purchases", () => {
    const transaction = (orderReference: string | null, amount: number) => ({
      description: null,
      notes: null,
      amount,
      taxAmount: null,
      taxCode: null,
      transactionType: "Purchase",
      transactionDate: null,
      orderReference,
    })
    const detail = { transactions: [transaction("mine", 100), transaction("someone-else", 900), transaction(null, -50)] }
    expect(ownTransactions(detail, ["mine"])).toEqual([transaction("mine", 100)])
    expect(ownTransactions(detail, [])).toEqual([])
  })
})
