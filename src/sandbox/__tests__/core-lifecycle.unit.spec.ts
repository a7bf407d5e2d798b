import { createServer } from "node:net"
import { createClock } from "../core/clock"
import { createIdGenerator } from "../core/ids"
import { resolveSandboxOptions } from "../core/options"
import { PortInUseError, SandboxServer } from "../core/server"
import { startSandbox, type Sandbox } from "../index"
import { startEchoServer } from "./core-test-server"

describe("sandbox core: clock and ids", () => {
  it("moves forward only when advanced, and resets to real time", () => {
    const clock = createClock()
    const before = clock.now().getTime()
    clock.advance(3_600_000)
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(3_600_000)
    expect(clock.offsetMs()).toBe(3_600_000)
    expect(() => clock.advance(-1)).toThrow(RangeError)
    clock.reset()
    expect(clock.offsetMs()).toBe(0)
  })

  it("gives each generator its own sequence", () => {
    const a = createIdGenerator()
    const b = createIdGenerator()
    const idsA = [a.next("x_"), a.next("x_")]
    expect(new Set(idsA).size).toBe(2)
    expect(idsA[0].startsWith("x_")).toBe(true)
    expect(b.next("x_")).not.toBe(idsA[0])
    expect(a.guid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it("advances through the control API", async () => {
    const { server, origin } = await startEchoServer()
    try {
      const res = await fetch(`${origin}/__sandbox/clock/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ minutes: 5 }),
      })
      expect(res.status).toBe(200)
      expect((await res.json()).offsetMs).toBe(300_000)
      expect(server.clock.offsetMs()).toBe(300_000)
      const bad = await fetch(`${origin}/__sandbox/clock/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ms: -5 }),
      })
      expect(bad.status).toBe(400)
    } finally {
      await server.stop()
    }
  })
})

describe("sandbox core: instances, reset and stop", () => {
  it("keeps two instances in one process independent", async () => {
    const a = await startSandbox()
    const b = await startSandbox()
    try {
      expect(a.origin).not.toBe(b.origin)
      a.clock.advance(60_000)
      a.faults.add({ route: "*", kind: "status", status: 500 })
      await fetch(`${a.origin}/nowhere`)
      expect(b.clock.now().getTime()).toBeLessThan(a.clock.now().getTime())
      expect(b.faults.list()).toEqual([])
      expect(b.journal.entries()).toEqual([])
      expect(a.journal.entries()).toHaveLength(1)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })

  it("exposes base URLs, settings and the console", async () => {
    const sandbox: Sandbox = await startSandbox({ avirato: { webcode: "SHOP99" } })
    try {
      expect(sandbox.origin).toMatch(/^http:\/\/localhost:\d+$/)
      expect(sandbox.urls).toEqual({
        avardaAuthorizationApi: `${sandbox.origin}/avarda/authorization-api/`,
        avardaCheckout2: `${sandbox.origin}/avarda/checkout2`,
        avardaMyPages: `${sandbox.origin}/avarda/mypages`,
        avardaCheckoutApi: `${sandbox.origin}/avarda/checkout-api`,
        avardaPaymentWidgetScript: `${sandbox.origin}/avarda/payment-widget/cdn/payment-widget.js`,
        aviratoLive: `${sandbox.origin}/avirato/external/v1/`,
        aviratoTest: `${sandbox.origin}/avirato/external/v1/test/`,
        console: `${sandbox.origin}/`,
      })
      expect(sandbox.settings.avirato.webcode).toBe("SHOP99")
      expect(sandbox.settings.avirato.apiKey).toBe(resolveSandboxOptions().avirato.apiKey)
      const page = await fetch(sandbox.urls.console)
      expect(page.headers.get("content-type")).toMatch(/text\/html/)
      expect(await page.text()).toContain("/__sandbox/state")
      const state = await (await fetch(`${sandbox.origin}/__sandbox/state`)).json()
      expect(state.origin).toBe(sandbox.origin)
      expect(Object.keys(state.simulators)).toContain("avirato")
      const routes = await (await fetch(`${sandbox.origin}/__sandbox/routes`)).json()
      expect(routes.some((route: { name: string }) => route.name === "sandbox.state")).toBe(true)
    } finally {
      await sandbox.stop()
    }
  })

  it("reset forgets simulator state, journal, faults, outbound log, clock and pending timers", async () => {
    const { server, echo, origin } = await startEchoServer()
    try {
      await fetch(`${origin}/echo/process`, { method: "POST" })
      await fetch(`${origin}/echo/later`, { method: "POST" })
      server.faults.add({ route: "x", kind: "hang" })
      server.clock.advance(1000)
      server.context.recordOutbound({ id: "o1", url: "http://x", event: "E", body: "{}", attempts: [], delivered: false })
      expect(server.timers.pending()).toBe(1)
      const res = await fetch(`${origin}/__sandbox/reset`, { method: "POST" })
      expect(res.status).toBe(200)
      expect(echo.processed).toBe(0)
      expect(server.journal.entries()).toEqual([])
      expect(server.faults.list()).toEqual([])
      expect(server.outbound.entries()).toEqual([])
      expect(server.clock.offsetMs()).toBe(0)
      expect(server.timers.pending()).toBe(0)
    } finally {
      await server.stop()
    }
  })

  it("records outbound deliveries by id, replacing on re-record", async () => {
    const { server } = await startEchoServer()
    try {
      const delivery = { id: "o1", url: "http://x", event: "E", body: "{}", attempts: [] as Array<{ at: string; status?: number }>, delivered: false }
      server.context.recordOutbound(delivery)
      delivery.attempts.push({ at: "now", status: 200 })
      delivery.delivered = true
      server.context.recordOutbound(delivery)
      expect(server.outbound.entries()).toEqual([{ ...delivery }])
    } finally {
      await server.stop()
    }
  })

  it("stop() cancels timers, aborts the context signal, closes keep-alive sockets, and can be called twice", async () => {
    const { server, origin } = await startEchoServer()
    await fetch(`${origin}/echo/later`, { method: "POST" })
    expect(server.timers.pending()).toBe(1)
    await Promise.all([server.stop(), server.stop()])
    expect(server.timers.pending()).toBe(0)
    expect(server.context.signal.aborted).toBe(true)
    await expect(fetch(`${origin}/echo/items/1`)).rejects.toThrow()
  })

  it("reports a port already in use clearly", async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "localhost", resolve))
    const address = blocker.address()
    const port = typeof address === "object" && address ? address.port : 0
    try {
      const server = new SandboxServer(resolveSandboxOptions({ port }))
      const error = await server.listen().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(PortInUseError)
      expect((error as Error).message).toBe(`Port ${port} on localhost is already in use`)
      await server.stop()
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})
