/**
 * Per-instance My Pages state: partner tokens, seeded fixtures, strong-authentication sessions,
 * payment sessions (`POST /Pay`). Accounts themselves are derived on every read from the credit
 * purchases of the other two simulators plus the fixtures.
 */
import { jwtVerify, SignJWT } from "jose"
import { randomBytes } from "node:crypto"
import type { AvardaSandboxSettings } from "../../core/types"
import type { CreditPurchaseSource } from "../shared/credit-purchase"
import { PartnerTokens } from "../shared/partner-token"
import { accountFromPurchase, figuresOf, type AccountFigures, type AccountPayment, type LedgerAccount } from "./accounts"
import { buildFixture, type MyPagesFixture, type SeededFixture } from "./fixtures"

/** `/Pay/Status` states. */
export type PayState = "Paid" | "Unpaid" | "Error" | "Cancelled" | "TimedOut"

/** A Checkout-3 payment session lives this long before it times out. */
export const PAY_SESSION_TTL_MS = 30 * 60 * 1000

export interface PaySession {
  purchaseId: string
  accountId: string
  language?: unknown
  createdAt: Date
  expiresAt: Date
  state: PayState
  choice?: "full" | "minimum" | "custom"
  amountMinor?: number
  completedAt?: Date
}

export interface StrongAuthSession {
  id: string
  customerAuthToken: string
  customerTokenProvider: string
  shopperKey: string
  returnUrl: string
  createdAt: Date
  completedAt?: Date
  result?: "identified" | "cancelled"
}

export interface MyPagesDeps {
  now(): Date
  settings(): AvardaSandboxSettings
  newGuid(): string
  sources(): CreditPurchaseSource[]
}

export type PaymentChoice = { kind: "full" } | { kind: "minimum" } | { kind: "custom"; amountMinor: number }

export class MyPagesState {
  /** Partner tokens of `POST auth/token`. */
  readonly partnerTokens: PartnerTokens
  /** Signs the pay-session JWTs. */
  private readonly signingKey = new Uint8Array(randomBytes(32))
  private fixtures: SeededFixture[] = []
  private paySessions = new Map<string, PaySession>()
  private strongAuthSessions = new Map<string, StrongAuthSession>()
  private authenticated = new Set<string>()
  private fixtureSequence = 0

  constructor(private readonly deps: MyPagesDeps) {
    this.partnerTokens = new PartnerTokens(deps, "mypages")
  }

  reset(): void {
    this.partnerTokens.reset()
    this.fixtures = []
    this.paySessions.clear()
    this.strongAuthSessions.clear()
    this.authenticated.clear()
    this.fixtureSequence = 0
  }

  // --- accounts ------------------------------------------------------------------------------

  seed(fixture: MyPagesFixture): SeededFixture {
    const seeded = buildFixture(fixture, this.deps.now(), () => {
      this.fixtureSequence += 1
      return String(8_000_000_000 + this.fixtureSequence)
    })
    const taken = new Set(this.accounts().map((account) => account.id))
    const clash = seeded.accounts.find((account) => taken.has(account.id))
    if (clash) throw new Error(`An account with id '${clash.id}' already exists`)
    this.fixtures.push(seeded)
    return seeded
  }

  accounts(): LedgerAccount[] {
    const derived = this.deps
      .sources()
      .flatMap((source) => source.creditPurchases())
      .map(accountFromPurchase)
      .filter((account): account is LedgerAccount => account !== undefined)
    return [...derived, ...this.fixtures.flatMap((fixture) => fixture.accounts)]
  }

  /** The shopper a purchase id belongs to (any credit purchase, or a fixture's purchase ids). */
  shopperOfPurchase(purchaseId: string): string | undefined {
    const wanted = purchaseId.trim().toLowerCase()
    for (const source of this.deps.sources()) {
      const purchase = source.creditPurchases().find((candidate) => candidate.purchaseId.toLowerCase() === wanted)
      if (purchase) return purchase.shopperKey
    }
    return this.fixtures.find((fixture) => fixture.purchaseIds.some((id) => id.toLowerCase() === wanted))?.shopperKey
  }

  accountsOfShopper(shopperKey: string): LedgerAccount[] {
    return this.accounts().filter((account) => account.shopperKey === shopperKey)
  }

  findAccount(accountId: string): LedgerAccount | undefined {
    return this.accounts().find((account) => account.id === accountId.trim())
  }

  payments(): AccountPayment[] {
    return [...this.paySessions.values()]
      .filter((session) => session.state === "Paid" && session.amountMinor !== undefined)
      .map((session) => ({ accountId: session.accountId, amountMinor: session.amountMinor!, at: session.completedAt! }))
  }

  figures(account: LedgerAccount): AccountFigures {
    return figuresOf(account, this.payments(), this.deps.now())
  }

  // --- strong authentication -----------------------------------------------------------------

