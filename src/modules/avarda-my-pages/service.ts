/**
 * Avarda My Pages for one Medusa customer at a time. Callers pass the customer id, the purchase ids
 * and order references of that customer's own Avarda orders (looked up server-side, never taken
 * from a request) and the customer's proof of identity, if any (`resolveIdentity`).
 *
 * What a customer sees (see identity-rules.ts):
 * - linked to a person by a proof: everything Avarda lists for that person ("full" access);
 * - otherwise, and for purchases of other persons: only accounts their own purchases landed on, and
 *   of those only their own purchases' transactions ("own_purchases" access; no balance, amounts
 *   or references; no paying).
 * Which account ids a customer may open is kept for a minute in a cache the routes provide
 * (Medusa's cache module), so detail, pay and status make one call to Avarda when it is warm.
 */
import type { Logger } from "@medusajs/framework/types"
import { generateEntityId, MedusaService } from "@medusajs/framework/utils"
import { isPayable } from "../../lib/avarda/my-pages/account-states"
import { MyPagesClient, type MyPagesAnswer, type MyPagesShopper } from "../../lib/avarda/my-pages/client"
import { customerAuthTokenOf, identityAuthTokenOf } from "../../lib/avarda/my-pages/customer-auth-token"
import { checkoutLanguageOf } from "../../lib/avarda/my-pages/checkout-language"
import { classifyMyPagesError } from "../../lib/avarda/my-pages/errors"
import type { MyPagesReader, SharedMyPagesReads } from "../../lib/avarda/my-pages/shared-reads"
import { compareNewestFirst, mergeOverview, type MyPagesOverviewItem } from "../../lib/avarda/my-pages/overview"
import { describePayStatus, type PayStatusView } from "../../lib/avarda/my-pages/pay-status"
import type { MyPagesAccountDetail, MyPagesAccountSummary, MyPagesInvoiceSummary } from "../../lib/avarda/my-pages/schemas"
import {
  activeIdentityOf,
  electronicIdLinksToStore,
  holdsOwnPurchase,
  isExpired,
  linkExpiry,
  pendingStrongAuthentications,
  STRONG_AUTHENTICATION_WINDOW_MS,
  type ActiveIdentity,
  type ElectronicIdProof,
  type IdentityLinkRow,
} from "./identity-rules"
import AvardaIdentityLink from "./models/identity-link"
import { resolveMyPagesOptions, type ResolvedMyPagesOptions } from "./options"

/** "full": the customer proved to be the person; "own_purchases": only their own purchases on it. */
export type AccountAccess = "full" | "own_purchases"

/** Account ids the customer may open, with how Avarda serves them (cached briefly per customer and proof). */
export interface OwnedAccount {
  source: "invoice" | "account"
  access: AccountAccess
  /** The purchase id the account was found through (sent with the detail call). */
  purchaseId: string
  /** Full access only: the list row (state and balance decide whether it can be paid). */
  item?: MyPagesOverviewItem
}

export interface OwnedAccounts {
  accounts: Record<string, OwnedAccount>
  /** Avarda held accounts of the proven person back until strong authentication. */
  heldBack: boolean
  /** The customer's purchases (lower case) another purchase's answer covered: no separate lookup needed. */
  coveredPurchaseIds?: string[]
}

/** Where the routes keep `OwnedAccounts` between requests (any process): see owned-accounts-cache.ts. */
export interface OwnedAccountsStore {
  get(): Promise<OwnedAccounts | undefined>
  set(value: OwnedAccounts): Promise<void>
}

