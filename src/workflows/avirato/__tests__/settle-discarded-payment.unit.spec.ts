// Giving back an Avirato payment no order will use, run as Medusa runs the workflow (real engine,
// Medusa's in-memory lock on the Avirato session): a pre-authorisation is voided and a captured
// payment refunded in full, with one key per Avirato session, recorded and told once; a second
// run, a concurrent one, or one after a failure never gives the money back twice; a session Medusa
// may still turn into an order is left alone. Avirato, Medusa's session lookup and the settlement
// records are stand-ins.
import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import type { AviratoSession } from "../../../lib/avirato"
import type { DiscardedPaymentSettlementRecord } from "../../../modules/avirato-settlements/service"
import type { SessionWithCart } from "../../../operations/shared/find-payment-session"
import { paymentLockIsHeld } from "../../../operations/shared/__tests__/lock-probe"
import { returnStateKey } from "../../../lib/return-state/return-state"
import { returnUrls } from "../../../providers/avirato/core/return-urls"
import { discardedPaymentLockId, settleDiscardedPayment } from "../settle-discarded-payment"

const PROVIDER_ID = "pp_avirato-card_avirato"
const AVIRATO_SESSION = "avs_1"
const locking = new InMemoryLockingProvider()

const world = {
  /** What Medusa holds for the checkout session; undefined once Medusa deleted it. */
  medusaSession: undefined as SessionWithCart | undefined,
  avirato: [] as Array<"ok" | "down">,
  calls: [] as Array<{ operation: "cancel" | "refund"; input: Record<string, unknown>; key: string; lockHeld: boolean }>,
  settlements: [] as DiscardedPaymentSettlementRecord[],
  recordsFail: false,
  notifications: [] as Array<{ idempotency_key: string; data: { title: string; description: string } }>,
}

function aviratoCall(operation: "cancel" | "refund") {
  return async (input: Record<string, unknown>, key: string) => {
    world.calls.push({ operation, input, key, lockHeld: await paymentLockIsHeld(locking, discardedPaymentLockId(AVIRATO_SESSION)) })
    if ((world.avirato.shift() ?? "ok") === "down") throw new Error(`${operation}: HTTP 503 – Service unavailable`)
    return { modificationReference: `MOD-${key}` }
  }
}

jest.mock("../../../providers/avirato/core/configured-providers", () => ({
  aviratoProvider: () => ({ client: { cancel: aviratoCall("cancel"), refund: aviratoCall("refund") } }),
}))
jest.mock("../../../operations/shared/find-payment-session", () => ({
  findPaymentSession: async () => world.medusaSession,
}))

const settlements = {
  settlementOf: async (id: string) => world.settlements.find((s) => s.avirato_session_id === id),
  createDiscardedPaymentSettlements: async (record: DiscardedPaymentSettlementRecord) => {
    if (world.recordsFail) throw new Error("connection terminated")
    world.settlements.push(record)
  },
}
const notification = {
  // Medusa's notification module stores one notification per idempotency key.
  createNotifications: async (input: { idempotency_key: string; data: { title: string; description: string } }) => {
    if (!world.notifications.some((n) => n.idempotency_key === input.idempotency_key)) world.notifications.push(input)
  },
}
const logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
const container = createMedusaContainer()
const configModule = { projectConfig: { http: { jwtSecret: "this store's secret" } } }
container.register({ aviratoSettlements: asValue(settlements), notification: asValue(notification), locking: asValue(locking), logger: asValue(logger), configModule: asValue(configModule) })

/** The return URL of checkout session payses_1 as the store with this secret signs it. */
const signedBy = (secret: string) => returnUrls("https://shop.example", "payses_1", returnStateKey(secret)).ok

/** A session the shopper paid on Avirato's page for checkout session payses_1, which this store created. */
const paid = (isPreAuth: boolean): AviratoSession => ({
  sessionId: AVIRATO_SESSION,
  status: "completed",
  paymentStatus: "AUTHORISED",
  paymentReference: "PAYREF1",
  amount: { value: 4_900, currency: "EUR" },
  customReference: "payses_1",
  urlOk: signedBy("this store's secret"),
  isPreAuth,
})

beforeEach(() => {
  world.medusaSession = undefined
  world.avirato = []
  world.calls = []
  world.settlements = []
  world.recordsFail = false
  world.notifications = []
})

