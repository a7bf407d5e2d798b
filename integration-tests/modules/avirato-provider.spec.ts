// The Avirato provider inside Medusa's Payment Module (no HTTP app), against a sandbox: the
// contract the core workflows rely on — session creation, authorisation after the hosted page,
// captures (full and planned partial), cancellation, refunds, and webhook verification.
import path from "node:path"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { startSandbox, type Sandbox } from "../../src/sandbox"
import { withCaptureAmountPlan } from "../../src/providers/avirato/core/capture-amount-plan"
import { computeWebhookSignature } from "../../src/lib/avirato"
import { writePaymentData } from "../../src/operations/shared/write-payment-data"
import { withoutVerifiedState } from "../support/module-return-state"

jest.setTimeout(120_000)

const SECRET = "sandbox_test_client_secret"
const baseOptions = {
  environment: "sandbox",
  baseUrl: "http://placeholder.invalid/avirato/external/v1/test/",
  apiKey: "sandbox_test_api_key",
  webcode: "SHOP01",
  clientSecrets: ["rotated_new_secret", SECRET],
  backendUrl: "http://shop.test",
  storefrontSuccessUrl: "http://storefront.test/ok",
  storefrontFailureUrl: "http://storefront.test/ko",
  timeoutMs: 1500,
}
// Two providers on one module: the same account in auto-capture and in pre-auth mode. Their
// options objects are completed with the sandbox URL in beforeAll (the runner reads them later).
const autoOptions: Record<string, unknown> = { ...baseOptions, captureMode: "auto" }
const preauthOptions: Record<string, unknown> = { ...baseOptions, captureMode: "preauth" }
const AUTO = "pp_avirato-card_avirato"
const PREAUTH = "pp_avirato-card_preauth"

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox()
  autoOptions.baseUrl = preauthOptions.baseUrl = sandbox.urls.aviratoTest
})
afterAll(async () => {
  await sandbox?.stop()
})