/** Whose data, identified by which purchases and proof, and where Avarda sends them after strong authentication. */
export interface CustomerScope {
  customerId: string
  /** Purchase ids of the customer's own Avarda orders, newest first. */
  purchaseIds: string[]
  /** Order references of those purchases (their transactions at Avarda carry them). */
  orderReferences: string[]
  /** The proof in force, from `resolveIdentity`; null: the customer has not proven to be anyone. */
  identity: ActiveIdentity | null
  /** Already checked with `allowedReturnUrl`; default: the storefront's My Pages page. */
  returnUrl?: string
  owned?: OwnedAccountsStore
  /** Reads this request shares, among them any started early with the customer's previous scope. */
  reads?: SharedMyPagesReads
}

export interface StrongAuthenticationRequired {
  kind: "strong_authentication_required"
  redirectUrl: string
}

/** The account holds the customer's own purchase, but this needs proof of identity. */
export interface IdentityRequired {
  kind: "identity_required"
}

export interface ShownAccount {
  item: MyPagesOverviewItem
  access: AccountAccess
  purchaseId: string
}

export interface MyPagesOverview {
  accounts: ShownAccount[]
  /** Set when Avarda held accounts of the proven person back until the customer identifies (loan data). */
  strongAuthentication: { redirectUrl: string } | null
  identity: ActiveIdentity | null
  /** The customer has Avarda purchases but no proof: the store offers strong authentication. */
  canVerify: boolean
}

export type AccountDetailResult =
  | { kind: "ok"; access: AccountAccess; item: MyPagesOverviewItem; detail: MyPagesAccountDetail }
  | StrongAuthenticationRequired
  | IdentityRequired
  | { kind: "not_found" }

export interface PaymentForm {
  accountId: string
  /** Checkout 3.0 purchase that renders Avarda's payment form. */
  purchaseId: string
  jwt: string
  /** Script of Avarda's Checkout 3.0 form (test/production). */
  checkoutScriptUrl: string | null
  /** Sandbox: a page that stands in for the form (send the shopper there). */
  paymentPageUrl: string | null
  /** Where the form sends the shopper when done (`purchaseId` and `state` are appended). */
  returnUrl: string
}

export type StartPaymentResult =
  | { kind: "ok"; payment: PaymentForm }
  | { kind: "not_payable"; item: MyPagesOverviewItem }
  | StrongAuthenticationRequired
  | IdentityRequired
  | { kind: "not_found" }

export type PaymentStatusResult = { kind: "ok"; status: PayStatusView } | StrongAuthenticationRequired | IdentityRequired | { kind: "not_found" }

export type StartStrongAuthenticationResult =
  | { kind: "redirect"; redirectUrl: string }
  | { kind: "already_verified"; identity: ActiveIdentity }
  /** Avarda offers no identification step for this person (e.g. no loan data), or knows none of the purchases. */
  | { kind: "unavailable" }

/** Purchase ids looked up per request, newest first (an uncaptured purchase may be unknown to Avarda). */
const MAX_PURCHASE_LOOKUPS = 3
/** Pending strong authentications checked per request. */
const MAX_PENDING_CHECKS = 2
/** The id prefix of `AvardaIdentityLink` rows (models/identity-link.ts). */
const IDENTITY_LINK_ID_PREFIX = "avidl"

function isNotFound(error: unknown): boolean {
  return classifyMyPagesError(error)?.kind === "not_found"
}

const lower = (value: string) => value.toLowerCase()

/** A list row built from a detail answer (when the list came from the cache). */
function itemOfDetail(id: string, source: "invoice" | "account", detail: MyPagesAccountDetail): MyPagesOverviewItem {
  return {
    id,
    source,
    type: detail.type,
    state: detail.state,
    currency: detail.currency,
    balance: detail.balance,
    originalAmount: detail.originalAmount,
    minimumAmountToPay: detail.minimumAmountToPay,
    date: detail.accountDate ?? detail.invoiceDate,
    dueDate: detail.dueDate,
    paymentReference: detail.paymentReference,
    liveInvoiceUrl: detail.myPagesLiveUrl,
    scheduledPaymentAmount: detail.scheduledPaymentAmount,
    scheduledPaymentChargeDate: detail.scheduledPaymentChargeDate,
    purchaseIds: detail.purchaseId,
  }
}

