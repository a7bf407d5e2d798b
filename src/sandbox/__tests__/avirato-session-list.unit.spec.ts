import { apiKey, baseUrl, createSession, get, useAviratoSandbox } from "./avirato-test-helpers"

const TRACE_ID = expect.stringMatching(/^[0-9a-f-]{36}$/)

function expectError(res: { status: number; json: unknown }, status: number, code: number, message?: RegExp) {
  expect(res.status).toBe(status)
  expect(res.json).toEqual({ success: false, error: { message: message ? expect.stringMatching(message) : expect.any(String), code, statusCode: status, traceId: TRACE_ID } })
}

describe("Avirato sandbox: list payment sessions (assumed GET payment/sessions)", () => {
  const sandbox = useAviratoSandbox()
  const list = (query: string, env: "live" | "test" = "test") => get(sandbox, env, `payment/sessions?${query}`)

  it("filters by status and pages oldest first, each item shaped like GET payment/session", async () => {
    const paid: string[] = []
    for (let i = 0; i < 3; i++) {
      const { sessionId } = await createSession(sandbox, "test", { customReference: `payses_${i}`, isPreAuth: true })
      await sandbox.avirato.pay(sessionId)
      paid.push(sessionId)
      sandbox.clock.advance(1000)
    }
    await createSession(sandbox, "test", { customReference: "payses_unpaid" })

    const first = await list("webcode=SHOP01&status=completed&page=1&limit=2")
    expect(first.status).toBe(200)
    expect(first.json.success).toBe(true)
    expect(first.json.data).toMatchObject({ page: 1, limit: 2, total: 3 })
    expect(first.json.data.items.map((s: { sessionId: string }) => s.sessionId)).toEqual(paid.slice(0, 2))
    expect(first.json.data.items[0]).toEqual((await get(sandbox, "test", `payment/session/${paid[0]}?webcode=SHOP01`)).json.data)
    expect(first.json.data.items[0]).toMatchObject({ status: "completed", paymentStatus: "AUTHORISED", customReference: "payses_0", isPreAuth: true, paymentReference: expect.any(String) })

    const second = await list("webcode=SHOP01&status=completed&page=2&limit=2")
    expect(second.json.data).toMatchObject({ page: 2, limit: 2, total: 3 })
    expect(second.json.data.items.map((s: { sessionId: string }) => s.sessionId)).toEqual([paid[2]])

    const beyond = await list("webcode=SHOP01&status=completed&page=3&limit=2")
    expect(beyond.json.data).toEqual({ items: [], page: 3, limit: 2, total: 3 })

    const all = await list("webcode=SHOP01")
    expect(all.json.data).toMatchObject({ page: 1, limit: 20, total: 4 })
  })

  it("bounds createdAt by from and to (inclusive ISO 8601 instants)", async () => {
    const early = await createSession(sandbox, "test")
    sandbox.clock.advance(60 * 60_000)
    const boundary = sandbox.clock.now()
    const late = await createSession(sandbox, "test")
    const ids = async (query: string) => ((await list(query)).json.data.items as Array<{ sessionId: string }>).map((s) => s.sessionId)

    expect(await ids(`webcode=SHOP01&from=${encodeURIComponent(new Date(boundary.getTime() - 1000).toISOString())}`)).toEqual([late.sessionId])
    expect(await ids(`webcode=SHOP01&to=${encodeURIComponent(new Date(boundary.getTime() - 1000).toISOString())}`)).toEqual([early.sessionId])
    expect(await ids(`webcode=SHOP01&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z`)).toEqual([])
  })

  it("lists only the environment's own sessions", async () => {
    const live = await createSession(sandbox, "live")
    const test = await createSession(sandbox, "test")
    expect((await list("webcode=SHOP01", "test")).json.data.items.map((s: { sessionId: string }) => s.sessionId)).toEqual([test.sessionId])
    expect((await list("webcode=SHOP01", "live")).json.data.items.map((s: { sessionId: string }) => s.sessionId)).toEqual([live.sessionId])
  })

  it("answers a bad filter with 400 naming it: 12002 for dates, 12001 otherwise", async () => {
    expectError(await list("webcode=SHOP01&from=yesterday"), 400, 12002, /from/)
    expectError(await list("webcode=SHOP01&to=2026-13-01T00:00:00Z"), 400, 12002, /to/)
    expectError(await list("webcode=SHOP01&status=paid"), 400, 12001, /status/)
    expectError(await list("webcode=SHOP01&page=0"), 400, 12001, /page/)
    expectError(await list("webcode=SHOP01&limit=101"), 400, 12001, /limit/)
    expectError(await list("webcode=SHOP01&limit=ten"), 400, 12001, /limit/)
  })

  it("requires the environment's API key and the key's webcode", async () => {
    expectError(await list(""), 400, 12001, /webcode/)
    expectError(await list("webcode=OTHER"), 403, 11008)
    const wrongKey = await fetch(`${baseUrl(sandbox, "test")}payment/sessions?webcode=SHOP01`, { headers: { "x-api-key": apiKey(sandbox, "live") } })
    expect(wrongKey.status).toBe(403)
    expect(((await wrongKey.json()) as { error: { code: number } }).error.code).toBe(11001)
  })
})
