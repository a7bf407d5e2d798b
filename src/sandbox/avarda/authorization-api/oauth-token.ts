/**
 * `POST oauth2/token` of the Authorization API: form-encoded client credentials, an Azure-AD-v1
 * style answer whose numbers are strings, OAuth2 error objects otherwise.
 */
import { randomBytes } from "node:crypto"
import type { AvardaSandboxSettings, SandboxRequest, SandboxResponse } from "../../core/types"
import type { BearerTokens } from "../shared/bearer-tokens"

/** `resource` of the token answer (the API's app id URI). */
export const AUTHORIZATION_API_RESOURCE = "https://authorization-api.avarda.com"

function oauthError(status: number, error: string, description: string, now: Date): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store, no-cache", pragma: "no-cache" },
    body: {
      error,
      error_description: description,
      error_codes: [],
      timestamp: now.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z"),
      trace_id: randomBytes(16).toString("hex"),
      correlation_id: randomBytes(16).toString("hex"),
    },
  }
}

function formField(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== "object") return undefined
  const value = (body as Record<string, unknown>)[name]
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined
}

export function issueAuthorizationApiToken(
  req: SandboxRequest,
  settings: AvardaSandboxSettings,
  tokens: BearerTokens,
  now: Date,
): SandboxResponse {
  const contentType = String(req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()
  if (contentType !== "application/x-www-form-urlencoded") {
    return oauthError(400, "invalid_request", "The request body must be application/x-www-form-urlencoded and contain the parameter 'grant_type'.", now)
  }
  const grantType = formField(req.body, "grant_type")
  const clientId = formField(req.body, "client_id")
  const clientSecret = formField(req.body, "client_secret")
  if (!grantType) return oauthError(400, "invalid_request", "The request body must contain the following parameter: 'grant_type'.", now)
  if (grantType !== "client_credentials") {
    return oauthError(
      400,
      "unsupported_grant_type",
      "The provided value for the input parameter 'grant_type' is not valid. Expected values are the following: 'client_credentials'.",
      now,
    )
  }
  if (!clientId) return oauthError(400, "invalid_request", "The request body must contain the following parameter: 'client_id'.", now)
  if (clientId !== settings.clientId) {
    return oauthError(400, "unauthorized_client", `Application with identifier '${clientId}' was not found in the directory.`, now)
  }
  if (!clientSecret) {
    return oauthError(401, "invalid_client", "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", now)
  }
  if (clientSecret !== settings.clientSecret) {
    return oauthError(401, "invalid_client", `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value for app '${clientId}'.`, now)
  }

  const ttl = settings.tokenTtlSeconds
  const issuedAt = Math.floor(now.getTime() / 1000)
  const accessToken = `sbx-aa.${randomBytes(32).toString("base64url")}`
  tokens.add(accessToken, new Date(now.getTime() + ttl * 1000))
  return {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store, no-cache", pragma: "no-cache" },
    body: {
      token_type: "Bearer",
      expires_in: String(ttl),
      ext_expires_in: String(ttl),
      expires_on: String(issuedAt + ttl),
      not_before: String(issuedAt),
      resource: AUTHORIZATION_API_RESOURCE,
      access_token: accessToken,
    },
  }
}
