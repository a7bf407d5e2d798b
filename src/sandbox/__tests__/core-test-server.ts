import { mountControlApi } from "../core/control-api"
import { resolveSandboxOptions } from "../core/options"
import { SandboxServer } from "../core/server"
import type { SandboxContext, VendorSimulator } from "../core/types"

/** A tiny simulator used to exercise the core without any vendor logic. */
export function createEchoSimulator(): VendorSimulator<{ count(): number; ctx(): SandboxContext }> & {
  processed: number
} {
  let context: SandboxContext | undefined
  const simulator = {
    name: "echo",
    processed: 0,
    mount(router: Parameters<VendorSimulator["mount"]>[0], ctx: SandboxContext) {
      context = ctx
      router.route("GET", "/echo/items/:id", (req) => ({ status: 200, body: { id: req.params.id, q: req.query.get("q") } }), {
        name: "echo.items.get",
      })
      router.route("GET", "/echo/items/special", () => ({ status: 200, body: { special: true } }), { name: "echo.items.special" })
      router.route(
        "POST",
        "/echo/items",
        (req) => ({
          status: 201,
          body: {
            body: req.body ?? null,
            bodyError: req.bodyError ?? null,
            rawBody: req.rawBody.toString("utf8"),
            origin: req.origin,
          },
        }),
        { name: "echo.items.create" },
      )
      router.route("GET", "/Echo/CaseInsensitive/:id", (req) => ({ status: 200, body: { id: req.params.id } }), {
        name: "echo.case",
        caseInsensitive: true,
      })
      router.route("GET", "/Echo/CaseSensitive", () => ({ status: 200, body: { ok: true } }), { name: "echo.case-sensitive" })
      router.route(
        "POST",
        "/echo/process",
        () => {
          simulator.processed += 1
          return { status: 200, body: { processed: simulator.processed } }
        },
        { name: "echo.process" },
      )
      router.route("GET", "/echo/html", () => ({ status: 200, headers: { "content-type": "text/html" }, body: "<p>hi</p>" }), {
        name: "echo.html",
      })
      router.route("GET", "/echo/unnamed", () => ({ status: 204 }))
      router.route(
        "GET",
        "/echo/throws",
        () => {
          throw new Error("boom")
        },
        { name: "echo.throws" },
      )
      router.route("POST", "/echo/later", () => {
        ctx.timers.setTimeout(() => {
          simulator.processed += 100
        }, 60_000)
        return { status: 202 }
      }, { name: "echo.later" })
    },
    reset() {
      simulator.processed = 0
    },
    snapshot() {
      return { items: [{ id: "a", processed: simulator.processed }] }
    },
    faultResponse(fault: { kind: "status" | "expired-token"; status: number }) {
      return { status: fault.status, body: { vendor: "echo", kind: fault.kind } }
    },
    control: {
      count: () => simulator.processed,
      ctx: () => {
        if (!context) throw new Error("not mounted")
        return context
      },
    },
  }
  return simulator
}

export async function startEchoServer(random?: () => number) {
  const server = new SandboxServer(resolveSandboxOptions(), random)
  mountControlApi(server)
  const echo = createEchoSimulator()
  server.mount(echo)
  const origin = await server.listen()
  return { server, echo, origin }
}
