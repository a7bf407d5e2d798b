// Captures on shipment the plugin cannot make by itself: each is recorded on the payment once (a
// redelivered event adds nothing), notified once, and resolved with one action that goes through
// the payment's lock and the same capture code — two clicks at once capture once. Medusa's capture
// is played by a stand-in that writes what the payment module and the provider write; the vendor
// books a transaction id once; the lock is a real mutual exclusion per key.
import { buildInvoiceRows } from "../../../lib/avarda/credit-cart"
import type { AttentionLedger } from "../../../lib/avarda/capture-attention"
import { activeCapturePlan, withoutCapturePlan, type CapturePlan, type CaptureRecord } from "../../../lib/avarda/credit-ledger"
import { rowsTotalMinor } from "../../../lib/avarda/invoice-rows"
import { rowsPerTaxRate } from "../../../lib/avarda/vat-rate-rows"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { flagExhaustedPlan, resolveCaptureAttention } from "../capture-attention"
import { withdrawShipmentPlan } from "../capture-shipment"
import { captureShipmentWorkflow, findShipmentCreditPaymentStep, planShipmentCaptureStep } from "../capture-shipment-workflow"
import { acquirePaymentLockStep, releasePaymentLockStep } from "../../shared/payment-lock-steps"
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform } from "@medusajs/framework/workflows-sdk"
import { creditCartOf, type CartOrOrderTotals } from "../../../operations/credit/credit-cart-from-medusa"
import { executeCapturePlan } from "../execute-capture-plan"

type Ledger = AttentionLedger & { order_reference: string } & Record<string, unknown>
interface Payment {
  id: string
  provider_id: string
  amount: number
  currency_code: string
  data: Ledger
  captured_at: Date | null
  canceled_at: Date | null
  captures: Array<{ id: string; amount: number }>
}

const clone = <T>(value: T): T => structuredClone(value)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const world = {
  payment: undefined as unknown as Payment,
  order: undefined as unknown as CartOrOrderTotals & { display_id: number },
  fulfillments: new Map<string, { line_item_id: string; quantity: number }[]>(),
  vendor: [] as Array<{ tran_id: string; amount_minor: number }>,
  vendorFailures: 0,
  capturesOnShipment: true,
  notifications: [] as Array<{ idempotency_key: string; data: { title: string; description: string } }>,
}

/** Medusa 2.21.2's capture: the capture row, the provider's capture of the plan, then captured_at. */
async function medusaCapture(input: { payment_id: string; amount: number }): Promise<void> {
  const payment = world.payment
  const plan = activeCapturePlan(payment.data)!
  await sleep(5) // the vendor call takes a moment: a second caller would get in here without the lock
  if (world.vendorFailures > 0) {
    world.vendorFailures--
    throw new Error("Avarda answered 500")
  }
  if (!world.vendor.some((entry) => entry.tran_id === plan.tran_id)) world.vendor.push({ tran_id: plan.tran_id, amount_minor: plan.amount_minor })
  const row = { id: `capt_${payment.captures.length + 1}`, amount: input.amount }
  payment.captures.push(row)
  const record: CaptureRecord = { tran_id: plan.tran_id, capture_id: row.id, source: plan.source, amount_minor: plan.amount_minor, rows: plan.rows, lines: plan.lines, includes_order_level: plan.includes_order_level, captured_at: "now" }
  payment.data = { ...withoutCapturePlan(payment.data, plan), captures: [...payment.data.captures, record] }
  const captured = payment.captures.reduce((sum, c) => sum + c.amount, 0)
  if (captured >= payment.amount - 1e-9) payment.captured_at = new Date()
}

jest.mock("@medusajs/medusa/core-flows", () => ({
  capturePaymentWorkflow: () => ({ run: ({ input }: { input: { payment_id: string; amount: number } }) => medusaCapture(input) }),
}))

jest.mock("../../../operations/credit/row-capture-families", () => {
  const family = {
    family: "test",
    matches: () => true,
    capturesOnShipment: async () => world.capturesOnShipment,
    adminTranId: (ledger: { order_reference: string }, sequence: number) => `${ledger.order_reference}-c${sequence}`,
    shipmentTranId: (fulfillmentId: string) => fulfillmentId,
  }
  return { rowCaptureFamilyOf: () => family, ROW_CAPTURE_FAMILIES: [family] }
})

