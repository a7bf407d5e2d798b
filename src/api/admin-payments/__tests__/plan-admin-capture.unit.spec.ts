// The admin's capture amount, planned before Medusa's capture route for the plugin's payments:
// under the payment's lock held until the route has answered, and refused outright when it cannot
// be planned (a 409 and Medusa's capture never runs) — the provider would otherwise capture another
// amount than Medusa records.
import { EventEmitter } from "node:events"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { buildInvoiceRows } from "../../../lib/avarda/credit-cart"
import { creditCartOf } from "../../../operations/credit/credit-cart-from-medusa"
import { expectKeptOutUntilAnswered, otherWriterEntersWithin } from "../../../operations/shared/__tests__/lock-probe"
import { planAdminCapture } from "../plan-admin-capture"

type Payment = { id: string; provider_id: string; amount: number; currency_code: string; data: Record<string, unknown>; captures: Array<{ amount: number }> }

const aviratoPreauth = (): Payment => ({
  id: "pay_card",
  provider_id: "pp_avirato-card_avirato",
  amount: 100,
  currency_code: "eur",
  data: { mode: "preauth", amount: 10000, currency: "EUR", payment_reference: "ref_1", captures: [] },
  captures: [],
})

/** An Avarda invoice payment of 2 × 40 SEK (25 % VAT), nothing captured. */
function avardaInvoice(): Payment {
  const order = {
    id: "order_1",
    currency_code: "sek",
    total: 80,
    items: [{ id: "line_1", title: "Socks", quantity: 2, original_total: 80, discount_total: 0, tax_total: 16, tax_lines: [{ rate: 25 }] }],
    shipping_methods: [],
    credit_lines: [],
  }
  const data = { vendor: "avarda-authorization-api", currency_code: "sek", amount_minor: 8000, rows: buildInvoiceRows(creditCartOf(order)), captures: [], returns: [], order_reference: "1001" }
  return { id: "pay_inv", provider_id: "pp_avarda-invoice_avarda", amount: 80, currency_code: "sek", data, captures: [] }
}

