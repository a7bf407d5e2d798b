// The Avarda Standalone Credit (CheckOut2Api) providers inside Medusa's Payment Module (no HTTP app),
// against a sandbox: session creation from the one-time hand-off, every authorize outcome, the
// electronic ID, State re-read at Avarda, PurchaseOrder / ReturnOrder / Refund / RefundRemaining /
// CancelPayment with stable TranIds (Medusa's ids, or session + sequence for Medusa's own capture),
// unconfirmed outcomes, and the SSN never stored.
import path from "node:path"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { AVARDA_TEST_IDENTITIES } from "../../src/sandbox/avarda/test-identities"
import { buildInvoiceRows } from "../../src/lib/avarda/credit-cart"
import { CREDIT_REQUEST_REF_KEY, type CreditApplication } from "../../src/lib/avarda/credit-request-handoff"
import { standaloneCreditRequestHandoff } from "../../src/lib/avarda/standalone/credit-request-handoff"
import { parseStandaloneOptions } from "../../src/providers/avarda-standalone/core/options"
import { avardaTranId } from "../../src/providers/avarda/core/tran-id"
import { SOCKS_APPLICATION as application, SOCKS_CART as cart, useAvardaSandbox } from "../support/avarda-module"
import { withoutVerifiedState } from "../support/module-return-state"

jest.setTimeout(120_000)

const SE = AVARDA_TEST_IDENTITIES.SE
const options: Record<string, unknown> = {
  environment: "sandbox",
  siteCode: "SANDBOXSITE",
  sitePassword: "sandbox-site-password",
  backendUrl: "http://shop.test",
  storefront: { successUrl: "http://storefront.test/ok", failureUrl: "http://storefront.test/ko" },
  b2b: { allowed: true },
  partPayment: { paymentTerms: [12, 24] },
  timeouts: { authorizeMs: 3000, requestMs: 1500 },
}
const INVOICE = "pp_avarda-standalone-invoice_avarda-standalone"
const PART_PAYMENT = "pp_avarda-standalone-part-payment_avarda-standalone"

const env = useAvardaSandbox((sandbox) => {
  options.baseUrl = sandbox.urls.avardaCheckout2
})

describe("options", () => {
  it("name every bad option", () => {
    expect(() => parseStandaloneOptions({ ...options, siteCode: "", language: "de-DE", storefront: { successUrl: "nope" } })).toThrow(
      /option "siteCode" is required .*option "language" must be "auto" or one of en-US, sv-SE, fi-FI, da-DK, nb-NO.*option "storefront.successUrl" must be the storefront's order confirmation URL/
    )
    expect(() => parseStandaloneOptions({ ...options, environment: undefined, baseUrl: undefined })).toThrow(/option "environment" is required/)
  })
})

