// A received return on a Standalone Credit order becomes a return plan: the returned lines as invoice
// rows of the cart as paid, written inside the payment's lock; the same return delivered twice (at
// once) is planned once; an order without a Standalone payment is left alone.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { buildInvoiceRows } from "../../../lib/avarda/credit-cart"
import { creditCartOf } from "../../../operations/credit/credit-cart-from-medusa"
import { paymentLockIsHeld, paymentModuleUnderLock } from "../../../operations/shared/__tests__/lock-probe"
import { planStandaloneReturn } from "../plan-return"

const STANDALONE = "pp_avarda-standalone-invoice_avarda-standalone"

/** The cart as paid: 2 × 499 SEK (25 % VAT) + 49 SEK shipping. */
const cart = {
  id: "cart_1",
  currency_code: "sek",
  total: 1047,
  items: [{ id: "cali_1", variant_id: "variant_1", title: "Wool socks", quantity: 2, original_total: 998, discount_total: 0, tax_total: 199.6, tax_lines: [{ rate: 25 }] }],
  shipping_methods: [{ id: "sm_1", name: "Standard delivery", original_total: 49, discount_total: 0, tax_total: 9.8, tax_lines: [{ rate: 25 }] }],
  credit_lines: [],
}

function world(providerId = STANDALONE) {
  const payment = {
    id: "pay_1",
    provider_id: providerId,
    amount: 1047,
    canceled_at: null,
    data: {
      vendor: "avarda-standalone",
      product: "invoice",
      purchase_id: "purchase_1",
      decision: "approved",
      order_reference: "payses_1",
      currency_code: "sek",
      amount_minor: 104700,
      rows: buildInvoiceRows(creditCartOf(cart as never)),
      captures: [{ tran_id: "ful_1", amount_minor: 104700, captured_at: "2026-06-01T10:00:00Z", rows: [] }],
      returns: [],
      refunds: [],
    } as Record<string, unknown>,
  }
  const graph = jest.fn(async ({ entity }: { entity: string }) => {
    if (entity === "order") {
      return { data: [{ id: "order_1", cart: { id: cart.id }, items: [{ id: "ordli_1", variant_id: "variant_1" }], payment_collections: [{ payments: [structuredClone(payment)] }] }] }
    }
    if (entity === "cart") return { data: [structuredClone(cart)] }
    return { data: [{ id: "ret_1", items: [{ item_id: "ordli_1", quantity: 1, received_quantity: 1 }] }] }
  })
  const { locking, lockHeldAtWrite, paymentModule } = paymentModuleUnderLock(payment)
  const container = createMedusaContainer()
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
  container.register({ query: asValue({ graph }), payment: asValue(paymentModule), locking: asValue(locking), logger: asValue(logger) })
  return { container: container as never, payment, paymentModule, locking, lockHeldAtWrite }
}

describe("Standalone return plans", () => {
  it("plans the returned line as invoice rows of the cart as paid, inside the payment's lock", async () => {
    const w = world()
    const result = await planStandaloneReturn(w.container, "order_1", "ret_1")
    expect(result).toEqual({ status: "planned", paymentId: "pay_1", amountMinor: 49900 })
    const plans = w.payment.data.return_plans as Array<{ return_id: string; amount_minor: number; lines: unknown; rows: Array<{ amount: number }> }>
    expect(plans).toHaveLength(1)
    expect(plans[0]).toMatchObject({ return_id: "ret_1", amount_minor: 49900, lines: [{ line_item_id: "ordli_1", quantity: 1 }] })
    expect(w.lockHeldAtWrite).toEqual([true])
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
  })

  it("the same return delivered twice at once is planned once", async () => {
    const w = world()
    const results = await Promise.all([planStandaloneReturn(w.container, "order_1", "ret_1"), planStandaloneReturn(w.container, "order_1", "ret_1")])
    expect(results.map((r) => r.status).sort()).toEqual(["planned", "skipped"])
    expect(results.find((r) => r.status === "skipped")).toEqual({ status: "skipped", reason: "this return is already planned or credited" })
    expect(w.paymentModule.updatePayment).toHaveBeenCalledTimes(1)
    expect(w.payment.data.return_plans).toHaveLength(1)
  })

  it("an order paid otherwise is left alone: no lock, no write", async () => {
    const w = world("pp_stripe_stripe")
    expect(await planStandaloneReturn(w.container, "order_1", "ret_1")).toEqual({ status: "skipped", reason: "no Avarda Standalone Credit payment on the order" })
    expect(w.paymentModule.updatePayment).not.toHaveBeenCalled()
  })
})
