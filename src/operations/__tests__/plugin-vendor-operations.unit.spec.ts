// Which planner writes the admin's capture of an amount into a payment, per vendor and stored data.
import { operationsOfProviderId } from "../plugin-vendor-operations"
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