/**
 * What the cache keeps of an overview: the accounts the customer may open and which of their
 * purchases an answer about another purchase already covered, so that the next list does not look
 * those up again.
 */
function ownedAccountsOf(overview: MyPagesOverview, coveredPurchaseIds: string[]): OwnedAccounts {
  // No prototype: an account id such as `__proto__` is a key like any other.
  const accounts: Record<string, OwnedAccount> = Object.create(null) as Record<string, OwnedAccount>
  for (const shown of overview.accounts) accounts[shown.item.id] = ownedAccountOf(shown)
  return { accounts, heldBack: overview.strongAuthentication !== null, coveredPurchaseIds }
}

/**
 * The cached entry's account `accountId`, if the customer may open it. Only the entry's own keys
 * count: the entry comes back from the cache as a plain object, whose inherited members
 * (`constructor`, `toString`, …) are no accounts.
 */
function cachedOwnedAccount(owned: OwnedAccounts | undefined, accountId: string): OwnedAccount | undefined {
  if (!owned || !Object.prototype.hasOwnProperty.call(owned.accounts, accountId)) return undefined
  return owned.accounts[accountId]
}

function ownedAccountOf(shown: ShownAccount): OwnedAccount {
  return { source: shown.item.source, access: shown.access, purchaseId: shown.purchaseId, ...(shown.access === "full" ? { item: shown.item } : {}) }
}

type InjectedDependencies = { logger: Logger }

export default class AvardaMyPagesService extends MedusaService({ AvardaIdentityLink }) {
  protected readonly options: ResolvedMyPagesOptions
  protected readonly client: MyPagesClient
  protected readonly logger: Logger

  __hooks = {
    onApplicationShutdown: async () => {
      await this.client.close()
    },
  }

  constructor(dependencies: InjectedDependencies, moduleOptions: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.logger = dependencies.logger
    this.options = resolveMyPagesOptions(moduleOptions)
    this.client = new MyPagesClient({
      baseUrl: this.options.baseUrl,
      clientId: this.options.clientId,
      clientSecret: this.options.clientSecret,
      timeoutMs: this.options.timeoutMs,
    })
    if (this.options.usesSandboxDefaults) {
      this.logger.warn("Avarda My Pages: using the sandbox's development secret for customer tokens; set AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET outside development")
    }
  }

  /** The storefront page Avarda sends shoppers back to. */
  defaultReturnUrl(): string {
    return `${this.options.storefrontUrl}${this.options.storefrontPath}`
  }

  /** `requested` when it is on the storefront's origin (no open redirects), undefined otherwise. */
  allowedReturnUrl(requested: string): string | undefined {
    try {
      const url = new URL(requested)
      return url.origin === new URL(this.options.storefrontUrl).origin ? url.toString() : undefined
    } catch {
      return undefined
    }
  }

  // ------------------------------------------------------------------ proof of identity