describe("giving back an Avirato payment no order will use", () => {
  it("a pre-authorisation on a session Medusa deleted: voided once under the session's lock, recorded, the admin told; a second run does nothing", async () => {
    expect(await settleDiscardedPayment(container, PROVIDER_ID, paid(true), "webhook")).toBe("voided")
    expect(world.calls).toEqual([{ operation: "cancel", input: { paymentReference: "PAYREF1" }, key: "discarded:avs_1", lockHeld: true }])
    expect(world.settlements).toEqual([
      { avirato_session_id: "avs_1", payment_reference: "PAYREF1", checkout_session_id: "payses_1", action: "voided", amount: 4_900, currency_code: "EUR", detected_by: "webhook" },
    ])
    expect(world.notifications).toHaveLength(1)
    expect(world.notifications[0]!.data.description).toContain("49.00 EUR")
    expect(await paymentLockIsHeld(locking, discardedPaymentLockId(AVIRATO_SESSION))).toBe(false)

    expect(await settleDiscardedPayment(container, PROVIDER_ID, paid(true), "reconciliation")).toBe("voided")
    expect(world.calls).toHaveLength(1)
    expect(world.notifications).toHaveLength(1)
  })

  it("a captured payment (Avirato's default) whose cart was completed with another payment: refunded in full", async () => {
    world.medusaSession = { id: "payses_1", cartId: "cart_1", orderId: "order_1", paidByAnotherSession: true } as SessionWithCart
    expect(await settleDiscardedPayment(container, PROVIDER_ID, { ...paid(false), isPreAuth: undefined }, "return")).toBe("refunded")
    expect(world.calls).toEqual([
      { operation: "refund", input: { paymentReference: "PAYREF1", amount: { value: 4_900, currency: "EUR" }, reason: "OTHER" }, key: "discarded:avs_1", lockHeld: true },
    ])
    expect(world.notifications[0]!.data.description).toContain("whose cart was completed with another payment")
  })

  it.each<[string, SessionWithCart, string]>([
    ["cancelled", { id: "payses_1", collectionCanceled: true } as SessionWithCart, "whose payment collection Medusa had cancelled"],
    ["changed to another amount by an order edit", { id: "payses_1", collectionAmountChanged: true } as SessionWithCart, "whose payment collection asks another amount since the shopper opened the page"],
  ])("a session no cart holds, whose payment collection was %s: voided, and the admin told why", async (_case, medusaSession, why) => {
    world.medusaSession = medusaSession
    expect(await settleDiscardedPayment(container, PROVIDER_ID, paid(true), "webhook")).toBe("voided")
    expect(world.calls.map((call) => call.operation)).toEqual(["cancel"])
    expect(world.notifications[0]!.data.description).toContain(why)
  })

  it.each<[string, SessionWithCart]>([
    ["a session no cart holds whose collection still asks its amount (the job authorises it)", { id: "payses_1" } as SessionWithCart],
    ["a cart not completed yet (the shopper's completion is coming)", { id: "payses_1", cartId: "cart_1" } as SessionWithCart],
    ["an order that holds no payment yet (a completion stopped before recording it)", { id: "payses_1", cartId: "cart_1", orderId: "order_1" } as SessionWithCart],
    ["a session Medusa already authorised", { id: "payses_1", cartId: "cart_1", orderId: "order_1", paymentId: "pay_1" } as SessionWithCart],
  ])("left alone: %s", async (_case, medusaSession) => {
    world.medusaSession = medusaSession
    expect(await settleDiscardedPayment(container, PROVIDER_ID, paid(true), "webhook")).toBe("kept")
    expect(world.calls).toEqual([])
    expect(world.settlements).toEqual([])
  })

  it.each([
    ["its return URL signed by another store", signedBy("another store's secret")],
    ["no return URL of this store", null],
  ])("the webhook of a session Medusa does not have, %s (another store on the same Avirato account): left alone", async (_case, urlOk) => {
    for (const by of ["webhook", "return"] as const) expect(await settleDiscardedPayment(container, PROVIDER_ID, { ...paid(false), urlOk }, by)).toBe("kept")
    expect(world.calls).toEqual([])
    expect(world.settlements).toEqual([])
    expect(world.notifications).toEqual([])
  })

  it("a session the job found among every session of the Avirato account: given back only when its return URL proves this store made it", async () => {
    expect(await settleDiscardedPayment(container, PROVIDER_ID, { ...paid(true), urlOk: signedBy("another store's secret") }, "reconciliation")).toBe("kept")
    expect(await settleDiscardedPayment(container, PROVIDER_ID, { ...paid(true), urlOk: null }, "reconciliation")).toBe("kept")
    expect(world.calls).toEqual([])
    expect(await settleDiscardedPayment(container, PROVIDER_ID, paid(true), "reconciliation")).toBe("voided")
    expect(world.calls).toHaveLength(1)
    expect(world.notifications[0]!.data.description).toContain("Found by the reconciliation job: Avirato's webhook and the shopper's return were both missed.")
  })

  it("not paid: nothing to give back, Avirato not asked", async () => {
    expect(await settleDiscardedPayment(container, PROVIDER_ID, { ...paid(true), status: "pending", paymentStatus: undefined }, "webhook")).toBe("not_paid")
    expect(world.calls).toEqual([])
  })

  it("Avirato failing: the run fails with nothing recorded and the lock released; the next run asks again with the same key", async () => {
    world.avirato = ["down"]
    await expect(settleDiscardedPayment(container, PROVIDER_ID, paid(true), "webhook")).rejects.toMatchObject({ message: "cancel: HTTP 503 – Service unavailable" })
    expect(world.settlements).toEqual([])
    expect(world.notifications).toEqual([])
    expect(await paymentLockIsHeld(locking, discardedPaymentLockId(AVIRATO_SESSION))).toBe(false)
    expect(await settleDiscardedPayment(container, PROVIDER_ID, paid(true), "reconciliation")).toBe("voided")
    expect(world.calls.map((call) => call.key)).toEqual(["discarded:avs_1", "discarded:avs_1"])
  })

  it("a record that cannot be written is logged, not undone: the next run asks Avirato again with the same key (answered the same) and records it", async () => {
    world.recordsFail = true
    expect(await settleDiscardedPayment(container, PROVIDER_ID, paid(true), "webhook")).toBe("voided")
    expect(world.settlements).toEqual([])
    world.recordsFail = false
    expect(await settleDiscardedPayment(container, PROVIDER_ID, paid(true), "reconciliation")).toBe("voided")
    expect(world.calls.map((call) => call.key)).toEqual(["discarded:avs_1", "discarded:avs_1"])
    expect(world.settlements).toHaveLength(1)
    expect(world.notifications).toHaveLength(1)
  })

  it("the webhook, the return and the job at once: Avirato is asked once", async () => {
    const outcomes = await Promise.all((["webhook", "return", "reconciliation"] as const).map((by) => settleDiscardedPayment(container, PROVIDER_ID, paid(true), by)))
    expect(outcomes).toEqual(["voided", "voided", "voided"])
    expect(world.calls).toHaveLength(1)
    expect(world.settlements).toHaveLength(1)
  })
})
