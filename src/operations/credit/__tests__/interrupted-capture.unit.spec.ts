// A capture cut off by a dead process, then resumed by the job: one capture at the vendor and one
// finished capture in Medusa, whatever point the process died at. Medusa's capture is played by a
// stand-in that does what the payment module of 2.21.2 does, write by write (capture row, provider
// call, then the payment's data and captured_at, then the collection's status; the row deleted
// when the provider fails); the vendor books a transaction id once.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer, serializeError } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { AvardaOutcomeUnknownError } from "../../../providers/avarda-credit/credit-errors"
import { activeCapturePlan, withoutCapturePlan, type CapturePlan, type CreditLedger } from "../../../lib/avarda/credit-ledger"
import { executeCapturePlan } from "../../../workflows/credit/execute-capture-plan"
import { interruptedCaptureOf } from "../interrupted-capture"

type Row = { id: string; amount: number }
type Ledger = CreditLedger & Record<string, unknown>
interface State {
  payment: { id: string; amount: number; currency_code: string; data: Ledger; captured_at: Date | null; canceled_at: null; captures: Row[] }
  collectionStatus: string
  vendorBooked: Array<{ tran_id: string; amount_minor: number }>
  nextRow: number
}

/** Where the process dies in Medusa's capture, or how the vendor answers. */
type Fault = "killed-after-row" | "killed-after-vendor" | "vendor-timeout-after-booking" | "vendor-refused" | undefined

const mockMedusa: { state: State; fault: Fault; snapshot?: State } = { state: undefined as never, fault: undefined }
const clone = <T>(value: T): T => structuredClone(value)
class ProcessKilled extends Error {}

function vendorCapture(plan: CapturePlan): void {
  const state = mockMedusa.state
  // The vendor applies a transaction id once and answers a repeat as done.
  if (!state.vendorBooked.some((b) => b.tran_id === plan.tran_id)) state.vendorBooked.push({ tran_id: plan.tran_id, amount_minor: plan.amount_minor })
}

/** The plugin's provider, reduced to what it writes: the plan's capture, recorded in the data. */
function providerCapture(data: Ledger, captureId: string): Ledger {
  const plan = activeCapturePlan(data)!
  if (mockMedusa.fault === "vendor-refused") {
    mockMedusa.fault = undefined
    throw new Error("Avarda refused the capture; the text of a refusal may say anything, even that it may have processed it")
  }
  vendorCapture(plan)
  if (mockMedusa.fault === "killed-after-vendor") throw new ProcessKilled()
  if (mockMedusa.fault === "vendor-timeout-after-booking") {
    mockMedusa.fault = undefined
    // As Medusa's workflow engine passes a step's error on: its own properties, not its class.
    throw serializeError(new AvardaOutcomeUnknownError("Avarda did not answer: it may have processed it"))
  }
  const record = { tran_id: plan.tran_id, capture_id: captureId, source: plan.source, amount_minor: plan.amount_minor, rows: plan.rows, lines: plan.lines, includes_order_level: plan.includes_order_level, captured_at: "now" }
  return { ...withoutCapturePlan(data, plan), captures: [...data.captures, record] }
}

/** Medusa 2.21.2's paymentModule.capturePayment, one committed write after another. */
function medusaCapturePayment(input: { payment_id: string; amount: number }): void {
  const state = mockMedusa.state
  const payment = state.payment
  if (payment.captured_at) return
  if (input.amount <= 0) throw new Error("Capture amount must be greater than 0.")
  const captured = payment.captures.reduce((sum, c) => sum + c.amount, 0)
  if (input.amount > payment.amount - captured + 1e-9) throw new Error("You cannot capture more than the authorized amount substracted by what is already captured.")
  const row = { id: `capt_${++state.nextRow}`, amount: input.amount }
  payment.captures.push(row)
  const fullyCaptured = captured + input.amount >= payment.amount - 1e-9
  const die = () => {
    mockMedusa.snapshot = clone(state)
    throw new ProcessKilled()
  }
  if (mockMedusa.fault === "killed-after-row") die()
  let data: Ledger
  try {
    data = providerCapture(clone(payment.data), row.id)
  } catch (error) {
    if (error instanceof ProcessKilled) die()
    payment.captures = payment.captures.filter((c) => c.id !== row.id)
    throw error
  }
  payment.data = data
  if (fullyCaptured) payment.captured_at = new Date()
  state.collectionStatus = fullyCaptured ? "completed" : "partially_captured"
}

