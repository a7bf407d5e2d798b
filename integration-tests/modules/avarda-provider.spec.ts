// The Avarda Authorization API providers inside Medusa's Payment Module (no HTTP app), against a
// sandbox: the module ↔ provider contract the core workflows rely on — session creation from the
// one-time hand-off, every credit outcome, authorization re-checked at Avarda, captures, repeated
// partial refunds, cancellation, deletion of a session, and the personal ID number never stored.
import path from "node:path"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { AVARDA_TEST_IDENTITIES } from "../../src/sandbox/avarda/test-identities"
import { CREDIT_REQUEST_REF_KEY, creditRequestHandoff } from "../../src/lib/avarda/credit-request-handoff"
import { uncapturedByTaxRate, type CreditLedger } from "../../src/lib/avarda/credit-ledger"
import { rowsPerTaxRate } from "../../src/lib/avarda/vat-rate-rows"
import { SOCKS_APPLICATION as application, useAvardaSandbox } from "../support/avarda-module"
import { withoutVerifiedState } from "../support/module-return-state"

jest.setTimeout(120_000)

const SE = AVARDA_TEST_IDENTITIES.SE
const options: Record<string, unknown> = {
  environment: "http://placeholder.invalid/avarda/authorization-api/",
  clientId: "sandbox-avarda-client-id",
  clientSecret: "sandbox-avarda-client-secret",
  backendUrl: "http://shop.test",
  storefront: { successUrl: "http://storefront.test/ok", failureUrl: "http://storefront.test/ko" },
  partPayment: { accountClassCode: 1782, paymentTerms: [12, 24] },
  timeouts: { createAuthorizationMs: 3000, requestMs: 1500 },
}
const INVOICE = "pp_avarda-invoice_avarda"
const PART_PAYMENT = "pp_avarda-part-payment_avarda"

const env = useAvardaSandbox((sandbox) => {
  options.environment = sandbox.urls.avardaAuthorizationApi
})

