/**
 * The contract between the sandbox core (HTTP server, router, faults, journal, console)
 * and the vendor simulators mounted on it (Avarda, Avirato).
 *
 * One Node HTTP server serves every vendor under its own path prefix, e.g.
 *   http://localhost:PORT/avarda/authorization-api/...   (Avarda Authorization API)
 *   http://localhost:PORT/avarda/checkout2/...           (Avarda CheckOut2Api, Standalone Credit)
 *   http://localhost:PORT/avarda/mypages/...             (Avarda My Pages API)
 *   http://localhost:PORT/avirato/external/v1/...        (Avirato, Live + /test/ layout)
 *   http://localhost:PORT/__sandbox/...                  (control API: faults, journal, reset, clock)
 *   http://localhost:PORT/                               (console page)
 * After its prefix, every vendor path, method, header, field and status is the vendor's own.
 */
import type { IncomingHttpHeaders } from "node:http"

export interface SandboxRequest {
  method: string
  /** Path without the query string, as received (after the vendor prefix is matched, still the full path). */
  path: string
  /** Values of `:name` segments of the matched pattern. */
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** Exact bytes received. */
  rawBody: Buffer
  /**
   * Parsed body: JSON (application/json, also json-patch+json) or an object of form fields
   * (application/x-www-form-urlencoded). `undefined` when empty. A body that fails to parse is
   * answered by the handler (the core passes `bodyError`).
   */
  body: unknown
  bodyError?: string
  /** Absolute origin the client used, e.g. `http://localhost:4010` (for building redirect URLs). */
  origin: string
}

export interface SandboxResponse {
  status: number
  headers?: Record<string, string>
  /** Serialised as JSON unless it is a string or Buffer (then sent as is). Omit for an empty body. */
  body?: unknown
}

export type SandboxHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>

export interface RouteOptions {
  /**
   * Stable name used by fault injection and the journal, e.g. "avarda.auth.token",
   * "avirato.session.create". Defaults to `${METHOD} ${pattern}`.
   */
  name?: string
  /** Path matching ignores case (Avarda's services are case-insensitive). Default false. */
  caseInsensitive?: boolean
}

export interface SandboxRouter {
  /** `pattern` is a path with `:param` segments, e.g. "/avarda/authorization-api/authorization/:id/order". */
  route(method: string, pattern: string, handler: SandboxHandler, options?: RouteOptions): void
}

/** Controllable time, so tests can make due dates pass or tokens expire without waiting. */
export interface SandboxClock {
  now(): Date
  /** Move time forward (tests, console). */
  advance(ms: number): void
}

export interface JournalEntry {
  at: string
  route: string
  method: string
  path: string
  status: number
  /** Request headers with secrets (authorization, x-api-key) masked. */
  headers: Record<string, string>
  body: unknown
  responseBody?: unknown
  fault?: string
  durationMs: number
}

/** Outbound call the sandbox makes (Avirato webhooks), with its delivery attempts. */
export interface OutboundDelivery {
  id: string
  url: string
  event: string
  body: string
  attempts: Array<{ at: string; status?: number; error?: string }>
  delivered: boolean
}

export interface SandboxContext {
  clock: SandboxClock
  /** Random ids without global state: each sandbox instance has its own sequence. */
  ids: { next(prefix?: string): string; guid(): string }
  /**
   * Record an outbound call for the console and the control API. Calling it again with the same
   * `id` replaces the stored record (record once, then again after each attempt).
   */
  recordOutbound(delivery: OutboundDelivery): void
  /** Sandbox-wide settings (see SandboxOptions). */
  options: ResolvedSandboxOptions
  /** Public origin of this sandbox, known once listening, e.g. http://localhost:4010 */
  origin(): string
  /**
   * Timers owned by the sandbox: all pending ones are cancelled by `reset()` and `stop()`, so
   * nothing fires after a test has moved on and jest can exit. Use them instead of `setTimeout`.
   */
  timers: SandboxTimers
  /** Aborted when the sandbox stops: cancel outbound requests (webhooks) on it. */
  signal: AbortSignal
  /** 0..1, per instance (SandboxOptions.random); used for fault `rate` and available to simulators. */
  random(): number
}

export interface SandboxTimers {
  /** Like `setTimeout`, but unref'd and cancelled on reset/stop. Returns a cancel function. */
  setTimeout(callback: () => void, ms: number): () => void
  /** Resolves after `ms` (or never, if the sandbox resets/stops first). */
  sleep(ms: number): Promise<void>
}

