import { apiKey, baseUrl, createSession, get, post, sessionBody, startAviratoSandbox, useAviratoSandbox } from "./avirato-test-helpers"

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const TRACE_ID = expect.stringMatching(/^[0-9a-f-]{36}$/)

function expectError(res: { status: number; json: unknown }, status: number, code: number) {
  expect(res.status).toBe(status)
  expect(res.json).toEqual({ success: false, error: { message: expect.any(String), code, statusCode: status, traceId: TRACE_ID } })
}

describe("Avirato sandbox: create and get payment sessions", () => {
  const sandbox = useAviratoSandbox()

  describe("vendor examples (Online Payments page)", () => {
    it("Live request example → 201 with the documented response shape", async () => {
      const res = await post(
        sandbox,
        "live",
        "payment/session",
        {
          webcode: "SHOP01",
          amount: { value: 15000, currency: "EUR" },
          urlOk: "https://tu-sistema.com/pago-ok",
          urlKo: "https://tu-sistema.com/pago-error",
          countryCode: "ES",
          shopperLocale: "es-ES",
          description: "Pedido #12345 - Servicio premium",
          customReference: "ORD-2026-12345",
          isPreAuth: false,
        },
        { "Idempotency-Key": "order-12345-payment" },
      )
      expect(res.status).toBe(201)
      expect(res.json).toEqual({
        success: true,
        data: {
          sessionId: expect.stringMatching(/^SHOP01-EXT-\d{14}$/),
          paymentUrl: expect.stringMatching(new RegExp(`^${sandbox.origin}/avirato/pay-external/eyJhbGciOi[\\w-]+\\.[\\w-]+\\.[\\w-]+$`)),
          status: "pending",
          amount: { value: 15000, currency: "EUR" },
          description: "Pedido #12345 - Servicio premium",
          customReference: "ORD-2026-12345",
          isPreAuth: false,
          createdAt: expect.stringMatching(TIMESTAMP),
        },
      })
    })

    it("Test request example → 201 with a -EXTT- session id", async () => {
      const res = await post(
        sandbox,
        "test",
        "payment/session",
        {
          webcode: "SHOP01",
          amount: { value: 15000, currency: "EUR" },
          urlOk: "https://tu-sistema.com/pago-ok",
          urlKo: "https://tu-sistema.com/pago-error",
          description: "Pedido #12345 - Servicio premium",
          customReference: "ORD-2026-12345",
        },
        { "Idempotency-Key": "test-order-12345-payment" },
      )
      expect(res.status).toBe(201)
      expect(res.json.data.sessionId).toMatch(/^SHOP01-EXTT-\d{14}$/)
      expect(res.json.data.isPreAuth).toBe(false)
    })

    it("GET session of a pending session has no payment fields and the documented defaults", async () => {
      const { sessionId } = await createSession(sandbox, "live")
      const res = await get(sandbox, "live", `payment/session/${sessionId}?webcode=SHOP01`)
      expect(res.status).toBe(200)
      expect(res.json).toEqual({
        success: true,
        data: {
          sessionId,
          status: "pending",
          amount: { value: 15000, currency: "EUR" },
          countryCode: "ES",
          shopperLocale: "es-ES",
          deliverAt: null,
          description: null,
          customReference: null,
          isPreAuth: false,
          urlOk: "https://tu-sistema.com/pago-ok",
          urlKo: "https://tu-sistema.com/pago-error",
          createdAt: expect.stringMatching(TIMESTAMP),
          attempts: [],
        },
      })
      expect(res.json.data).not.toHaveProperty("paymentReference")
      expect(res.json.data).not.toHaveProperty("completedAt")
      expect(res.json.data).not.toHaveProperty("paymentStatus")
    })

    it("GET session of a completed session has paymentReference, completedAt, paymentStatus and attempts", async () => {
      const { sessionId } = await createSession(sandbox, "test", { customReference: "ORD-1" })
      await sandbox.avirato.pay(sessionId, { holderName: "DECLINED" })
      const paid = await sandbox.avirato.pay(sessionId)
      const res = await get(sandbox, "test", `payment/session/${sessionId}?webcode=SHOP01`)
      expect(res.json.data).toMatchObject({
        status: "completed",
        paymentReference: paid.attempt?.paymentReference,
        completedAt: expect.stringMatching(TIMESTAMP),
        paymentStatus: "AUTHORISED",
      })
      expect(res.json.data.paymentReference).toMatch(/^[A-Z0-9]{16}$/)
      expect(res.json.data.attempts).toEqual([
        { paymentReference: expect.stringMatching(/^[A-Z0-9]{16}$/), status: "refused", createdAt: expect.stringMatching(TIMESTAMP) },
        { paymentReference: paid.attempt?.paymentReference, status: "authorised", createdAt: expect.stringMatching(TIMESTAMP) },
      ])
    })
  })

  describe("authentication and webcode", () => {
    it.each([
      ["missing key", {}],
      ["wrong key", { "x-api-key": "nope" }],
    ])("%s → 403/11001", async (_label, headers) => {
      const res = await fetch(`${sandbox.urls.aviratoLive}payment/session`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(sessionBody()),
      })
      expectError({ status: res.status, json: await res.json() }, 403, 11001)
    })

    it("the Live key on a Test route and the Test key on a Live route → 403/11001", async () => {
      expectError(await post(sandbox, "test", "payment/session", sessionBody(), { "x-api-key": apiKey(sandbox, "live") }), 403, 11001)
      expectError(await post(sandbox, "live", "payment/session", sessionBody(), { "x-api-key": apiKey(sandbox, "test") }), 403, 11001)
      expectError(await get(sandbox, "live", "payment/session/SHOP01-EXT-1?webcode=SHOP01", { "x-api-key": "x" }), 403, 11001)
    })

    it("a webcode that is not the key's → 403/11008 (POST body and GET query)", async () => {
      expectError(await post(sandbox, "live", "payment/session", sessionBody({ webcode: "OTHER" })), 403, 11008)
      const { sessionId } = await createSession(sandbox, "live")
      expectError(await get(sandbox, "live", `payment/session/${sessionId}?webcode=OTHER`), 403, 11008)
    })

    it("GET without ?webcode= → 400/12001", async () => {
      const { sessionId } = await createSession(sandbox, "live")
      expectError(await get(sandbox, "live", `payment/session/${sessionId}`), 400, 12001)
    })

    it("uses the configured webcode and keys", async () => {
      const custom = await startAviratoSandbox({ avirato: { webcode: "HOTEL7", apiKey: "k-live", testApiKey: "k-test" } })
      try {
        const res = await post(custom, "test", "payment/session", sessionBody({ webcode: "HOTEL7" }), { "x-api-key": "k-test" })
        expect(res.json.data.sessionId).toMatch(/^HOTEL7-EXTT-/)
        expectError(await post(custom, "live", "payment/session", sessionBody({ webcode: "SHOP01" }), { "x-api-key": "k-live" }), 403, 11008)
      } finally {
        await custom.stop()
      }
    })
  })

  describe("field rules", () => {
    const cases: Array<[string, number, Record<string, unknown>]> = [
      ["webcode missing", 12001, { webcode: undefined }],
      ["amount missing", 12001, { amount: undefined }],
      ["amount.value missing", 12001, { amount: { currency: "EUR" } }],
      ["amount.value not an integer", 12001, { amount: { value: 10.5, currency: "EUR" } }],
      ["amount.value a string", 12001, { amount: { value: "100", currency: "EUR" } }],
      ["amount.value zero", 12001, { amount: { value: 0, currency: "EUR" } }],
      ["amount.value negative", 12001, { amount: { value: -5, currency: "EUR" } }],
      ["currency not accepted (SEK)", 12001, { amount: { value: 100, currency: "SEK" } }],
      ["currency lowercase", 12001, { amount: { value: 100, currency: "eur" } }],
      ["currency missing", 12001, { amount: { value: 100 } }],
      ["urlOk missing", 12001, { urlOk: undefined }],
      ["urlOk not a URL", 12001, { urlOk: "not a url" }],
      ["urlKo not http(s)", 12001, { urlKo: "ftp://x.y/ko" }],
      ["countryCode lowercase", 12006, { countryCode: "es" }],
      ["countryCode three letters", 12006, { countryCode: "ESP" }],
      ["countryCode a number", 12006, { countryCode: 34 }],
      ["countryCode unassigned", 12009, { countryCode: "ZZ" }],
      ["countryCode unsupported", 12009, { countryCode: "KP" }],
      ["shopperLocale over 10 characters", 12001, { shopperLocale: "es-ES-valencia" }],
      ["shopperLocale not BCP-47", 12001, { shopperLocale: "es_ES" }],
      ["deliverAt not ISO 8601", 12002, { deliverAt: "15/07/2026" }],
      ["deliverAt impossible date", 12002, { deliverAt: "2026-02-30T10:00:00Z" }],
      ["deliverAt not a string", 12002, { deliverAt: 1752588000 }],
      ["description over 255", 12001, { description: "x".repeat(256) }],
      ["customReference over 100", 12001, { customReference: "x".repeat(101) }],
      ["isPreAuth not boolean", 12001, { isPreAuth: "true" }],
    ]

    it.each(cases)("%s → %s", async (_label, code, overrides) => {
      const res = await post(sandbox, "test", "payment/session", JSON.parse(JSON.stringify(sessionBody(overrides))))
      expectError(res, 400, code)
    })

    it.each([
      ["GBP and USD", { amount: { value: 1, currency: "GBP" } }],
      ["USD", { amount: { value: 99999999, currency: "USD" } }],
      ["max lengths", { description: "d".repeat(255), customReference: "c".repeat(100), shopperLocale: "en-GB" }],
      ["deliverAt example", { deliverAt: "2026-07-15T14:00:00Z" }],
      ["deliverAt date only", { deliverAt: "2026-07-15" }],
      ["deliverAt with offset", { deliverAt: "2026-07-15T14:00:00.123+02:00" }],
      ["other supported country", { countryCode: "GB" }],
      ["null optional fields", { description: null, deliverAt: null, countryCode: null }],
      ["pre-auth", { isPreAuth: true }],
    ])("accepts %s", async (_label, overrides) => {
      expect((await post(sandbox, "test", "payment/session", sessionBody(overrides))).status).toBe(201)
    })

    it("echoes deliverAt, countryCode and shopperLocale in GET session", async () => {
      const { sessionId } = await createSession(sandbox, "test", {
        deliverAt: "2026-07-15T14:00:00Z",
        countryCode: "FR",
        shopperLocale: "fr-FR",
        isPreAuth: true,
      })
      const res = await get(sandbox, "test", `payment/session/${sessionId}?webcode=SHOP01`)
      expect(res.json.data).toMatchObject({ deliverAt: "2026-07-15T14:00:00Z", countryCode: "FR", shopperLocale: "fr-FR", isPreAuth: true })
    })

    it("rejects bodies that are not a JSON object with 12001", async () => {
      expectError(await post(sandbox, "test", "payment/session", "{not json"), 400, 12001)
      expectError(await post(sandbox, "test", "payment/session", "[1,2]"), 400, 12001)
      const noType = await fetch(`${baseUrl(sandbox, "test")}payment/session`, {
        method: "POST",
        headers: { "x-api-key": apiKey(sandbox, "test"), "content-type": "text/plain" },
        body: JSON.stringify(sessionBody()),
      })
      expect(noType.status).toBe(400)
      expect((await noType.json()).error.message).toBe("Content-Type must be application/json")
    })
  })

  describe("Idempotency-Key", () => {
    it("replays the identical response for the same key and body", async () => {
      const headers = { "Idempotency-Key": "550e8400-e29b-41d4-a716-446655440000" }
      const first = await post(sandbox, "live", "payment/session", sessionBody(), headers)
      const reordered = { urlKo: "https://tu-sistema.com/pago-error", urlOk: "https://tu-sistema.com/pago-ok", amount: { currency: "EUR", value: 15000 }, webcode: "SHOP01" }
      const second = await post(sandbox, "live", "payment/session", reordered, headers)
      expect(second.status).toBe(201)
      expect(second.text).toBe(first.text)
      expect(sandbox.avirato.session(first.json.data.sessionId)).toBeDefined()
      const created = sandbox.journal.entries({ route: "avirato.live.session.create" })
      expect(created).toHaveLength(2)
    })

    it("answers 409/12010 for the same key with another body", async () => {
      const headers = { "Idempotency-Key": "order-12345-payment" }
      await post(sandbox, "live", "payment/session", sessionBody(), headers)
      const conflict = await post(sandbox, "live", "payment/session", sessionBody({ amount: { value: 15001, currency: "EUR" } }), headers)
      expectError(conflict, 409, 12010)
    })

    it("scopes keys per environment and does not store errors", async () => {
      const headers = { "Idempotency-Key": "same-key" }
      const live = await post(sandbox, "live", "payment/session", sessionBody(), headers)
      const test = await post(sandbox, "test", "payment/session", sessionBody(), headers)
      expect(live.json.data.sessionId).not.toBe(test.json.data.sessionId)
      const bad = await post(sandbox, "test", "payment/session", sessionBody({ amount: { value: 1, currency: "SEK" } }), { "Idempotency-Key": "k2" })
      expect(bad.status).toBe(400)
      expect((await post(sandbox, "test", "payment/session", sessionBody(), { "Idempotency-Key": "k2" })).status).toBe(201)
    })

    it("without a key creates a new session every time", async () => {
      const a = await post(sandbox, "live", "payment/session", sessionBody())
      const b = await post(sandbox, "live", "payment/session", sessionBody())
      expect(a.json.data.sessionId).not.toBe(b.json.data.sessionId)
    })

    it("rejects keys longer than 64 characters with 12001", async () => {
      expectError(await post(sandbox, "live", "payment/session", sessionBody(), { "Idempotency-Key": "k".repeat(65) }), 400, 12001)
    })

    it("answers concurrent duplicates with the first one's response", async () => {
      const headers = { "Idempotency-Key": "concurrent" }
      const [a, b] = await Promise.all([
        post(sandbox, "live", "payment/session", sessionBody(), headers),
        post(sandbox, "live", "payment/session", sessionBody(), headers),
      ])
      expect(a.text).toBe(b.text)
    })

    it("survives an ambiguous timeout: the retry with the same key gets the original session", async () => {
      sandbox.faults.add({ route: "avirato.live.session.create", kind: "after-processing", then: "reset", times: 1 })
      const headers = { "Idempotency-Key": "retry-me" }
      await expect(post(sandbox, "live", "payment/session", sessionBody(), headers)).rejects.toThrow()
      const retry = await post(sandbox, "live", "payment/session", sessionBody(), headers)
      expect(retry.status).toBe(201)
      const [lost] = sandbox.journal.entries({ route: "avirato.live.session.create" })
      expect(lost.responseBody).toEqual(retry.json)
    })
  })

  describe("GET session errors", () => {
    it("unknown id → 404/10404", async () => {
      expectError(await get(sandbox, "live", "payment/session/SHOP01-EXT-17195000001234?webcode=SHOP01"), 404, 10404)
    })

    it("a Live id on a Test route and a Test id on a Live route → 403/11008", async () => {
      const live = await createSession(sandbox, "live")
      const test = await createSession(sandbox, "test")
      expectError(await get(sandbox, "test", `payment/session/${live.sessionId}?webcode=SHOP01`), 403, 11008)
      expectError(await get(sandbox, "live", `payment/session/${test.sessionId}?webcode=SHOP01`), 403, 11008)
    })
  })

  describe("faults on Avirato routes use the vendor envelope", () => {
    it("a 500 without a body → 13001 with the generic message", async () => {
      sandbox.faults.add({ route: "avirato.test.session.create", kind: "status", status: 500, times: 1 })
      const res = await post(sandbox, "test", "payment/session", sessionBody())
      expectError(res, 500, 13001)
      expect(res.json.error.message).toBe("An error has occurred. Please try again later.")
    })

    it("expired-token → 403/11001 (Avirato has no bearer tokens)", async () => {
      sandbox.faults.add({ route: "avirato.*", kind: "expired-token", times: 1 })
      expectError(await post(sandbox, "test", "payment/session", sessionBody()), 403, 11001)
    })
  })
})