const paymentModule = {
  retrievePayment: async () => clone(world.payment),
  listPayments: async () => [clone(world.payment)],
  // Medusa merges JSON data on update (arrays are replaced).
  updatePayment: async ({ data }: { data: Ledger }) => {
    world.payment.data = { ...world.payment.data, ...clone(data) }
  },
  deleteCaptures: async () => undefined,
}

// One holder per key at a time: Medusa's in-memory locking provider (Redis locks across processes the same way).
const locking = new InMemoryLockingProvider()

const notification = {
  // Medusa's notification module stores one notification per idempotency key.
  createNotifications: async (input: { idempotency_key: string; data: { title: string; description: string } }) => {
    if (!world.notifications.some((n) => n.idempotency_key === input.idempotency_key)) world.notifications.push(input)
  },
}

const query = {
  graph: async ({ entity, filters }: { entity: string; filters: { id: string } }) => {
    if (entity === "fulfillment") {
      const items = world.fulfillments.get(filters.id)
      return { data: items ? [{ id: filters.id, items, labels: [], order: { id: "order_1" } }] : [] }
    }
    const payment = { ...clone(world.payment), captures: undefined }
    return { data: [{ ...clone(world.order), payment_collections: [{ payments: [payment] }] }] }
  },
}

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
// A real container: Medusa's workflows resolve their step dependencies from it.
const container = createMedusaContainer()
container.register({ payment: asValue(paymentModule), locking: asValue(locking), notification: asValue(notification), query: asValue(query), logger: asValue(logger) })

/** An order of `quantity` × 499 SEK (25 % VAT) + 49 SEK shipping, less `giftCard` SEK of gift cards. */
function placeOrder(quantity: number, giftCard = 0): void {
  const total = quantity * 499 + 49 - giftCard
  world.order = {
    id: "order_1",
    display_id: 1001,
    currency_code: "sek",
    total,
    items: [{ id: "line_1", title: "Wool socks", quantity, original_total: quantity * 499, discount_total: 0, tax_total: quantity * 99.8, tax_lines: [{ rate: 25 }] }],
    shipping_methods: [{ id: "sm_1", name: "Standard delivery", original_total: 49, discount_total: 0, tax_total: 9.8, tax_lines: [{ rate: 25 }] }],
    credit_lines: giftCard ? [{ id: "cl_1", amount: giftCard, reference: "gift_card" }] : [],
  }
  const cart = creditCartOf(world.order)
  const data = {
    currency_code: "sek",
    amount_minor: total * 100,
    rows: buildInvoiceRows(cart),
    captures: [],
    returns: [],
    pending_captures: [],
    capture_plan: null,
    order_reference: "1001",
  } as unknown as Ledger
  world.payment = { id: "pay_1", provider_id: "pp_avarda-invoice_avarda", amount: total, currency_code: "sek", data, captured_at: null, canceled_at: null, captures: [] }
  world.vendor = []
  world.vendorFailures = 0
  world.capturesOnShipment = true
  world.notifications = []
  world.fulfillments.clear()
}

/** The shipment's event, as the subscriber handles it: the shipment capture workflow. */
async function captureShipment(_container: unknown, fulfillmentId: string): Promise<unknown> {
  const { result } = await captureShipmentWorkflow(container).run({ input: { fulfillment_id: fulfillmentId } })
  return result
}

function ship(fulfillmentId: string, quantity: number): Promise<unknown> {
  world.fulfillments.set(fulfillmentId, [{ line_item_id: "line_1", quantity }])
  return captureShipment(container, fulfillmentId)
}

/** What the admin captured by hand before any shipment (an amount: rows per VAT rate). */
function capturedByHand(amountMinor: number): void {
  const data = world.payment.data
  const rows = rowsPerTaxRate(amountMinor, new Map([["25", data.amount_minor]]), { kind: "delivery", description: "Delivery" })
  world.payment.captures.push({ id: "capt_0", amount: amountMinor / 100 })
  data.captures = [{ tran_id: "1001-c1", capture_id: "capt_0", source: "admin", amount_minor: rowsTotalMinor(rows), rows, lines: [], includes_order_level: true, captured_at: "before" }]
  world.vendor.push({ tran_id: "1001-c1", amount_minor: amountMinor })
}

const attentions = () => world.payment.data.capture_attention ?? []

