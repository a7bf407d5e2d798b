/** Issued bearer tokens of one API with their expiry (sandbox clock). */
import type { SandboxRequest, SandboxResponse } from "../../core/types"

export type BearerCheck = { ok: true } | { ok: false; response: SandboxResponse }

export class BearerTokens {
  private readonly expiries = new Map<string, Date>()

  constructor(private readonly now: () => Date) {}

  add(token: string, expiresAt: Date): void {
    this.expiries.set(token, expiresAt)
  }

  reset(): void {
    this.expiries.clear()
  }

  /** Make every issued token expire now (control API: simulate expiry without moving the clock). */
  expireAll(): void {
    const now = this.now()
    for (const token of this.expiries.keys()) this.expiries.set(token, now)
  }

  /**
   * 401 as ASP.NET's JwtBearer handler answers: empty body, reason in `WWW-Authenticate`.
   */
  check(req: SandboxRequest): BearerCheck {
    const header = String(req.headers.authorization ?? "")
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!match) return { ok: false, response: { status: 401, headers: { "www-authenticate": "Bearer" } } }
    const expiresAt = this.expiries.get(match[1]!)
    if (!expiresAt) {
      return { ok: false, response: { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } } }
    }
    if (this.now() >= expiresAt) {
      return {
        ok: false,
        response: {
          status: 401,
          headers: {
            "www-authenticate": `Bearer error="invalid_token", error_description="The token expired at '${expiresAt.toUTCString()}'"`,
          },
        },
      }
    }
    return { ok: true }
  }
}
