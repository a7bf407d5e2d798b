// Which planner writes the admin's capture of an amount into a payment, per vendor and stored data,
// and which sessions each vendor's pending checker hands the reconciliation loop.
import { operationsOfProviderId, pendingCheckersOf } from "../plugin-vendor-operations"
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
