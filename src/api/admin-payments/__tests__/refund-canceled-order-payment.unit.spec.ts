// Which admin refunds the plugin answers itself: only its own payments of cancelled orders, with a
// body Medusa's check accepts. Everything else goes on to Medusa's route untouched (the refund itself
// runs in the http tests, through Medusa's Payment Module and the sandbox).
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refundCanceledOrderPaymentForAdmin } from "../refund-canceled-order-payment"

const workflowRuns: unknown[] = []
jest.mock("../../../workflows/shared/refund-canceled-order-payment-by-admin", () => ({
  refundCanceledOrderPaymentByAdminWorkflow: () => ({ run: async ({ input }: { input: unknown }) => void workflowRuns.push(input) }),
}))
beforeEach(() => (workflowRuns.length = 0))

type Row = { id: string; provider_id: string; payment_collection: { order: { status: string } | null } | null }

function scope(rows: Row[]) {
  const query = { graph: jest.fn(async ({ filters }: { filters: { id: string } }) => ({ data: rows.filter((row) => row.id === filters.id) })) }
  const services: Record<string, unknown> = { [ContainerRegistrationKeys.QUERY]: query }
  return { scope: { resolve: (key: string) => services[key] } as never, query }
}

/** Runs the middleware for `id` with `body`; resolves with what it passed to next, or "answered" when it answered itself. */
async function run(rows: Row[], id: string, body: unknown) {
  const { scope: requestScope, query } = scope(rows)
  const passed = await new Promise<unknown>((resolve) => {
    const res = { status: () => ({ json: () => resolve("answered") }) }
    void refundCanceledOrderPaymentForAdmin({ params: { id }, body, scope: requestScope } as never, res as never, ((error?: unknown) => resolve(error ?? "next")) as never)
  })
  return { passed, queries: query.graph.mock.calls.length }
}

const payment = (id: string, provider_id: string, orderStatus: string | null): Row => ({
  id,
  provider_id,
  payment_collection: { order: orderStatus ? { status: orderStatus } : null },
})

describe("the admin's refund of a cancelled order's payment", () => {
  it.each([
    ["another provider's payment of a cancelled order", payment("pay_1", "pp_stripe_stripe", "canceled"), { amount: 5 }],
    ["the plugin's payment of an order not cancelled", payment("pay_1", "pp_avirato-card_avirato", "completed"), { amount: 5 }],
    ["the plugin's payment of an order still pending", payment("pay_1", "pp_avarda-invoice_avarda", "pending"), {}],
    ["the plugin's payment with no order", payment("pay_1", "pp_avarda-invoice_avarda", null), {}],
  ])("goes on to Medusa's route for %s", async (_name, row, body) => {
    expect((await run([row], "pay_1", body)).passed).toBe("next")
    expect(workflowRuns).toEqual([])
  })

  it.each([
    ["Avirato", "pp_avirato-card_avirato"],
    ["Avarda", "pp_avarda-invoice_avarda"],
    ["Avarda's Standalone API", "pp_avarda-standalone-invoice_avarda-standalone"],
  ])("refunds %s's payment of a cancelled order itself, with the admin's amount, note and reason, and answers", async (_vendor, providerId) => {
    const body = { amount: 12.5, note: "by hand", refund_reason_id: "refr_01" }
    const outcome = await run([payment("pay_1", providerId, "canceled")], "pay_1", body)
    expect(outcome).toEqual({ passed: "answered", queries: 2 })
    expect(workflowRuns).toEqual([{ payment_id: "pay_1", created_by: undefined, ...body }])
  })

  it("goes on to Medusa's route for a payment it does not know (Medusa answers 404)", async () => {
    expect((await run([], "pay_unknown", { amount: 5 })).passed).toBe("next")
  })

  it.each([
    ["an amount that is not a number", { amount: "all" }],
    ["a negative amount", { amount: -5 }],
    ["a field Medusa does not take", { amount: 5, currency_code: "eur" }],
  ])("leaves %s to Medusa's check (its 400 names the field), before reading the payment", async (_name, body) => {
    const outcome = await run([payment("pay_1", "pp_avirato-card_avirato", "canceled")], "pay_1", body)
    expect(outcome).toEqual({ passed: "next", queries: 0 })
  })
})