describe("a shipment worth more than is left to capture after a capture by hand", () => {
  beforeEach(() => {
    placeOrder(2) // 2 × 499 + 49 = 1047 SEK
    capturedByHand(60000)
  })

  it("capturing the remaining amount never goes out under the tranId of the admin's capture that was not recorded (its answer lost)", async () => {
    expect(await ship("ful_A", 2)).toMatchObject({ status: "skipped" })
    const data = world.payment.data
    const { rows, lines, includes_order_level } = data.captures[0]!
    data.capture_plan = { id: "plan-lost", tran_id: "1001-c2", source: "admin", order_reference: "1001", rows, lines, includes_order_level, amount_minor: 10000, created_at: "before", expires_at: "2026-01-01T00:00:00.000Z" }
    expect(await resolveCaptureAttention(container, "pay_1", "exceeds-ful_A", "user_1")).toMatchObject({ status: "resolved", capture: { ok: true } })
    expect(world.vendor.map((call) => call.tran_id)).toEqual(["1001-c1", "1001-c3"])
  })

  it("is recorded once with the amounts, notified once, and the remaining amount captured once by two clicks at once", async () => {
    expect(await ship("ful_A", 2)).toMatchObject({ status: "skipped" })
    await captureShipment(container, "ful_A") // the event delivered again

    expect(attentions()).toHaveLength(1)
    expect(attentions()[0]).toMatchObject({ id: "exceeds-ful_A", kind: "shipment_exceeds_remaining", expected_minor: 99800, left_minor: 44700, fulfillment_id: "ful_A", resolved_at: null, order_reference: "1001" })
    expect(world.notifications).toHaveLength(1)
    expect(world.notifications[0]!.data.title).toBe("Order 1001: Shipment not captured: more than is left to capture")
    expect(world.notifications[0]!.data.description).toContain("expected 998.00 SEK, left to capture 447.00 SEK")
    expect(world.vendor).toHaveLength(1)

    const [first, second] = await Promise.all([
      resolveCaptureAttention(container, "pay_1", "exceeds-ful_A", "user_1"),
      resolveCaptureAttention(container, "pay_1", "exceeds-ful_A", "user_2"),
    ])

    expect(first).toMatchObject({ status: "resolved", capture: { ok: true } })
    expect(second).toMatchObject({ status: "already_resolved" })
    expect(world.vendor).toEqual([{ tran_id: "1001-c1", amount_minor: 60000 }, { tran_id: "1001-c2", amount_minor: 44700 }])
    expect(world.payment.captures.map((c) => c.amount)).toEqual([600, 447])
    expect(world.payment.captured_at).toBeInstanceOf(Date)
    expect(attentions()[0]).toMatchObject({ resolved_by: "user_1", resolution: "capture of the remaining 447.00 SEK (1001-c2)" })
    expect(world.payment.data.pending_captures).toEqual([])

    // A click after the payment is captured in full, and the shipment's event again: nothing more.
    expect(await resolveCaptureAttention(container, "pay_1", "exceeds-ful_A", "user_1")).toMatchObject({ status: "already_resolved" })
    await captureShipment(container, "ful_A")
    expect(world.vendor).toHaveLength(2)
    expect(world.notifications).toHaveLength(1)
  })

  it("an unknown case is not found and changes nothing", async () => {
    await ship("ful_A", 2)
    expect(await resolveCaptureAttention(container, "pay_1", "exceeds-ful_B", null)).toEqual({ status: "not_found" })
    expect(attentions()[0]!.resolved_at).toBeNull()
  })
})

