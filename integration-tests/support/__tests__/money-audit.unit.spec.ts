import { compareWithMedusa, type MedusaPaymentRow, type VendorIntent } from "../money-audit"

const intent = (overrides: Partial<VendorIntent>): VendorIntent => ({
  kind: "avirato",
  id: "ref_1",
  live: true,
  voided: false,
  authorized: 10000,
  captured: 0,
  refunded: 0,
  captureCount: 0,
  refundCount: 0,
  ...overrides,
})

const payment = (overrides: Partial<MedusaPaymentRow>): MedusaPaymentRow => ({
  id: "pay_1",
  provider_id: "pp_avirato_card",
  data: {},
  captured: 0,
  refunded: 0,
  captures: 0,
  refunds: 0,
  canceled_at: null,
  order_id: "order_1",
  order_status: "pending",
  ...overrides,
})

const voidedAt = { live: false, voided: true }

describe("compareWithMedusa", () => {
  it.each<[string, Partial<VendorIntent>, Partial<MedusaPaymentRow>, { duplicates: number; lost: number; stuck: number }, string | undefined]>([
    ["authorized on both sides", {}, {}, { duplicates: 0, lost: 0, stuck: 0 }, undefined],
    ["Avirato cancelled, Medusa payment still authorized on a live order", { ...voidedAt }, {}, { duplicates: 0, lost: 0, stuck: 1 }, "stuck: avirato ref_1 was voided at the vendor but Medusa's order order_1 still shows the payment authorized"],
    ["Avarda authorization cancelled, Medusa payment still authorized", { kind: "avarda", id: "auth_1", ...voidedAt }, {}, { duplicates: 0, lost: 0, stuck: 1 }, "stuck: avarda auth_1 was voided at the vendor"],
    ["Standalone remainder released in full, Medusa payment still authorized", { kind: "standalone", id: "ext_1", ...voidedAt }, {}, { duplicates: 0, lost: 0, stuck: 1 }, "stuck: standalone ext_1 was voided at the vendor"],
    ["voided at the vendor, Medusa canceled the payment", { ...voidedAt }, { canceled_at: "2026-12-02T17:00:00Z", order_status: "canceled" }, { duplicates: 0, lost: 0, stuck: 0 }, undefined],
    ["voided at the vendor, the order is canceled", { ...voidedAt }, { order_status: "canceled" }, { duplicates: 0, lost: 0, stuck: 0 }, undefined],
    ["voided at the vendor, the payment is canceled on a live order", { ...voidedAt }, { canceled_at: "2026-12-02T17:00:00Z" }, { duplicates: 0, lost: 0, stuck: 0 }, undefined],
    ["refunded in full at the vendor, Medusa shows it captured only", { live: false, captured: 10000, refunded: 10000, captureCount: 1, refundCount: 1 }, { captured: 100, captures: 1 }, { duplicates: 1, lost: 0, stuck: 1 }, "stuck: avirato ref_1: Medusa shows 0 refunded, the vendor 10000"],
    ["refunded in full on both sides", { live: false, captured: 10000, refunded: 10000, captureCount: 1, refundCount: 1 }, { captured: 100, captures: 1, refunded: 100, refunds: 1 }, { duplicates: 0, lost: 0, stuck: 0 }, undefined],
    ["Medusa records a capture the vendor never made", {}, { captured: 100, captures: 1 }, { duplicates: 0, lost: 0, stuck: 1 }, "stuck: avirato ref_1: Medusa shows 10000 captured, the vendor 0"],
    ["partly captured then the remainder released: not a void", { kind: "avarda", id: "auth_1", live: false, voided: false, captured: 4000, captureCount: 1 }, { captured: 40, captures: 1 }, { duplicates: 0, lost: 0, stuck: 0 }, undefined],
    ["voided at the vendor with no Medusa order: nothing lost", { ...voidedAt }, { order_id: null, order_status: null }, { duplicates: 0, lost: 0, stuck: 0 }, undefined],
    ["order canceled in Medusa, the Avarda authorization still held", { kind: "avarda", id: "auth_1" }, { order_status: "canceled" }, { duplicates: 0, lost: 0, stuck: 1 }, "stuck: avarda auth_1: Medusa's order order_1 is canceled but the vendor still holds the authorization"],
    ["order canceled in Medusa after a capture: the captured money is the refunds' business", { captured: 10000, captureCount: 1 }, { order_status: "canceled", captured: 100, captures: 1 }, { duplicates: 0, lost: 0, stuck: 0 }, undefined],
    ["authorized at the vendor with no Medusa order: lost", {}, { order_id: null, order_status: null }, { duplicates: 0, lost: 1, stuck: 0 }, "lost: avirato ref_1 is authorized at the vendor but no Medusa order holds it"],
  ])("%s", (_name, vendor, medusa, expected, finding) => {
    const result = compareWithMedusa([intent(vendor)], () => [payment(medusa)])
    expect({ duplicates: result.duplicates, lost: result.lost, stuck: result.stuck }).toEqual(expected)
    if (finding) expect(result.findings.join("\n")).toContain(finding)
    else expect(result.findings).toEqual([])
  })
})
