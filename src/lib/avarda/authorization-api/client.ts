/**
 * Typed client of Avarda's Authorization API: OAuth2 client-credentials token cached
 * per environment and client id (refreshed 5 minutes before expiry, single-flight, one retry after
 * a 401), zod-parsed answers, per-call timeouts. It never retries by itself: creating an
 * authorization is not idempotent, so an ambiguous timeout must reach the caller as such.
 */
import type { Dispatcher } from "undici"
import { VendorHttpError, VendorProtocolError } from "../../http/errors"
import { TokenCache, withTokenRetry, type AccessToken } from "../../http/token-cache"
import { parseJsonBody, tryParseJson, VendorHttpClient, type VendorRequest, type VendorResponse } from "../../http/vendor-http-client"
import { AvardaOrderManagementError, type AvardaErrorEntry } from "./errors"
import type { AuthorizationProduct, CreateAuthorizationRequest, OrderManagementRequest } from "./request"
import {
  approvedSchema,
  authorizationStatusSchema,
  creditErrorSchema,
  idValidationRequiredSchema,
  orderManagementErrorSchema,
  tokenResponseSchema,
  validationProblemSchema,
  type AuthorizationStatusBody,
} from "./schemas"

export interface AuthorizationApiTimeouts {
  /** Credit decisions can be slow (U21). Default 30 000 ms. */
  createMs: number
  /** Status and order management. Default 15 000 ms. */
  requestMs: number
  /** Token endpoint. Default 10 000 ms. */
  tokenMs: number
}

export const DEFAULT_AUTHORIZATION_API_TIMEOUTS: AuthorizationApiTimeouts = { createMs: 30_000, requestMs: 15_000, tokenMs: 10_000 }

export interface AuthorizationApiClientOptions {
  baseUrl: string
  clientId: string
  clientSecret: string
  timeouts?: Partial<AuthorizationApiTimeouts>
  /** Shared token cache (see `sharedAuthorizationApiClient`); a private one otherwise. */
  tokenCache?: TokenCache
  /** For tests: a custom undici dispatcher. */
  dispatcher?: Dispatcher
}

export type CreateAuthorizationOutcome =
  | { kind: "approved"; authorizationId: string; creditLimit?: number }
  | { kind: "id_validation_required"; authorizationId: string; redirectUrl: string; forced?: boolean }
  | { kind: "rejected"; authorizationId?: string; errorCode?: number; errorMessage?: string }
  /** 400: Avarda found the request invalid; messages are for developers, the personal ID number is masked. */
  | { kind: "invalid_request"; title?: string; errors: Record<string, string[]> }
  | { kind: "technical_error"; status: number; authorizationId?: string; errorCode?: number; errorMessage?: string }

const CREATE_PATHS: Record<AuthorizationProduct, string> = {
  invoice: "authorization/invoice",
  "direct-invoice": "authorization/direct-invoice",
  loan: "authorization/loan",
  // Docs path; Avarda's Magento module posts to `partpayment` (U1).
  "part-payment": "authorization/part-payment",
}

export class AuthorizationApiClient {
  private readonly http: VendorHttpClient
  private readonly tokens: TokenCache
  private readonly timeouts: AuthorizationApiTimeouts

  constructor(private readonly options: AuthorizationApiClientOptions) {
    this.timeouts = { ...DEFAULT_AUTHORIZATION_API_TIMEOUTS, ...options.timeouts }
    this.http = new VendorHttpClient({ baseUrl: options.baseUrl, timeoutMs: this.timeouts.requestMs, dispatcher: options.dispatcher })
    this.tokens = options.tokenCache ?? new TokenCache({ fetchToken: () => this.fetchToken() })
  }

  /** The token request itself (exposed for the shared cache factory and tests). */
  async fetchToken(): Promise<AccessToken> {
    const operation = "avarda.oauth2.token"
    const { data } = await this.http.requestJson(
      {
        operation,
        method: "POST",
        path: "oauth2/token",
        form: { grant_type: "client_credentials", client_id: this.options.clientId, client_secret: this.options.clientSecret },
        timeoutMs: this.timeouts.tokenMs,
      },
      tokenResponseSchema
    )
    const expiresAt =
      data.expires_on !== undefined ? data.expires_on * 1000 : data.expires_in !== undefined ? Date.now() + data.expires_in * 1000 : undefined
    if (expiresAt === undefined) throw new VendorProtocolError(`${operation}: the token answer has neither expires_on nor expires_in`, operation)
    return { value: data.access_token, expiresAt }
  }

