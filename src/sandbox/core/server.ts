import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { Socket } from "node:net"
import { parseBody } from "./body"
import { createClock, type ResettableClock } from "./clock"
import { FaultRegistry } from "./faults"
import { createIdGenerator, type IdGenerator } from "./ids"
import { Journal } from "./journal"
import { maskBody, maskHeaders } from "./masking"
import { OutboundLog } from "./outbound"
import { writeResponse } from "./response-writer"
import { RouteTable, type RegisteredRoute } from "./router"
import { createTimers, type OwnedTimers } from "./timers"
import type {
  FaultSpec,
  ResolvedSandboxOptions,
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
  VendorSimulator,
} from "./types"
import { originFor } from "./urls"

/** Routes the core itself owns (control API, console): never faulted, never journaled. */
export const CORE_OWNER = "sandbox"
const MAX_BODY_BYTES = 10 * 1024 * 1024
const JOURNALED_TEXT_LIMIT = 4000
/** What a `malformed` fault sends: cut off in the middle of a JSON object. */
const MALFORMED_JSON = '{"success":true,"data":{"id":"'

export class PortInUseError extends Error {
  readonly code = "EADDRINUSE"
  constructor(readonly port: number, readonly host: string) {
    super(`Port ${port} on ${host} is already in use`)
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error("Request body too large"))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => resolve(Buffer.concat(chunks)))
    req.on("error", reject)
  })
}

function withHeaders(response: SandboxResponse, headers?: Record<string, string>): SandboxResponse {
  return headers ? { ...response, headers: { ...response.headers, ...headers } } : response
}

function journaledBody(response: SandboxResponse): unknown {
  const { body } = response
  if (Buffer.isBuffer(body)) return `<${body.length} bytes>`
  if (typeof body === "string") return body.length > JOURNALED_TEXT_LIMIT ? `${body.slice(0, JOURNALED_TEXT_LIMIT)}…` : body
  return body
}

/**
 * One HTTP server for one sandbox instance: routing, body parsing, fault injection, journal,
 * clock, ids and timers. Nothing here is module-level, so instances are independent.
 */
export class SandboxServer {
  readonly routes = new RouteTable()
  readonly journal = new Journal()
  readonly outbound = new OutboundLog()
  readonly clock: ResettableClock = createClock()
  readonly ids: IdGenerator = createIdGenerator()
  readonly timers: OwnedTimers = createTimers()
  readonly faults: FaultRegistry
  readonly context: SandboxContext
  private readonly simulators: VendorSimulator[] = []
  private readonly abortController = new AbortController()
  private readonly sockets = new Set<Socket>()
  private readonly http: Server
  private listeningOrigin = ""
  private stopping?: Promise<void>

  constructor(readonly options: ResolvedSandboxOptions, random: () => number = Math.random) {
    this.faults = new FaultRegistry(random)
    this.context = {
      clock: this.clock,
      ids: this.ids,
      recordOutbound: (delivery) => this.outbound.record(delivery),
      options,
      origin: () => this.listeningOrigin,
      timers: this.timers,
      signal: this.abortController.signal,
      random,
    }
    this.http = createServer((req, res) => void this.handle(req, res))
    this.http.on("connection", (socket: Socket) => {
      this.sockets.add(socket)
      socket.on("close", () => this.sockets.delete(socket))
    })
  }

  mount(simulator: VendorSimulator): void {
    if (this.simulators.some((mounted) => mounted.name === simulator.name)) {
      throw new Error(`A simulator named "${simulator.name}" is already mounted`)
    }
    this.simulators.push(simulator)
    simulator.mount(this.routes.routerFor(simulator.name), this.context)
  }

  mounted(): ReadonlyArray<VendorSimulator> {
    return this.simulators
  }

  origin(): string {
    return this.listeningOrigin
  }

