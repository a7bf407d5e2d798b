import { z } from "zod"
import { renderConsolePage } from "./console-page"
import { faultSpecSchema } from "./fault-schema"
import type { JournalFilter } from "./journal"
import { CORE_OWNER, type SandboxServer } from "./server"
import type { SandboxRequest, SandboxResponse } from "./types"
import { sandboxUrls } from "./urls"

const advanceSchema = z.union([
  z.object({ ms: z.number().nonnegative() }),
  z.object({ seconds: z.number().nonnegative() }),
  z.object({ minutes: z.number().nonnegative() }),
])

function badRequest(message: string, issues?: unknown): SandboxResponse {
  return { status: 400, body: { error: message, issues } }
}

function journalFilterFrom(query: URLSearchParams): JournalFilter {
  const number = (name: string) => (query.has(name) ? Number(query.get(name)) : undefined)
  return {
    route: query.get("route") ?? undefined,
    method: query.get("method") ?? undefined,
    path: query.get("path") ?? undefined,
    status: number("status"),
    limit: number("limit"),
  }
}

/** Everything the console and `GET /__sandbox/state` show. */
export function sandboxState(server: SandboxServer): Record<string, unknown> {
  const simulators: Record<string, unknown> = {}
  for (const simulator of server.mounted()) simulators[simulator.name] = simulator.snapshot()
  return {
    origin: server.origin(),
    urls: sandboxUrls(server.origin()),
    now: server.clock.now().toISOString(),
    clockOffsetMs: server.clock.offsetMs(),
    settings: { avarda: server.options.avarda, avirato: server.options.avirato },
    faults: server.faults.list(),
    simulators,
    outbound: server.outbound.entries(),
    journalSize: server.journal.entries().length,
  }
}

/**
 * The control API under `/__sandbox/` and the console page at `/`. Simulators add their own
 * control routes under `/__sandbox/<vendor>/...` through their router.
 */
export function mountControlApi(server: SandboxServer): void {
  const router = server.routes.routerFor(CORE_OWNER)
  const route = (method: string, path: string, name: string, handler: (req: SandboxRequest) => SandboxResponse) =>
    router.route(method, path, handler, { name: `sandbox.${name}` })

  route("GET", "/", "console", () => ({
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    body: renderConsolePage(),
  }))
  route("GET", "/__sandbox/state", "state", () => ({ status: 200, body: sandboxState(server) }))
  route("GET", "/__sandbox/routes", "routes", () => ({
    status: 200,
    body: server.routes.list().map(({ method, pattern, name, owner }) => ({ method, pattern, name, owner })),
  }))
  route("GET", "/__sandbox/journal", "journal.list", (req) => ({
    status: 200,
    body: server.journal.entries(journalFilterFrom(req.query)),
  }))
  route("DELETE", "/__sandbox/journal", "journal.clear", () => {
    server.journal.clear()
    return { status: 204 }
  })
  route("GET", "/__sandbox/outbound", "outbound.list", () => ({ status: 200, body: server.outbound.entries() }))
  route("GET", "/__sandbox/faults", "faults.list", () => ({ status: 200, body: server.faults.list() }))
  route("POST", "/__sandbox/faults", "faults.add", (req) => {
    const parsed = faultSpecSchema.safeParse(req.body)
    if (!parsed.success) return badRequest("Invalid fault spec", parsed.error.issues)
    return { status: 201, body: server.faults.add(parsed.data) }
  })
  route("DELETE", "/__sandbox/faults", "faults.clear", () => {
    server.faults.clear()
    return { status: 204 }
  })
  route("DELETE", "/__sandbox/faults/:id", "faults.remove", (req) =>
    server.faults.remove(req.params.id) ? { status: 204 } : { status: 404, body: { error: "No such fault" } },
  )
  route("POST", "/__sandbox/reset", "reset", () => {
    server.reset()
    return { status: 200, body: { reset: true, now: server.clock.now().toISOString() } }
  })
  route("GET", "/__sandbox/clock", "clock.get", () => ({
    status: 200,
    body: { now: server.clock.now().toISOString(), offsetMs: server.clock.offsetMs() },
  }))
  route("POST", "/__sandbox/clock/advance", "clock.advance", (req) => {
    const parsed = advanceSchema.safeParse(req.body)
    if (!parsed.success) return badRequest("Expected { ms } or { seconds } or { minutes }", parsed.error.issues)
    const body = parsed.data
    const ms = "ms" in body ? body.ms : "seconds" in body ? body.seconds * 1000 : body.minutes * 60_000
    server.clock.advance(ms)
    return { status: 200, body: { now: server.clock.now().toISOString(), offsetMs: server.clock.offsetMs() } }
  })
}