function setup(payments: Payment[], { failWrites = false } = {}) {
  const locking = new InMemoryLockingProvider()
  const byId = new Map(payments.map((payment) => [payment.id, payment]))
  const writes: string[] = []
  const paymentModule = {
    retrievePayment: async (id: string) => {
      const payment = byId.get(id)
      if (!payment) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment with id: ${id} was not found`)
      return structuredClone(payment)
    },
    updatePayment: async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
      if (failWrites) throw new Error("connection terminated")
      writes.push(id)
      byId.get(id)!.data = { ...byId.get(id)!.data, ...data }
    },
  }
  const logger = { warn: jest.fn() }
  const services: Record<string, unknown> = { [Modules.LOCKING]: locking, [Modules.PAYMENT]: paymentModule, [ContainerRegistrationKeys.LOGGER]: logger }
  const container = { resolve: (key: string) => services[key] } as never
  return { container, byId, writes, locking, logger }
}

/** A response that tells when it is sent, as Express's does ("finish"). */
class Response extends EventEmitter {
  statusCode = 200
  body: unknown = undefined
  status(code: number) {
    this.statusCode = code
    return this
  }
  json(body: unknown) {
    this.body = body
    this.emit("finish")
    return this
  }
}

/**
 * Runs the middleware as Medusa would for `POST /admin/payments/:id/capture`; resolves once it has
 * passed the request on (`passed`: what it gave `next`) or answered it itself (`answered`).
 */
async function runMiddleware(container: never, id: string, body: Record<string, unknown> = {}) {
  const response = new Response()
  const outcome = await new Promise<{ passed?: unknown; answered?: boolean }>((resolve) => {
    response.once("finish", () => resolve({ answered: true }))
    void planAdminCapture({ params: { id }, body, scope: container } as never, response as never, ((passed: unknown) => resolve({ passed })) as never)
  })
  return { response, ...outcome }
}

describe("the admin capture's plan", () => {
  it("an Avirato pre-authorisation gets the admin's amount as its plan, under a lock held until the route has answered", async () => {
    const { container, byId } = setup([aviratoPreauth()])
    const { response, passed, answered } = await runMiddleware(container, "pay_card", { amount: 40.5 })
    expect({ passed, answered }).toEqual({ passed: undefined })
    expect(byId.get("pay_card")!.data.capture_amount_plan).toEqual({ amount: 4050, created_at: expect.any(String) })
    await expectKeptOutUntilAnswered(response, otherWriterEntersWithin(container, "pay_card", 50))
  })

  it("a credit payment gets the admin's amount as rows per VAT rate; without an amount, everything left", async () => {
    const { container, byId } = setup([avardaInvoice()])
    const partial = await runMiddleware(container, "pay_inv", { amount: 50 })
    expect([partial.passed, partial.answered]).toEqual([undefined, undefined])
    const plan = byId.get("pay_inv")!.data.capture_plan as { amount_minor: number; source: string; rows: Array<{ amount_minor?: number }> }
    expect(plan).toMatchObject({ amount_minor: 5000, source: "admin" })
    partial.response.emit("finish")

    const all = await runMiddleware(container, "pay_inv")
    expect([all.passed, all.answered]).toEqual([undefined, undefined])
    expect(byId.get("pay_inv")!.data.capture_plan).toMatchObject({ amount_minor: 8000, rows: (avardaInvoice().data as { rows: unknown }).rows })
    all.response.emit("finish")
  })

  it("a plan that cannot be written refuses the capture (409, nothing planned), and the lock goes with the answer", async () => {
    for (const payment of [aviratoPreauth(), avardaInvoice()]) {
      const { container, byId, logger } = setup([payment], { failWrites: true })
      const { response, answered } = await runMiddleware(container, payment.id, { amount: 40 })
      expect(answered).toBe(true)
      expect(response.statusCode).toBe(409)
      expect(response.body).toEqual({ type: "conflict", message: expect.stringContaining("Nothing was captured; try again") })
      expect(byId.get(payment.id)!.data).not.toHaveProperty("capture_plan")
      expect(byId.get(payment.id)!.data).not.toHaveProperty("capture_amount_plan")
      expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining("connection terminated"))
      const next = await otherWriterEntersWithin(container, payment.id, 20)
      await next.done
      expect(next.entered()).toBe(true)
    }
  })

  it("a payment whose lock stays taken refuses the capture without writing", async () => {
    const { container, writes, locking } = setup([aviratoPreauth()])
    // Someone else holds the lock: every attempt is refused, and each refusal moves the clock past
    // the wait's deadline.
    const realNow = Date.now
    let waited = 0
    const clock = jest.spyOn(Date, "now").mockImplementation(() => realNow() + waited)
    const spy = jest.spyOn(locking, "acquire").mockImplementation(async () => {
      waited += 200_000
      throw new Error("Failed to acquire lock for key avarda-avirato:payment:pay_card")
    })
    try {
      const { response, answered } = await runMiddleware(container, "pay_card", { amount: 40 })
      expect(answered).toBe(true)
      expect(response.statusCode).toBe(409)
    } finally {
      spy.mockRestore()
      clock.mockRestore()
    }
    expect(writes).toEqual([])
  })

  it("other providers' payments, an auto-captured card payment and unknown ids pass through to Medusa", async () => {
    const auto = { ...aviratoPreauth(), id: "pay_auto", data: { ...aviratoPreauth().data, mode: "auto" } }
    const system = { ...aviratoPreauth(), id: "pay_sys", provider_id: "pp_system_default", data: {} }
    const { container, writes } = setup([auto, system])
    for (const id of ["pay_sys", "pay_missing", "pay_auto"]) {
      const { passed, answered, response } = await runMiddleware(container, id, { amount: 40 })
      expect({ passed, answered }).toEqual({ passed: undefined })
      response.emit("finish")
    }
    expect(writes).toEqual([])
    const other = await otherWriterEntersWithin(container, "pay_sys", 20)
    await other.done
    expect(other.entered()).toBe(true)
  })
})
