// An Avirato pre-authorisation near its expiry: the job's notice is decided again inside the
// payment's lock on a fresh read, sent once (however many runs meet it at once), and not sent when a
// capture or an earlier notice was recorded meanwhile; a lock held elsewhere is waited for.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { resetRuntimeSettings } from "../../../lib/runtime-settings"
import { warnExpiringAuthorizations } from "../../../operations/authorization-expiry/warn-expiring-authorizations"
import { paymentLockIsHeld, paymentModuleUnderLock } from "../../../operations/shared/__tests__/lock-probe"
import { paymentLockKey } from "../../../operations/shared/payment-lock"

const DAY_MS = 24 * 60 * 60 * 1000
const AUTHORIZED_AT = Date.parse("2026-11-01T10:00:00.000Z")
const EXPIRES_AT = new Date(AUTHORIZED_AT + 7 * DAY_MS).toISOString()
const SIX_DAYS_ON = new Date(AUTHORIZED_AT + 6 * DAY_MS)

beforeEach(() => resetRuntimeSettings())

function world() {
  const payment = {
    id: "pay_1",
    provider_id: "pp_avirato-card_avirato",
    payment_collection_id: "paycol_1",
    captured_at: null as string | null,
    canceled_at: null as string | null,
    data: { mode: "preauth", authorized_at: new Date(AUTHORIZED_AT).toISOString(), authorization_expires_at: EXPIRES_AT } as Record<string, unknown>,
  }
  const { locking, lockHeldAtWrite, paymentModule: base } = paymentModuleUnderLock(payment)
  const row = () => ({ ...structuredClone(payment), data: structuredClone(payment.data) })
  const paymentModule = {
    ...base,
    retrievePayment: jest.fn(async () => row()),
    listPaymentProviders: jest.fn(async () => [{ id: "pp_avirato-card_avirato" }, { id: "pp_system_default" }]),
  }
  const graph = jest.fn(async ({ entity }: { entity: string }) =>
    entity === "payment" ? { data: [row()], metadata: { count: 1 } } : { data: [{ id: "paycol_1", order: { id: "order_1", display_id: 7 } }] }
  )
  const notificationsSent: Array<{ idempotency_key: string; data: { title: string; description: string } }> = []
  const notifications = { createNotifications: jest.fn(async (n: (typeof notificationsSent)[number]) => void notificationsSent.push(n)) }
  const warnings: string[] = []
  const logger = { info: () => undefined, warn: (message: string) => void warnings.push(message), error: () => undefined, debug: () => undefined }
  const container = createMedusaContainer()
  container.register({
    query: asValue({ graph }),
    payment: asValue(paymentModule),
    notification: asValue(notifications),
    locking: asValue(locking),
    logger: asValue(logger),
  })
  return { container: container as never, payment, paymentModule, locking, lockHeldAtWrite, notificationsSent, warnings }
}

describe("the notice before an authorization lapses", () => {
  it("is sent once with an idempotency key and recorded on the payment inside its lock", async () => {
    const w = world()
    expect((await warnExpiringAuthorizations(w.container, { now: SIX_DAYS_ON })).notified).toEqual(["pay_1"])
    expect(w.notificationsSent).toEqual([
      expect.objectContaining({
        idempotency_key: `authorization-expiry:pay_1:${EXPIRES_AT}`,
        data: { title: "Authorization expiring on order #7", description: expect.stringContaining("Payment pay_1, order order_1.") },
      }),
    ])
    expect(w.payment.data.authorization_expiry_notified_for).toBe(EXPIRES_AT)
    expect(w.lockHeldAtWrite).toEqual([true])
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
    // The next run finds the notice recorded.
    expect((await warnExpiringAuthorizations(w.container, { now: SIX_DAYS_ON })).notified).toEqual([])
    expect(w.notificationsSent).toHaveLength(1)
  })

  it("two runs at once notify once", async () => {
    const w = world()
    const reports = await Promise.all([warnExpiringAuthorizations(w.container, { now: SIX_DAYS_ON }), warnExpiringAuthorizations(w.container, { now: SIX_DAYS_ON })])
    expect(reports.flatMap((r) => r.notified)).toEqual(["pay_1"])
    expect(w.notificationsSent).toHaveLength(1)
    expect(w.paymentModule.updatePayment).toHaveBeenCalledTimes(1)
  })

  it("is decided on the payment read under the lock: a capture recorded meanwhile sends nothing", async () => {
    const w = world()
    w.paymentModule.retrievePayment.mockImplementationOnce(async () => ({ ...structuredClone(w.payment), captured_at: "2026-11-06T09:00:00.000Z" }))
    expect((await warnExpiringAuthorizations(w.container, { now: SIX_DAYS_ON })).notified).toEqual([])
    expect(w.notificationsSent).toEqual([])
    expect(w.paymentModule.updatePayment).not.toHaveBeenCalled()
    expect(await paymentLockIsHeld(w.locking, "pay_1")).toBe(false)
  })

  it("waits for a lock held by another process's work on the payment, then decides", async () => {
    const w = world()
    await w.locking.acquire(paymentLockKey("pay_1"), { ownerId: "capture-elsewhere", expire: 30 })
    const run = warnExpiringAuthorizations(w.container, { now: SIX_DAYS_ON })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(w.notificationsSent).toEqual([])
    await w.locking.release(paymentLockKey("pay_1"), { ownerId: "capture-elsewhere" })
    expect((await run).notified).toEqual(["pay_1"])
    expect(w.lockHeldAtWrite).toEqual([true])
  })

  it("the database hands over only payments written within the longest lifetime and a week: one partly captured or lapsed long ago is not read every hour", async () => {
    const w = world()
    const graph = (w.container as unknown as { resolve: (key: string) => { graph: jest.Mock } }).resolve("query").graph
    await warnExpiringAuthorizations(w.container, { now: SIX_DAYS_ON })
    const paymentQueries = graph.mock.calls.map(([call]) => call).filter((call: { entity: string }) => call.entity === "payment")
    // Avirato: a 7-day pre-authorisation (extensions write the payment); Avarda: 14 days.
    expect(paymentQueries.map((call: { filters: { updated_at: unknown } }) => call.filters.updated_at)).toEqual([{ $gte: new Date(SIX_DAYS_ON.getTime() - 14 * DAY_MS) }])
  })

  it("before the warning lead, nothing is locked or sent", async () => {
    const w = world()
    expect((await warnExpiringAuthorizations(w.container, { now: new Date(AUTHORIZED_AT + 4 * DAY_MS) })).notified).toEqual([])
    expect(w.paymentModule.retrievePayment).not.toHaveBeenCalled()
    expect(w.notificationsSent).toEqual([])
  })
})