  private authKey(provider: string, token: string, shopperKey: string): string {
    return `${provider.toLowerCase()}\n${token}\n${shopperKey}`
  }

  isAuthenticated(provider: string, token: string, shopperKey: string): boolean {
    return this.authenticated.has(this.authKey(provider, token, shopperKey))
  }

  startStrongAuth(provider: string, token: string, shopperKey: string, returnUrl: string): StrongAuthSession {
    const session: StrongAuthSession = {
      id: this.deps.newGuid(),
      customerAuthToken: token,
      customerTokenProvider: provider,
      shopperKey,
      returnUrl,
      createdAt: this.deps.now(),
    }
    this.strongAuthSessions.set(session.id, session)
    return session
  }

  strongAuthSession(id: string): StrongAuthSession | undefined {
    return this.strongAuthSessions.get(id)
  }

  completeStrongAuth(session: StrongAuthSession, result: "identified" | "cancelled"): void {
    session.completedAt = this.deps.now()
    session.result = result
    if (result === "identified") this.markAuthenticated(session.customerTokenProvider, session.customerAuthToken, session.shopperKey)
  }

  markAuthenticated(provider: string, token: string, shopperKey: string): void {
    this.authenticated.add(this.authKey(provider, token, shopperKey))
  }

  listStrongAuthSessions(): StrongAuthSession[] {
    return [...this.strongAuthSessions.values()]
  }

  // --- pay -----------------------------------------------------------------------------------

  async startPayment(account: LedgerAccount, language: unknown): Promise<{ purchaseId: string; jwt: string }> {
    const now = this.deps.now()
    const session: PaySession = {
      purchaseId: this.deps.newGuid().replace(/-/g, "").toUpperCase(),
      accountId: account.id,
      ...(language === undefined ? {} : { language }),
      createdAt: now,
      expiresAt: new Date(now.getTime() + PAY_SESSION_TTL_MS),
      state: "Unpaid",
    }
    this.paySessions.set(session.purchaseId, session)
    const jwt = await new SignJWT({ purchaseId: session.purchaseId, accountId: account.id })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer("avarda-sandbox")
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(session.expiresAt.getTime() / 1000))
      .sign(this.signingKey)
    return { purchaseId: session.purchaseId, jwt }
  }

  /** The session with its time-out applied. */
  paySession(purchaseId: string): PaySession | undefined {
    const session = this.paySessions.get(purchaseId.trim().toUpperCase())
    if (session && session.state === "Unpaid" && this.deps.now() >= session.expiresAt) session.state = "TimedOut"
    return session
  }

  listPaySessions(): PaySession[] {
    return [...this.paySessions.keys()].map((id) => this.paySession(id)!)
  }

  /** True when `jwt` is the one issued for `purchaseId` and has not expired (sandbox clock). */
  async verifyPayJwt(purchaseId: string, jwt: string): Promise<boolean> {
    try {
      const { payload } = await jwtVerify(jwt, this.signingKey, {
        issuer: "avarda-sandbox",
        currentDate: this.deps.now(),
      })
      return typeof payload.purchaseId === "string" && payload.purchaseId.toUpperCase() === purchaseId.trim().toUpperCase()
    } catch {
      return false
    }
  }

  /**
   * The shopper's choice on the payment form. Custom amounts must lie between the minimum and the
   * balance (below the minimum the form refuses, as Avarda's would roll it into a loan).
   */
  completePayment(
    session: PaySession,
    action: PaymentChoice | { kind: "cancel" } | { kind: "fail" },
  ): { ok: true } | { ok: false; error: string } {
    if (session.state !== "Unpaid") return { ok: false, error: `The payment is no longer open (state ${session.state}).` }
    const now = this.deps.now()
    if (action.kind === "cancel" || action.kind === "fail") {
      session.state = action.kind === "cancel" ? "Cancelled" : "Error"
      session.completedAt = now
      return { ok: true }
    }
    const account = this.findAccount(session.accountId)
    if (!account) return { ok: false, error: "The account no longer exists." }
    const figures = this.figures(account)
    if (figures.balanceMinor <= 0) return { ok: false, error: "The account has nothing left to pay." }
    let amountMinor: number
    if (action.kind === "full") amountMinor = figures.balanceMinor
    else if (action.kind === "minimum") amountMinor = figures.minimumAmountToPayMinor
    else {
      amountMinor = action.amountMinor
      if (amountMinor < figures.minimumAmountToPayMinor || amountMinor > figures.balanceMinor) {
        return {
          ok: false,
          error: `The amount must be between the minimum (${figures.minimumAmountToPayMinor / 100}) and the balance (${figures.balanceMinor / 100}).`,
        }
      }
    }
    session.state = "Paid"
    session.choice = action.kind
    session.amountMinor = amountMinor
    session.completedAt = now
    return { ok: true }
  }
}
