// Re-reading a payment session at its vendor while another writer of the session is at work: the
// re-read waits for the lock that writer holds and starts from what it wrote.
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { checkThroughProvider } from "../pending-payment-checker"
import { withPaymentSessionLock } from "../payment-lock"
import { refreshPaymentSession } from "../refresh-payment-session"
import type { SessionWithCart } from "../find-payment-session"
import { fakeQuery } from "./fake-query"

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type SessionRow = {
  id: string
  provider_id: string
  status: string
  amount: number
  currency_code: string
  data: Record<string, unknown>
  payment_collection: { cart: { id: string } | null }
  payment: { id: string } | null
}

/**
 * One stored session of cart `cart_1` (or of no cart), Medusa's in-memory locking, and a payment
 * module whose `updatePaymentSession` asks the vendor (a pause), then stores the vendor's status and
 * the data it was given with the vendor's decision added, as the credit providers' `updatePayment` does.
 */
function world({ cart = true, vendorStatus = "authorized", exists = true } = {}) {
  const row: SessionRow = {
    id: "payses_1",
    provider_id: "pp_avarda-invoice_avarda",
    status: "requires_more",
    amount: 1250.5,
    currency_code: "sek",
    data: { purchase_id: "P-1", decision: { outcome: "pending_id_validation" } },
    payment_collection: { cart: cart ? { id: "cart_1" } : null },
    payment: null,
  }
  const query = fakeQuery({ payment_session: exists ? [row as unknown as { id: string }] : [] })
  const payment = {
    updatePaymentSession: jest.fn(async ({ data }: { id: string; data: Record<string, unknown>; amount: unknown; currency_code: string }) => {
      await pause(20) // the provider asks the vendor
      row.data = { ...data, decision: { outcome: vendorStatus === "authorized" ? "approved" : "rejected" } }
      row.status = vendorStatus
      return { id: row.id, status: row.status, data: row.data }
    }),
  }
  const locking = new InMemoryLockingProvider()
  const container = { resolve: (key: string) => ({ query, payment, locking })[key] } as never
  const session: Pick<SessionWithCart, "id" | "cartId"> = { id: "payses_1", ...(cart ? { cartId: "cart_1" } : {}) }
  return { row, payment, locking, container, session }
}

type World = ReturnType<typeof world>

/** Another writer of the session at work under the lock it takes: it holds it a moment, then writes. */
function otherWriterAtWork(w: World, lock: (work: () => Promise<void>) => Promise<void>, write: (row: SessionRow) => void): Promise<void> {
  return lock(async () => {
    await pause(40)
    write(w.row)
  })
}

/** The lock Medusa's cart completion takes: the cart's id. */
const cartLock = (w: World) => (work: () => Promise<void>) => w.locking.execute("cart_1", work)

describe("refreshPaymentSession", () => {
  it("re-reads the vendor and answers the session's status and data afterwards, for the amount and currency stored", async () => {
    const w = world()
    expect(await refreshPaymentSession(w.container, w.session)).toEqual({
      status: "authorized",
      data: { purchase_id: "P-1", decision: { outcome: "approved" } },
    })
    expect(w.payment.updatePaymentSession).toHaveBeenCalledWith({
      id: "payses_1",
      data: { purchase_id: "P-1", decision: { outcome: "pending_id_validation" } },
      amount: 1250.5,
      currency_code: "sek",
    })
  })

  it("waits while another writer holds the cart's lock, and gives the provider the data that writer stored", async () => {
    const w = world()
    const writer = otherWriterAtWork(w, cartLock(w), (row) => (row.data = { ...row.data, handoff: "used" }))
    await pause(5)
    await refreshPaymentSession(w.container, w.session)
    await writer
    expect(w.payment.updatePaymentSession).toHaveBeenCalledWith(expect.objectContaining({ data: expect.objectContaining({ handoff: "used" }) }))
    expect(w.row.data).toEqual({ purchase_id: "P-1", handoff: "used", decision: { outcome: "approved" } })
  })

  it("a session Medusa's cart completion authorised meanwhile is not re-read: its row is the answer", async () => {
    const w = world({ vendorStatus: "error" })
    const writer = otherWriterAtWork(w, cartLock(w), (row) => {
      row.status = "authorized"
      row.data = { ...row.data, decision: { outcome: "approved" } }
      row.payment = { id: "pay_1" }
    })
    await pause(5)
    expect(await refreshPaymentSession(w.container, w.session)).toEqual({ status: "authorized", data: { purchase_id: "P-1", decision: { outcome: "approved" } } })
    await writer
    expect(w.payment.updatePaymentSession).not.toHaveBeenCalled()
    expect(w.row.status).toBe("authorized")
  })

  it("a session no cart holds: waits for its own lock, which its authorisation takes", async () => {
    const w = world({ cart: false, vendorStatus: "error" })
    const writer = otherWriterAtWork(w, (work) => withPaymentSessionLock(w.container, "payses_1", work), (row) => {
      row.status = "authorized"
      row.payment = { id: "pay_1" }
    })
    await pause(5)
    expect(await refreshPaymentSession(w.container, w.session)).toMatchObject({ status: "authorized" })
    await writer
    expect(w.payment.updatePaymentSession).not.toHaveBeenCalled()
  })

  it("a session that no longer exists: undefined, nothing written", async () => {
    const w = world({ exists: false })
    expect(await refreshPaymentSession(w.container, w.session)).toBeUndefined()
    expect(w.payment.updatePaymentSession).not.toHaveBeenCalled()
  })
})

describe("checkThroughProvider", () => {
  it.each([
    ["authorized", "approved"],
    ["error", "rejected"],
    ["canceled", "rejected"],
    ["requires_more", "pending"],
    ["pending", "pending"],
  ])("the vendor's re-read status %s is %s", async (vendorStatus, result) => {
    const w = world({ vendorStatus })
    expect(await checkThroughProvider(w.container, { ...w.session, provider_id: "pp_avarda-invoice_avarda", status: "requires_more", amount: 1, currency_code: "sek" })).toBe(result)
  })

  it("a session deleted meanwhile is left (pending): the next run no longer finds it", async () => {
    const w = world({ exists: false })
    expect(await checkThroughProvider(w.container, { ...w.session, provider_id: "pp_avarda-invoice_avarda", status: "requires_more", amount: 1, currency_code: "sek" })).toBe("pending")
  })
})
