/**
 * The typed control handle of the Avarda simulators (tests, demo, console): inspect state, finish
 * browser steps without a browser, force states, seed My Pages fixtures.
 * It is a plain object of functions (the core merges the simulators' controls with Object.assign).
 */
import type { AuthorizationRecord, AuthorizationRegistry, AuthorizationStatus, IdValidationAction } from "./authorization-api/authorizations"
import type { AuthorizationProduct } from "./authorization-api/request-schemas"
import type { CreditProduct } from "./shared/credit-purchase"
import type { AuthorizationErrorCode } from "./shared/messages"
import { fromMinorUnits, toMinorUnits } from "./shared/money"
import type { BearerTokens } from "./shared/bearer-tokens"
import type { AccountType, PaymentState } from "./my-pages/accounts"
import { accountDetailJson } from "./my-pages/accounts"
import { demoMyPagesFixture, type MyPagesFixture } from "./my-pages/fixtures"
import type { MyPagesState, PayState } from "./my-pages/my-pages-state"
import type { PaymentWidgetState } from "./payment-widget/widget-state"
import type { PurchaseState, StandalonePurchase, StandalonePurchaseRegistry } from "./standalone/purchases"

export type { AuthorizationStatus, IdValidationAction, PurchaseState, PayState, MyPagesFixture, AccountType, PaymentState }

/** One authorization, flat (console rows). Amounts in major units. */
export interface AvardaAuthorizationSummary {
  authorizationId: string
  product: AuthorizationProduct
  orderReference: string
  identificationNumber: string
  market: string
  amount: number
  /** undefined while ID validation is pending. */
  status: AuthorizationStatus | undefined
  errorCode: number | undefined
  pendingIdValidation: boolean
  inBackOffice: boolean
  captured: number
  returned: number
  cancelled: boolean
  createdAt: string
}

export interface AvardaStandalonePurchaseSummary {
  externalId: string
  product: CreditProduct
  orderReference: string | undefined
  identificationNumber: string | undefined
  market: string
  price: number
  state: PurchaseState
  invoiced: number
  returned: number
  refunded: number
  remainingReleased: number
  cancelled: boolean
  customerToken: string
  createdAt: string
}

export interface AvardaMyPagesPaymentSummary {
  purchaseId: string
  accountId: string
  state: PayState
  choice: string | undefined
  amount: number | undefined
  createdAt: string
  completedAt: string | undefined
}

/** An account as `GET /Accounts/{id}` returns it. */
export type AvardaMyPagesAccountDetail = ReturnType<typeof accountDetailJson>

export interface AvardaMyPagesSeedResult {
  purchaseIds: string[]
  accountIds: string[]
}

export interface AvardaControl {
  /** Every authorization of the Authorization API (time-outs applied). */
  listAuthorizations(): AvardaAuthorizationSummary[]
  getAuthorization(authorizationId: string): AvardaAuthorizationSummary | undefined
  /**
   * Finish a pending ID validation as the page's buttons do (default "identify"). Returns the
   * resulting status and the callback URL the browser would be sent to. Throws if not pending.
   */
  completeIdValidation(
    authorizationId: string,
    action?: IdValidationAction,
  ): { status: AuthorizationStatus; errorCode: number | undefined; callbackUrl: string | undefined }
  /** Set status 0–3 (and errorCode; defaults 1 → 1, 2 → 50, 3 → 101). Throws for an unknown id. */
  forceAuthorizationStatus(authorizationId: string, status: AuthorizationStatus, errorCode?: AuthorizationErrorCode): AvardaAuthorizationSummary
  /** Override inBackOffice (true/false) or return to the configured delay (undefined). */
  setInBackOffice(authorizationId: string, inBackOffice: boolean | undefined): AvardaAuthorizationSummary
  /** Make every issued Authorization-API, My Pages and checkout-API (payment widget) token expire now. */
  expireAccessTokens(): void

  listStandalonePurchases(): AvardaStandalonePurchaseSummary[]
  getStandalonePurchase(externalId: string): AvardaStandalonePurchaseSummary | undefined
  /** Finish the CheckOut2 electronic-ID step ("OK" by default); returns the status the shopper returns with. */
  completeElectronicId(externalId: string, status?: "OK" | "Cancel"): { state: PurchaseState; status: "OK" | "Cancel" }
  forcePurchaseState(externalId: string, state: PurchaseState): AvardaStandalonePurchaseSummary

