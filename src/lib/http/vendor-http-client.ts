import { EventEmitter } from "node:events"
import { Pool, errors as undiciErrors } from "undici"
import type { Dispatcher } from "undici"
import type { z } from "zod"
import {
  VendorConnectError,
  VendorConnectionLostError,
  VendorHttpError,
  VendorProtocolError,
  VendorTimeoutError,
} from "./errors"

export interface VendorHttpClientOptions {
  /** Base URL including any path prefix, e.g. "https://stage.authorization-api.avarda.com/". */
  baseUrl: string
  /** Default per-call timeout in ms (connect + answer). */
  timeoutMs: number
  /** Keep-alive connections to the vendor. Default 10. */
  connections?: number
  /** For tests: a custom undici dispatcher instead of the client's own keep-alive pool. */
  dispatcher?: Dispatcher
}

export interface VendorRequest {
  /** Name used in errors and logs, e.g. "avarda.createAuthorization". */
  operation: string
  method: "GET" | "POST" | "PUT" | "DELETE"
  /** Relative to the base URL's path (a leading "/" is ignored). */
  path: string
  query?: Record<string, string | undefined>
  headers?: Record<string, string>
  json?: unknown
  form?: Record<string, string>
  timeoutMs?: number
}

export interface VendorResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/**
 * Keep-alive HTTP client for one vendor origin, with per-call timeouts and errors that say
 * whether the outcome is known. It never retries by itself: retrying is the caller's decision
 * because only the caller knows whether the call is idempotent.
 */
export class VendorHttpClient {
  private readonly origin: string
  private readonly basePath: string
  private readonly dispatcher: Dispatcher
  private readonly ownsDispatcher: boolean

  constructor(private readonly options: VendorHttpClientOptions) {
    const url = new URL(options.baseUrl)
    this.origin = url.origin
    this.basePath = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`
    this.ownsDispatcher = !options.dispatcher
    this.dispatcher =
      options.dispatcher ??
      new Pool(this.origin, { connections: options.connections ?? 10, keepAliveTimeout: 30_000, pipelining: 1 })
  }

  async request(req: VendorRequest): Promise<VendorResponse> {
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs
    const headers: Record<string, string> = { accept: "application/json", ...req.headers }
    let body: string | undefined
    if (req.json !== undefined) {
      body = JSON.stringify(req.json)
      headers["content-type"] ??= "application/json"
    } else if (req.form) {
      body = new URLSearchParams(req.form).toString()
      headers["content-type"] ??= "application/x-www-form-urlencoded"
    }
    const deadline = new Deadline(timeoutMs)
    let sent = false
    try {
      const res = await this.dispatcher.request({
        origin: this.origin,
        path: this.pathFor(req),
        method: req.method,
        headers,
        body,
        signal: deadline,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      })
      sent = true
      const text = await res.body.text()
      return { status: res.statusCode, headers: res.headers, text }
    } catch (error) {
      throw this.classify(error, req.operation, timeoutMs, deadline.expired, sent)
    } finally {
      deadline.clear()
    }
  }

  /** Sends the request and parses a 2xx JSON body with `schema`; non-2xx becomes VendorHttpError. */
  async requestJson<S extends z.ZodType>(req: VendorRequest, schema: S): Promise<{ status: number; data: z.infer<S> }> {
    const res = await this.request(req)
    if (res.status < 200 || res.status >= 300) {
      throw new VendorHttpError(req.operation, res.status, res.text, tryParseJson(res.text))
    }
    return { status: res.status, data: parseJsonBody(req.operation, res.text, schema) }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close()
  }

  private pathFor(req: VendorRequest): string {
    const relative = req.path.replace(/^\/+/, "")
    const query = req.query ? queryString(req.query) : ""
    return `${this.basePath}${relative}${query ? `?${query}` : ""}`
  }

  private classify(error: unknown, operation: string, timeoutMs: number, expired: boolean, sent: boolean): Error {
    const code = (error as { code?: string } | null)?.code
    if (
      expired ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError
    ) {
      return new VendorTimeoutError(operation, timeoutMs)
    }
    if (
      error instanceof undiciErrors.ConnectTimeoutError ||
      code === "ECONNREFUSED" ||
      code === "ENOTFOUND" ||
      code === "EAI_AGAIN"
    ) {
      return new VendorConnectError(`${operation}: cannot connect to ${this.origin} (${code ?? "connect timeout"})`, operation)
    }
    if (error instanceof undiciErrors.SocketError || code === "ECONNRESET" || code === "UND_ERR_SOCKET" || sent) {
      return new VendorConnectionLostError(
        `${operation}: connection lost before the answer arrived (the vendor may still have processed it)`,
        operation
      )
    }
    return error instanceof Error ? error : new Error(String(error))
  }
}

/**
 * The whole-call deadline (connect, queueing for a connection, answer), given to undici as the
 * request's abort signal in the form undici also accepts, an EventEmitter that emits "abort". An
 * AbortController would do the same, but making one and having undici listen to it costs several
 * times more than the call's own work on a fast network; this is one emitter and one timer, the timer
 * cleared as soon as the answer is read (never left alive for the whole timeout).
 */
class Deadline extends EventEmitter {
  expired = false
  private readonly timer: NodeJS.Timeout

  constructor(ms: number) {
    super()
    this.timer = setTimeout(() => {
      this.expired = true
      this.emit("abort")
    }, ms)
    this.timer.unref()
  }

  clear(): void {
    clearTimeout(this.timer)
  }
}

/** `a=1&b=x%20y`: the defined entries, form-encoded as URLSearchParams does. */
function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const key in query) {
    const value = query[key]
    if (value !== undefined) params.append(key, value)
  }
  return params.toString()
}

export function tryParseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

/** Parses a vendor JSON body; unknown fields are tolerated, missing required ones name the field. */
export function parseJsonBody<S extends z.ZodType>(operation: string, text: string, schema: S): z.infer<S> {
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    throw new VendorProtocolError(`${operation}: the vendor answered with a body that is not JSON`, operation)
  }
  return parseJsonValue(operation, json, schema)
}

/** Checks an already parsed vendor body against `schema`; a mismatch names the first fields. */
export function parseJsonValue<S extends z.ZodType>(operation: string, json: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
      .join("; ")
    throw new VendorProtocolError(`${operation}: unexpected answer from the vendor (${issues})`, operation)
  }
  return parsed.data
}
