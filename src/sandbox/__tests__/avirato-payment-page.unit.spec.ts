import { jwtVerify, decodeProtectedHeader } from "jose"
import { GOOD_CARD, createSession, get, submitPage, useAviratoSandbox, useWebhookReceiver } from "./avirato-test-helpers"

const secretKey = (secret: string) => new TextEncoder().encode(secret)

describe("Avirato sandbox: hosted payment page", () => {
  const sandbox = useAviratoSandbox()

  const sessionStatus = async (env: "live" | "test", sessionId: string) =>
    (await get(sandbox, env, `payment/session/${sessionId}?webcode=SHOP01`)).json.data

  it("GET paymentUrl shows the card form with the amount, countdown, rules and test holder names", async () => {
    const { paymentUrl } = await createSession(sandbox, "test", { description: "Pedido <12345>" })
    const res = await fetch(paymentUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/text\/html/)
    const html = await res.text()
    for (const name of ["cardNumber", "expiry", "cvc", "holderName"]) expect(html).toContain(`name="${name}"`)
    expect(html).toContain('data-seconds="300"')
    expect(html).toContain("150,00")
    expect(html).toContain("Pedido &#60;12345&#62;")
    expect(html).toContain("Luhn")
    expect(html).toContain("NOT_ENOUGH_BALANCE")
    expect(html).not.toContain("Pedido <12345>")
  })

  it("an authorised payment answers 302 to urlOk?data=<JWT> signed HS256 with the Test client secret", async () => {
    const { sessionId, paymentUrl } = await createSession(sandbox, "test", {
      customReference: "ORD-2026-12345",
      urlOk: "https://shop.example/ok?cart=c1",
      isPreAuth: true,
    })
    await fetch(paymentUrl)
    const res = await submitPage(paymentUrl, GOOD_CARD)
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get("location")!)
    expect(location.origin + location.pathname).toBe("https://shop.example/ok")
    expect(location.searchParams.get("cart")).toBe("c1")
    const token = location.searchParams.get("data")!
    expect(token.startsWith("eyJhbGciOiJIUzI1NiIs")).toBe(true)
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" })
    const { payload } = await jwtVerify(token, secretKey(sandbox.settings.avirato.testClientSecret), { algorithms: ["HS256"] })
    const session = await sessionStatus("test", sessionId)
    expect(payload).toEqual({
      sessionId,
      paymentReference: session.paymentReference,
      customReference: "ORD-2026-12345",
      amount: { value: 15000, currency: "EUR" },
      status: "completed",
      paymentStatus: "AUTHORISED",
      isPreAuth: true,
      iat: expect.any(Number),
      exp: (payload.iat as number) + 900,
    })
    await expect(jwtVerify(token, secretKey(sandbox.settings.avirato.clientSecret))).rejects.toThrow()
    expect(session.status).toBe("completed")
  })

  it("Live sessions are signed with the Live client secret", async () => {
    const { paymentUrl } = await createSession(sandbox, "live")
    const res = await submitPage(paymentUrl, GOOD_CARD)
    const token = new URL(res.headers.get("location")!).searchParams.get("data")!
    await expect(jwtVerify(token, secretKey(sandbox.settings.avirato.clientSecret))).resolves.toBeDefined()
  })

  it("the quick-success card from the docs (4111 1111 1111 1111, 12/30, 737, Test User) is authorised", async () => {
    const { sessionId, paymentUrl } = await createSession(sandbox, "test")
    const res = await submitPage(paymentUrl, { cardNumber: "4111 1111 1111 1111", expiry: "12/30", cvc: "737", holderName: "Test User" })
    expect(res.status).toBe(302)
    expect((await sessionStatus("test", sessionId)).status).toBe("completed")
  })

  describe("card checks (page answers 400 and shows the error; no attempt is recorded)", () => {
    const cases: Array<[string, Record<string, string>, string, RegExp]> = [
      ["12 digits", { cardNumber: "411111111111" }, "cardNumber", /13 to 19 digits/],
      ["20 digits", { cardNumber: "41111111111111111111" }, "cardNumber", /13 to 19 digits/],
      ["letters", { cardNumber: "4111 1111 1111 111a" }, "cardNumber", /13 to 19 digits/],
      ["Luhn failure", { cardNumber: "4111 1111 1111 1112" }, "cardNumber", /Luhn/],
      ["month 13", { expiry: "13/30" }, "expiry", /between 01 and 12/],
      ["month 00", { expiry: "00/30" }, "expiry", /between 01 and 12/],
      ["not MM/YY", { expiry: "12/2030" }, "expiry", /MM\/YY/],
      ["expired", { expiry: "01/20" }, "expiry", /expired/],
      ["CVC 2 digits", { cvc: "73" }, "cvc", /3 digits/],
      ["CVC 4 digits on Visa", { cvc: "7373" }, "cvc", /3 digits/],
      ["CVC 3 digits on Amex", { cardNumber: "3782 822463 10005", cvc: "737" }, "cvc", /4 digits/],
      ["holder 2 characters", { holderName: "Al" }, "holderName", /at least 3/],
    ]
    it.each(cases)("%s", async (_label, override, field, message) => {
      const { sessionId, paymentUrl } = await createSession(sandbox, "test")
      const res = await submitPage(paymentUrl, { ...GOOD_CARD, ...override })
      expect(res.status).toBe(400)
      const html = await res.text()
      const error = new RegExp(`id="${field}-error">([^<]*)<`).exec(html)
      expect(error?.[1]).toMatch(message)
      expect((await sessionStatus("test", sessionId)).attempts).toEqual([])
    })

    it("accepts Amex with a 4-digit CVC, a 13-digit Visa and a 19-digit number", async () => {
      for (const card of [
        { cardNumber: "378282246310005", cvc: "7373" },
        { cardNumber: "4222222222222", cvc: "123" },
        { cardNumber: "6011 0000 0000 0000 001", cvc: "123" },
      ]) {
        const { paymentUrl } = await createSession(sandbox, "test")
        expect((await submitPage(paymentUrl, { ...GOOD_CARD, ...card })).status).toBe(302)
      }
    })

    it("judges expiry by the sandbox clock (this month is still valid)", async () => {
      const now = sandbox.clock.now()
      const thisMonth = `${String(now.getUTCMonth() + 1).padStart(2, "0")}/${String(now.getUTCFullYear() % 100).padStart(2, "0")}`
      const { paymentUrl } = await createSession(sandbox, "test")
      expect((await submitPage(paymentUrl, { ...GOOD_CARD, expiry: thisMonth })).status).toBe(302)
      sandbox.clock.advance(40 * 24 * 3600 * 1000)
      const later = await createSession(sandbox, "test")
      expect((await submitPage(later.paymentUrl, { ...GOOD_CARD, expiry: thisMonth })).status).toBe(400)
    })
  })

  describe("test holder names", () => {
    const receiver = useWebhookReceiver(sandbox, ["test"])

    it.each([
      ["DECLINED", "refused", "REFUSED", "Generic decline"],
      ["CARD_EXPIRED", "refused", "REFUSED", "Expired card"],
      ["INVALID_CARD", "refused", "REFUSED", "Invalid card number"],
      ["not_enough_balance", "refused", "REFUSED", "Not enough balance"],
      ["CVC_DECLINED", "refused", "REFUSED", "CVC declined"],
      ["Fraud", "refused", "REFUSED", "Fraud detected"],
      ["ERROR", "error", "ERROR", "Acquirer error"],
    ])("%s → %s attempt, 302 to urlKo without data, AUTHORISATION success:false", async (holderName, attemptStatus, paymentStatus, reason) => {
      const { sessionId, paymentUrl } = await createSession(sandbox, "test", { customReference: "ORD-9" })
      const res = await submitPage(paymentUrl, { ...GOOD_CARD, holderName })
      expect(res.status).toBe(302)
      expect(res.headers.get("location")).toBe("https://tu-sistema.com/pago-error")
      const session = await sessionStatus("test", sessionId)
      expect(session.status).toBe("pending")
      expect(session.attempts).toEqual([expect.objectContaining({ status: attemptStatus })])
      await sandbox.avirato.webhooksIdle()
      expect(receiver.received).toHaveLength(1)
      expect(receiver.received[0].body).toMatchObject({
        event_code: "AUTHORISATION",
        success: false,
        data: { sessionId, customReference: "ORD-9", paymentStatus, reason, paymentReference: session.attempts[0].paymentReference },
      })
    })

    it("any other name → authorised, AUTHORISATION success:true", async () => {
      const { sessionId, paymentUrl } = await createSession(sandbox, "test", { customReference: "ORD-10" })
      await submitPage(paymentUrl, { ...GOOD_CARD, holderName: "Maria Lopez" })
      await sandbox.avirato.webhooksIdle()
      expect(receiver.received[0].body).toMatchObject({
        event_code: "AUTHORISATION",
        success: true,
        data: { sessionId, customReference: "ORD-10", paymentStatus: "AUTHORISED", amount: { value: 15000, currency: "EUR" }, isPreAuth: false },
      })
    })
  })

  describe("session lifecycle on the page", () => {
    it("a decline leaves the session pending and the page can be retried within the 5 minutes", async () => {
      const { sessionId, paymentUrl } = await createSession(sandbox, "test")
      await fetch(paymentUrl)
      await submitPage(paymentUrl, { ...GOOD_CARD, holderName: "DECLINED" })
      expect((await sessionStatus("test", sessionId)).status).toBe("pending")
      expect((await fetch(paymentUrl)).status).toBe(200)
      const ok = await submitPage(paymentUrl, GOOD_CARD)
      expect(new URL(ok.headers.get("location")!).pathname).toBe("/pago-ok")
      const session = await sessionStatus("test", sessionId)
      expect(session.status).toBe("completed")
      expect(session.attempts.map((attempt: { status: string }) => attempt.status)).toEqual(["refused", "authorised"])
    })

    it("the page expires 300 s after the first GET: session expired, the page redirects to urlKo", async () => {
      const { sessionId, paymentUrl } = await createSession(sandbox, "test")
      sandbox.clock.advance(3_600_000)
      expect((await sessionStatus("test", sessionId)).status).toBe("pending")
      await fetch(paymentUrl)
      sandbox.clock.advance(299_000)
      expect(await (await fetch(paymentUrl)).text()).toContain('data-seconds="1"')
      sandbox.clock.advance(1_000)
      expect((await sessionStatus("test", sessionId)).status).toBe("expired")
      const again = await fetch(paymentUrl, { redirect: "manual" })
      expect(again.status).toBe(302)
      expect(again.headers.get("location")).toBe("https://tu-sistema.com/pago-error")
      const late = await submitPage(paymentUrl, GOOD_CARD)
      expect(late.headers.get("location")).toBe("https://tu-sistema.com/pago-error")
      expect((await sessionStatus("test", sessionId)).attempts).toEqual([])
    })

    it("a page that ran out after failed attempts leaves the session failed", async () => {
      const { sessionId, paymentUrl } = await createSession(sandbox, "test")
      await submitPage(paymentUrl, { ...GOOD_CARD, holderName: "FRAUD" })
      sandbox.clock.advance(300_000)
      expect((await sessionStatus("test", sessionId)).status).toBe("failed")
    })

    it("Cancel on the page → cancelled, 302 to urlKo", async () => {
      const { sessionId, paymentUrl } = await createSession(sandbox, "test")
      const res = await submitPage(paymentUrl, { action: "cancel" })
      expect(res.status).toBe(302)
      expect(res.headers.get("location")).toBe("https://tu-sistema.com/pago-error")
      expect((await sessionStatus("test", sessionId)).status).toBe("cancelled")
    })

    it("a completed session never changes: the page says so, a repeated POST goes to urlOk again", async () => {
      const { sessionId, paymentUrl } = await createSession(sandbox, "test")
      await submitPage(paymentUrl, GOOD_CARD)
      sandbox.clock.advance(600_000)
      expect((await sessionStatus("test", sessionId)).status).toBe("completed")
      expect(await (await fetch(paymentUrl)).text()).toContain("already been completed")
      const repeat = await submitPage(paymentUrl, { ...GOOD_CARD, holderName: "DECLINED" })
      expect(new URL(repeat.headers.get("location")!).searchParams.get("data")).toBeTruthy()
      expect((await sessionStatus("test", sessionId)).attempts).toHaveLength(1)
    })

    it("an unknown page token → 404 page", async () => {
      const res = await fetch(`${sandbox.origin}/avirato/pay-external/eyJhbGciOiJIUzI1NiJ9.e30.nope`)
      expect(res.status).toBe(404)
      expect(await res.text()).toContain("Payment link not found")
    })

    it("the control's pay() drives the same flow without HTTP", async () => {
      const { sessionId } = await createSession(sandbox, "live")
      const refused = await sandbox.avirato.pay(sessionId, { holderName: "CVC_DECLINED" })
      expect(refused).toMatchObject({ location: "https://tu-sistema.com/pago-error", attempt: { status: "refused", reason: "CVC declined" } })
      const invalid = await sandbox.avirato.pay(sessionId, { cvc: "1" })
      expect(invalid.errors?.cvc).toMatch(/3 digits/)
      const paid = await sandbox.avirato.pay(sessionId)
      expect(paid.attempt?.status).toBe("authorised")
      expect(sandbox.avirato.session(sessionId)).toMatchObject({ status: "completed", paymentReference: paid.attempt?.paymentReference })
    })
  })
})