  /** Add a shopper with accounts to My Pages. Throws (zod / message) on invalid data. */
  seedMyPages(fixture: MyPagesFixture): AvardaMyPagesSeedResult
  /** Seed the demo shopper (see docs/sandbox-avarda.md). */
  seedMyPagesDemo(): AvardaMyPagesSeedResult
  /** Detail views (as `GET /Accounts/{id}` returns them) of the shopper behind a purchase id. */
  listMyPagesAccounts(purchaseId: string): AvardaMyPagesAccountDetail[]
  /** Mark a customerAuthToken as strongly authenticated for the shopper behind `purchaseId`. */
  completeStrongAuthentication(customerAuthToken: string, purchaseId: string, customerTokenProvider?: "Self" | "Google"): void
  /** Complete a `POST /Pay` session as the payment form would. Throws if refused. */
  completeMyPagesPayment(
    purchaseId: string,
    choice: "full" | "minimum" | "cancel" | "fail" | { amount: number },
  ): { state: PayState; amount: number | undefined }
  listMyPagesPayments(): AvardaMyPagesPaymentSummary[]

  /** Payment-widget sessions handed out by `paymentwidget/partner/init` (newest last). */
  listPaymentWidgetSessions(): Array<{ paymentId: string; issuedAt: string; expiresAt: string }>
}

export interface AvardaControlDeps {
  authorizations: AuthorizationRegistry
  authorizationTokens: BearerTokens
  standalone: StandalonePurchaseRegistry
  myPages: MyPagesState
  paymentWidget: PaymentWidgetState
}

export function summarizeAuthorization(registry: AuthorizationRegistry, record: AuthorizationRecord): AvardaAuthorizationSummary {
  return {
    authorizationId: record.authorizationId,
    product: record.product,
    orderReference: record.orderReference,
    identificationNumber: record.identificationNumber,
    market: record.market,
    amount: fromMinorUnits(record.totalMinor),
    status: record.outcome?.status,
    errorCode: record.outcome?.errorCode,
    pendingIdValidation: record.pendingIdValidation !== undefined,
    inBackOffice: registry.isInBackOffice(record),
    captured: fromMinorUnits(registry.capturedMinor(record)),
    returned: fromMinorUnits(registry.returnedMinor(record)),
    cancelled: record.cancelled !== undefined,
    createdAt: record.createdAt.toISOString(),
  }
}

export function summarizeStandalonePurchase(registry: StandalonePurchaseRegistry, purchase: StandalonePurchase): AvardaStandalonePurchaseSummary {
  const total = (entries: { totalMinor: number }[]) => fromMinorUnits(entries.reduce((sum, entry) => sum + entry.totalMinor, 0))
  return {
    externalId: purchase.externalId,
    product: purchase.product,
    orderReference: purchase.input.OrderReference,
    identificationNumber: purchase.input.IdentificationNumber,
    market: purchase.market,
    price: fromMinorUnits(purchase.priceMinor),
    state: purchase.state,
    invoiced: fromMinorUnits(registry.invoicedMinor(purchase)),
    returned: total(purchase.returnOrders),
    refunded: total(purchase.refunds),
    remainingReleased: fromMinorUnits(purchase.remainingReleased?.amountMinor ?? 0),
    cancelled: purchase.cancelled !== undefined,
    customerToken: purchase.customerToken,
    createdAt: purchase.createdAt.toISOString(),
  }
}

