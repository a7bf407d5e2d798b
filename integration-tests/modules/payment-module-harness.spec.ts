// Proves the module tier: Medusa's Payment Module on its own database, driven through its service
// the way core workflows drive it. Provider-specific module suites follow the same pattern.
import path from "node:path"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { AVARDA_STANDALONE_CREDIT } from "../../src/lib/plugin-vendors"
import { holdsUnconfirmedMark } from "../../src/workflows/shared/resend-unconfirmed"

jest.setTimeout(120_000)

moduleIntegrationTestRunner<IPaymentModuleService>({
  moduleName: Modules.PAYMENT,
  // A directory that has dist/models; the package's main file lives in dist/.
  resolve: path.dirname(require.resolve("@medusajs/payment/package.json")),
  // Several suites may run at once on one server: keep their databases apart.
  dbName: `payment-harness-${process.pid}`,
  moduleOptions: { providers: [] },
  testSuite: ({ service }) => {
    it("authorizes, captures and refunds through the system provider", async () => {
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 1047 })
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "pp_system_default",
        currency_code: "sek",
        amount: 1047,
        data: {},
      })
      expect(session.status).toBe("pending")

      const payment = await service.authorizePaymentSession(session.id, {})
      expect(payment?.amount).toEqual(1047)

      await service.capturePayment({ payment_id: payment!.id, amount: 1000 })
      await service.capturePayment({ payment_id: payment!.id, amount: 47 })
      await service.refundPayment({ payment_id: payment!.id, amount: 100 })
      const stored = await service.retrievePayment(payment!.id, { relations: ["captures", "refunds"] })
      expect(stored.captures!.map((c) => Number(c.amount)).sort((a, b) => a - b)).toEqual([47, 1000])
      expect(stored.refunds!.map((r) => Number(r.amount))).toEqual([100])
      expect(stored.captured_at).toBeTruthy()
    })

    it("a write of a payment's data moves its updated_at (the expiry job reads only payments written lately)", async () => {
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 100 })
      const session = await service.createPaymentSession(collection.id, { provider_id: "pp_system_default", currency_code: "sek", amount: 100, data: {} })
      const payment = (await service.authorizePaymentSession(session.id, {}))!
      const before = (await service.retrievePayment(payment.id, { select: ["id", "updated_at"] })) as unknown as { updated_at: Date }
      await new Promise((resolve) => setTimeout(resolve, 20))
      await service.updatePayment({ id: payment.id, data: { authorization_expires_at: "2026-12-14T10:00:00.000Z" } } as never)
      const after = (await service.retrievePayment(payment.id, { select: ["id", "updated_at"] })) as unknown as { updated_at: Date }
      expect(new Date(after.updated_at).getTime()).toBeGreaterThan(new Date(before.updated_at).getTime())
      const written = await service.listPayments({ id: payment.id, updated_at: { $gte: new Date(Date.now() - 60_000) } } as never, { select: ["id"] })
      expect(written.map((p) => p.id)).toEqual([payment.id])
    })

    it("the re-send job's query finds the payments with an unconfirmed call and none whose marks were cleared with null", async () => {
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 300 })
      const paymentWith = async (data: Record<string, unknown>) => {
        const session = await service.createPaymentSession(collection.id, { provider_id: "pp_system_default", currency_code: "sek", amount: 100, data: {} })
        const payment = (await service.authorizePaymentSession(session.id, {}))!
        await service.updatePayment({ id: payment.id, data } as never)
        return payment.id
      }
      const mark = { since: "2026-12-07T10:00:00.000Z", attempts: 1, last_error: "no answer" }
      const awaitingReturn = await paymentWith({ returns: [{ tran_id: "r1", unconfirmed: null }, { tran_id: "r2", unconfirmed: mark }] })
      const awaitingRelease = await paymentWith({ remainder_released: { amount_minor: 100, unconfirmed: mark } })
      await paymentWith({ returns: [{ tran_id: "r1", unconfirmed: null }], remainder_released: { amount_minor: 100, unconfirmed: null }, cancellation: { unconfirmed: null } })

      const places = Object.values(AVARDA_STANDALONE_CREDIT.unconfirmedCallPlaces)
      const found = await service.listPayments({ $or: places.map(holdsUnconfirmedMark) } as never, { select: ["id"] })
      expect(found.map((payment) => payment.id).sort()).toEqual([awaitingReturn, awaitingRelease].sort())
    })
  },
})