moduleIntegrationTestRunner<IPaymentModuleService>({
  moduleName: Modules.PAYMENT,
  resolve: path.dirname(require.resolve("@medusajs/payment/package.json")),
  dbName: `avirato-module-${process.pid}`,
  moduleOptions: {
    providers: [
      { resolve: path.join(process.cwd(), "src/providers/avirato"), id: "avirato", options: autoOptions },
      { resolve: path.join(process.cwd(), "src/providers/avirato"), id: "preauth", options: preauthOptions },
    ],
  },
  testSuite: ({ service }) => {
    beforeEach(() => sandbox.reset())

    async function session(providerId: string, amount = 50.45, currency = "eur") {
      const collection = await service.createPaymentCollections({ currency_code: currency, amount })
      return service.createPaymentSession(collection.id, { provider_id: providerId, currency_code: currency, amount, data: {} })
    }

    const vendorCalls = (route: string) => sandbox.journal.entries({ route })

    it("registers the provider under its documented id", async () => {
      const providers = await service.listPaymentProviders({ id: [AUTO, PREAUTH] })
      expect(providers.map((p) => p.id).sort()).toEqual([AUTO, PREAUTH])
    })

    it("creates the Avirato session with Medusa's idempotency key, the session id as customReference and exact minor units", async () => {
      const created = await session(AUTO, 50.456)
      expect(created.status).toBe("requires_more")
      expect(created.data).toMatchObject({
        session_id: created.id,
        mode: "auto",
        amount: 5046,
        currency: "EUR",
        environment: "sandbox",
        session_status: "pending",
        payment_url: expect.stringContaining("/avirato/pay-external/"),
        avirato_session_id: expect.stringMatching(/^SHOP01-EXTT-\d+$/),
      })
      const [call] = vendorCalls("avirato.test.session.create")
      expect(call.headers["idempotency-key"]).toBe(created.id)
      expect(call.body).toMatchObject({
        webcode: "SHOP01",
        amount: { value: 5046, currency: "EUR" },
        customReference: created.id,
        isPreAuth: false,
        countryCode: "ES",
        shopperLocale: "es-ES",
      })
      // Both return URLs carry the plugin's signed state for this session.
      expect(withoutVerifiedState((call.body as { urlOk: string }).urlOk, "avirato-hosted-page-return", created.id)).toBe(`http://shop.test/avirato/return?session=${created.id}`)
      expect(withoutVerifiedState((call.body as { urlKo: string }).urlKo, "avirato-hosted-page-return", created.id)).toBe(`http://shop.test/avirato/return?session=${created.id}&result=ko`)
      // Nothing secret ends up in the (public) session data.
      expect(JSON.stringify(created.data)).not.toMatch(/sandbox_test_api_key|client_secret|rotated_new_secret/)
    })

    it.each([["sek"], ["nok"], ["jpy"]])("rejects %s before calling Avirato", async (currency) => {
      await expect(session(AUTO, 100, currency)).rejects.toThrow(
        `Avirato: currency_code "${currency}" is not supported; Avirato accepts EUR, GBP and USD only`
      )
      expect(sandbox.journal.entries()).toHaveLength(0)
    })

    it("does not authorise before the shopper paid, then records an auto-capture once Avirato says AUTHORISED", async () => {
      const created = await session(AUTO)
      await expect(service.authorizePaymentSession(created.id, {})).rejects.toThrow("was not authorized with the provider")
      expect((await service.retrievePaymentSession(created.id)).status).toBe("requires_more")

      const paid = await sandbox.avirato.pay(created.data!.avirato_session_id as string)
      expect(paid.attempt?.status).toBe("authorised")

      const payment = await service.authorizePaymentSession(created.id, {})
      const stored = await service.retrievePayment(payment!.id, { relations: ["captures"] })
      expect(stored.captured_at).toBeTruthy()
      expect(stored.captures!.map((c) => Number(c.amount))).toEqual([50.45])
      expect(stored.data).toMatchObject({ payment_reference: paid.attempt!.paymentReference, session_status: "completed" })
      // Auto-capture: Medusa records the capture itself; no capture call goes to Avirato.
      expect(vendorCalls("avirato.test.payment.capture")).toHaveLength(0)
    })

    it("reports a declined page as still waiting for the shopper", async () => {
      const created = await session(AUTO)
      await sandbox.avirato.pay(created.data!.avirato_session_id as string, { holderName: "DECLINED" })
      await expect(service.authorizePaymentSession(created.id, {})).rejects.toThrow("was not authorized")
      // What Avirato said is kept on the session even though authorisation failed: the return route explains it from there.
      expect((await service.retrievePaymentSession(created.id)).data).toMatchObject({
        session_status: "pending",
        confirmation: { outcome: "awaiting_shopper", last_attempt_status: "refused", at: expect.any(String) },
      })
    })

    it("pre-auth: captures a planned partial amount once, refuses a second capture, refunds twice", async () => {
      const created = await session(PREAUTH, 100)
      expect(created.data).toMatchObject({ mode: "preauth", amount: 10000 })
      expect(vendorCalls("avirato.test.session.create")[0].body).toMatchObject({ isPreAuth: true })
      const paid = await sandbox.avirato.pay(created.data!.avirato_session_id as string)
      const payment = (await service.authorizePaymentSession(created.id, {}))!
      expect(payment.captured_at).toBeFalsy()

      await writePaymentData(service, payment.id, withCaptureAmountPlan(payment.data!, 6000, new Date()))
      await service.capturePayment({ payment_id: payment.id, amount: 60 })
      const [capture] = vendorCalls("avirato.test.payment.capture")
      expect(capture.body).toEqual({ webcode: "SHOP01", paymentReference: paid.attempt!.paymentReference, amount: { value: 6000, currency: "EUR" } })
      expect(sandbox.avirato.payment(paid.attempt!.paymentReference)).toMatchObject({ capturedAmount: 6000 })
      const captureId = (await service.retrievePayment(payment.id, { relations: ["captures"] })).captures![0].id
      expect(capture.headers["idempotency-key"]).toBe(captureId)

      await expect(service.capturePayment({ payment_id: payment.id, amount: 40 })).rejects.toThrow(
        "Avirato allows one capture per pre-authorisation: 60.00 EUR was already captured"
      )
      expect(vendorCalls("avirato.test.payment.capture")).toHaveLength(1)

      await service.refundPayment({ payment_id: payment.id, amount: 10 })
      await service.refundPayment({ payment_id: payment.id, amount: 10 })
      const refunds = vendorCalls("avirato.test.payment.refund")
      expect(refunds.map((r) => r.body)).toEqual([
        { webcode: "SHOP01", paymentReference: paid.attempt!.paymentReference, amount: { value: 1000, currency: "EUR" }, reason: "CUSTOMER REQUEST" },
        { webcode: "SHOP01", paymentReference: paid.attempt!.paymentReference, amount: { value: 1000, currency: "EUR" }, reason: "CUSTOMER REQUEST" },
      ])
      // Two equal partial refunds are two refunds: each carries its own Medusa refund id.
      expect(new Set(refunds.map((r) => r.headers["idempotency-key"])).size).toBe(2)
      expect(sandbox.avirato.payment(paid.attempt!.paymentReference)).toMatchObject({ refundedAmount: 2000 })

      const stored = await service.retrievePayment(payment.id)
      expect(stored.data).toMatchObject({
        capture_amount_plan: null,
        captures: [expect.objectContaining({ amount: 6000, status: "requested", reference: expect.any(String) })],
        refunds: [expect.objectContaining({ amount: 1000 }), expect.objectContaining({ amount: 1000 })],
      })
    })

    it("pre-auth: cancels (voids) an uncaptured authorisation, and a second cancel is a no-op", async () => {
      const created = await session(PREAUTH)
      const paid = await sandbox.avirato.pay(created.data!.avirato_session_id as string)
      const payment = (await service.authorizePaymentSession(created.id, {}))!
      await service.cancelPayment(payment.id)
      await service.cancelPayment(payment.id)
      const cancels = vendorCalls("avirato.test.payment.cancel")
      expect(cancels).toHaveLength(1)
      expect(cancels[0].headers["idempotency-key"]).toBe(payment.id)
      expect(sandbox.avirato.payment(paid.attempt!.paymentReference)?.cancelled).toBe(true)
    })

    it("accepts a signed AUTHORISATION webhook (either secret of a rotation) and leaves it to the plugin's subscriber; refuses forged, stale and unsigned ones", async () => {
      const created = await session(PREAUTH, 12.34)
      const paid = await sandbox.avirato.pay(created.data!.avirato_session_id as string)
      const body = JSON.stringify({
        eventId: "evt_1",
        event_code: "AUTHORISATION",
        success: true,
        data: {
          sessionId: created.data!.avirato_session_id,
          paymentReference: paid.attempt!.paymentReference,
          customReference: created.id,
          amount: { value: 1234, currency: "EUR" },
          paymentStatus: "AUTHORISED",
        },
      })
      const now = Math.floor(Date.now() / 1000)
      const signed = (secret: string, t = now) => ({
        data: JSON.parse(body),
        rawData: Buffer.from(body),
        headers: { "x-avirato-timestamp": String(t), "x-avirato-signature": `t=${t},v1=${computeWebhookSignature(secret, t, body)}` },
      })
      const provider = "avirato-card_preauth"

      // Authentic: accepted, and left to the plugin's own subscriber (Medusa's generic handling does nothing).
      await expect(service.getWebhookActionAndData({ provider, payload: signed(SECRET) })).resolves.toEqual({ action: "not_supported" })
      // Rotation: the new (first) secret works too.
      await expect(service.getWebhookActionAndData({ provider, payload: signed("rotated_new_secret") })).resolves.toEqual({ action: "not_supported" })
      await expect(service.getWebhookActionAndData({ provider, payload: signed("forged-secret-value") })).rejects.toThrow(
        "Avirato webhook rejected: signature_mismatch"
      )
      await expect(service.getWebhookActionAndData({ provider, payload: signed(SECRET, now - 600) })).rejects.toThrow(
        "Avirato webhook rejected: stale_timestamp"
      )
      const unsigned = { ...signed(SECRET), headers: {} }
      await expect(service.getWebhookActionAndData({ provider, payload: unsigned })).rejects.toThrow("missing_signature")
    })

    it("ignores webhooks it cannot tie to a Medusa session, and modification events", async () => {
      const now = Math.floor(Date.now() / 1000)
      const payload = (body: unknown) => {
        const raw = JSON.stringify(body)
        return {
          data: body as Record<string, unknown>,
          rawData: Buffer.from(raw),
          headers: { "x-avirato-signature": `t=${now},v1=${computeWebhookSignature(SECRET, now, raw)}` },
        }
      }
      const provider = "avirato-card_avirato"
      for (const body of [
        { event_code: "AUTHORISATION", success: true, data: { customReference: "ORD-2026-1", sessionId: "S" } },
        { event_code: "AUTHORISATION", success: true, data: { sessionId: "S" } },
        { event_code: "CAPTURE", success: true, data: { customReference: "payses_01ABC", paymentReference: "P" } },
        { event_code: "REFUND_FAILED", success: false, data: { customReference: "payses_01ABC", paymentReference: "P" } },
        { hello: "world" },
      ]) {
        await expect(service.getWebhookActionAndData({ provider, payload: payload(body) })).resolves.toEqual({ action: "not_supported" })
      }
      expect(sandbox.journal.entries({ route: "avirato.test.session.get" })).toHaveLength(0)
    })
  },
})