describe("gift cards worth more than the first shipment", () => {
  beforeEach(() => placeOrder(3, 600)) // 3 × 499 + 49 − 600 = 946 SEK on credit

  it("nothing is captured for it; it is recorded and notified once; the next shipment captures its lines less the rest of the gift cards", async () => {
    expect(await ship("ful_A", 1)).toMatchObject({ status: "skipped" }) // 499 + 49 − 600 < 0
    await captureShipment(container, "ful_A")

    expect(world.vendor).toEqual([])
    expect(attentions()).toEqual([expect.objectContaining({ id: "gift-cards-ful_A", kind: "gift_cards_cover_shipment", expected_minor: 54800, gift_cards_minor: 60000, left_minor: 94600 })])
    expect(world.payment.data.covered_shipments).toEqual([{ fulfillment_id: "ful_A", lines: [{ line_item_id: "line_1", quantity: 1 }] }])
    expect(world.notifications).toHaveLength(1)
    expect(world.notifications[0]!.data.description).toContain("shipment 548.00 SEK, gift cards 600.00 SEK")

    // The one action: nothing to capture now, so the admin marks it resolved (twice: once).
    const [first, second] = await Promise.all([
      resolveCaptureAttention(container, "pay_1", "gift-cards-ful_A", "user_1"),
      resolveCaptureAttention(container, "pay_1", "gift-cards-ful_A", "user_1"),
    ])
    expect([first.status, second.status].sort()).toEqual(["already_resolved", "resolved"])
    expect(world.vendor).toEqual([])

    expect(await ship("ful_B", 2)).toMatchObject({ status: "captured", amountMinor: 94600 })
    expect(world.vendor).toEqual([{ tran_id: "ful_B", amount_minor: 94600 }])
    expect(world.payment.captured_at).toBeInstanceOf(Date)
    expect(world.payment.data.covered_shipments).toEqual([])
    expect(world.payment.data.captures[0]!.lines).toEqual([{ line_item_id: "line_1", quantity: 3 }])
  })

  it("left open, it is resolved by the next shipment's capture", async () => {
    await ship("ful_A", 1)
    await ship("ful_B", 1) // 2 × 499 + 49 − 600 = 447
    expect(world.vendor).toEqual([{ tran_id: "ful_B", amount_minor: 44700 }])
    expect(attentions()[0]).toMatchObject({ resolution: "captured with shipment ful_B", resolved_by: null })
    await ship("ful_C", 1)
    expect(world.vendor).toEqual([{ tran_id: "ful_B", amount_minor: 44700 }, { tran_id: "ful_C", amount_minor: 49900 }])
    expect(world.payment.captured_at).toBeInstanceOf(Date)
  })
})

