/**
 * The one HTTP dispatcher every vendor client of a verify run uses (the plugin's clients accept a
 * dispatcher): it enforces the read-only policy before a request leaves, and records each exchange
 * — method, path, status, headers and the start of both bodies, with secrets and personal ID numbers
 * masked — under the check that made it, so a contradicted row comes with the evidence to send the
 * vendor.
 */
import { AsyncLocalStorage } from "node:async_hooks"
import { Agent, type Dispatcher } from "undici"
import { isReadOnlyRequest, ReadOnlyViolationError } from "./production-guard"

export interface VendorExchange {
  method: string
  url: string
  requestBody?: string
  status?: number
  responseHeaders?: Record<string, string>
  responseBody?: string
  /** The whole unmasked answer; not enumerable, so it never reaches a report. */
  readonly responseText?: string
  error?: string
}

const BODY_LIMIT = 2000
/** JSON / form fields whose values never leave this process in a report. */
const SECRET_FIELDS = /^(client_?secret|clientsecret|sitepassword|password|identificationnumber|access_token|token|widgetjwt|jwt)$/i
const KEPT_HEADERS = ["content-type", "www-authenticate", "location", "retry-after", "x-request-id", "traceparent"]

export function maskBody(text: string): string {
  const masked = text
    .replace(/"([A-Za-z_]+)"\s*:\s*"([^"]*)"/g, (match, key: string) => (SECRET_FIELDS.test(key) ? `"${key}":"***"` : match))
    .replace(/(^|&)([A-Za-z_]+)=([^&]*)/g, (match, lead: string, key: string) => (SECRET_FIELDS.test(key) ? `${lead}${key}=***` : match))
  return masked.length > BODY_LIMIT ? `${masked.slice(0, BODY_LIMIT)}…` : masked
}

function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const name of KEPT_HEADERS) {
    const value = headers[name]
    if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return kept
}

export class VendorTraffic {
  readonly dispatcher: Dispatcher
  private readonly agent: Agent
  private readonly context = new AsyncLocalStorage<VendorExchange[]>()

  constructor(options: { readOnly: boolean }) {
    this.agent = new Agent({ keepAliveTimeout: 10_000 })
    this.dispatcher = this.agent.compose((dispatch) => (opts, handler) => {
      const method = String(opts.method ?? "GET").toUpperCase()
      const path = opts.path ?? "/"
      if (options.readOnly && !isReadOnlyRequest(method, path)) {
        handler.onResponseError?.(undefined as unknown as Dispatcher.DispatchController, new ReadOnlyViolationError(method, path))
        return false
      }
      const log = this.context.getStore()
      if (!log) return dispatch(opts, handler)
      const exchange: VendorExchange = {
        method,
        url: `${String(opts.origin ?? "")}${path}`,
        ...(typeof opts.body === "string" && opts.body ? { requestBody: maskBody(opts.body) } : {}),
      }
      log.push(exchange)
      const chunks: Buffer[] = []
      const recording: Dispatcher.DispatchHandler = {
        onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
        onRequestUpgrade: (controller, statusCode, headers, socket) => handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
        onResponseStart: (controller, statusCode, headers, statusMessage) => {
          exchange.status = statusCode
          exchange.responseHeaders = headerRecord(headers)
          return handler.onResponseStart?.(controller, statusCode, headers, statusMessage)
        },
        onResponseData: (controller, chunk) => {
          chunks.push(chunk)
          return handler.onResponseData?.(controller, chunk)
        },
        onResponseEnd: (controller, trailers) => {
          const text = Buffer.concat(chunks).toString("utf8")
          if (text) exchange.responseBody = maskBody(text)
          // The unmasked answer, for the checks' own judgement: kept out of reports (not enumerable).
          Object.defineProperty(exchange, "responseText", { value: text, enumerable: false })
          return handler.onResponseEnd?.(controller, trailers)
        },
        onResponseError: (controller, error) => {
          exchange.error = error.message
          return handler.onResponseError?.(controller, error)
        },
      }
      return dispatch(opts, recording)
    })
  }

  /** Runs `fn`, recording every vendor exchange it causes into `log`. */
  recordInto<T>(log: VendorExchange[], fn: () => Promise<T>): Promise<T> {
    return this.context.run(log, fn)
  }

  /** The exchanges recorded so far in the calling async context. */
  current(): readonly VendorExchange[] {
    return this.context.getStore() ?? []
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}