jest.mock("@medusajs/medusa/core-flows", () => ({
  capturePaymentWorkflow: () => ({ run: async ({ input }: { input: { payment_id: string; amount: number } }) => medusaCapturePayment(input) }),
}))

const paymentModule = {
  retrievePayment: async () => clone(mockMedusa.state.payment),
  // Medusa merges JSON data on update.
  updatePayment: async ({ data }: { data: Ledger }) => {
    mockMedusa.state.payment.data = { ...mockMedusa.state.payment.data, ...clone(data) }
  },
  deleteCaptures: async (ids: string[]) => {
    mockMedusa.state.payment.captures = mockMedusa.state.payment.captures.filter((c) => !ids.includes(c.id))
  },
}
const warnings: string[] = []
// A real container (the plan runs as a workflow, whose steps resolve from it) with Medusa's in-memory locking provider.
const medusaContainer = createMedusaContainer()
medusaContainer.register({
  payment: asValue(paymentModule),
  locking: asValue(new InMemoryLockingProvider()),
  logger: asValue({ warn: (message: string) => warnings.push(message), info: () => undefined, error: () => undefined }),
})
const container = medusaContainer as never

function plan(id: string, amountMinor: number, extra: Partial<CapturePlan> = {}): CapturePlan {
  return { id, tran_id: `ful_${id}`, source: "shipment", order_reference: "1001", rows: [], amount_minor: amountMinor, lines: [], includes_order_level: true, created_at: "2026-06-01T12:00:00Z", ...extra }
}

function storeWith(plans: CapturePlan[]): void {
  const data = { currency_code: "SEK", amount_minor: 54800, rows: [], captures: [], returns: [], pending_captures: plans, capture_plan: null } as unknown as Ledger
  mockMedusa.state = {
    payment: { id: "pay_1", amount: 548, currency_code: "SEK", data, captured_at: null, canceled_at: null, captures: [] },
    collectionStatus: "authorized",
    vendorBooked: [],
    nextRow: 0,
  }
  mockMedusa.fault = undefined
  mockMedusa.snapshot = undefined
  warnings.length = 0
}

/** Runs the plan with the process dying at `fault`: afterwards only what was committed before it remains. */
async function runKilled(planId: string, fault: Fault): Promise<void> {
  mockMedusa.fault = fault
  await executeCapturePlan(container, "pay_1", planId).catch(() => undefined)
  mockMedusa.state = mockMedusa.snapshot!
  mockMedusa.fault = undefined
}

function expectFinishedOnce(): void {
  const { payment, collectionStatus, vendorBooked } = mockMedusa.state
  expect(vendorBooked).toEqual([{ tran_id: "ful_p1", amount_minor: 54800 }])
  expect(payment.captures).toHaveLength(1)
  expect(payment.captures[0]!.amount).toBe(548)
  expect(payment.captured_at).toBeInstanceOf(Date)
  expect(collectionStatus).toBe("completed")
  expect(payment.data.captures.map((c) => [c.tran_id, c.capture_id, c.amount_minor])).toEqual([["ful_p1", payment.captures[0]!.id, 54800]])
  expect(payment.data.pending_captures).toEqual([])
  expect(payment.data.capture_plan).toBeNull()
}