/** A vendor simulator mounted on the core. */
export interface VendorSimulator<Control = unknown> {
  name: string
  mount(router: SandboxRouter, ctx: SandboxContext): void
  /** Forget all state (between tests). */
  reset(): void
  /**
   * Plain data for the console page and `GET /__sandbox/state`. The console renders every array of
   * objects as a table (columns = keys; nested values shown as JSON), so keep rows flat.
   */
  snapshot(): Record<string, unknown>
  /**
   * Typed handle for tests and the demo (usable once mounted). The `Sandbox` handle exposes it, e.g.
   * `sandbox.avirato` is the Avirato simulator's control.
   */
  control?: Control
  /**
   * The vendor's own answer for an injected `status` fault without a body, or for `expired-token`
   * (e.g. an error envelope). Without it the core answers a generic JSON body / a bare 401.
   */
  faultResponse?(fault: { kind: "status" | "expired-token"; status: number }, req: SandboxRequest): SandboxResponse
}

export interface SandboxOptions {
  /** 0 (default) = a free port. */
  port?: number
  /** Default "localhost". */
  host?: string
  /** Credentials and timings; every field has a documented default (README sandbox section). */
  avarda?: Partial<AvardaSandboxSettings>
  avirato?: Partial<AviratoSandboxSettings>
  /** Quiet by default; the CLI passes a logger. */
  log?: (line: string) => void
  /** Source of randomness for fault `rate` (default Math.random); pass a fixed function in tests. */
  random?: () => number
}

export interface AvardaSandboxSettings {
  clientId: string
  clientSecret: string
  /** CheckOut2Api HTTP Basic credentials. */
  siteCode: string
  sitePassword: string
  /** Token lifetime in seconds (Authorization API and My Pages). Default 3599. */
  tokenTtlSeconds: number
  /** Lifetime of a payment-widget JWT (`GET api/paymentwidget/partner/init`) in seconds. Default 3600. */
  paymentWidgetTtlSeconds: number
  /** Time after approval until `inBackOffice` turns true. Default 0 ms. */
  inBackOfficeDelayMs: number
  /** Time after which an ID validation nobody completed times out (status 2, code 50). Default 15 min. */
  idValidationTimeoutMs: number
  /**
   * Partner-configuration ID-validation redirect URL, used when a create request has no
   * `idValidationCallbackUrl` (Avarda onboarding default). Optional; no default.
   */
  defaultIdValidationCallbackUrl?: string
}

export interface AviratoSandboxSettings {
  apiKey: string
  testApiKey: string
  webcode: string
  /** Secret that signs return JWTs and webhooks (Live and Test have their own). */
  clientSecret: string
  testClientSecret: string
  /** Where webhooks go; can be changed at run time through the control API. */
  webhookUrl?: string
  testWebhookUrl?: string
  /** Delay before a webhook is sent, and the retry backoff base. Defaults 50 ms / 200 ms. */
  webhookDelayMs: number
  webhookRetryBaseMs: number
  webhookMaxAttempts: number
}

export interface ResolvedSandboxOptions {
  port: number
  host: string
  avarda: AvardaSandboxSettings
  avirato: AviratoSandboxSettings
  log: (line: string) => void
}

/**
 * A fault injected on routes whose name matches `route` (exact name, or a prefix ending in "*",
 * e.g. "avarda.*"). Applies to the next `times` matching calls (default: until cleared) and/or to a
 * share of calls (`rate` 0..1, default 1).
 */
export type FaultSpec = {
  route: string
  times?: number
  rate?: number
} & (
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "latency"; ms: number }
  /** Accept the request and never answer (until the sandbox stops or the client gives up). */
  | { kind: "hang" }
  /** Destroy the socket without answering. */
  | { kind: "reset" }
  /** Answer 200 with a body that is not valid JSON. */
  | { kind: "malformed" }
  /** Answer 401 as the vendor does for an expired/invalid bearer token. */
  | { kind: "expired-token" }
  /**
   * Process the request normally, then answer as `status` (default 500/reset) anyway: the
   * ambiguous-timeout case where the vendor did the work but the client never heard.
   */
  | { kind: "after-processing"; then: "reset" | "hang" | "status"; status?: number }
)
