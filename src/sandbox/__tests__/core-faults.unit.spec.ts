import { FaultRegistry } from "../core/faults"
import { routeNameMatches } from "../core/route-name-match"
import { startEchoServer } from "./core-test-server"

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  if (!condition()) throw new Error("condition never became true")
}

describe("sandbox core: fault injection", () => {
  let ctx: Awaited<ReturnType<typeof startEchoServer>>
  beforeEach(async () => {
    ctx = await startEchoServer()
  })
  afterEach(() => ctx.server.stop())

  const get = (path = "/echo/items/1") => fetch(`${ctx.origin}${path}`)
  const process = () => fetch(`${ctx.origin}/echo/process`, { method: "POST" })

  it("status: answers the given status/body/headers for the next `times` calls, then recovers", async () => {
    ctx.server.faults.add({ route: "echo.items.get", kind: "status", status: 503, body: { down: true }, headers: { "retry-after": "1" }, times: 2 })
    for (let i = 0; i < 2; i++) {
      const res = await get()
      expect(res.status).toBe(503)
      expect(res.headers.get("retry-after")).toBe("1")
      expect(await res.json()).toEqual({ down: true })
    }
    expect((await get()).status).toBe(200)
    expect(ctx.server.faults.list()).toEqual([])
  })

  it("status without a body uses the simulator's own error body", async () => {
    ctx.server.faults.add({ route: "echo.items.get", kind: "status", status: 500, times: 1 })
    const res = await get()
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ vendor: "echo", kind: "status" })
  })

  it("matches route names exactly or by prefix with *", async () => {
    ctx.server.faults.add({ route: "echo.items", kind: "status", status: 418 })
    expect((await get()).status).toBe(200)
    ctx.server.faults.clear()
    ctx.server.faults.add({ route: "echo.items.*", kind: "status", status: 418 })
    expect((await get()).status).toBe(418)
    expect((await fetch(`${ctx.origin}/echo/html`)).status).toBe(200)
  })

  it("never faults the control API or the console", async () => {
    ctx.server.faults.add({ route: "*", kind: "status", status: 500 })
    expect((await fetch(`${ctx.origin}/__sandbox/state`)).status).toBe(200)
    expect((await fetch(`${ctx.origin}/`)).status).toBe(200)
    expect((await get()).status).toBe(500)
  })

  it("latency: holds the answer on a sandbox timer, then answers normally", async () => {
    ctx.server.faults.add({ route: "echo.items.get", kind: "latency", ms: 250, times: 1 })
    const answered = get()
    await until(() => ctx.server.timers.pending() === 1)
    expect(ctx.server.journal.entries()).toEqual([])
    const res = await answered
    expect(res.status).toBe(200)
    expect(ctx.server.journal.entries({ route: "echo.items.get" })[0].fault).toBe("latency")
    expect((await get()).status).toBe(200)
  })

  it("hang: never answers; stop() still closes the socket", async () => {
    ctx.server.faults.add({ route: "echo.items.get", kind: "hang" })
    const pending = get().then(
      () => "answered",
      () => "failed",
    )
    await until(() => ctx.server.journal.entries({ route: "echo.items.get" }).length === 1)
    expect(ctx.server.journal.entries()[0]).toMatchObject({ status: 0, fault: "hang" })
    await ctx.server.stop()
    expect(await pending).toBe("failed")
  })

  it("reset: destroys the connection without an answer", async () => {
    ctx.server.faults.add({ route: "echo.items.get", kind: "reset", times: 1 })
    await expect(get()).rejects.toThrow()
    expect((await get()).status).toBe(200)
  })

  it("malformed: 200 with a JSON content type and a body that is not JSON", async () => {
    ctx.server.faults.add({ route: "echo.items.get", kind: "malformed", times: 1 })
    const res = await get()
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/application\/json/)
    const text = await res.text()
    expect(() => JSON.parse(text)).toThrow()
  })

  it("expired-token: uses the simulator's answer", async () => {
    ctx.server.faults.add({ route: "echo.items.get", kind: "expired-token", times: 1 })
    const res = await get()
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ vendor: "echo", kind: "expired-token" })
  })

  it("after-processing/status: the work is done, the client sees an error", async () => {
    ctx.server.faults.add({ route: "echo.process", kind: "after-processing", then: "status", status: 502, times: 1 })
    const res = await process()
    expect(res.status).toBe(502)
    expect(ctx.echo.processed).toBe(1)
  })

  it("after-processing/reset: the work is done, the connection drops", async () => {
    ctx.server.faults.add({ route: "echo.process", kind: "after-processing", then: "reset", times: 1 })
    await expect(process()).rejects.toThrow()
    expect(ctx.echo.processed).toBe(1)
    const [entry] = ctx.server.journal.entries({ route: "echo.process" })
    expect(entry).toMatchObject({ status: 0, fault: "after-processing:reset", responseBody: { processed: 1 } })
  })

  it("after-processing/hang: the work is done, no answer until stop", async () => {
    ctx.server.faults.add({ route: "echo.process", kind: "after-processing", then: "hang" })
    const pending = process().then(
      () => "answered",
      () => "failed",
    )
    await until(() => ctx.echo.processed === 1 && ctx.server.journal.entries().length === 1)
    await ctx.server.stop()
    expect(await pending).toBe("failed")
  })

  it("rate: applies to the share of calls the random source picks, and only those use up `times`", async () => {
    const draws = [0.9, 0.1, 0.6, 0.2]
    const server = await startEchoServer(() => draws.shift() ?? 0)
    try {
      server.server.faults.add({ route: "echo.items.get", kind: "status", status: 500, rate: 0.5, times: 2 })
      const statuses: number[] = []
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${server.origin}/echo/items/1`)).status)
      expect(statuses).toEqual([200, 500, 200, 500, 200])
    } finally {
      await server.server.stop()
    }
  })

  it("can be added, listed and cleared through the control API", async () => {
    const bad = await fetch(`${ctx.origin}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ route: "echo.*", kind: "explode" }),
    })
    expect(bad.status).toBe(400)
    const added = await fetch(`${ctx.origin}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ route: "echo.*", kind: "status", status: 429, times: 1 }),
    })
    expect(added.status).toBe(201)
    expect(await added.json()).toMatchObject({ id: expect.any(String), remaining: 1 })
    expect(await (await fetch(`${ctx.origin}/__sandbox/faults`)).json()).toHaveLength(1)
    expect((await fetch(`${ctx.origin}/__sandbox/faults`, { method: "DELETE" })).status).toBe(204)
    expect((await get()).status).toBe(200)
  })
})

describe("fault registry and route-name matching units", () => {
  it("matches exact names and * prefixes", () => {
    expect(routeNameMatches("avarda.*", "avarda.auth.token")).toBe(true)
    expect(routeNameMatches("avarda.*", "avirato.session.create")).toBe(false)
    expect(routeNameMatches("*", "anything")).toBe(true)
    expect(routeNameMatches("avarda.auth", "avarda.auth.token")).toBe(false)
  })

  it("rejects invalid times and rate, applies the first matching fault first", () => {
    const registry = new FaultRegistry(() => 0)
    expect(() => registry.add({ route: "x", kind: "hang", times: 0 })).toThrow(RangeError)
    expect(() => registry.add({ route: "x", kind: "hang", rate: 2 })).toThrow(RangeError)
    registry.add({ route: "x", kind: "reset", times: 1 })
    registry.add({ route: "x", kind: "hang" })
    expect(registry.take("x")?.kind).toBe("reset")
    expect(registry.take("x")?.kind).toBe("hang")
    expect(registry.take("y")).toBeUndefined()
  })
})
