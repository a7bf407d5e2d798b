import { RouteTable } from "../core/router"
import { parseBody } from "../core/body"
import { startEchoServer } from "./core-test-server"

describe("sandbox core: routing and bodies over HTTP", () => {
  let ctx: Awaited<ReturnType<typeof startEchoServer>>
  beforeAll(async () => {
    ctx = await startEchoServer()
  })
  afterAll(() => ctx.server.stop())

  it("fills :params (URL-decoded) and the query string", async () => {
    const res = await fetch(`${ctx.origin}/echo/items/a%20b?q=42`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ id: "a b", q: "42" })
  })

  it("prefers a static segment over a :param", async () => {
    const res = await fetch(`${ctx.origin}/echo/items/special`)
    expect(await res.json()).toEqual({ special: true })
  })

  it("tolerates a trailing or doubled slash (base URL + path joins)", async () => {
    expect((await fetch(`${ctx.origin}/echo//items/x/`)).status).toBe(200)
  })

  it("matches case-insensitively only when asked", async () => {
    expect(await (await fetch(`${ctx.origin}/echo/caseinsensitive/AbC`)).json()).toEqual({ id: "AbC" })
    expect((await fetch(`${ctx.origin}/echo/casesensitive`)).status).toBe(404)
    expect((await fetch(`${ctx.origin}/Echo/CaseSensitive`)).status).toBe(200)
  })

  it("answers 404 for unknown paths and 405 with Allow for a known path and wrong method", async () => {
    const notFound = await fetch(`${ctx.origin}/nowhere`)
    expect(notFound.status).toBe(404)
    const wrongMethod = await fetch(`${ctx.origin}/echo/items/1`, { method: "DELETE" })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get("allow")).toBe("GET")
  })

  it("parses JSON and keeps the raw bytes", async () => {
    const raw = '{ "b": 1,  "a": [true] }'
    const res = await fetch(`${ctx.origin}/echo/items`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: raw,
    })
    expect(res.status).toBe(201)
    const json = await res.json()
    expect(json.body).toEqual({ b: 1, a: [true] })
    expect(json.rawBody).toBe(raw)
    expect(json.origin).toBe(ctx.origin)
  })

  it("parses application/json-patch+json", async () => {
    const res = await fetch(`${ctx.origin}/echo/items`, {
      method: "POST",
      headers: { "content-type": "application/json-patch+json" },
      body: JSON.stringify([{ op: "replace", path: "/x", value: 1 }]),
    })
    expect((await res.json()).body).toEqual([{ op: "replace", path: "/x", value: 1 }])
  })

  it("parses form-urlencoded bodies (repeated fields become arrays)", async () => {
    const res = await fetch(`${ctx.origin}/echo/items`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&scope=a&scope=b&name=J%C3%BCrgen+M",
    })
    expect((await res.json()).body).toEqual({ grant_type: "client_credentials", scope: ["a", "b"], name: "Jürgen M" })
  })

  it("passes a JSON parse failure to the handler as bodyError", async () => {
    const res = await fetch(`${ctx.origin}/echo/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    })
    const json = await res.json()
    expect(json.body).toBeNull()
    expect(json.bodyError).toMatch(/^Invalid JSON body/)
    expect(json.rawBody).toBe("{nope")
  })

  it("sends string bodies as is with their content type", async () => {
    const res = await fetch(`${ctx.origin}/echo/html`)
    expect(res.headers.get("content-type")).toBe("text/html")
    expect(await res.text()).toBe("<p>hi</p>")
  })

  it("turns a throwing handler into a 500", async () => {
    const res = await fetch(`${ctx.origin}/echo/throws`)
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: "Sandbox handler error", message: "boom" })
  })

  it("names unnamed routes METHOD pattern", () => {
    const names = ctx.server.routes.list().map((route) => route.name)
    expect(names).toContain("GET /echo/unnamed")
  })
})

describe("sandbox core: route table and body parser units", () => {
  it("refuses to register the same method and pattern twice", () => {
    const table = new RouteTable()
    table.add("a", "GET", "/x/:id", () => ({ status: 200 }))
    expect(() => table.add("b", "get", "/x/:id", () => ({ status: 200 }))).toThrow(/already registered by a/)
  })

  it("lets HEAD use a GET route", () => {
    const table = new RouteTable()
    table.add("a", "GET", "/x", () => ({ status: 200 }))
    expect(table.lookup("HEAD", "/x").kind).toBe("match")
  })

  it("leaves unknown content types and empty bodies unparsed", () => {
    expect(parseBody(Buffer.from("hello"), { "content-type": "text/plain" })).toEqual({ body: undefined })
    expect(parseBody(Buffer.alloc(0), { "content-type": "application/json" })).toEqual({ body: undefined })
  })
})
