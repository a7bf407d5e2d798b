// Two processes (e.g. two workers, or the event bus delivering `shipment.created` twice) handle the
// same shipment at the same moment. With one lock shared by both — Medusa's Locking Module with a
// Redis or Postgres provider — the pre-authorisation is captured once. With a lock per process (the
// in-memory provider in each process) both would capture: that case shows the test can fail.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { resetRuntimeSettings } from "../../../lib/runtime-settings"
import { captureAviratoShipment } from "../capture-shipment"
import { AVIRATO_SANDBOX_OPTIONS } from "../../../providers/avirato/__tests__/sandbox-options"

jest.mock("../../shared/shipped-amount", () => ({
  shippedAmountForFulfillment: async () => ({
    orderId: "order_1",
    currencyCode: "eur",
    orderTotal: 50.45,
    shippedTotal: 50.45,
    thisShipment: 50.45,
    allItemsShipped: true,
  }),
}))

/** The database both processes share: one Avirato pre-authorised payment and its captures. */
const database = {
  captures: [] as Array<{ id: string; amount: number }>,
  payment: () => ({
    id: "pay_1",
    provider_id: "pp_avirato-card_avirato",
    amount: 50.45,
    raw_amount: { value: "50.45", precision: 20 },
    canceled_at: null,
    data: { mode: "preauth", payment_reference: "REF1", currency: "EUR", amount: 5045, captures: [], refunds: [], cancellations: [], extensions: [] },
    captures: [...database.captures],
  }),
}

jest.mock("../../../workflows/avirato/capture-avirato-payment", () => ({
  captureAviratoPaymentWorkflow: () => ({
    run: async ({ input }: { input: { payment_id: string; amount: number } }) => {
      // The vendor call takes a moment: long enough for the other process to check in between.
      await new Promise((resolve) => setTimeout(resolve, 25))
      database.captures.push({ id: `capt_${database.captures.length + 1}`, amount: input.amount })
    },
  }),
}))

const aviratoEntry = {
  resolve: "./src/providers/avirato",
  id: "avirato",
  options: {
    ...AVIRATO_SANDBOX_OPTIONS,
    captureMode: "preauth",
  },
}
const configModule = { modules: { payment: { resolve: "@medusajs/medusa/payment", options: { providers: [aviratoEntry] } } } }
const silentLogger = { info: () => undefined, warn: () => undefined, error: jest.fn() }

/** One process's container: its own logger and config, the shared database, the given lock provider. */
function processContainer(locking: InMemoryLockingProvider) {
  const registrations: Record<string, unknown> = {
    logger: silentLogger,
    configModule,
    query: {
      graph: async () => ({ data: [{ payment_collections: [{ payments: [database.payment()] }] }] }),
    },
    payment: { retrievePayment: async () => database.payment() },
    locking,
  }
  // A real container: the capture runs as a workflow, whose steps resolve from it.
  const container = createMedusaContainer()
  for (const [key, value] of Object.entries(registrations)) container.register(key, asValue(value))
  return container as never
}

const shipmentCreated = (container: unknown) => captureAviratoShipment(container as never, "ful_1")

describe("Avirato capture on shipment across processes", () => {
  beforeEach(() => {
    database.captures = []
    resetRuntimeSettings()
    silentLogger.error.mockClear()
  })

  it("captures once when two processes handle the same shipment at once under a shared lock", async () => {
    const shared = new InMemoryLockingProvider()
    await Promise.all([shipmentCreated(processContainer(shared)), shipmentCreated(processContainer(shared))])
    expect(database.captures).toEqual([{ id: "capt_1", amount: 50.45 }])
    expect(silentLogger.error).not.toHaveBeenCalled()
  })

  it("a redelivered event after the capture captures nothing", async () => {
    const shared = new InMemoryLockingProvider()
    await shipmentCreated(processContainer(shared))
    await shipmentCreated(processContainer(shared))
    expect(database.captures).toHaveLength(1)
  })

  it("captures twice when each process only has its own lock (why split deployments need a shared locking provider)", async () => {
    await Promise.all([shipmentCreated(processContainer(new InMemoryLockingProvider())), shipmentCreated(processContainer(new InMemoryLockingProvider()))])
    expect(database.captures).toHaveLength(2)
  })
})