  /**
   * The customer's proof in force, after bringing the stored links up to date: expired links are
   * deleted, electronic-ID proofs of the customer's own orders are stored, and strong
   * authentications the customer started are checked with Avarda (a plain answer to the attempt's
   * fresh token, which Avarda first answered with "identify first", means the customer identified).
   */
  async resolveIdentity(
    input: { customerId: string; electronicIdProofs: ElectronicIdProof[] | Promise<ElectronicIdProof[]>; returnUrl?: string },
    now: Date = new Date()
  ): Promise<ActiveIdentity | null> {
    // The proofs may still be being read from the customer's orders: the links are read meanwhile.
    const [links, electronicIdProofs] = await Promise.all([this.listAvardaIdentityLinks({ customer_id: input.customerId }), input.electronicIdProofs])
    const stored = links as unknown as IdentityLinkRow[]
    const expired = stored.filter((row) => isExpired(row, now))
    if (expired.length > 0) await this.deleteAvardaIdentityLinks(expired.map((row) => row.id))
    const rows = stored.filter((row) => !isExpired(row, now))

    const missing = electronicIdLinksToStore(electronicIdProofs, rows, this.options.identityLinkDays, now)
    if (missing.length > 0) {
      const created = await this.createAvardaIdentityLinks(
        missing.map((proof) => ({
          customer_id: input.customerId,
          purchase_id: proof.purchaseId,
          method: "electronic_id" as const,
          status: "linked" as const,
          proven_at: proof.provenAt,
          expires_at: proof.expiresAt,
        }))
      )
      rows.push(...(created as unknown as IdentityLinkRow[]))
    }

    const gone = new Set<string>()
    for (const pending of pendingStrongAuthentications(rows, now).slice(0, MAX_PENDING_CHECKS)) {
      const confirmed = await this.confirmStrongAuthentication(input.customerId, pending, input.returnUrl)
      if (confirmed === "linked") {
        const expiresAt = linkExpiry(now, this.options.identityLinkDays)
        await this.updateAvardaIdentityLinks({ id: pending.id, status: "linked", proven_at: now, expires_at: expiresAt })
        Object.assign(pending, { status: "linked", proven_at: now, expires_at: expiresAt })
      } else if (confirmed === "gone") {
        await this.deleteAvardaIdentityLinks([pending.id])
        gone.add(pending.id)
      }
    }
    return activeIdentityOf(rows.filter((row) => !gone.has(row.id)), now)
  }

  /**
   * Starts My Pages strong authentication for a customer without proof: a new attempt (with its own
   * fresh `customerAuthToken`) asks Avarda for the person behind the customer's newest purchase Avarda
   * knows. Avarda's "identify first" answer gives the page to send the customer to.
   *
   * The attempt's row is written only after that answer: `resolveIdentity` takes a plain answer to a
   * pending attempt's token as the proof, so a row that existed while Avarda was still being asked
   * would let a concurrent request take Avarda's "nothing to identify for" answer for a proof. The
   * row gets the id the token was derived from.
   */
  async startStrongAuthentication(scope: CustomerScope, now: Date = new Date()): Promise<StartStrongAuthenticationResult> {
    if (scope.identity) return { kind: "already_verified", identity: scope.identity }
    for (const purchaseId of scope.purchaseIds.slice(0, MAX_PURCHASE_LOOKUPS)) {
      const attemptId = generateEntityId(undefined, IDENTITY_LINK_ID_PREFIX)
      let answer: MyPagesAnswer<MyPagesAccountSummary[]>
      try {
        answer = await this.client.listAccounts(purchaseId, this.attemptShopper(scope.customerId, attemptId, scope.returnUrl))
      } catch (error) {
        if (isNotFound(error)) continue
        throw error
      }
      if (answer.kind !== "strong_authentication_required") return { kind: "unavailable" }
      await this.createAvardaIdentityLinks({
        id: attemptId,
        customer_id: scope.customerId,
        purchase_id: purchaseId,
        method: "strong_authentication",
        status: "pending",
        proven_at: null,
        expires_at: new Date(now.getTime() + STRONG_AUTHENTICATION_WINDOW_MS),
      })
      return { kind: "redirect", redirectUrl: answer.redirectUrl }
    }
    return { kind: "unavailable" }
  }

  /** Deletes links past their expiry, at most `limit` (the clean-up job pages through them). */
  async deleteExpiredIdentityLinks(now: Date = new Date(), limit = 500): Promise<number> {
    const rows = (await this.listAvardaIdentityLinks({ expires_at: { $lte: now } }, { select: ["id"], take: limit })) as unknown as Array<{ id: string }>
    if (rows.length > 0) await this.deleteAvardaIdentityLinks(rows.map((row) => row.id))
    return rows.length
  }

