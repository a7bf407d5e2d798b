import { startSandbox, type Sandbox } from "../../../../sandbox"
import { parseAvardaUtc } from "../../partner-token"
import { closeWidgetSessions, currentWidgetSession } from "../widget-sessions"

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox()
})

afterAll(async () => {
  await closeWidgetSessions()
  await sandbox.stop()
})

beforeEach(async () => {
  await closeWidgetSessions()
  sandbox.reset()
})

const credentials = () => ({
  checkoutApiUrl: sandbox.urls.avardaCheckoutApi,
  clientId: sandbox.settings.avarda.clientId,
  clientSecret: sandbox.settings.avarda.clientSecret,
})
const calls = (route: string) => sandbox.journal.entries({ route }).length

describe("currentWidgetSession", () => {
  it("answers a thousand concurrent page views with one token call and one init call", async () => {
    const sessions = await Promise.all(Array.from({ length: 1000 }, () => currentWidgetSession(credentials())))
    expect(new Set(sessions.map((s) => s.paymentId)).size).toBe(1)
    expect(new Set(sessions.map((s) => s.widgetJwt)).size).toBe(1)
    expect(calls("avarda.paymentwidget.init")).toBe(1)
    expect(calls("avarda.checkout.token")).toBe(1)
    expect(sessions[0]!.expiresAt).toBe(Date.parse(sandbox.avarda.listPaymentWidgetSessions()[0]!.expiresAt))
    // Later views reuse it too.
    await currentWidgetSession(credentials())
    expect(calls("avarda.paymentwidget.init")).toBe(1)
  })

  it("asks again five minutes before the session expires, not earlier", async () => {
    let now = Date.now()
    const options = { ...credentials(), now: () => now }
    const first = await currentWidgetSession(options)
    now = first.expiresAt - 5 * 60_000 - 1000
    expect((await currentWidgetSession(options)).paymentId).toBe(first.paymentId)
    now = first.expiresAt - 5 * 60_000
    const second = await currentWidgetSession(options)
    expect(second.paymentId).not.toBe(first.paymentId)
    expect(calls("avarda.paymentwidget.init")).toBe(2)
  })

  it("gets a new partner token once after a 401 and retries the init", async () => {
    // Ten-minute widget sessions: the next one is due while the partner token still looks valid.
    const shortLived = await startSandbox({ avarda: { paymentWidgetTtlSeconds: 600 } })
    try {
      let now = Date.now()
      const options = {
        checkoutApiUrl: shortLived.urls.avardaCheckoutApi,
        clientId: shortLived.settings.avarda.clientId,
        clientSecret: shortLived.settings.avarda.clientSecret,
        now: () => now,
      }
      const first = await currentWidgetSession(options)
      shortLived.avarda.expireAccessTokens()
      now = first.expiresAt - 5 * 60_000
      const renewed = await currentWidgetSession(options)
      expect(renewed.paymentId).not.toBe(first.paymentId)
      expect(shortLived.journal.entries({ route: "avarda.paymentwidget.init" }).map((e) => e.status)).toEqual([200, 401, 200])
      expect(shortLived.journal.entries({ route: "avarda.checkout.token" })).toHaveLength(2)
    } finally {
      await shortLived.stop()
    }
  })

  it("fails without caching when the credentials are wrong, and keeps the secret out of the error", async () => {
    const wrong = { ...credentials(), clientSecret: "not-the-secret" }
    const error = await currentWidgetSession(wrong).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect(String((error as Error).message)).not.toContain("not-the-secret")
    expect(calls("avarda.checkout.token")).toBe(1)
    await currentWidgetSession(wrong).catch(() => undefined)
    expect(calls("avarda.checkout.token")).toBe(2)
  })
})

describe("parseAvardaUtc", () => {
  it.each([
    ["2026-12-02T10:00:00.1234567Z", Date.UTC(2026, 11, 2, 10, 0, 0, 123)],
    ["2026-12-02T10:00:00.1234567", Date.UTC(2026, 11, 2, 10, 0, 0, 123)],
    ["2026-12-02T10:00:00Z", Date.UTC(2026, 11, 2, 10)],
    ["2026-12-02T11:00:00+01:00", Date.UTC(2026, 11, 2, 10)],
  ])("%s", (text, expected) => {
    expect(parseAvardaUtc(text)).toBe(expected)
  })

  it("is NaN for anything else", () => {
    expect(parseAvardaUtc("tomorrow")).toBeNaN()
    expect(parseAvardaUtc("2026-12-02")).toBeNaN()
  })
})
