/**
 * Avarda My Pages for one Medusa customer at a time. Callers pass the customer id and the purchase
 * ids of that customer's own Avarda orders (looked up server-side, never taken from a request);
 * the service turns the id into the customer's `customerAuthToken` and only ever shows or pays
 * accounts that Avarda lists for those purchases.
 */
import type { Logger } from "@medusajs/framework/types"
import { isPayable } from "../../lib/avarda/my-pages/account-states"
import { MyPagesClient, type MyPagesAnswer, type MyPagesShopper } from "../../lib/avarda/my-pages/client"
import { customerAuthTokenOf } from "../../lib/avarda/my-pages/customer-auth-token"
import { checkoutLanguageOf } from "../../lib/avarda/my-pages/checkout-language"
import { classifyMyPagesError } from "../../lib/avarda/my-pages/errors"
import { mergeOverview, type MyPagesOverviewItem } from "../../lib/avarda/my-pages/overview"
import { describePayStatus, type PayStatusView } from "../../lib/avarda/my-pages/pay-status"
import type { MyPagesAccountDetail, MyPagesAccountSummary, MyPagesInvoiceSummary } from "../../lib/avarda/my-pages/schemas"
import { resolveMyPagesOptions, type ResolvedMyPagesOptions } from "./options"

/** Whose data, identified by which purchases, and where Avarda sends them after strong authentication. */
export interface CustomerScope {
  customerId: string
  /** Purchase ids of the customer's own Avarda orders, newest first. */
  purchaseIds: string[]
  /** Already checked with `allowedReturnUrl`; default: the storefront's My Pages page. */
  returnUrl?: string
}

export interface StrongAuthenticationRequired {
  kind: "strong_authentication_required"
  redirectUrl: string
}

export interface MyPagesOverview {
  items: MyPagesOverviewItem[]
  /** Set when Avarda held accounts back until the customer identifies (loan data). */
  strongAuthentication: { redirectUrl: string } | null
  /** The purchase id Avarda recognised (internal: never sent to browsers). */
  purchaseId: string | null
}

export type AccountDetailResult =
  | { kind: "ok"; item: MyPagesOverviewItem; detail: MyPagesAccountDetail }
  | StrongAuthenticationRequired
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
  | { kind: "not_found" }

export type PaymentStatusResult = { kind: "ok"; status: PayStatusView } | StrongAuthenticationRequired | { kind: "not_found" }

/** Purchase ids tried, newest first, until Avarda recognises one (an uncaptured purchase may be unknown). */
const MAX_PURCHASE_LOOKUPS = 3

function isNotFound(error: unknown): boolean {
  return classifyMyPagesError(error)?.kind === "not_found"
}

type InjectedDependencies = { logger: Logger }

export default class AvardaMyPagesService {
  protected readonly options: ResolvedMyPagesOptions
  protected readonly client: MyPagesClient
  protected readonly logger: Logger

  __hooks = {
    onApplicationShutdown: async () => {
      await this.client.close()
    },
  }

