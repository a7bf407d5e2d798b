/**
 * Authorization API routes, mounted under `/avarda/authorization-api/`. Paths match
 * case-insensitively (assumption U23).
 */
import type { AvardaSandboxSettings, SandboxRequest, SandboxResponse, SandboxRouter } from "../../core/types"
import type { BearerTokens } from "../shared/bearer-tokens"
import { bearerRoutes } from "../shared/bearer-routes"
import { decideCredit, type CreditDecision } from "../shared/credit-decision"
import { readDotnetJson } from "../shared/json-request"
import { toPlainJson } from "../shared/lossless-json"
import { authorizationErrorMessage } from "../shared/messages"
import { fromMinorUnits } from "../shared/money"
import { problem, validationProblem } from "../shared/problem-details"
import { emptyOk, jsonResponse } from "../shared/responses"
import { idValidationPageUrl } from "../pages/id-validation-page"
import type { AuthorizationRecord, AuthorizationRegistry, OrderManagementResult } from "./authorizations"
import { issueAuthorizationApiToken } from "./oauth-token"
import {
  AUTHORIZATION_API_KEYS,
  cancelSchema,
  createAuthorizationSchema,
  orderManagementSchema,
  PRODUCTS,
  type AuthorizationProduct,
} from "./request-schemas"
import { validateCancel, validateCreateAuthorization, validateOrderManagement, type ValidOrderManagementRequest } from "./rules"

export const AUTHORIZATION_API_PREFIX = "/avarda/authorization-api"

const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export interface AuthorizationApiDeps {
  registry: AuthorizationRegistry
  tokens: BearerTokens
  settings(): AvardaSandboxSettings
  now(): Date
}

function creationResponse(record: AuthorizationRecord, registry: AuthorizationRegistry, origin: string): SandboxResponse {
  if (record.pendingIdValidation) {
    return jsonResponse(202, {
      forced: false,
      redirectUrl: idValidationPageUrl(origin, record.authorizationId),
      authorizationId: record.authorizationId,
    })
  }
  const outcome = record.outcome!
  if (outcome.status === 0) {
    return jsonResponse(201, { creditLimit: fromMinorUnits(record.creditLimitMinor), authorizationId: record.authorizationId })
  }
  return jsonResponse(outcome.status === 3 ? 500 : 422, {
    errorCode: outcome.errorCode,
    errorMessage: registry.errorMessageOf(record),
    authorizationId: record.authorizationId,
  })
}

function orderManagementResponse(result: OrderManagementResult): SandboxResponse {
  return result.ok ? emptyOk() : jsonResponse(422, [result.error])
}

export function mountAuthorizationApi(router: SandboxRouter, deps: AuthorizationApiDeps): void {
  const { registry, tokens } = deps
  /** Every route but the token endpoint answers 401 (as JwtBearer does) without a valid bearer token. */
  const route = bearerRoutes(router, AUTHORIZATION_API_PREFIX, tokens)

  route("POST", "/oauth2/token", "avarda.auth.token", (req) => issueAuthorizationApiToken(req, deps.settings(), tokens, deps.now()), false)

  const create = (product: AuthorizationProduct) => (req: SandboxRequest) => {
    const body = readDotnetJson(req, createAuthorizationSchema, AUTHORIZATION_API_KEYS)
    if (!body.ok) return body.response
    const today = deps.now()
    const valid = validateCreateAuthorization(product, body.value, today)
    if (!valid.ok) return validationProblem(valid.errors)
    const request = valid.request
    // A malformed e-mail is a credit rejection (errorCode 7), not a 400.
    const decision: CreditDecision = EMAIL_FORMAT.test(request.input.customer!.email!.trim())
      ? decideCredit({
          identificationNumber: request.identificationNumber,
          market: request.market,
          totalMinor: request.totalMinor,
          mockMode: request.mockMode,
          today,
        })
      : { kind: "rejected", errorCode: 7 }
    const record = registry.create(request, toPlainJson(body.raw), decision)
    return creationResponse(record, registry, req.origin)
  }
  for (const product of PRODUCTS) {
    route("POST", `/authorization/${product}`, `avarda.authorization.create.${product}`, create(product))
  }

  route("GET", "/authorization/:authorizationId", "avarda.authorization.status", (req) => {
    const record = registry.get(req.params.authorizationId!)
    if (!record) return problem(404, `Authorization '${req.params.authorizationId}' was not found.`)
    return jsonResponse(200, registry.statusBody(record))
  })

  /** `/order` (capture) and `/return` take the same body under the same rules. */
  const orderManagementRoute = (
    path: string,
    name: string,
    apply: (authorizationId: string, request: ValidOrderManagementRequest) => OrderManagementResult,
  ) =>
    route("POST", path, name, (req) => {
      const body = readDotnetJson(req, orderManagementSchema, AUTHORIZATION_API_KEYS)
      if (!body.ok) return body.response
      const valid = validateOrderManagement(body.value)
      if (!valid.ok) return validationProblem(valid.errors)
      return orderManagementResponse(apply(req.params.authorizationId!, valid.request))
    })
  orderManagementRoute("/authorization/:authorizationId/order", "avarda.authorization.order", (id, request) => registry.capture(id, request))
  orderManagementRoute("/authorization/:authorizationId/return", "avarda.authorization.return", (id, request) =>
    registry.returnItems(id, request),
  )

  route("POST", "/authorization/:authorizationId/cancel", "avarda.authorization.cancel", (req) => {
    const body = readDotnetJson(req, cancelSchema, AUTHORIZATION_API_KEYS)
    if (!body.ok) return body.response
    const valid = validateCancel(body.value)
    if (!valid.ok) return validationProblem(valid.errors)
    return orderManagementResponse(registry.cancel(req.params.authorizationId!, valid.reason))
  })
}

/** The vendor's answer for an injected fault without a body. */
export function authorizationApiFaultResponse(
  fault: { kind: "status" | "expired-token"; status: number },
  req: SandboxRequest,
  newGuid: () => string,
): SandboxResponse {
  if (fault.kind === "expired-token" || fault.status === 401) {
    return { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token", error_description="The token expired"' } }
  }
  const isCreate = /\/authorization\/(invoice|direct-invoice|loan|part-payment)\/?$/i.test(req.path)
  if (fault.status === 500 && isCreate) {
    return jsonResponse(500, { errorCode: 101, errorMessage: authorizationErrorMessage(101, "en"), authorizationId: newGuid() })
  }
  return problem(fault.status)
}