export function createAvardaControl(deps: AvardaControlDeps): AvardaControl {
  const { authorizations, standalone, myPages } = deps
  const authorization = (id: string) => {
    const record = authorizations.get(id)
    if (!record) throw new Error(`Unknown authorizationId '${id}'`)
    return record
  }
  const purchase = (id: string) => {
    const found = standalone.get(id)
    if (!found) throw new Error(`Unknown externalId '${id}'`)
    return found
  }
  const seedResult = (seeded: ReturnType<MyPagesState["seed"]>): AvardaMyPagesSeedResult => ({
    purchaseIds: seeded.purchaseIds,
    accountIds: seeded.accounts.map((account) => account.id),
  })

  return {
    listAuthorizations: () => authorizations.list().map((record) => summarizeAuthorization(authorizations, record)),
    getAuthorization: (id) => {
      const record = authorizations.get(id)
      return record ? summarizeAuthorization(authorizations, record) : undefined
    },
    completeIdValidation: (id, action = "identify") => {
      const result = authorizations.completeIdValidation(id, action)
      if (!result.ok) throw new Error(result.reason === "not-found" ? `Unknown authorizationId '${id}'` : `Authorization '${id}' is not waiting for ID validation`)
      return {
        status: result.record.outcome!.status,
        errorCode: result.record.outcome!.errorCode,
        callbackUrl: authorizations.callbackUrlFor(result.record),
      }
    },
    forceAuthorizationStatus: (id, status, errorCode) => {
      authorization(id)
      return summarizeAuthorization(authorizations, authorizations.forceStatus(id, status, errorCode)!)
    },
    setInBackOffice: (id, inBackOffice) => {
      authorization(id)
      return summarizeAuthorization(authorizations, authorizations.setInBackOffice(id, inBackOffice)!)
    },
    expireAccessTokens: () => {
      deps.authorizationTokens.expireAll()
      myPages.partnerTokens.bearer.expireAll()
      deps.paymentWidget.partnerTokens.bearer.expireAll()
    },

    listStandalonePurchases: () => standalone.list().map((p) => summarizeStandalonePurchase(standalone, p)),
    getStandalonePurchase: (id) => {
      const found = standalone.get(id)
      return found ? summarizeStandalonePurchase(standalone, found) : undefined
    },
    completeElectronicId: (id, status = "OK") => {
      const result = standalone.completeElectronicId(id, status)
      if (!result.ok) throw new Error(result.reason === "not-found" ? `Unknown externalId '${id}'` : `Purchase '${id}' is not waiting for electronic ID`)
      return { state: result.purchase.state, status: result.status }
    },
    forcePurchaseState: (id, state) => {
      purchase(id)
      return summarizeStandalonePurchase(standalone, standalone.forceState(id, state)!)
    },

    seedMyPages: (fixture) => seedResult(myPages.seed(fixture)),
    seedMyPagesDemo: () => seedResult(myPages.seed(demoMyPagesFixture())),
    listMyPagesAccounts: (purchaseId) => {
      const shopperKey = myPages.shopperOfPurchase(purchaseId)
      if (!shopperKey) throw new Error(`Unknown purchaseId '${purchaseId}'`)
      return myPages.accountsOfShopper(shopperKey).map((account) => accountDetailJson(account, myPages.figures(account)))
    },
    completeStrongAuthentication: (customerAuthToken, purchaseId, customerTokenProvider = "Self") => {
      const shopperKey = myPages.shopperOfPurchase(purchaseId)
      if (!shopperKey) throw new Error(`Unknown purchaseId '${purchaseId}'`)
      myPages.markAuthenticated(customerTokenProvider, customerAuthToken, shopperKey)
    },
    completeMyPagesPayment: (purchaseId, choice) => {
      const session = myPages.paySession(purchaseId)
      if (!session) throw new Error(`Unknown My Pages payment '${purchaseId}'`)
      let action: Parameters<MyPagesState["completePayment"]>[1]
      if (typeof choice === "object") {
        const amountMinor = toMinorUnits(String(choice.amount))
        if (amountMinor === undefined) throw new Error("amount must have at most 2 decimals")
        action = { kind: "custom", amountMinor }
      } else action = { kind: choice }
      const result = myPages.completePayment(session, action)
      if (!result.ok) throw new Error(result.error)
      return { state: session.state, amount: session.amountMinor === undefined ? undefined : fromMinorUnits(session.amountMinor) }
    },
    listMyPagesPayments: () =>
      myPages.listPaySessions().map((session) => ({
        purchaseId: session.purchaseId,
        accountId: session.accountId,
        state: session.state,
        choice: session.choice,
        amount: session.amountMinor === undefined ? undefined : fromMinorUnits(session.amountMinor),
        createdAt: session.createdAt.toISOString(),
        completedAt: session.completedAt?.toISOString(),
      })),
    listPaymentWidgetSessions: () =>
      deps.paymentWidget.list().map((session) => ({
        paymentId: session.paymentId,
        issuedAt: session.issuedAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
      })),
  }
}
