// Which planner writes the admin's capture of an amount into a payment, per vendor and stored data,
// which sessions each vendor's pending checker hands the reconciliation loop, and which refunds its data records.
import { operationsOfProviderId, pendingCheckersOf, PLUGIN_VENDOR_OPERATIONS } from "../plugin-vendor-operations"
import { planAviratoCapture } from "../avirato/plan-capture"
import { planCreditAdminCapture } from "../credit/plan-admin-capture"

const plannerOf = (providerId: string, data: Record<string, unknown> | null) => operationsOfProviderId(providerId)?.adminCapturePlannerOf(data, providerId)

describe("the admin capture's planner per vendor", () => {
  it.each([
    ["an Authorization API payment holding its ledger", "pp_avarda-invoice_avarda", { vendor: "avarda-authorization-api" }, planCreditAdminCapture],
    ["a Standalone Credit payment holding its ledger", "pp_avarda-standalone-loan_standalone", { vendor: "avarda-standalone" }, planCreditAdminCapture],
    ["an Avarda payment without a ledger (nothing to plan rows from)", "pp_avarda-invoice_avarda", {}, undefined],
    ["an Avirato payment (the planner leaves auto-captured ones alone)", "pp_avirato-card_avirato", { mode: "preauth" }, planAviratoCapture],
    ["Medusa's system provider", "pp_system_default", {}, undefined],
  ])("%s", (_case, providerId, data, planner) => {
    expect(plannerOf(providerId, data)).toBe(planner)
  })
})

describe("the pending checker per vendor", () => {
  const PROVIDERS = ["pp_avarda-invoice_avarda", "pp_avarda-standalone-loan_standalone", "pp_avirato-card_avirato", "pp_system_default"]
  const watched = (vendor: "avarda" | "avarda-standalone" | "avirato") => {
    const [checker] = pendingCheckersOf([vendor])
    return { providers: PROVIDERS.filter((id) => checker.matches(id)), statuses: checker.pendingStatuses, pastMaxAge: checker.pastMaxAge, givesBack: !!checker.giveBackBeforeRelease }
  }

  it.each([
    // A credit waiting on the identification holds the shopper's credit: released past its window; deleting the session releases it.
    ["avarda", { providers: ["pp_avarda-invoice_avarda"], statuses: ["requires_more", "authorized"], pastMaxAge: "release", givesBack: false }],
    ["avarda-standalone", { providers: ["pp_avarda-standalone-loan_standalone"], statuses: ["requires_more", "authorized"], pastMaxAge: "release", givesBack: false }],
    // An unpaid hosted page holds nothing: forgotten; a card payment taken is given back before its session is deleted.
    ["avirato", { providers: ["pp_avirato-card_avirato"], statuses: ["pending", "requires_more"], pastMaxAge: "forget", givesBack: true }],
  ] as const)("%s", (vendor, expected) => {
    expect(watched(vendor)).toEqual(expected)
  })

  it("answers one checker per vendor asked, in that order", () => {
    expect(pendingCheckersOf(["avarda", "avarda-standalone"]).map((checker) => checker.family)).toEqual(["avarda", "avarda-standalone"])
    expect(pendingCheckersOf(["avirato"]).map((checker) => checker.family)).toEqual(["avirato"])
  })
})

describe("the Medusa refund ids each vendor's payment data records", () => {
  const recorded = (vendor: keyof typeof PLUGIN_VENDOR_OPERATIONS, data: Record<string, unknown> | null) => [...PLUGIN_VENDOR_OPERATIONS[vendor].refundIdsRecordedIn(data)].sort()

  it("Authorization API: each return's refund id", () => {
    const data = { vendor: "avarda-authorization-api", captures: [], rows: [], returns: [{ tran_id: "ref_1", refund_id: "ref_1" }, { tran_id: "old-r2" }] }
    expect(recorded("avarda", data)).toEqual(["ref_1"])
  })

  it("Standalone: the refund ids of its ReturnOrders and its Refunds", () => {
    const data = { vendor: "avarda-standalone", purchase_id: "p1", captures: [], rows: [], returns: [{ tran_id: "t1", refund_id: "ref_1" }], refunds: [{ tran_id: "t2", refund_id: "ref_2" }] }
    expect(recorded("avarda-standalone", data)).toEqual(["ref_1", "ref_2"])
  })

  it("Avirato: each refund's Idempotency-Key (Medusa's refund id), whatever its status", () => {
    const data = { refunds: [{ idempotency_key: "ref_1", status: "succeeded" }, { idempotency_key: "ref_2", status: "failed" }] }
    expect(recorded("avirato", data)).toEqual(["ref_1", "ref_2"])
  })

  it("no data, nothing recorded", () => {
    for (const vendor of ["avarda", "avarda-standalone", "avirato"] as const) expect(recorded(vendor, null)).toEqual([])
  })
})
