// The admin's capture of a credit payment as the plan the provider executes: its rows, and the tranId
// it goes out under. The same capture tried again (its answer lost) keeps its tranId; any other
// capture takes one no capture recorded or planned holds, so Avarda never answers it as an earlier one.
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import type { CapturePlan, CreditLedger } from "../../../lib/avarda/credit-ledger"
import { planCreditAdminCapture } from "../plan-admin-capture"

const row = (amountMinor: number) => ({ kind: "item" as const, description: "Shirt", amountMinor, taxAmountMinor: amountMinor / 5, taxRate: "25" })

/** An Authorization API payment of 1000 SEK (authorized rows of 1000.00). */
const ledger = (extra: Partial<CreditLedger> = {}): CreditLedger & Record<string, unknown> => ({
  vendor: "avarda-authorization-api",
  authorization_id: "auth-1",
  order_reference: "payses_01JSESSION",
  currency_code: "sek",
  amount_minor: 100_000,
  rows: [row(100_000)],
  captures: [],
  returns: [],
  ...extra,
})

const captured = (tranId: string, amountMinor: number) => ({
  tran_id: tranId,
  source: "admin" as const,
  order_reference: "1001",
  amount_minor: amountMinor,
  rows: [row(amountMinor)],
  lines: [],
  includes_order_level: true,
  captured_at: "2026-12-07T10:00:00.000Z",
})

/** `value` as Postgres gives a jsonb column back: each object's keys shorter first, then in byte order. */
function asJsonb<T>(value: T): T {
  if (Array.isArray(value)) return value.map(asJsonb) as T
  if (!value || typeof value !== "object") return value
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(keys.map((key) => [key, asJsonb((value as Record<string, unknown>)[key])])) as T
}

/** Runs the planner on `data` and answers the plan it wrote. */
async function planOf(data: Record<string, unknown>, amount?: number): Promise<CapturePlan> {
  let stored: Record<string, unknown> = data
  const paymentModule = {
    retrievePayment: async () => ({ id: "pay_1", provider_id: "pp_avarda-invoice_avarda", currency_code: "sek", data: stored, captured_at: null, canceled_at: null }),
    updatePayment: async ({ data: written }: { data: Record<string, unknown> }) => {
      stored = written
    },
  } as unknown as IPaymentModuleService
  const container = { resolve: () => paymentModule } as unknown as MedusaContainer
  await planCreditAdminCapture(container, "pay_1", amount)
  return stored.capture_plan as CapturePlan
}

describe("the admin's capture of a credit payment", () => {
  it("the first capture of everything: the authorized rows under the session's first tranId", async () => {
    const plan = await planOf(ledger())
    expect(plan).toMatchObject({ tran_id: "01JSESSION-c1", source: "admin", amount_minor: 100_000, rows: [row(100_000)] })
  })

  it("the same capture asked again after it was not recorded (its answer lost): the same tranId, so Avarda sees one transaction", async () => {
    const first = await planOf(ledger(), 100)
    const again = await planOf(ledger({ capture_plan: first }), 100)
    expect(again.tran_id).toBe("01JSESSION-c1")
    expect(again.amount_minor).toBe(10_000)
  })

  it("the same capture asked again, its plan read back from Postgres (jsonb orders an object's keys its own way): the same tranId", async () => {
    const first = await planOf(ledger(), 100)
    const again = await planOf(ledger({ capture_plan: asJsonb(first) }), 100)
    expect(Object.keys(asJsonb(first).rows[0])).not.toEqual(Object.keys(first.rows[0]))
    expect(again.tran_id).toBe("01JSESSION-c1")
  })

  it("another amount after a capture that was not recorded: the next tranId, never the earlier one's", async () => {
    const first = await planOf(ledger(), 100)
    const other = await planOf(ledger({ capture_plan: first }))
    expect(other).toMatchObject({ tran_id: "01JSESSION-c2", amount_minor: 100_000 })
  })

  it("after a recorded capture: the next tranId, also for the same amount", async () => {
    const first = await planOf(ledger(), 100)
    const next = await planOf(ledger({ captures: [captured(first.tran_id, 10_000)], capture_plan: first }), 100)
    expect(next.tran_id).toBe("01JSESSION-c2")
  })

  it("past a capture plan still pending (capturing the remaining amount, not made yet): never its tranId", async () => {
    const pending = { ...(await planOf(ledger(), 700)), tran_id: "01JSESSION-c2", id: "plan-remaining" }
    const plan = await planOf(ledger({ captures: [captured("01JSESSION-c1", 30_000)], pending_captures: [pending] }), 200)
    expect(plan.tran_id).toBe("01JSESSION-c3")
  })
})
