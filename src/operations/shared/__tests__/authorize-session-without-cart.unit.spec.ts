// Authorising a paid session no cart holds: once, however many callers arrive at the same moment.
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { authorizeSessionWithoutCart } from "../authorize-session-without-cart"

/**
 * A payment module with one session that behaves as Medusa's does: its authorisation asks the vendor
 * (a pause), then creates the payment; when the session got a payment meanwhile, the creation fails
 * on the one-payment-per-session rule and the module cancels the attempt at the vendor.
 */
function paymentModuleWithSession({ exists = true, deferred = false, collectionStatus = "not_paid", collectionAmount = 12.34 } = {}) {
  const session:
    | { id: string; amount: number; raw_amount: { value: string; precision: number }; payment: { id: string } | null; payment_collection: { id: string; status: string; amount: number; raw_amount: { value: string; precision: number } } }
    | undefined = exists
    ? {
        id: "payses_1",
        amount: 12.34,
        raw_amount: { value: "12.34", precision: 20 },
        payment: null,
        payment_collection: { id: "pay_col_1", status: collectionStatus, amount: collectionAmount, raw_amount: { value: String(collectionAmount), precision: 20 } },
      }
    : undefined
  const vendorCancellations: string[] = []
  const paymentModule = {
    listPaymentSessions: jest.fn(async () => (session ? [{ ...session }] : [])),
    authorizePaymentSession: jest.fn(async (id: string) => {
      await new Promise((resolve) => setTimeout(resolve, 20)) // the provider asks the vendor
      if (deferred) return null
      if (session!.payment) {
        vendorCancellations.push(id)
        throw new Error('duplicate key value violates unique constraint "IDX_payment_payment_session_id_unique"')
      }
      session!.payment = { id: "pay_1" }
      return session!.payment
    }),
  }
  const locking = new InMemoryLockingProvider()
  const container = { resolve: (key: string) => ({ payment: paymentModule, locking })[key] } as never
  return { container, paymentModule, vendorCancellations }
}

describe("authorizeSessionWithoutCart", () => {
  it("two callers at once (the webhook and the job): one authorises, the other finds the payment; nothing is cancelled at the vendor", async () => {
    const w = paymentModuleWithSession()
    const outcomes = await Promise.all([authorizeSessionWithoutCart(w.container, "payses_1"), authorizeSessionWithoutCart(w.container, "payses_1")])
    expect(outcomes.sort()).toEqual(["already_authorized", "authorized"])
    expect(w.paymentModule.authorizePaymentSession).toHaveBeenCalledTimes(1)
    expect(w.vendorCancellations).toEqual([])
  })

  it("a session that has its payment is not authorised again", async () => {
    const w = paymentModuleWithSession()
    await authorizeSessionWithoutCart(w.container, "payses_1")
    expect(await authorizeSessionWithoutCart(w.container, "payses_1")).toBe("already_authorized")
    expect(w.paymentModule.authorizePaymentSession).toHaveBeenCalledTimes(1)
  })

  it("a deleted session is gone; a deferred authorisation is pending", async () => {
    const gone = paymentModuleWithSession({ exists: false })
    expect(await authorizeSessionWithoutCart(gone.container, "payses_1")).toBe("gone")
    expect(gone.paymentModule.authorizePaymentSession).not.toHaveBeenCalled()
    const deferred = paymentModuleWithSession({ deferred: true })
    expect(await authorizeSessionWithoutCart(deferred.container, "payses_1")).toBe("pending")
  })

  it("a session of a cancelled payment collection (its order cancelled, or the collection replaced) is not authorised: superseded", async () => {
    const w = paymentModuleWithSession({ collectionStatus: "canceled" })
    expect(await authorizeSessionWithoutCart(w.container, "payses_1")).toBe("superseded")
    expect(w.paymentModule.authorizePaymentSession).not.toHaveBeenCalled()
    expect(w.paymentModule.listPaymentSessions).toHaveBeenCalledWith({ id: "payses_1" }, expect.objectContaining({ relations: expect.arrayContaining(["payment_collection"]) }))
  })

  it.each([
    ["lowered", 10],
    ["raised", 20.5],
  ])("a session made before an order edit %s its collection's amount in place is not authorised: superseded (the shopper would pay the old amount)", async (_change, amount) => {
    const w = paymentModuleWithSession({ collectionAmount: amount })
    expect(await authorizeSessionWithoutCart(w.container, "payses_1")).toBe("superseded")
    expect(w.paymentModule.authorizePaymentSession).not.toHaveBeenCalled()
    expect(w.paymentModule.listPaymentSessions).toHaveBeenCalledWith({ id: "payses_1" }, expect.objectContaining({ select: expect.arrayContaining(["amount", "raw_amount"]) }))
  })

  it("a vendor's refusal reaches the caller", async () => {
    const w = paymentModuleWithSession()
    w.paymentModule.authorizePaymentSession.mockRejectedValueOnce(new Error("Session: payses_1 was not authorized with the provider."))
    await expect(authorizeSessionWithoutCart(w.container, "payses_1")).rejects.toThrow("was not authorized")
  })
})
