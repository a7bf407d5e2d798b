/**
 * Per-instance state of the payment-widget simulator: the checkout API's partner tokens and the
 * widget sessions `GET api/paymentwidget/partner/init` hands out (a payment id and a signed widget
 * JWT valid until `expiredUtc`, on the sandbox clock).
 */
import { randomBytes } from "node:crypto"
import { jwtVerify, SignJWT } from "jose"
import { PartnerTokens, type PartnerTokenDeps } from "../shared/partner-token"

export interface WidgetSession {
  paymentId: string
  widgetJwt: string
  issuedAt: Date
  expiresAt: Date
}

export type WidgetCheck = { ok: true; session: WidgetSession } | { ok: false; reason: "unknown" | "expired" }

export class PaymentWidgetState {
  readonly partnerTokens: PartnerTokens
  private readonly signingKey = new Uint8Array(randomBytes(32))
  private readonly sessions = new Map<string, WidgetSession>()

  constructor(private readonly deps: PartnerTokenDeps) {
    this.partnerTokens = new PartnerTokens(deps, "checkout")
  }

  async init(): Promise<WidgetSession> {
    const issuedAt = this.deps.now()
    const expiresAt = new Date(issuedAt.getTime() + this.deps.settings().paymentWidgetTtlSeconds * 1000)
    const paymentId = this.deps.newGuid()
    const widgetJwt = await new SignJWT({ paymentId, scope: "paymentwidget" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer("avarda-sandbox")
      .setSubject(this.deps.settings().clientId)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.signingKey)
    const session = { paymentId, widgetJwt, issuedAt, expiresAt }
    this.sessions.set(paymentId, session)
    return session
  }

  /** Whether a browser's widget (payment id + JWT from the script tag) may render. */
  async check(paymentId: string, widgetJwt: string): Promise<WidgetCheck> {
    const session = this.sessions.get(paymentId)
    if (!session || session.widgetJwt !== widgetJwt) return { ok: false, reason: "unknown" }
    try {
      await jwtVerify(widgetJwt, this.signingKey, { issuer: "avarda-sandbox", currentDate: this.deps.now() })
    } catch {
      return { ok: false, reason: "expired" }
    }
    return { ok: true, session }
  }

  list(): WidgetSession[] {
    return [...this.sessions.values()]
  }

  reset(): void {
    this.partnerTokens.reset()
    this.sessions.clear()
  }
}
