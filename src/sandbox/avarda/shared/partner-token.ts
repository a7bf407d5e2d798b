/**
 * The Checkout-3.0-style partner token of Avarda's JSON APIs (My Pages `POST auth/token`, the
 * checkout API's `POST api/partner/tokens`): JSON `{clientId, clientSecret}` → `{token,
 * tokenExpirationUtc}`, an HS256 JWT whose `exp` equals the stated expiry. Each API keeps its own
 * issued tokens, so a token of one is refused by the other.
 */
import { randomBytes } from "node:crypto"
import { SignJWT } from "jose"
import type { AvardaSandboxSettings, SandboxRequest, SandboxResponse } from "../../core/types"
import { tokenRequestSchema } from "../my-pages/request-schemas"
import { BearerTokens } from "./bearer-tokens"
import { collectKeys } from "./dotnet-json"
import { readDotnetJson } from "./json-request"
import { missingFieldsProblem, problem } from "./problem-details"
import { jsonResponse } from "./responses"

const TOKEN_REQUEST_KEYS = collectKeys(tokenRequestSchema)

export interface PartnerTokenDeps {
  now(): Date
  settings(): AvardaSandboxSettings
  newGuid(): string
}

export class PartnerTokens {
  readonly bearer: BearerTokens
  private readonly signingKey = new Uint8Array(randomBytes(32))

  /** `scope` goes into the token's claims (e.g. "mypages", "checkout"). */
  constructor(
    private readonly deps: PartnerTokenDeps,
    private readonly scope: string,
  ) {
    this.bearer = new BearerTokens(() => deps.now())
  }

  async issue(): Promise<{ token: string; tokenExpirationUtc: string }> {
    const now = this.deps.now()
    const expiresAt = new Date(now.getTime() + this.deps.settings().tokenTtlSeconds * 1000)
    const token = await new SignJWT({ scope: this.scope })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer("avarda-sandbox")
      .setSubject(this.deps.settings().clientId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .setJti(this.deps.newGuid())
      .sign(this.signingKey)
    this.bearer.add(token, expiresAt)
    return { token, tokenExpirationUtc: expiresAt.toISOString() }
  }

  /** The whole token endpoint: body checks as ASP.NET answers them, then the credentials. */
  async answer(req: SandboxRequest): Promise<SandboxResponse> {
    const body = readDotnetJson(req, tokenRequestSchema, TOKEN_REQUEST_KEYS)
    if (!body.ok) return body.response
    const missing = missingFieldsProblem({ ClientId: body.value.clientId, ClientSecret: body.value.clientSecret })
    if (missing) return missing
    const settings = this.deps.settings()
    if (body.value.clientId !== settings.clientId || body.value.clientSecret !== settings.clientSecret) {
      return problem(401, "Invalid client credentials.")
    }
    return jsonResponse(200, await this.issue())
  }

  reset(): void {
    this.bearer.reset()
  }
}