describe("a capture whose process died, resumed by the job", () => {
  it("the vendor booked it and Medusa has the capture row, but nothing after: finished without a second capture", async () => {
    storeWith([plan("p1", 54800)])
    await runKilled("p1", "killed-after-vendor")
    expect(mockMedusa.state.payment.captures).toHaveLength(1)
    expect(mockMedusa.state.vendorBooked).toHaveLength(1)
    expect(mockMedusa.state.payment.data.capture_plan?.id).toBe("p1")

    const attempt = await executeCapturePlan(container, "pay_1", "p1")

    expect(attempt).toEqual({ ok: true, planId: "p1" })
    expectFinishedOnce()
    expect(warnings.join("\n")).toMatch(/ful_p1 .*cut off/)
  })

  it("died after the capture row, before the vendor call: the resumed plan makes the one capture", async () => {
    storeWith([plan("p1", 54800)])
    await runKilled("p1", "killed-after-row")
    expect(mockMedusa.state.vendorBooked).toEqual([])

    expect(await executeCapturePlan(container, "pay_1", "p1")).toEqual({ ok: true, planId: "p1" })
    expectFinishedOnce()
  })

  it("a store left stuck by an earlier retry (plan marker cleared, 'Capture amount must be greater than 0.') is finished too", async () => {
    storeWith([plan("p1", 54800)])
    await runKilled("p1", "killed-after-vendor")
    const stuck = mockMedusa.state.payment.data
    mockMedusa.state.payment.data = { ...stuck, capture_plan: null, pending_captures: [{ ...stuck.pending_captures![0]!, attempts: 3, last_error: "Capture amount must be greater than 0." }] }

    expect(await executeCapturePlan(container, "pay_1", "p1")).toEqual({ ok: true, planId: "p1" })
    expectFinishedOnce()
  })

  it("the vendor booked it but Medusa removed its row (the answer was lost): the retry reuses the transaction id, one capture", async () => {
    storeWith([plan("p1", 54800)])
    mockMedusa.fault = "vendor-timeout-after-booking"
    const first = await executeCapturePlan(container, "pay_1", "p1")
    expect(first).toMatchObject({ ok: false, outcomeUnknown: true })
    expect(mockMedusa.state.payment.captures).toEqual([])
    expect(mockMedusa.state.vendorBooked).toHaveLength(1)

    expect(await executeCapturePlan(container, "pay_1", "p1")).toEqual({ ok: true, planId: "p1" })
    expectFinishedOnce()
  })

  it("a failure is an unknown outcome only by the provider's typed flag, never by its wording", async () => {
    storeWith([plan("p1", 54800)])
    mockMedusa.fault = "vendor-refused"
    expect(await executeCapturePlan(container, "pay_1", "p1")).toMatchObject({ ok: false, outcomeUnknown: false })
    expect(mockMedusa.state.payment.data.pending_captures![0]).not.toHaveProperty("outcome_unknown")
  })

  it("the resumed run is itself killed (its old row removed, the new one written): the next run still makes one capture", async () => {
    storeWith([plan("p1", 54800)])
    await runKilled("p1", "killed-after-vendor")
    await runKilled("p1", "killed-after-row")
    expect(mockMedusa.state.payment.captures.map((c) => c.id)).toEqual(["capt_2"])

    expect(await executeCapturePlan(container, "pay_1", "p1")).toEqual({ ok: true, planId: "p1" })
    expectFinishedOnce()
  })

  it("a partial capture cut off, then the rest: each booked once, the payment captured at the end", async () => {
    storeWith([plan("p1", 30000, { includes_order_level: true }), plan("p2", 24800, { includes_order_level: false })])
    await runKilled("p1", "killed-after-vendor")

    expect(await executeCapturePlan(container, "pay_1", "p1")).toEqual({ ok: true, planId: "p1" })
    const afterFirst = mockMedusa.state
    expect(afterFirst.payment.captures.map((c) => c.amount)).toEqual([300])
    expect(afterFirst.payment.captured_at).toBeNull()
    expect(afterFirst.payment.data.captures.map((c) => c.capture_id)).toEqual([afterFirst.payment.captures[0]!.id])

    expect(await executeCapturePlan(container, "pay_1", "p2")).toEqual({ ok: true, planId: "p2" })
    expect(mockMedusa.state.vendorBooked.map((b) => b.amount_minor)).toEqual([30000, 24800])
    expect(mockMedusa.state.payment.captures.map((c) => c.amount)).toEqual([300, 248])
    expect(mockMedusa.state.payment.captured_at).toBeInstanceOf(Date)
    expect(mockMedusa.state.collectionStatus).toBe("completed")
  })

  it("while another (admin) capture is marked as running, a row it may own is left alone and nothing is sent", async () => {
    storeWith([plan("p1", 54800)])
    const admin = plan("admin", 54800, { source: "admin", expires_at: new Date(Date.now() + 60_000).toISOString() })
    mockMedusa.state.payment.captures.push({ id: "capt_admin", amount: 548 })
    mockMedusa.state.payment.data.capture_plan = admin

    const attempt = await executeCapturePlan(container, "pay_1", "p1")

    expect(attempt).toMatchObject({ ok: false, error: expect.stringMatching(/waits/) })
    expect(mockMedusa.state.payment.captures.map((c) => c.id)).toEqual(["capt_admin"])
    expect(mockMedusa.state.payment.data.capture_plan).toEqual(admin)
    expect(mockMedusa.state.vendorBooked).toEqual([])
  })

  it("a row that matches no plan is reported and left for the admin: nothing deleted, nothing sent", async () => {
    storeWith([plan("p1", 54800)])
    mockMedusa.state.payment.captures.push({ id: "capt_odd", amount: 100 })

    const attempt = await executeCapturePlan(container, "pay_1", "p1")

    expect(attempt).toMatchObject({ ok: false, error: expect.stringMatching(/capt_odd/) })
    expect(mockMedusa.state.payment.captures.map((c) => c.id)).toEqual(["capt_odd"])
    expect(mockMedusa.state.vendorBooked).toEqual([])
    expect(mockMedusa.state.payment.data.pending_captures![0]!.attempts).toBe(1)
  })
})