  listen(): Promise<string> {
    const { port, host } = this.options
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        reject(error.code === "EADDRINUSE" ? new PortInUseError(port, host) : error)
      }
      this.http.once("error", onError)
      this.http.listen(port, host, () => {
        this.http.off("error", onError)
        const address = this.http.address()
        const actualPort = typeof address === "object" && address ? address.port : port
        this.listeningOrigin = originFor(host, actualPort)
        resolve(this.listeningOrigin)
      })
    })
  }

  /** Forget everything: simulator state, journal, faults, outbound log, clock offset, pending timers. */
  reset(): void {
    this.timers.cancelAll()
    this.faults.clear()
    this.journal.clear()
    this.outbound.clear()
    this.clock.reset()
    for (const simulator of this.simulators) simulator.reset()
  }

  /** Close the server and every socket (hung ones included), cancel timers and outbound calls. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.abortController.abort()
      this.timers.cancelAll()
      if (!this.http.listening) {
        resolve()
        return
      }
      this.http.close(() => resolve())
      for (const socket of this.sockets) socket.destroy()
      this.http.closeAllConnections()
    })
    return this.stopping
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now()
    const method = (req.method ?? "GET").toUpperCase()
    const requestOrigin = req.headers.host ? `http://${req.headers.host}` : this.listeningOrigin
    const url = new URL(req.url ?? "/", requestOrigin || "http://localhost")
    let rawBody: Buffer
    try {
      rawBody = await readBody(req)
    } catch {
      if (!res.headersSent && !res.destroyed) writeResponse(res, { status: 413, body: { error: "Request body too large" } })
      return
    }
    const parsed = parseBody(rawBody, req.headers)
    const lookup = this.routes.lookup(method, url.pathname)
    const request: SandboxRequest = {
      method,
      path: url.pathname,
      params: lookup.kind === "match" ? lookup.match.params : {},
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      body: parsed.body,
      bodyError: parsed.bodyError,
      origin: requestOrigin,
    }
    const isCoreRoute = (lookup.kind === "match" && lookup.match.route.owner === CORE_OWNER) || url.pathname.startsWith("/__sandbox/")
    const journal = (routeName: string, status: number, response?: SandboxResponse, fault?: string) => {
      if (isCoreRoute) return
      this.journal.add({
        at: this.clock.now().toISOString(),
        route: routeName,
        method,
        path: url.pathname,
        status,
        headers: maskHeaders(req.headers),
        body: maskBody(parsed.body ?? (rawBody.length > 0 ? rawBody.toString("utf8").slice(0, JOURNALED_TEXT_LIMIT) : undefined)),
        responseBody: response ? maskBody(journaledBody(response)) : undefined,
        fault,
        durationMs: Date.now() - startedAt,
      })
    }
    const send = (routeName: string, response: SandboxResponse, fault?: string) => {
      journal(routeName, response.status, response, fault)
      if (!res.destroyed) writeResponse(res, response, method === "HEAD")
    }

    if (lookup.kind === "not-found") {
      send("unmatched", { status: 404, body: { error: "Not found", method, path: url.pathname } })
      return
    }
    if (lookup.kind === "method-not-allowed") {
      send("unmatched", {
        status: 405,
        headers: { allow: lookup.allowed.join(", ") },
        body: { error: "Method not allowed", method, path: url.pathname },
      })
      return
    }

    const route = lookup.match.route
    const fault = isCoreRoute ? undefined : this.faults.take(route.name)
    const simulator = this.simulators.find((candidate) => candidate.name === route.owner)
    const defaultFaultResponse = (kind: "status" | "expired-token", status: number): SandboxResponse =>
      simulator?.faultResponse?.({ kind, status }, request) ??
      (kind === "expired-token"
        ? {
            status: 401,
            headers: { "www-authenticate": 'Bearer error="invalid_token", error_description="The access token expired"' },
          }
        : { status, body: { error: "Injected fault", status } })

    if (fault) {
      switch (fault.kind) {
        case "latency":
          await this.timers.sleep(fault.ms)
          break
        case "hang":
          journal(route.name, 0, undefined, "hang")
          return
        case "reset":
          journal(route.name, 0, undefined, "reset")
          req.socket.destroy()
          return
        case "malformed":
          send(route.name, { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: MALFORMED_JSON }, "malformed")
          return
        case "expired-token":
          send(route.name, defaultFaultResponse("expired-token", 401), "expired-token")
          return
        case "status":
          send(
            route.name,
            fault.body === undefined
              ? withHeaders(defaultFaultResponse("status", fault.status), fault.headers)
              : { status: fault.status, headers: fault.headers, body: fault.body },
            "status",
          )
          return
        case "after-processing":
          break
      }
    }

    const response = await this.runHandler(route, request)
    if (fault?.kind === "after-processing") {
      this.finishAfterProcessing(fault, route.name, response, req.socket, journal, send, defaultFaultResponse)
      return
    }
    send(route.name, response, fault?.kind)
  }

  private async runHandler(route: RegisteredRoute, request: SandboxRequest): Promise<SandboxResponse> {
    try {
      return await route.handler(request)
    } catch (error) {
      this.options.log(`[sandbox] ${route.name} threw: ${(error as Error).stack ?? String(error)}`)
      return { status: 500, body: { error: "Sandbox handler error", message: (error as Error).message } }
    }
  }

  private finishAfterProcessing(
    fault: Extract<FaultSpec, { kind: "after-processing" }>,
    routeName: string,
    processed: SandboxResponse,
    socket: Socket,
    journal: (routeName: string, status: number, response?: SandboxResponse, fault?: string) => void,
    send: (routeName: string, response: SandboxResponse, fault?: string) => void,
    defaultFaultResponse: (kind: "status", status: number) => SandboxResponse,
  ): void {
    const label = `after-processing:${fault.then}`
    if (fault.then === "status") {
      send(routeName, defaultFaultResponse("status", fault.status ?? 500), label)
      return
    }
    // The journal keeps what the handler produced, so tests can see the work was done.
    journal(routeName, 0, processed, label)
    if (fault.then === "reset") socket.destroy()
  }
}