  private async confirmStrongAuthentication(customerId: string, pending: IdentityLinkRow, returnUrl?: string): Promise<"linked" | "waiting" | "gone"> {
    try {
      const answer = await this.client.listAccounts(pending.purchase_id, this.attemptShopper(customerId, pending.id, returnUrl))
      return answer.kind === "ok" ? "linked" : "waiting"
    } catch (error) {
      if (isNotFound(error)) return "gone"
      this.logger.warn(`Avarda My Pages: could not check a strong authentication (${classifyMyPagesError(error)?.kind ?? "error"}); it is checked again on the next request`)
      return "waiting"
    }
  }

  // ------------------------------------------------------------------ data

  /**
   * Every account the customer may see. All lookups go to Avarda at once, so the list costs one
   * round trip however many purchases it looks at: the proven person's purchase (full access), and
   * up to `MAX_PURCHASE_LOOKUPS` of the customer's other purchases (own purchases only), skipping
   * those the previous list found covered by another purchase's answer (the cached entry). The
   * answers are merged in the same order as before: the proof first, then the purchases newest
   * first, each skipped when an earlier answer already covered it.
   */
  async overview(scope: CustomerScope): Promise<MyPagesOverview> {
    const shown = new Map<string, ShownAccount>()
    const covered = new Set<string>()
    let strongAuthentication: { redirectUrl: string } | null = null

    const provenPurchaseId = scope.identity?.purchaseId
    const knownCovered = new Set((await scope.owned?.get())?.coveredPurchaseIds ?? [])
    if (provenPurchaseId) knownCovered.add(lower(provenPurchaseId))
    const candidates = [...new Set(scope.purchaseIds)].filter((purchaseId) => !knownCovered.has(lower(purchaseId))).slice(0, MAX_PURCHASE_LOOKUPS)
    const [proven, ...found] = await Promise.all([
      provenPurchaseId ? this.lookup(this.reader(scope), provenPurchaseId, this.provenShopper(scope)) : undefined,
      ...candidates.map((purchaseId) => this.lookup(this.reader(scope), purchaseId, this.customerShopper(scope))),
    ])

    if (provenPurchaseId) {
      covered.add(lower(provenPurchaseId))
      if (proven) {
        strongAuthentication = proven.strongAuthentication
        for (const item of proven.items) {
          item.purchaseIds.forEach((id) => covered.add(lower(id)))
          shown.set(item.id, { item, access: "full", purchaseId: provenPurchaseId })
        }
      }
    }

    // Purchases not shown through a proof: only accounts they landed on, limited to them.
    const answered = new Set(provenPurchaseId ? [lower(provenPurchaseId)] : [])
    candidates.forEach((purchaseId, index) => {
      const answer = found[index]
      if (covered.has(lower(purchaseId))) return
      covered.add(lower(purchaseId))
      answered.add(lower(purchaseId))
      if (!answer) return
      for (const item of answer.items) {
        item.purchaseIds.forEach((id) => covered.add(lower(id)))
        if (!shown.has(item.id) && holdsOwnPurchase(item, scope.purchaseIds)) shown.set(item.id, { item, access: "own_purchases", purchaseId })
      }
    })

    const overview: MyPagesOverview = {
      accounts: [...shown.values()],
      strongAuthentication,
      identity: scope.identity,
      canVerify: !scope.identity && scope.purchaseIds.length > 0,
    }
    overview.accounts.sort((a, b) => compareNewestFirst(a.item, b.item))
    // The customer's purchases another purchase's answer covered: the next list need not look them up.
    const coveredByOthers = [...new Set(scope.purchaseIds.map(lower))].filter((id) => covered.has(id) && !answered.has(id))
    await scope.owned?.set(ownedAccountsOf(overview, coveredByOthers))
    return overview
  }