moduleIntegrationTestRunner<IPaymentModuleService>({
  moduleName: Modules.PAYMENT,
  resolve: path.dirname(require.resolve("@medusajs/payment/package.json")),
  dbName: `avarda-module-${process.pid}`,
  moduleOptions: { providers: [{ resolve: path.join(process.cwd(), "src/providers/avarda"), id: "avarda", options }] },
  testSuite: ({ service }) => {
    beforeEach(() => env.sandbox.reset())

    async function session(ssn: string, providerId = INVOICE, extra: { paymentTerms?: number } = {}) {
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 1047 })
      const ref = creditRequestHandoff().put({ application, personalIdNumber: ssn, ...extra })
      return service.createPaymentSession(collection.id, { provider_id: providerId, currency_code: "sek", amount: 1047, data: { [CREDIT_REQUEST_REF_KEY]: ref } })
    }

    it("201: creates a ready session with public data only, then authorizes after re-checking Avarda", async () => {
      const created = await session(SE.approved)
      expect(created.status).toBe("pending")
      expect(created.data).toMatchObject({
        vendor: "avarda-authorization-api",
        product: "invoice",
        authorization_id: expect.any(String),
        order_reference: created.id,
        decision: { outcome: "approved" },
        amount_minor: 104700,
        credit_request_ref: null,
      })
      expect(JSON.stringify(created.data)).not.toContain(SE.approved)
      const [authorization] = env.control.listAuthorizations()
      expect(authorization).toMatchObject({ orderReference: created.id, amount: 1047, product: "invoice" })

      const payment = await service.authorizePaymentSession(created.id, {})
      expect(payment?.data).toMatchObject({ authorization_id: authorization!.authorizationId, decision: { outcome: "approved", in_back_office: true } })
      // The reservation is assumed to lapse 14 days after the plugin saw it approved.
      const data = payment!.data as { authorized_at: string; authorization_expires_at: string }
      expect(Date.parse(data.authorization_expires_at) - Date.parse(data.authorized_at)).toBe(14 * 24 * 60 * 60 * 1000)
      expect(Math.abs(Date.parse(data.authorized_at) - Date.now())).toBeLessThan(60_000)
      expect(env.sandbox.journal.entries().map((e) => e.route)).toEqual([
        "avarda.auth.token",
        "avarda.authorization.create.invoice",
        "avarda.authorization.status",
      ])
    })

    it("without the plugin route's hand-off, session creation fails with a clear developer error", async () => {
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 1047 })
      await expect(
        service.createPaymentSession(collection.id, { provider_id: INVOICE, currency_code: "sek", amount: 1047, data: { personal_id_number: SE.approved } })
      ).rejects.toThrow(/POST \/store\/avarda\/payment-sessions/)
      // A reference works exactly once.
      const ref = creditRequestHandoff().put({ application, personalIdNumber: SE.approved })
      await service.createPaymentSession(collection.id, { provider_id: INVOICE, currency_code: "sek", amount: 1047, data: { [CREDIT_REQUEST_REF_KEY]: ref } })
      await expect(
        service.createPaymentSession(collection.id, { provider_id: INVOICE, currency_code: "sek", amount: 1047, data: { [CREDIT_REQUEST_REF_KEY]: ref } })
      ).rejects.toThrow(/credit_request_ref/)
      expect(env.control.listAuthorizations()).toHaveLength(1)
    })

    it("refuses a hand-off built for another amount (the cart changed) before calling Avarda", async () => {
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 1000 })
      const ref = creditRequestHandoff().put({ application, personalIdNumber: SE.approved })
      await expect(
        service.createPaymentSession(collection.id, { provider_id: INVOICE, currency_code: "sek", amount: 1000, data: { [CREDIT_REQUEST_REF_KEY]: ref } })
      ).rejects.toThrow(/cart changed/)
      expect(env.sandbox.journal.entries()).toHaveLength(0)
    })

    it("202: requires more with the redirect URL; authorization follows Avarda's status, not the session", async () => {
      const created = await session(SE.idValidationRequired)
      expect(created.status).toBe("requires_more")
      const data = created.data as { redirect_url: string; authorization_id: string }
      expect(data.redirect_url).toContain(`/avarda/pages/id-validation/${data.authorization_id}`)
      await expect(service.authorizePaymentSession(created.id, {})).rejects.toThrow(/not authorized/)

      env.control.completeIdValidation(data.authorization_id, "identify")
      const payment = await service.authorizePaymentSession(created.id, {})
      expect(payment?.data).toMatchObject({ decision: { outcome: "approved" } })
    })

    it("422: error status with Avarda's localized message and the authorization id", async () => {
      const created = await session(SE.rejectedCreditNotApproved)
      expect(created.status).toBe("error")
      expect(created.data).toMatchObject({
        authorization_id: expect.any(String),
        decision: { outcome: "rejected", error_code: 1, message: "Krediten beviljades inte, vänligen välj ett annat betalningssätt" },
      })
    })

    it("500: error status, authorization id kept, a clear message", async () => {
      const created = await session(SE.technicalError)
      expect(created.status).toBe("error")
      // The plugin's own text, in the language of the (Swedish) purchase.
      expect(created.data).toMatchObject({ authorization_id: expect.any(String), decision: { outcome: "failed", error_code: 101, message: expect.stringMatching(/tekniskt fel/) } })
    })

    it("a failed create never keeps an authorization id the storefront slipped into the session's data", async () => {
      env.sandbox.faults.add({ route: "avarda.authorization.create.invoice", kind: "status", status: 500, body: { title: "down" }, times: 1 })
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 1047 })
      const ref = creditRequestHandoff().put({ application, personalIdNumber: SE.approved })
      const slipped = "0b7f3c1e-5d2a-4c8e-9f10-123456789abc"
      const created = await service.createPaymentSession(collection.id, {
        provider_id: INVOICE,
        currency_code: "sek",
        amount: 1047,
        data: { [CREDIT_REQUEST_REF_KEY]: ref, authorization_id: slipped },
      })
      expect(created.status).toBe("error")
      expect(created.data).toMatchObject({ decision: { outcome: "failed" } })
      expect((created.data as { authorization_id?: string }).authorization_id).toBeUndefined()
      await expect(service.authorizePaymentSession(created.id, {})).rejects.toThrow()
      expect(env.sandbox.journal.entries({ route: "avarda.authorization.status" })).toHaveLength(0)
    })

    it("part-payment sends the chosen term and the account class code; an unoffered term is refused first", async () => {
      await expect(session(SE.approved, PART_PAYMENT, { paymentTerms: 36 })).rejects.toThrow(/payment_terms 36 is not offered .* 12, 24/)
      await expect(session(SE.approved, PART_PAYMENT)).rejects.toThrow(/payment_terms is required/)
      const created = await session(SE.approved, PART_PAYMENT, { paymentTerms: 24 })
      expect(created.data).toMatchObject({ product: "part-payment", payment_terms: 24 })
      const create = env.sandbox.journal.entries().find((e) => e.route === "avarda.authorization.create.part-payment")
      expect(create?.body).toMatchObject({ paymentTerms: 24, accountClassCode: 1782, posId: "0" })
      // The return URL carries the plugin's signed state for this session.
      expect(withoutVerifiedState(String((create?.body as { idValidationCallbackUrl?: string }).idValidationCallbackUrl), "avarda-id-validation-return", created.id)).toBe("http://shop.test/avarda/id-validation/return")
    })

    it("captures the authorized rows when Medusa captures without a plan, then refunds partially twice (rows per VAT rate, one tranId each)", async () => {
      const created = await session(SE.approved)
      const payment = (await service.authorizePaymentSession(created.id, {}))!
      await service.capturePayment({ payment_id: payment.id })
      await service.refundPayment({ payment_id: payment.id, amount: 100 })
      await service.refundPayment({ payment_id: payment.id, amount: 100 })
      const stored = await service.retrievePayment(payment.id, { relations: ["captures", "refunds"] })
      const data = stored.data as { captures: Array<{ tran_id: string; amount_minor: number; rows: unknown[] }>; returns: Array<{ tran_id: string; amount_minor: number; refund_id: string }> }
      expect(data.captures).toHaveLength(1)
      expect(data.captures[0]).toMatchObject({ amount_minor: 104700, rows: application.rows.map((r) => expect.objectContaining({ amountMinor: r.amountMinor })) })
      expect(data.returns.map((r) => [r.amount_minor, r.refund_id])).toEqual(stored.refunds!.map((r) => [10000, r.id]))
      expect(new Set(data.returns.map((r) => r.tran_id)).size).toBe(2)
      const [authorization] = env.control.listAuthorizations()
      expect(authorization).toMatchObject({ captured: 1047, returned: 200 })
      const returns = env.sandbox.journal.entries().filter((e) => e.route === "avarda.authorization.return")
      expect(returns[0]?.body).toMatchObject({ items: [{ description: "Refund", amount: 100, taxCode: "25", taxAmount: 20, quantity: 1 }] })
    })

    it("a partly captured authorization is not cancelled (Medusa's cancel after an order change): its rest stays for the coming shipments", async () => {
      const created = await session(SE.approved)
      const payment = (await service.authorizePaymentSession(created.id, {}))!
      const data = (await service.retrievePayment(payment.id)).data as unknown as CreditLedger & Record<string, unknown>
      const rows = rowsPerTaxRate(50000, uncapturedByTaxRate(data), { kind: "delivery", description: "Delivery" })
      const plan = { id: "plan_1", tran_id: "ful_test_1", source: "shipment", order_reference: "1001", rows, amount_minor: 50000, lines: [], includes_order_level: true, created_at: new Date().toISOString() }
      await service.updatePayment({ id: payment.id, data: { ...data, capture_plan: plan } } as never)
      await service.capturePayment({ payment_id: payment.id, amount: 500 })
      await expect(service.cancelPayment(payment.id)).rejects.toThrow(/partly captured; its rest stays authorized/)
      expect((await service.retrievePayment(payment.id)).canceled_at).toBeFalsy()
      expect(env.control.listAuthorizations()[0]).toMatchObject({ captured: 500, cancelled: false })
      expect(env.sandbox.journal.entries({ route: "avarda.authorization.cancel" })).toHaveLength(0)
    })

    it("cancels before capture; deleting a session cancels its authorization; nothing to cancel is fine", async () => {
      const first = await session(SE.approved)
      const payment = (await service.authorizePaymentSession(first.id, {}))!
      await service.cancelPayment(payment.id)
      expect(env.control.listAuthorizations()[0]).toMatchObject({ cancelled: true })

      const second = await session(SE.approved)
      await service.deletePaymentSession(second.id)
      const secondAuthorization = env.control.listAuthorizations().find((a) => a.orderReference === second.id)
      expect(secondAuthorization).toMatchObject({ cancelled: true })

      const rejected = await session(SE.rejectedCreditNotApproved)
      await expect(service.deletePaymentSession(rejected.id)).resolves.toBeUndefined()
    })
  },
})