describe("a capture plan out of automatic attempts", () => {
  const plan: CapturePlan = {
    id: "p1",
    tran_id: "ful_A",
    source: "shipment",
    fulfillment_id: "ful_A",
    order_reference: "1001",
    rows: [],
    amount_minor: 104700,
    lines: [{ line_item_id: "line_1", quantity: 2 }],
    includes_order_level: true,
    created_at: "2026-01-01T00:00:00Z",
    attempts: 118,
  }
  beforeEach(() => {
    placeOrder(2)
    world.payment.data.pending_captures = [clone(plan)]
  })

  it("the last failed attempt records it once and notifies once; retrying the plan captures once for two clicks", async () => {
    world.vendorFailures = 2
    await executeCapturePlan(container, "pay_1", "p1") // attempt 119
    expect(attentions()).toEqual([])
    await executeCapturePlan(container, "pay_1", "p1") // attempt 120: the job stops here
    expect(attentions()).toEqual([expect.objectContaining({ id: "exhausted-p1-0", kind: "capture_plan_exhausted", expected_minor: 104700, left_minor: 104700, plan_id: "p1" })])
    expect(attentions()[0]!.reason).toContain("failed 120 times")
    await flagExhaustedPlan(container, "pay_1", "p1") // the job's check for older plans
    expect(attentions()).toHaveLength(1)
    expect(world.notifications).toHaveLength(1)
    expect(world.notifications[0]!.data.title).toBe("Order 1001: Capture stopped after repeated failures")

    const answers = await Promise.all([
      resolveCaptureAttention(container, "pay_1", "exhausted-p1-0", "user_1"),
      resolveCaptureAttention(container, "pay_1", "exhausted-p1-0", "user_1"),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual(["already_resolved", "resolved"])
    expect(world.vendor).toEqual([{ tran_id: "ful_A", amount_minor: 104700 }])
    expect(world.payment.captures).toHaveLength(1)
    expect(world.payment.data.pending_captures).toEqual([])
    expect(attentions()[0]).toMatchObject({ resolution: "capture ful_A retried", resolved_by: "user_1" })
  })

  it("a retry that fails again goes back to the job with fresh attempts; running out again is a new case", async () => {
    world.vendorFailures = 3
    world.payment.data.pending_captures = [{ ...clone(plan), attempts: 119 }]
    await executeCapturePlan(container, "pay_1", "p1")
    const answer = await resolveCaptureAttention(container, "pay_1", "exhausted-p1-0", "user_1")
    expect(answer).toMatchObject({ status: "resolved", capture: { ok: false, error: "Avarda answered 500" } })
    expect(world.payment.data.pending_captures![0]).toMatchObject({ attempts: 1, admin_retries: 1 })

    world.payment.data.pending_captures = [{ ...world.payment.data.pending_captures![0]!, attempts: 119 }]
    await executeCapturePlan(container, "pay_1", "p1")
    expect(attentions().map((a) => [a.id, !!a.resolved_at])).toEqual([["exhausted-p1-0", true], ["exhausted-p1-1", false]])
    expect(world.notifications).toHaveLength(2)
    expect(world.vendor).toEqual([])
  })
})

describe("the shipment capture workflow's lock", () => {
  it("two deliveries of the shipment's event at once plan it once and capture it once", async () => {
    placeOrder(3) // two of three shipped: the payment stays open after the capture
    world.fulfillments.set("ful_A", [{ line_item_id: "line_1", quantity: 2 }])
    const results = await Promise.all([captureShipment(container, "ful_A"), captureShipment(container, "ful_A")])
    expect(results).toEqual(
      expect.arrayContaining([
        { status: "captured", paymentId: "pay_1", amountMinor: 104700 },
        { status: "skipped", reason: "this shipment is already captured or planned" },
      ])
    )
    expect(world.vendor).toEqual([{ tran_id: "ful_A", amount_minor: 104700 }])
    expect(world.payment.data.captures.map((c) => c.tran_id)).toEqual(["ful_A"])
    expect(world.payment.data.pending_captures).toEqual([])
  })

  it("a shipment with no payment to capture on shipment locks nothing and says why", async () => {
    placeOrder(2)
    const spy = jest.spyOn(locking, "acquire")
    try {
      world.capturesOnShipment = false
      expect(await ship("ful_A", 2)).toEqual({ status: "skipped", reason: "capture mode is manual" })
      world.capturesOnShipment = true
      world.payment.captured_at = new Date()
      expect(await ship("ful_A", 2)).toEqual({ status: "skipped", reason: "no uncaptured credit payment on the order" })
      expect(await captureShipment(container, "ful_unknown")).toEqual({ status: "skipped", reason: "the shipment belongs to no order" })
      expect(spy).not.toHaveBeenCalled()
    } finally {
      spy.mockRestore()
    }
    expect(world.vendor).toEqual([])
  })
})

describe("the shipment capture workflow's plan step", () => {
  // The shipment workflow's steps up to the planning, then a step that fails: the plan step's
  // compensation runs (after the lock's release, as it does in the workflow).
  const failAfterPlanning = createWorkflow("test-plan-shipment-capture-then-fail", (input: { fulfillment_id: string }) => {
    const found = findShipmentCreditPaymentStep(input)
    const payment = transform({ found }, ({ found }) => found as Extract<typeof found, { status: "found" }>)
    const lock = acquirePaymentLockStep(transform({ payment }, ({ payment }) => ({ payment_id: payment.paymentId })))
    const planning = planShipmentCaptureStep(payment)
    releasePaymentLockStep(lock)
    createStep("test-fail-after-planning", async (planned: { status: string }) => {
      if (planned.status) throw new Error("the next step failed")
      return new StepResponse(undefined)
    })(planning)
  })

  it("outputs the planned capture, and its compensation withdraws a plan that never ran, reopening what it took over", async () => {
    placeOrder(3, 600)
    await ship("ful_A", 1) // covered by the gift cards: recorded, nothing planned
    const before = clone(world.payment.data)
    world.fulfillments.set("ful_B", [{ line_item_id: "line_1", quantity: 1 }])

    const { errors, transaction } = await failAfterPlanning(container).run({ input: { fulfillment_id: "ful_B" }, throwOnError: false })

    expect(errors.map((e) => (e.error as Error).message)).toEqual(["the next step failed"])
    const planned = (transaction.getContext().invoke["plan-credit-shipment-capture"] as { output: { output: unknown } }).output.output
    expect(planned).toEqual({
      status: "planned",
      paymentId: "pay_1",
      planId: expect.any(String),
      amountMinor: 44700, // 2 × 499 + 49 − 600
      fulfillmentId: "ful_B",
      undo: { covered_shipments: before.covered_shipments, resolved_attentions: before.capture_attention },
    })
    expect(world.vendor).toEqual([])
    expect(world.payment.data.pending_captures).toEqual([])
    expect(world.payment.data.covered_shipments).toEqual(before.covered_shipments)
    expect(world.payment.data.capture_attention).toEqual(before.capture_attention)
    expect(attentions()[0]).toMatchObject({ id: "gift-cards-ful_A", resolved_at: null })

    // The shipment's event again: planned and captured as if the failed run had not been.
    expect(await ship("ful_B", 1)).toMatchObject({ status: "captured", amountMinor: 44700 })
    expect(world.vendor).toEqual([{ tran_id: "ful_B", amount_minor: 44700 }])
    expect(attentions()[0]).toMatchObject({ resolution: "captured with shipment ful_B" })
  })

  it("a capture step that cannot even take the lock ends postponed, and its plan stays pending for the job", async () => {
    placeOrder(2)
    // The planning gets the lock; the capture's wait for it runs out: each refusal moves the clock
    // past the wait's deadline.
    const realNow = Date.now
    let waited = 0
    const clock = jest.spyOn(Date, "now").mockImplementation(() => realNow() + waited)
    const acquire = locking.acquire.bind(locking)
    const spy = jest
      .spyOn(locking, "acquire")
      .mockImplementationOnce(acquire)
      .mockImplementation(async () => {
        waited += 200_000
        throw new Error("Timed-out acquiring lock")
      })
    try {
      expect(await ship("ful_A", 2)).toEqual({ status: "postponed", paymentId: "pay_1", amountMinor: 104700, error: "Timed-out acquiring lock" })
    } finally {
      spy.mockRestore()
      clock.mockRestore()
    }
    expect(world.vendor).toEqual([])
    const [plan] = world.payment.data.pending_captures ?? []
    expect(plan).toMatchObject({ tran_id: "ful_A", amount_minor: 104700 })
    expect(await executeCapturePlan(container, "pay_1", plan!.id)).toEqual({ ok: true, planId: plan!.id })
    expect(world.vendor).toEqual([{ tran_id: "ful_A", amount_minor: 104700 }])
  })

  it("a plan that was attempted stays pending for the job; a captured one is gone", async () => {
    placeOrder(2)
    world.vendorFailures = 1
    expect(await ship("ful_A", 2)).toMatchObject({ status: "postponed", amountMinor: 104700, error: "Avarda answered 500" })
    const [plan] = world.payment.data.pending_captures ?? []
    expect(plan).toMatchObject({ tran_id: "ful_A", attempts: 1 })

    const undo = { covered_shipments: null, resolved_attentions: [] }
    expect(await withdrawShipmentPlan(container, "pay_1", plan!.id, undo)).toBe("kept")
    expect(world.payment.data.pending_captures).toEqual([expect.objectContaining({ id: plan!.id })])

    expect(await executeCapturePlan(container, "pay_1", plan!.id)).toEqual({ ok: true, planId: plan!.id })
    expect(await withdrawShipmentPlan(container, "pay_1", plan!.id, undo)).toBe("gone")
    expect(world.vendor).toEqual([{ tran_id: "ful_A", amount_minor: 104700 }])
  })

  it("a plan whose capture marker is set (its capture was cut off) stays", async () => {
    placeOrder(2)
    world.fulfillments.set("ful_A", [{ line_item_id: "line_1", quantity: 2 }])
    const { errors } = await failAfterPlanning(container).run({ input: { fulfillment_id: "ful_A" }, throwOnError: false })
    expect(errors).toHaveLength(1)
    expect(world.payment.data.pending_captures).toEqual([]) // withdrawn: it never ran
    await ship("ful_A", 2)
    expect(world.vendor).toEqual([{ tran_id: "ful_A", amount_minor: 104700 }])

    placeOrder(2)
    const plan: CapturePlan = { id: "p_cut", tran_id: "ful_A", source: "shipment", fulfillment_id: "ful_A", order_reference: "1001", rows: [], amount_minor: 104700, lines: [], includes_order_level: true, created_at: "now" }
    world.payment.data = { ...world.payment.data, pending_captures: [plan], capture_plan: plan }
    expect(await withdrawShipmentPlan(container, "pay_1", "p_cut", { covered_shipments: null, resolved_attentions: [] })).toBe("kept")
    expect(world.payment.data.pending_captures).toEqual([plan])
  })
})