  /** `POST /authorization/{product}`: one attempt only (not idempotent). */
  async createAuthorization(product: AuthorizationProduct, request: CreateAuthorizationRequest): Promise<CreateAuthorizationOutcome> {
    const operation = `avarda.authorization.create.${product}`
    const res = await this.send({ operation, method: "POST", path: CREATE_PATHS[product], json: request, timeoutMs: this.timeouts.createMs })
    switch (res.status) {
      case 201: {
        const body = parseJsonBody(operation, res.text, approvedSchema)
        return { kind: "approved", authorizationId: body.authorizationId, ...(body.creditLimit !== undefined ? { creditLimit: body.creditLimit } : {}) }
      }
      case 202: {
        const body = parseJsonBody(operation, res.text, idValidationRequiredSchema)
        return { kind: "id_validation_required", authorizationId: body.authorizationId, redirectUrl: body.redirectUrl, forced: body.forced }
      }
      case 400: {
        const parsed = validationProblemSchema.safeParse(tryParseJson(res.text))
        const secret = request.customer?.identificationNumber
        const errors: Record<string, string[]> = {}
        for (const [field, messages] of Object.entries(parsed.success ? parsed.data.errors ?? {} : {})) {
          // Avarda may quote the personal ID number in its message about it: keep only the field.
          errors[field] = /identificationnumber/i.test(field)
            ? ["is not accepted by Avarda"]
            : messages.map((m) => maskQuotedValues(maskSecret(m, secret)))
        }
        const title = parsed.success ? parsed.data.title ?? parsed.data.detail : undefined
        return { kind: "invalid_request", ...(title ? { title: maskSecret(title, secret) } : {}), errors }
      }
      case 422: {
        const body = creditErrorSchema.safeParse(tryParseJson(res.text))
        return { kind: "rejected", ...(body.success ? stripUndefined(body.data) : {}) }
      }
      default: {
        if (res.status >= 500) {
          const body = creditErrorSchema.safeParse(tryParseJson(res.text))
          return { kind: "technical_error", status: res.status, ...(body.success ? stripUndefined(body.data) : {}) }
        }
        throw new VendorHttpError(operation, res.status, "", undefined)
      }
    }
  }

  /** `GET /authorization/{id}`. */
  async getAuthorization(authorizationId: string): Promise<AuthorizationStatusBody> {
    const operation = "avarda.authorization.status"
    const res = await this.send({ operation, method: "GET", path: `authorization/${encodeURIComponent(authorizationId)}` })
    if (res.status !== 200) throw new VendorHttpError(operation, res.status, res.text, tryParseJson(res.text))
    const body = parseJsonBody(operation, res.text, authorizationStatusSchema)
    // The copy of the original request holds the personal ID number: never keep it, only its
    // order reference (whose authorization this is).
    const orderReference = (body.request as { orderReference?: unknown } | null | undefined)?.orderReference
    delete body.request
    return typeof orderReference === "string" ? { ...body, orderReference } : body
  }

  /** `POST /authorization/{id}/order`: capture delivered rows. */
  captureOrder(authorizationId: string, body: OrderManagementRequest): Promise<void> {
    return this.orderManagement("avarda.authorization.order", authorizationId, "order", body)
  }

  /** `POST /authorization/{id}/return`: credit returned rows (send positive amounts). */
  returnItems(authorizationId: string, body: OrderManagementRequest): Promise<void> {
    return this.orderManagement("avarda.authorization.return", authorizationId, "return", body)
  }

  /** `POST /authorization/{id}/cancel`: drop the reservation (refused after any capture). */
  cancel(authorizationId: string, reason: string): Promise<void> {
    return this.orderManagement("avarda.authorization.cancel", authorizationId, "cancel", { reason })
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  private async orderManagement(operation: string, authorizationId: string, action: string, json: unknown): Promise<void> {
    const res = await this.send({ operation, method: "POST", path: `authorization/${encodeURIComponent(authorizationId)}/${action}`, json })
    if (res.status >= 200 && res.status < 300) return
    const body = tryParseJson(res.text)
    const parsed = orderManagementErrorSchema.safeParse(body)
    let errors: AvardaErrorEntry[] = []
    if (parsed.success) {
      errors = Array.isArray(parsed.data)
        ? parsed.data.map((e) => stripUndefined({ code: e.ErrorCode?.toString(), message: e.ErrorMessage }))
        : [stripUndefined({ code: parsed.data.errorCode?.toString(), message: parsed.data.errorMessage })]
    }
    throw new AvardaOrderManagementError(operation, res.status, res.text, body, errors)
  }

  /** One call with a bearer token; after a 401 the token is renewed and the call sent once more. */
  private send(request: VendorRequest): Promise<VendorResponse> {
    return withTokenRetry(
      this.tokens,
      async (token) => {
        const res = await this.http.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } })
        if (res.status === 401) throw new VendorHttpError(request.operation, 401, res.text, undefined, "token rejected")
        return res
      },
      (error) => error instanceof VendorHttpError && error.status === 401
    )
  }
}

/** Avarda's validation texts quote the submitted value ('0701…'): personal data, not for logs. */
function maskQuotedValues(text: string): string {
  return text.replace(/'[^']*'/g, "'***'")
}

function maskSecret(text: string, secret: string | undefined): string {
  if (!secret?.trim()) return text
  const secretDigits = secret.replace(/\D/g, "")
  const masked = text.split(secret.trim()).join("***")
  if (secretDigits.length < 6) return masked
  // Any other spelling of the number (10/12 digits, with or without separators).
  return masked.replace(/\d[\d\-+ ]{4,}\d/g, (match) => {
    const digits = match.replace(/\D/g, "")
    return digits.length >= 6 && secretDigits.includes(digits) ? "***" : match
  })
}

function stripUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> }
}
