import type { Dispatcher } from "undici"
import type { z } from "zod"
import {
  VendorConnectError,
  VendorConnectionLostError,
  VendorProtocolError,
  VendorTimeoutError,
} from "../http/errors"
import { parseJsonValue, VendorHttpClient, type VendorRequest } from "../http/vendor-http-client"
import { normalizeBaseUrl } from "./environment"
import { AviratoApiError } from "./errors"
import {
  aviratoSessionPageSchema,
  aviratoSessionSchema,
  errorEnvelopeSchema,
  modificationAcceptedSchema,
  successEnvelope,
  type AviratoAmount,
  type AviratoRefundReason,
  type AviratoSession,
  type AviratoSessionPage,
  type ModificationAccepted,
} from "./schemas"

export interface AviratoClientOptions {
  /** e.g. https://aviratopayments.com/external/v1/test/ (see environment.ts). */
  baseUrl: string
  apiKey: string
  webcode: string
  /** Per attempt (connect + answer). Default 10 000 ms. */
  timeoutMs?: number
  /** Attempts for calls that are safe to repeat (reads, and POSTs with an Idempotency-Key). Default 3. */
  maxAttempts?: number
  /** First backoff delay; doubles per attempt, with jitter. Default 200 ms. */
  retryBaseDelayMs?: number
  /** For tests: a custom undici dispatcher. */
  dispatcher?: Dispatcher
  /** For tests: how to wait between attempts. */
  sleep?: (ms: number) => Promise<void>
  /** Told about every retry (for logging); never receives secrets. */
  onRetry?: (info: { operation: string; attempt: number; error: Error }) => void
}

export interface CreateSessionInput {
  amount: AviratoAmount
  urlOk: string
  urlKo: string
  isPreAuth: boolean
  customReference?: string
  description?: string
  countryCode?: string
  shopperLocale?: string
  deliverAt?: string
}

export interface ModificationInput {
  paymentReference: string
  amount?: AviratoAmount
}

export interface RefundInput {
  paymentReference: string
  amount: AviratoAmount
  reason: AviratoRefundReason
}

/** Filters of one GET payment/sessions page (path and parameters assumed: see aviratoSessionPageSchema). */
export interface ListSessionsQuery {
  /** A session status (pending, completed, cancelled, failed, expired). */
  status?: string
  /** Sessions created at or after this instant. */
  from: Date
  /** Sessions created at or before this instant. */
  to: Date
  /** From 1. */
  page: number
  limit: number
}

const sessionEnvelope = successEnvelope(aviratoSessionSchema)
const sessionPageEnvelope = successEnvelope(aviratoSessionPageSchema)
const modificationEnvelope = successEnvelope(modificationAcceptedSchema)

/**
 * Typed client for the Avirato Payments External API. Every POST carries an Idempotency-Key chosen
 * by the caller, and only calls that are safe to repeat are retried: reads, and POSTs re-sent with
 * the SAME key after a connect error, a timeout, a lost connection, a 5xx/429 or an unreadable 2xx.
 * A 4xx is final and surfaces as AviratoApiError with Avirato's `code` and `traceId`.
 */