moduleIntegrationTestRunner<IPaymentModuleService>({
  moduleName: Modules.PAYMENT,
  resolve: path.dirname(require.resolve("@medusajs/payment/package.json")),
  dbName: `avarda-standalone-module-${process.pid}`,
  moduleOptions: { providers: [{ resolve: path.join(process.cwd(), "src/providers/avarda-standalone"), id: "avarda-standalone", options }] },
  testSuite: ({ service }) => {
    beforeEach(() => env.sandbox.reset())

    async function session(ssn: string, providerId = INVOICE, extra: { paymentTerms?: number; companyName?: string; app?: CreditApplication } = {}) {
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 1047 })
      const { app = application, ...rest } = extra
      const ref = standaloneCreditRequestHandoff().put({ application: app, personalIdNumber: ssn, ...rest })
      return service.createPaymentSession(collection.id, { provider_id: providerId, currency_code: "sek", amount: 1047, data: { [CREDIT_REQUEST_REF_KEY]: ref } })
    }

    async function authorizedPayment() {
      const created = await session(SE.approved)
      return (await service.authorizePaymentSession(created.id, {}))!
    }

    const purchase = () => env.control.listStandalonePurchases()[0]!

    it("approved: a ready session with public data only; authorize re-reads GetPaymentStatus (State 2)", async () => {
      const created = await session(SE.approved)
      expect(created.status).toBe("pending")
      expect(created.data).toMatchObject({
        vendor: "avarda-standalone",
        product: "invoice",
        purchase_id: purchase().externalId,
        order_reference: created.id,
        // The credit limit Avarda granted the person (50000 in the sandbox) is not kept: session data is public.
        decision: { outcome: "approved", credit_limit: null },
        amount_minor: 104700,
        credit_request_ref: null,
      })
      expect(JSON.stringify(created.data)).not.toContain(SE.approved)
      expect(JSON.stringify(created.data)).not.toContain("50000")
      expect(env.sandbox.journal.entries({ route: "avarda.checkout2.authorize.invoice" })[0]!.body).toMatchObject({
        OrderReference: created.id,
        UserLanguageCode: "sv-SE",
        Price: 1047,
        Items: [
          { Description: "2 x Wool socks", Notes: "WOOL-SOCKS-1", Amount: 998, TaxCode: "25", TaxAmount: 199.6 },
          { Description: "Standard delivery", Amount: 49, TaxCode: "25", TaxAmount: 9.8 },
        ],
      })
      const payment = await service.authorizePaymentSession(created.id, {})
      expect(payment?.data).toMatchObject({ purchase_id: purchase().externalId, decision: { outcome: "approved", state: 2, state_name: "Completed" } })
    })

    it("without the plugin route's hand-off: a clear developer error; a reference works once", async () => {
      const collection = await service.createPaymentCollections({ currency_code: "sek", amount: 1047 })
      await expect(
        service.createPaymentSession(collection.id, { provider_id: INVOICE, currency_code: "sek", amount: 1047, data: { personal_id_number: SE.approved } })
      ).rejects.toThrow(/POST \/store\/avarda-standalone\/payment-sessions/)
      expect(env.sandbox.journal.entries()).toHaveLength(0)
    })

    it("electronic ID: requires_more with the CheckOut2ElectronicId URL; authorized only once State is 2", async () => {
      const created = await session(SE.idValidationRequired)
      expect(created.status).toBe("requires_more")
      const data = created.data as { redirect_url: string; purchase_id: string }
      const redirect = new URL(data.redirect_url)
      expect(`${redirect.origin}${redirect.pathname}`).toBe(`${env.sandbox.urls.avardaCheckout2}/CheckOut2ElectronicId/`)
      expect(redirect.searchParams.get("externalId")).toBe(data.purchase_id)
      expect(withoutVerifiedState(redirect.searchParams.get("returnUrl")!, "avarda-standalone-electronic-id-return", created.id)).toBe(
        `http://shop.test/avarda-standalone/electronic-id/return?session_id=${created.id}`
      )
      await expect(service.authorizePaymentSession(created.id, {})).rejects.toThrow(/not authorized/)
      env.control.completeElectronicId(data.purchase_id, "OK")
      const payment = await service.authorizePaymentSession(created.id, {})
      expect(payment?.data).toMatchObject({ decision: { outcome: "approved", state: 2 } })
    })

    it("rejected: error status with Avarda's localized message (30154); invalid data refused before any call", async () => {
      const created = await session(SE.rejectedCreditNotApproved)
      expect(created.status).toBe("error")
      expect(created.data).toMatchObject({ decision: { outcome: "rejected", error_code: 30154, message: expect.stringMatching(/Kredit/i) } })

      const before = env.sandbox.journal.entries().length
      await expect(session(SE.approved, INVOICE, { app: { ...application, invoicingAddress: { ...application.invoicingAddress, city: "x".repeat(31) } } })).rejects.toThrow(
        /InvoicingCity must be at most 30 characters/
      )
      expect(env.sandbox.journal.entries()).toHaveLength(before)
    })

    it("B2B: IsB2B + CompanyName when allowed (the sandbox site is not B2B-enabled: Avarda's answer is a clear developer error)", async () => {
      await expect(session(SE.approved, INVOICE, { companyName: "Acme AB" })).rejects.toThrow(/Checkout site is not allowed to work with B2b.*disable the option b2b.allowed/)
      expect(env.sandbox.journal.entries({ route: "avarda.checkout2.authorize.invoice" })[0]!.body).toMatchObject({ IsB2B: true, CompanyName: "Acme AB" })
    })

    it("part payment: the chosen term as PaymentTerms; an unoffered term is refused first", async () => {
      await expect(session(SE.approved, PART_PAYMENT, { paymentTerms: 36 })).rejects.toThrow(/payment_terms 36 is not offered .* 12, 24/)
      const created = await session(SE.approved, PART_PAYMENT, { paymentTerms: 24 })
      expect(created.data).toMatchObject({ product: "part-payment", payment_terms: 24 })
      expect(env.sandbox.journal.entries({ route: "avarda.checkout2.authorize.part-payment" })[0]!.body).toMatchObject({ PaymentTerms: 24 })
    })

    it("capture without a plan: PurchaseOrder of all rows with the session's first capture as TranId (not Medusa's capture id, new on every attempt); refunds with Medusa's refund ids", async () => {
      const payment = await authorizedPayment()
      await service.capturePayment({ payment_id: payment.id })
      await service.refundPayment({ payment_id: payment.id, amount: 100 })
      await service.refundPayment({ payment_id: payment.id, amount: 100 })
      const stored = await service.retrievePayment(payment.id, { relations: ["captures", "refunds"] })
      const data = stored.data as { captures: Array<{ tran_id: string; capture_id: string; amount_minor: number }>; refunds: Array<{ tran_id: string; refund_id: string; amount_minor: number }> }
      const sessionTranId = avardaTranId((payment.data as { order_reference: string }).order_reference, "c", 1)
      expect(data.captures).toEqual([expect.objectContaining({ tran_id: sessionTranId, capture_id: stored.captures![0]!.id, amount_minor: 104700 })])
      expect(env.sandbox.journal.entries({ route: "avarda.checkout2.purchase-order" }).map((e) => (e.body as { TranId: string }).TranId)).toEqual([sessionTranId])
      expect(data.refunds.map((r) => [r.tran_id, r.refund_id, r.amount_minor])).toEqual(stored.refunds!.map((r) => [r.id, r.id, 10000]))
      expect(purchase()).toMatchObject({ invoiced: 1047, refunded: 200 })
      expect(env.sandbox.journal.entries({ route: "avarda.checkout2.refund" }).map((e) => e.body)).toEqual(
        stored.refunds!.map((r) => ({ ExternalId: purchase().externalId, Amount: 100, OrderReference: (payment.data as { order_reference: string }).order_reference, TranId: r.id }))
      )
      await expect(service.refundPayment({ payment_id: payment.id, amount: 900 })).rejects.toThrow(/more than what is captured/)
    })

    it("cancel before any delivery: CancelPayment; after a partial delivery: refused unless the order was cancelled, then RefundRemaining", async () => {
      const first = await authorizedPayment()
      await service.cancelPayment(first.id)
      expect(purchase()).toMatchObject({ cancelled: true })

      env.sandbox.reset()
      const second = await authorizedPayment()
      const stored = await service.retrievePayment(second.id)
      const data = stored.data as Record<string, unknown>
      // A delivery of one pair (as the shipment subscriber plans it).
      const rows = buildInvoiceRows(cart, { lines: [{ lineId: "li_1", alreadyInvoiced: 0, quantity: 1 }] })
      const amount = rows.reduce((sum, r) => sum + r.amountMinor, 0)
      const plan = { id: "plan_1", tran_id: "ful_test_1", source: "shipment", fulfillment_id: "ful_test_1", order_reference: "1001", rows, amount_minor: amount, lines: [{ line_item_id: "li_1", quantity: 1 }], includes_order_level: true, created_at: new Date().toISOString() }
      await service.updatePayment({ id: second.id, data: { ...data, capture_plan: plan } } as never)
      await service.capturePayment({ payment_id: second.id, amount: amount / 100 })
      // Medusa's cancel after an order change (a return re-creates the payment collection): the rest stays for the coming shipments.
      await expect(service.cancelPayment(second.id)).rejects.toThrow(/partly invoiced; its rest stays reserved/)
      expect(env.sandbox.journal.entries({ route: "avarda.checkout2.refund-remaining" })).toHaveLength(0)
      expect((await service.retrievePayment(second.id)).canceled_at).toBeFalsy()
      // The order was cancelled: the plugin marks the payment, and the cancel releases the rest.
      const captured = (await service.retrievePayment(second.id)).data as Record<string, unknown>
      await service.updatePayment({ id: second.id, data: { ...captured, remainder_release_requested_at: new Date().toISOString() } } as never)
      await service.cancelPayment(second.id)
      const purchaseOrder = env.sandbox.journal.entries({ route: "avarda.checkout2.purchase-order" })[0]!
      expect(purchaseOrder.body).toMatchObject({ TranId: "ful_test_1", OrderReference: "1001" })
      const refundRemaining = env.sandbox.journal.entries({ route: "avarda.checkout2.refund-remaining" })[0]!
      expect(refundRemaining.body).toEqual({ ExternalId: purchase().externalId, OrderReference: "1001", TranId: second.id })
      expect(purchase()).toMatchObject({ invoiced: amount / 100, remainingReleased: 1047 - amount / 100 })
      const after = (await service.retrievePayment(second.id)).data as { remainder_released: { amount_minor: number } }
      expect(after.remainder_released).toMatchObject({ amount_minor: 104700 - amount, tran_id: second.id })
      await expect(service.capturePayment({ payment_id: second.id, amount: 1 })).rejects.toThrow(/already released|canceled/)
    })

    it("a refund without an answer is recorded as unconfirmed (Avarda did it: never sent twice by the provider)", async () => {
      const payment = await authorizedPayment()
      await service.capturePayment({ payment_id: payment.id })
      env.sandbox.faults.add({ route: "avarda.checkout2.refund", kind: "after-processing", then: "reset", times: 1 })
      await service.refundPayment({ payment_id: payment.id, amount: 50 })
      const data = (await service.retrievePayment(payment.id)).data as { refunds: Array<{ unconfirmed?: { attempts: number } }> }
      expect(data.refunds[0]!.unconfirmed).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/connection lost/) })
      expect(purchase()).toMatchObject({ refunded: 50 })
    })

    it("refused commerce calls become clear admin errors (Avarda's codes); deleting a session cancels its purchase", async () => {
      const payment = await authorizedPayment()
      env.sandbox.faults.add({ route: "avarda.checkout2.purchase-order", kind: "status", status: 400, body: [{ ErrorCode: "10010", ErrorMessage: "The purchase is not completed." }], times: 1 })
      await expect(service.capturePayment({ payment_id: payment.id })).rejects.toThrow(/Avarda PurchaseOrder \(TranId \w+-c1\) on purchase \w+ was refused by Avarda: HTTP 400 – 10010 The purchase is not completed\./)

      const second = await session(SE.approved)
      await service.deletePaymentSession(second.id)
      expect(env.control.listStandalonePurchases().find((p) => p.orderReference === second.id)).toMatchObject({ cancelled: true })
      const rejected = await session(SE.rejectedCreditNotApproved)
      await expect(service.deletePaymentSession(rejected.id)).resolves.toBeUndefined()
    })
  },
})
