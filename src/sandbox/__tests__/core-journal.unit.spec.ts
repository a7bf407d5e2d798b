import { maskBody, maskHeaders } from "../core/masking"
import { startEchoServer } from "./core-test-server"

describe("sandbox core: journal", () => {
  let ctx: Awaited<ReturnType<typeof startEchoServer>>
  beforeAll(async () => {
    ctx = await startEchoServer()
  })
  afterAll(() => ctx.server.stop())
  beforeEach(() => ctx.server.reset())

  it("records every vendor request with route, status, bodies and masked secrets", async () => {
    await fetch(`${ctx.origin}/echo/items`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: "Bearer eyJsecret",
        "x-api-key": "live_key_123",
        "idempotency-key": "k-1",
      },
      body: JSON.stringify({ name: "x", client_secret: "s3cret", card: { cardNumber: "4111 1111 1111 1111", cvc: "737" } }),
    })
    const [entry] = ctx.server.journal.entries()
    expect(entry).toMatchObject({
      route: "echo.items.create",
      method: "POST",
      path: "/echo/items",
      status: 201,
      body: { name: "x", client_secret: "****", card: { cardNumber: "****1111", cvc: "****" } },
    })
    expect(entry.headers.authorization).toBe("Bearer ****")
    expect(entry.headers["x-api-key"]).toBe("****")
    expect(entry.headers["idempotency-key"]).toBe("k-1")
    expect(JSON.stringify({ headers: entry.headers, body: entry.body })).not.toMatch(/eyJsecret|live_key_123|s3cret|737/)
    expect(entry.responseBody).toMatchObject({ body: { name: "x" } })
    expect(typeof entry.durationMs).toBe("number")
    expect(new Date(entry.at).toString()).not.toBe("Invalid Date")
  })

  it("records unmatched requests but not control API or console calls", async () => {
    await fetch(`${ctx.origin}/nowhere`)
    await fetch(`${ctx.origin}/__sandbox/state`)
    await fetch(`${ctx.origin}/`)
    expect(ctx.server.journal.entries().map((entry) => entry.route)).toEqual(["unmatched"])
  })

  it("filters by route pattern, method, path and limit, through the handle and the control API", async () => {
    await fetch(`${ctx.origin}/echo/items/1`)
    await fetch(`${ctx.origin}/echo/items/2`)
    await fetch(`${ctx.origin}/echo/html`)
    expect(ctx.server.journal.entries({ route: "echo.items.*" })).toHaveLength(2)
    expect(ctx.server.journal.entries({ path: "/items/2" })).toHaveLength(1)
    expect(ctx.server.journal.entries({ method: "post" })).toHaveLength(0)
    expect(ctx.server.journal.entries({ limit: 1 })[0].route).toBe("echo.html")
    const viaApi = await (await fetch(`${ctx.origin}/__sandbox/journal?route=echo.items.*&limit=1`)).json()
    expect(viaApi).toHaveLength(1)
    expect(viaApi[0].path).toBe("/echo/items/2")
    expect((await fetch(`${ctx.origin}/__sandbox/journal`, { method: "DELETE" })).status).toBe(204)
    expect(ctx.server.journal.entries()).toEqual([])
  })
})

describe("masking units", () => {
  it("masks basic auth and array header values", () => {
    expect(maskHeaders({ authorization: "Basic dXNlcjpwYXNz", "set-cookie": ["a=1", "b=2"] })).toEqual({
      authorization: "Basic ****",
      "set-cookie": "a=1, b=2",
    })
  })

  it("masks nested secret fields in arrays", () => {
    expect(maskBody([{ clientSecret: "x", sitePassword: "y", keep: 1 }])).toEqual([{ clientSecret: "****", sitePassword: "****", keep: 1 }])
  })
})
