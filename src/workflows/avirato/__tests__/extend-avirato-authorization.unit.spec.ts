// Extending an Avirato pre-authorisation: Avirato is asked inside the payment's lock and the request
// is recorded; two clicks at once without a key ask once; a captured payment is refused; a failed
// call records nothing, frees the lock, and the next click with the same key asks again with it.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { paymentLockIsHeld } from "../../../operations/shared/__tests__/lock-probe"
import { extendAviratoAuthorizationWorkflow } from "../extend-avirato-authorization"

const mockExtend = jest.fn()
jest.mock("../../../providers/avirato/core/configured-providers", () => ({
  ...jest.requireActual("../../../providers/avirato/core/configured-providers"),
  aviratoProvider: () => ({ client: { extend: mockExtend } }),
}))

function world(extra: { captures?: Array<{ id: string }> } = {}) {
  const payment = {
    id: "pay_1",
    provider_id: "pp_avirato-card_avirato",
    captured_at: null,
    canceled_at: null,
    amount: 50.45,
    currency_code: "eur",
    captures: extra.captures ?? [],
    data: { mode: "preauth", payment_reference: "REF1", captures: [], refunds: [], cancellations: [], extensions: [] } as Record<string, unknown>,
  }
  const locking = new InMemoryLockingProvider()
  const lockHeldAtExtend: boolean[] = []
  mockExtend.mockReset()
  mockExtend.mockImplementation(async () => {
    lockHeldAtExtend.push(await paymentLockIsHeld(locking, payment.id))
    await new Promise((resolve) => setTimeout(resolve, 20)) // long enough for a second click to check meanwhile
    return { modificationReference: `MOD${mockExtend.mock.calls.length}` }
  })
  const paymentModule = {
    retrievePayment: jest.fn(async () => structuredClone(payment)),
    updatePayment: jest.fn(async ({ data }: { id: string; data: Record<string, unknown> }) => {
      payment.data = data
    }),
  }
  const container = createMedusaContainer()
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
  container.register({ payment: asValue(paymentModule), locking: asValue(locking), logger: asValue(logger) })
  const extend = (key?: string) => extendAviratoAuthorizationWorkflow(container).run({ input: { payment_id: payment.id, ...(key ? { idempotency_key: key } : {}) } })
  return { payment, locking, lockHeldAtExtend, extend }
}

describe("extending an Avirato pre-authorisation", () => {
  it("asks Avirato inside the payment's lock and records the request; the same key again asks nothing", async () => {
    const w = world()
    const { result } = await w.extend("click-1")
    expect(mockExtend.mock.calls).toEqual([[{ paymentReference: "REF1" }, "click-1"]])
    expect(w.lockHeldAtExtend).toEqual([true])
    expect(w.payment.data.extensions).toEqual([{ idempotency_key: "click-1", reference: "MOD1", status: "requested", requested_at: expect.any(String) }])
    expect(result.data?.extensions).toHaveLength(1)
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
    await w.extend("click-1")
    expect(mockExtend).toHaveBeenCalledTimes(1)
    expect(w.payment.data.extensions).toHaveLength(1)
  })

  it("two clicks at once without a key: one extension at Avirato", async () => {
    const w = world()
    await Promise.all([w.extend(), w.extend()])
    expect(mockExtend).toHaveBeenCalledTimes(1)
    expect(mockExtend.mock.calls[0]![1]).toBe("extend:pay_1:1")
    expect(w.payment.data.extensions).toHaveLength(1)
  })

  it("a captured payment is refused, and its lock is free afterwards", async () => {
    const w = world({ captures: [{ id: "capt_1" }] })
    await expect(w.extend()).rejects.toMatchObject({ message: "Cannot extend payment pay_1: it has already been captured" })
    expect(mockExtend).not.toHaveBeenCalled()
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
  })

  it("Avirato failing records nothing and frees the lock; the next click sends the same key", async () => {
    const w = world()
    mockExtend.mockRejectedValueOnce(new Error("avirato.payment.extend: HTTP 503"))
    await expect(w.extend()).rejects.toMatchObject({ message: "avirato.payment.extend: HTTP 503" })
    expect(w.payment.data.extensions).toEqual([])
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
    await w.extend()
    expect(mockExtend.mock.calls.map((call) => call[1])).toEqual(["extend:pay_1:1", "extend:pay_1:1"])
    expect(w.payment.data.extensions).toHaveLength(1)
  })
})