  async account(scope: CustomerScope, accountId: string): Promise<AccountDetailResult> {
    const found = await this.findOwnAccount(scope, accountId)
    if (found.kind !== "ok") return found
    const { owned } = found
    const shopper = owned.access === "full" ? this.provenShopper(scope) : this.customerShopper(scope)
    try {
      const answer =
        owned.source === "invoice"
          ? await this.reader(scope).getInvoice(accountId, owned.purchaseId, shopper)
          : await this.reader(scope).getAccount(accountId, owned.purchaseId, shopper)
      if (answer.kind === "strong_authentication_required") return owned.access === "full" ? answer : { kind: "identity_required" }
      return { kind: "ok", access: owned.access, item: owned.item ?? itemOfDetail(accountId, owned.source, answer.data), detail: answer.data }
    } catch (error) {
      if (isNotFound(error)) return { kind: "not_found" }
      throw error
    }
  }

  async startPayment(scope: CustomerScope, accountId: string, input: { locale?: string; returnUrl?: string } = {}): Promise<StartPaymentResult> {
    const found = await this.findOwnAccount(scope, accountId)
    if (found.kind !== "ok") return found
    const { owned } = found
    if (owned.access !== "full" || !owned.item) return { kind: "identity_required" }
    if (!isPayable(owned.item.state, owned.item.balance)) return { kind: "not_payable", item: owned.item }
    const language = checkoutLanguageOf(input.locale) ?? this.options.defaultLanguage
    let answer: Awaited<ReturnType<MyPagesClient["startPayment"]>>
    try {
      answer = await this.client.startPayment({ accountId, language }, this.provenShopper(scope))
    } catch (error) {
      // The list may be up to a minute old: an invoice paid since then still looks open in it, and
      // Avarda refuses to pay it again. Read the account afresh: closed now means nothing to pay.
      if (classifyMyPagesError(error)?.kind !== "rejected") throw error
      const current = await this.findOwnAccount(scope, accountId, { fresh: true })
      if (current.kind === "ok" && current.owned.item && !isPayable(current.owned.item.state, current.owned.item.balance)) {
        return { kind: "not_payable", item: current.owned.item }
      }
      throw error
    }
    if (answer.kind === "strong_authentication_required") return answer
    const returnUrl = input.returnUrl ?? this.payReturnUrl(accountId)
    return {
      kind: "ok",
      payment: {
        accountId,
        purchaseId: answer.data.purchaseId,
        jwt: answer.data.jwt,
        checkoutScriptUrl: this.options.checkoutScriptUrl,
        paymentPageUrl: this.sandboxPaymentPageUrl(answer.data.purchaseId, answer.data.jwt, returnUrl),
        returnUrl,
      },
    }
  }

  async paymentStatus(scope: CustomerScope, accountId: string, paymentPurchaseId: string): Promise<PaymentStatusResult> {
    const found = await this.findOwnAccount(scope, accountId)
    if (found.kind !== "ok") return found
    if (found.owned.access !== "full") return { kind: "identity_required" }
    try {
      const answer = await this.client.getPaymentStatus({ purchaseId: paymentPurchaseId, accountId }, this.provenShopper(scope))
      if (answer.kind === "strong_authentication_required") return answer
      return { kind: "ok", status: describePayStatus(answer.data.state) }
    } catch (error) {
      if (isNotFound(error)) return { kind: "not_found" }
      throw error
    }
  }