export class AviratoClient {
  private readonly http: VendorHttpClient
  private readonly maxAttempts: number
  private readonly retryBaseDelayMs: number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(private readonly options: AviratoClientOptions) {
    this.http = new VendorHttpClient({
      baseUrl: normalizeBaseUrl(options.baseUrl),
      timeoutMs: options.timeoutMs ?? 10_000,
      dispatcher: options.dispatcher,
    })
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3)
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 200
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  }

  get webcode(): string {
    return this.options.webcode
  }

  /** POST payment/session → 201 with sessionId and paymentUrl. */
  async createSession(input: CreateSessionInput, idempotencyKey: string): Promise<AviratoSession> {
    const body = {
      webcode: this.options.webcode,
      amount: input.amount,
      urlOk: input.urlOk,
      urlKo: input.urlKo,
      isPreAuth: input.isPreAuth,
      customReference: input.customReference,
      description: input.description,
      countryCode: input.countryCode,
      shopperLocale: input.shopperLocale,
      deliverAt: input.deliverAt,
    }
    return this.post("avirato.createSession", "payment/session", body, idempotencyKey, sessionEnvelope)
  }

  /** GET payment/session/{id}?webcode=… — the authoritative state of a session. */
  async getSession(sessionId: string): Promise<AviratoSession> {
    const request: VendorRequest = {
      operation: "avirato.getSession",
      method: "GET",
      path: `payment/session/${encodeURIComponent(sessionId)}`,
      query: { webcode: this.options.webcode },
      headers: this.headers(),
    }
    return this.withRetries(request.operation, () => this.send(request, sessionEnvelope))
  }

  /**
   * GET payment/sessions?webcode=…&status=…&from=…&to=…&page=…&limit=… — one page of the account's
   * sessions created within [from, to] (sent as ISO 8601 UTC instants), oldest first. A read: retried
   * like GET session.
   */
  async listSessions(query: ListSessionsQuery): Promise<AviratoSessionPage> {
    const request: VendorRequest = {
      operation: "avirato.listSessions",
      method: "GET",
      path: "payment/sessions",
      query: {
        webcode: this.options.webcode,
        ...(query.status ? { status: query.status } : {}),
        from: query.from.toISOString(),
        to: query.to.toISOString(),
        page: String(query.page),
        limit: String(query.limit),
      },
      headers: this.headers(),
    }
    return this.withRetries(request.operation, () => this.send(request, sessionPageEnvelope))
  }

  /** POST payment/capture (pre-authorisations only); 202, the outcome comes by webhook. */
  capture(input: ModificationInput, idempotencyKey: string): Promise<ModificationAccepted> {
    return this.modify("capture", { paymentReference: input.paymentReference, amount: input.amount }, idempotencyKey)
  }

  /** POST payment/cancel (voids an uncaptured pre-authorisation). */
  cancel(input: { paymentReference: string }, idempotencyKey: string): Promise<ModificationAccepted> {
    return this.modify("cancel", { paymentReference: input.paymentReference }, idempotencyKey)
  }

  /** POST payment/extend (renews a pre-authorisation's validity). */
  extend(input: ModificationInput, idempotencyKey: string): Promise<ModificationAccepted> {
    return this.modify("extend", { paymentReference: input.paymentReference, amount: input.amount }, idempotencyKey)
  }

  /** POST payment/refund (all or part of what was captured). */
  refund(input: RefundInput, idempotencyKey: string): Promise<ModificationAccepted> {
    return this.modify(
      "refund",
      { paymentReference: input.paymentReference, amount: input.amount, reason: input.reason },
      idempotencyKey
    )
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  private modify(
    type: "capture" | "cancel" | "extend" | "refund",
    fields: Record<string, unknown>,
    idempotencyKey: string
  ): Promise<ModificationAccepted> {
    return this.post(
      `avirato.${type}`,
      `payment/${type}`,
      { webcode: this.options.webcode, ...fields },
      idempotencyKey,
      modificationEnvelope
    )
  }

  private async post<T>(
    operation: string,
    path: string,
    body: Record<string, unknown>,
    idempotencyKey: string,
    envelope: z.ZodType<{ success: true; data: T }>
  ): Promise<T> {
    if (!idempotencyKey) throw new Error(`${operation}: an Idempotency-Key is required`)
    const request: VendorRequest = {
      operation,
      method: "POST",
      path,
      headers: { ...this.headers(), "idempotency-key": idempotencyKey },
      json: withoutUndefined(body),
    }
    return this.withRetries(operation, () => this.send(request, envelope))
  }

  /**
   * One JSON parse and one schema per answer: the success envelope for a 2xx, the error envelope
   * only when Avirato reports a failure (a non-2xx, or a 2xx whose body says `success: false`).
   */
  private async send<T>(request: VendorRequest, envelope: z.ZodType<{ success: true; data: T }>): Promise<T> {
    const response = await this.http.request(request)
    const body = readJson(response.text)
    const failed = response.status < 200 || response.status >= 300 || isFailureEnvelope(body.json)
    if (failed) throw toApiError(request.operation, response.status, response.text, body.json)
    if (!body.isJson) {
      throw new VendorProtocolError(`${request.operation}: the vendor answered with a body that is not JSON`, request.operation)
    }
    return parseJsonValue(request.operation, body.json, envelope).data
  }

  private async withRetries<T>(operation: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call()
      } catch (error) {
        if (attempt >= this.maxAttempts || !isRepeatable(error)) throw error
        this.options.onRetry?.({ operation, attempt, error: error as Error })
        const backoff = this.retryBaseDelayMs * 2 ** (attempt - 1)
        await this.sleep(backoff + Math.floor(Math.random() * (backoff / 2)))
      }
    }
  }

  private headers(): Record<string, string> {
    return { "x-api-key": this.options.apiKey }
  }
}

/** Failures after which the same request (same Idempotency-Key) may be sent again. */
export function isRepeatable(error: unknown): boolean {
  return (
    error instanceof VendorConnectError ||
    error instanceof VendorTimeoutError ||
    error instanceof VendorConnectionLostError ||
    error instanceof VendorProtocolError ||
    (error instanceof AviratoApiError && error.retryable)
  )
}

function toApiError(operation: string, status: number, text: string, body: unknown): AviratoApiError {
  const envelope = errorEnvelopeSchema.safeParse(body)
  const error = envelope.success ? envelope.data.error : undefined
  return new AviratoApiError(operation, status, text, body, error?.code, error?.traceId, error?.message)
}

/** The body parsed once; `isJson` is false for text that is not JSON (an empty body is no JSON either). */
function readJson(text: string): { isJson: boolean; json: unknown } {
  if (!text) return { isJson: false, json: undefined }
  try {
    return { isJson: true, json: JSON.parse(text) }
  } catch {
    return { isJson: false, json: undefined }
  }
}

/** Avirato's error envelope says `success: false`; checking that field needs no schema. */
function isFailureEnvelope(json: unknown): boolean {
  return typeof json === "object" && json !== null && (json as { success?: unknown }).success === false
}

function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
}