describe("interruptedCaptureOf", () => {
  const ledger = (captures: Array<{ capture_id?: string; amount_minor: number }>, capturePlan: CapturePlan | null = null) =>
    ({ captures, capture_plan: capturePlan }) as unknown as Pick<CreditLedger, "captures" | "capture_plan">
  const p1 = plan("p1", 30000)

  it.each([
    ["no rows", [], ledger([]), { kind: "none" }],
    ["every row recorded", [{ id: "c1", amount: 300 }], ledger([{ capture_id: "c1", amount_minor: 30000 }]), { kind: "none" }],
    ["this plan's row, marker set", [{ id: "c1", amount: 300 }], ledger([], p1), { kind: "resume", captureIds: ["c1"] }],
    ["this plan's amount, marker cleared", [{ id: "c1", amount: 300 }], ledger([]), { kind: "resume", captureIds: ["c1"] }],
    ["a recorded row and this plan's row", [{ id: "c0", amount: 100 }, { id: "c1", amount: 300 }], ledger([{ capture_id: "c0", amount_minor: 10000 }], p1), { kind: "resume", captureIds: ["c1"] }],
    ["another amount, marker set", [{ id: "c1", amount: 299.99 }], ledger([], p1), { kind: "unexplained" }],
    ["another amount, marker cleared", [{ id: "c1", amount: 100 }], ledger([]), { kind: "unexplained" }],
    ["an expired other plan", [{ id: "c1", amount: 300 }], ledger([], plan("old", 30000, { expires_at: "2020-01-01T00:00:00Z" })), { kind: "resume", captureIds: ["c1"] }],
  ])("%s", (_name, captures, given, expected) => {
    expect(interruptedCaptureOf({ currency_code: "SEK", captures }, given, p1, 30000)).toMatchObject(expected)
  })
})