  /** Avarda's accounts and invoices of the person behind `purchaseId`; undefined when Avarda does not know the purchase. */
  private async lookup(
    reader: MyPagesReader,
    purchaseId: string,
    shopper: MyPagesShopper
  ): Promise<{ items: MyPagesOverviewItem[]; strongAuthentication: { redirectUrl: string } | null } | undefined> {
    const [accounts, invoices] = await Promise.allSettled([reader.listAccounts(purchaseId, shopper), reader.listInvoices(purchaseId, shopper)])
    const failures = [accounts, invoices].filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason)
    const serious = failures.find((error) => !isNotFound(error))
    if (serious) throw serious
    if (failures.length > 0) return undefined
    const accountAnswer = (accounts as PromiseFulfilledResult<MyPagesAnswer<MyPagesAccountSummary[]>>).value
    const invoiceAnswer = (invoices as PromiseFulfilledResult<MyPagesAnswer<MyPagesInvoiceSummary[]>>).value
    const heldBack = [accountAnswer, invoiceAnswer].find((answer) => answer.kind === "strong_authentication_required")
    return {
      items: mergeOverview(accountAnswer.kind === "ok" ? accountAnswer.data : undefined, invoiceAnswer.kind === "ok" ? invoiceAnswer.data : undefined),
      strongAuthentication: heldBack?.kind === "strong_authentication_required" ? { redirectUrl: heldBack.redirectUrl } : null,
    }
  }

  /**
   * The account if the customer may open it: from the cached list when it is there (no call to
   * Avarda) unless `fresh`, else from a fresh list. An id the customer may not open answers exactly
   * like an id nobody has, except that a proven customer whose loans Avarda holds back is sent to
   * identify.
   */
  private async findOwnAccount(
    scope: CustomerScope,
    accountId: string,
    { fresh = false }: { fresh?: boolean } = {}
  ): Promise<{ kind: "ok"; owned: OwnedAccount } | StrongAuthenticationRequired | { kind: "not_found" }> {
    const cached = fresh ? undefined : cachedOwnedAccount(await scope.owned?.get(), accountId)
    if (cached) return { kind: "ok", owned: cached }
    const overview = await this.overview(scope)
    const shown = overview.accounts.find((account) => account.item.id === accountId)
    if (shown) return { kind: "ok", owned: ownedAccountOf(shown) }
    if (overview.strongAuthentication) return { kind: "strong_authentication_required", redirectUrl: overview.strongAuthentication.redirectUrl }
    return { kind: "not_found" }
  }

  /** Avarda's reads for this request: shared with those started early when the route started any. */
  private reader(scope: CustomerScope): MyPagesReader {
    return scope.reads ? scope.reads.over(this.client) : this.client
  }

  /** The shopper headers of calls that show only the customer's own purchases. */
  private customerShopper(scope: Pick<CustomerScope, "customerId" | "returnUrl">): MyPagesShopper {
    return {
      customerAuthToken: customerAuthTokenOf(scope.customerId, this.options.customerTokenSecret),
      customerTokenProvider: "Self",
      customerAuthenticationReturnUrl: scope.returnUrl ?? this.defaultReturnUrl(),
    }
  }

  /** The shopper headers of calls for the proven person: a strong authentication's own token, which Avarda knows as identified. */
  private provenShopper(scope: CustomerScope): MyPagesShopper {
    const identity = scope.identity
    if (identity?.method === "strong_authentication") return this.attemptShopper(scope.customerId, identity.linkId, scope.returnUrl)
    return this.customerShopper(scope)
  }

  private attemptShopper(customerId: string, attemptId: string, returnUrl?: string): MyPagesShopper {
    return {
      customerAuthToken: identityAuthTokenOf(customerId, attemptId, this.options.customerTokenSecret),
      customerTokenProvider: "Self",
      customerAuthenticationReturnUrl: returnUrl ?? this.defaultReturnUrl(),
    }
  }

  private payReturnUrl(accountId: string): string {
    const url = new URL(this.defaultReturnUrl())
    url.searchParams.set("avarda_account_id", accountId)
    return url.toString()
  }

  private sandboxPaymentPageUrl(purchaseId: string, jwt: string, returnUrl: string): string | null {
    if (!this.options.sandboxPayPageUrl) return null
    const url = new URL(this.options.sandboxPayPageUrl)
    url.searchParams.set("purchaseId", purchaseId)
    url.searchParams.set("jwt", jwt)
    url.searchParams.set("redirectUrl", returnUrl)
    return url.toString()
  }
}
