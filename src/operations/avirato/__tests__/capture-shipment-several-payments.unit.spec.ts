// Capture on shipment of an order paid by several payments: the first pre-authorised 100, an order
// edit added an item paid by a second (a pre-authorisation of 50, or the first was captured at
// authorisation), a later edit removed 30, so the order owes 120. Everything shipped, the order's
// payments capture 120 between them, however many times and in however many processes the
// shipment's event is handled. Medusa's capture workflow is replaced by one that records the
// capture on the payment, as Medusa would.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { resetRuntimeSettings } from "../../../lib/runtime-settings"
import { AVIRATO_SANDBOX_OPTIONS } from "../../../providers/avirato/__tests__/sandbox-options"
import { captureAviratoShipment } from "../capture-shipment"

let mockShippedTotal = 120
jest.mock("../../shared/shipped-amount", () => ({
  shippedAmountForFulfillment: async () => ({
    orderId: "order_1",
    currencyCode: "eur",
    orderTotal: mockShippedTotal,
    shippedTotal: mockShippedTotal,
    thisShipment: mockShippedTotal,
    allItemsShipped: true,
  }),
}))

interface StoredPayment {
  id: string
  provider_id: string
  amount: number
  mode: "auto" | "preauth"
  captured: number[]
}

/** The database every process shares: the order's payments, each with the captures Medusa recorded. */
const database = { payments: [] as StoredPayment[] }
/** The captures made on shipment, in the order they were made. */
const shipmentCaptures: Array<{ payment_id: string; amount: number }> = []

const row = (payment: StoredPayment) => ({
  id: payment.id,
  provider_id: payment.provider_id,
  amount: payment.amount,
  raw_amount: { value: String(payment.amount), precision: 20 },
  canceled_at: null,
  data: { mode: payment.mode, payment_reference: `REF_${payment.id}`, currency: "EUR", amount: Math.round(payment.amount * 100), captures: [], refunds: [] },
  captures: payment.captured.map((amount, i) => ({ id: `capt_${payment.id}_${i}`, raw_amount: { value: String(amount), precision: 20 } })),
})

jest.mock("../../../workflows/avirato/capture-avirato-payment", () => ({
  captureAviratoPaymentWorkflow: () => ({
    run: async ({ input }: { input: { payment_id: string; amount: number } }) => {
      // The vendor call takes a moment: long enough for another process to decide in between.
      await new Promise((resolve) => setTimeout(resolve, 25))
      database.payments.find((p) => p.id === input.payment_id)!.captured.push(input.amount)
      shipmentCaptures.push(input)
    },
  }),
}))

const configModule = {
  modules: {
    payment: {
      resolve: "@medusajs/medusa/payment",
      options: { providers: [{ resolve: "./src/providers/avirato", id: "avirato", options: { ...AVIRATO_SANDBOX_OPTIONS, captureMode: "preauth" } }] },
    },
  },
}
const logger = { info: () => undefined, warn: () => undefined, error: jest.fn() }

/**
 * One process's container: the shared database, the given lock provider, and the order's payments
 * listed in `listing` order (Medusa's listing has no fixed order; by default as stored).
 */
function processContainer(locking: InMemoryLockingProvider, listing: (payments: StoredPayment[]) => StoredPayment[] = (payments) => payments) {
  const registrations: Record<string, unknown> = {
    logger,
    configModule,
    query: { graph: async () => ({ data: [{ id: "order_1", payment_collections: [{ payments: listing(database.payments).map(row) }] }] }) },
    payment: { retrievePayment: async (id: string) => row(database.payments.find((p) => p.id === id)!) },
    locking,
  }
  const container = createMedusaContainer()
  for (const [key, value] of Object.entries(registrations)) container.register(key, asValue(value))
  return container as never
}

const AVIRATO = "pp_avirato-card_avirato"
const preauth = (id: string, amount: number): StoredPayment => ({ id, provider_id: AVIRATO, amount, mode: "preauth", captured: [] })
const capturedAtAuthorisation = (id: string, amount: number, provider_id = AVIRATO): StoredPayment => ({ id, provider_id, amount, mode: "auto", captured: [amount] })
const shipmentCreated = (container: unknown) => captureAviratoShipment(container as never, "ful_1")
const capturedInAll = () => database.payments.flatMap((p) => p.captured).reduce((a, b) => a + b, 0)

describe("Avirato capture on shipment of an order paid by several payments", () => {
  beforeEach(() => {
    mockShippedTotal = 120
    shipmentCaptures.length = 0
    resetRuntimeSettings()
    logger.error.mockClear()
  })
  afterEach(() => expect(logger.error).not.toHaveBeenCalled())

  it("two pre-authorisations (100 + 50) for a shipped value of 120: the first takes 100, the second the 20 left", async () => {
    database.payments = [preauth("pay_a", 100), preauth("pay_b", 50)]
    await shipmentCreated(processContainer(new InMemoryLockingProvider()))
    expect(shipmentCaptures).toEqual([
      { payment_id: "pay_a", amount: 100 },
      { payment_id: "pay_b", amount: 20 },
    ])
  })

  it("in the order Medusa lists them: listed the other way round, the second takes 50 and the first the 70 left", async () => {
    database.payments = [preauth("pay_a", 100), preauth("pay_b", 50)]
    await shipmentCreated(processContainer(new InMemoryLockingProvider(), (payments) => [...payments].reverse()))
    expect(shipmentCaptures).toEqual([
      { payment_id: "pay_b", amount: 50 },
      { payment_id: "pay_a", amount: 70 },
    ])
  })

  it("100 captured at authorisation and a pre-authorisation of 50, shipped 120: the pre-authorisation takes 20", async () => {
    database.payments = [capturedAtAuthorisation("pay_a", 100), preauth("pay_b", 50)]
    await shipmentCreated(processContainer(new InMemoryLockingProvider()))
    expect(shipmentCaptures).toEqual([{ payment_id: "pay_b", amount: 20 }])
  })

  it("the shipped value already captured (by another provider's payment): nothing", async () => {
    database.payments = [capturedAtAuthorisation("pay_a", 120, "pp_system_default"), preauth("pay_b", 50)]
    await shipmentCreated(processContainer(new InMemoryLockingProvider()))
    expect(shipmentCaptures).toEqual([])
  })

  it("a second delivery of the event captures nothing more", async () => {
    database.payments = [preauth("pay_a", 100), preauth("pay_b", 50)]
    const locking = new InMemoryLockingProvider()
    await shipmentCreated(processContainer(locking))
    await shipmentCreated(processContainer(locking))
    expect(shipmentCaptures).toEqual([
      { payment_id: "pay_a", amount: 100 },
      { payment_id: "pay_b", amount: 20 },
    ])
    expect(capturedInAll()).toBe(120)
  })

  it("two deliveries at once in two processes sharing the lock, listing the payments differently: 120 captured in all", async () => {
    database.payments = [preauth("pay_a", 100), preauth("pay_b", 50)]
    const shared = new InMemoryLockingProvider()
    await Promise.all([
      shipmentCreated(processContainer(shared)),
      shipmentCreated(processContainer(shared, (payments) => [...payments].reverse())),
    ])
    expect(shipmentCaptures).toHaveLength(2)
    expect(capturedInAll()).toBe(120)
  })
})