  constructor({ logger }: InjectedDependencies, moduleOptions: unknown) {
    this.logger = logger
    this.options = resolveMyPagesOptions(moduleOptions)
    this.client = new MyPagesClient({
      baseUrl: this.options.baseUrl,
      clientId: this.options.clientId,
      clientSecret: this.options.clientSecret,
      timeoutMs: this.options.timeoutMs,
    })
    if (this.options.usesSandboxDefaults) {
      logger.warn("Avarda My Pages: using the sandbox's development secret for customer tokens; set AVARDA_MY_PAGES_CUSTOMER_TOKEN_SECRET outside development")
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

  async overview(scope: CustomerScope): Promise<MyPagesOverview> {
    const shopper = this.shopperOf(scope)
    for (const purchaseId of scope.purchaseIds.slice(0, MAX_PURCHASE_LOOKUPS)) {
      const [accounts, invoices] = await Promise.allSettled([
        this.client.listAccounts(purchaseId, shopper),
        this.client.listInvoices(purchaseId, shopper),
      ])
      const failures = [accounts, invoices].filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason)
      const serious = failures.find((error) => !isNotFound(error))
      if (serious) throw serious
      if (failures.length > 0) continue
      const accountAnswer = (accounts as PromiseFulfilledResult<MyPagesAnswer<MyPagesAccountSummary[]>>).value
      const invoiceAnswer = (invoices as PromiseFulfilledResult<MyPagesAnswer<MyPagesInvoiceSummary[]>>).value
      const heldBack = [accountAnswer, invoiceAnswer].find((answer) => answer.kind === "strong_authentication_required")
      return {
        items: mergeOverview(
          accountAnswer.kind === "ok" ? accountAnswer.data : undefined,
          invoiceAnswer.kind === "ok" ? invoiceAnswer.data : undefined
        ),
        strongAuthentication: heldBack?.kind === "strong_authentication_required" ? { redirectUrl: heldBack.redirectUrl } : null,
        purchaseId,
      }
    }
    return { items: [], strongAuthentication: null, purchaseId: null }
  }

  async account(scope: CustomerScope, accountId: string): Promise<AccountDetailResult> {
    const found = await this.findOwnAccount(scope, accountId)
    if (found.kind !== "ok") return found
    const { item, purchaseId } = found
    const shopper = this.shopperOf(scope)
    try {
      const answer =
        item.source === "invoice"
          ? await this.client.getInvoice(item.id, purchaseId, shopper)
          : await this.client.getAccount(item.id, purchaseId, shopper)
      if (answer.kind === "strong_authentication_required") return answer
      return { kind: "ok", item, detail: answer.data }
    } catch (error) {
      if (isNotFound(error)) return { kind: "not_found" }
      throw error
    }
  }

  async startPayment(scope: CustomerScope, accountId: string, input: { locale?: string; returnUrl?: string } = {}): Promise<StartPaymentResult> {
    const found = await this.findOwnAccount(scope, accountId)
    if (found.kind !== "ok") return found
    if (!isPayable(found.item.state, found.item.balance)) return { kind: "not_payable", item: found.item }
    const language = checkoutLanguageOf(input.locale) ?? this.options.defaultLanguage
    const answer = await this.client.startPayment({ accountId: found.item.id, language }, this.shopperOf(scope))
    if (answer.kind === "strong_authentication_required") return answer
    const returnUrl = input.returnUrl ?? this.payReturnUrl(found.item.id)
    return {
      kind: "ok",
      payment: {
        accountId: found.item.id,
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
    try {
      const answer = await this.client.getPaymentStatus({ purchaseId: paymentPurchaseId, accountId: found.item.id }, this.shopperOf(scope))
      if (answer.kind === "strong_authentication_required") return answer
      return { kind: "ok", status: describePayStatus(answer.data.state) }
    } catch (error) {
      if (isNotFound(error)) return { kind: "not_found" }
      throw error
    }
  }

  private async findOwnAccount(
    scope: CustomerScope,
    accountId: string
  ): Promise<{ kind: "ok"; item: MyPagesOverviewItem; purchaseId: string } | StrongAuthenticationRequired | { kind: "not_found" }> {
    const overview = await this.overview(scope)
    const item = overview.items.find((candidate) => candidate.id === accountId)
    if (item && overview.purchaseId) return { kind: "ok", item, purchaseId: overview.purchaseId }
    // The account may be one Avarda holds back until the customer identifies; say so instead of
    // 404, which reveals nothing about accounts of other shoppers.
    if (overview.strongAuthentication) return { kind: "strong_authentication_required", redirectUrl: overview.strongAuthentication.redirectUrl }
    return { kind: "not_found" }
  }

  private shopperOf(scope: CustomerScope): MyPagesShopper {
    return {
      customerAuthToken: customerAuthTokenOf(scope.customerId, this.options.customerTokenSecret),
      customerTokenProvider: "Self",
      customerAuthenticationReturnUrl: scope.returnUrl ?? this.defaultReturnUrl(),
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
