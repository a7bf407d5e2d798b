/**
 * Typed client for Avarda's My Pages API. One partner token per client (cached,
 * refreshed 5 minutes before expiry, fetched once however many calls need it); a 401 on a data call
 * drops the token and retries once. Customer calls carry the three shopper headers and may answer
 * 202 "strong authentication required", which is a normal result here, not an error.
 */
import type { Dispatcher } from "undici"
import type { z } from "zod"
import { VendorHttpError } from "../../http/errors"
import { TokenCache, withTokenRetry, type AccessToken } from "../../http/token-cache"
import { fetchPartnerToken } from "../partner-token"
import { parseJsonBody, tryParseJson, VendorHttpClient, type VendorRequest } from "../../http/vendor-http-client"
import {
  accountDetailSchema,
  accountListSchema,
  invoiceListSchema,
  payStartedSchema,
  payStatusSchema,
  strongAuthenticationSchema,
  type MyPagesAccountDetail,
  type MyPagesAccountSummary,
  type MyPagesInvoiceSummary,
  type MyPagesPayStarted,
} from "./schemas"

export interface MyPagesClientOptions {
  /** e.g. https://stage.avarda360-api.avarda.com (see environments.ts). */
  baseUrl: string
  clientId: string
  clientSecret: string
  /** Per call (connect + answer). Default 15 000 ms. */
  timeoutMs?: number
  /** For tests: a custom undici dispatcher. */
  dispatcher?: Dispatcher
  /** For tests: the clock the token expiry is compared with. */
  now?: () => number
}

/** Who the data is about. */
export interface MyPagesShopper {
  /** Opaque, stable per shopper, never reused for another shopper. */
  customerAuthToken: string
  customerTokenProvider?: "Self" | "Google"
  /** Where Avarda sends the shopper back after strong authentication. */
  customerAuthenticationReturnUrl: string
}

export type MyPagesAnswer<T> =
  | { kind: "ok"; data: T }
  /** Avarda's 202: the shopper must prove who they are at `redirectUrl`, then the call is repeated. */
  | { kind: "strong_authentication_required"; redirectUrl: string }

const isUnauthorized = (error: unknown) => error instanceof VendorHttpError && error.status === 401

export class MyPagesClient {
  private readonly http: VendorHttpClient
  private readonly tokens: TokenCache
  private readonly now: () => number

  constructor(private readonly options: MyPagesClientOptions) {
    this.http = new VendorHttpClient({
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 15_000,
      dispatcher: options.dispatcher,
    })
    this.now = options.now ?? Date.now
    this.tokens = new TokenCache({ fetchToken: () => this.fetchToken(), now: this.now })
  }

  /** `GET /Accounts`: every account of the shopper the purchase belongs to (summaries). */
  listAccounts(purchaseId: string, shopper: MyPagesShopper): Promise<MyPagesAnswer<MyPagesAccountSummary[]>> {
    return this.customerCall(
      { operation: "avarda.myPages.listAccounts", method: "GET", path: "Accounts", query: { purchaseId } },
      shopper,
      accountListSchema
    )
  }

  /** `GET /Accounts/{id}`: one account with transactions and APR data. */
  getAccount(accountId: string, purchaseId: string, shopper: MyPagesShopper): Promise<MyPagesAnswer<MyPagesAccountDetail>> {
    return this.customerCall(
      { operation: "avarda.myPages.getAccount", method: "GET", path: `Accounts/${encodeURIComponent(accountId)}`, query: { purchaseId } },
      shopper,
      accountDetailSchema
    )
  }

  /** `GET /Invoices`: the shopper's invoices (summaries). */
  listInvoices(purchaseId: string, shopper: MyPagesShopper): Promise<MyPagesAnswer<MyPagesInvoiceSummary[]>> {
    return this.customerCall(
      { operation: "avarda.myPages.listInvoices", method: "GET", path: "Invoices", query: { purchaseId } },
      shopper,
      invoiceListSchema
    )
  }

  /** `GET /Invoices/{id}`: one invoice with transactions. */
  getInvoice(invoiceId: string, purchaseId: string, shopper: MyPagesShopper): Promise<MyPagesAnswer<MyPagesAccountDetail>> {
    return this.customerCall(
      { operation: "avarda.myPages.getInvoice", method: "GET", path: `Invoices/${encodeURIComponent(invoiceId)}`, query: { purchaseId } },
      shopper,
      accountDetailSchema
    )
  }

  /**
   * `POST /Pay`: opens a Checkout 3.0 purchase for an unpaid invoice or account. The shopper picks
   * the amount (full, minimum or custom) inside Avarda's form; the shop sends none.
   */
  startPayment(
    input: { accountId: string; language?: number | string },
    shopper: MyPagesShopper
  ): Promise<MyPagesAnswer<MyPagesPayStarted>> {
    return this.customerCall(
      {
        operation: "avarda.myPages.pay",
        method: "POST",
        path: "Pay",
        json: { accountId: input.accountId, ...(input.language !== undefined ? { language: input.language } : {}) },
      },
      shopper,
      payStartedSchema
    )
  }

  /** `POST /Pay/Status`: the state of a payment started with `startPayment`. */
  getPaymentStatus(input: { purchaseId: string; accountId: string }, shopper: MyPagesShopper): Promise<MyPagesAnswer<{ state: string }>> {
    return this.customerCall(
      { operation: "avarda.myPages.payStatus", method: "POST", path: "Pay/Status", json: { purchaseId: input.purchaseId, accountId: input.accountId } },
      shopper,
      payStatusSchema
    )
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  private fetchToken(): Promise<AccessToken> {
    const { clientId, clientSecret } = this.options
    return fetchPartnerToken(this.http, { operation: "avarda.myPages.token", path: "auth/token", clientId, clientSecret }, this.now())
  }

  private customerCall<S extends z.ZodType>(
    request: Omit<VendorRequest, "headers">,
    shopper: MyPagesShopper,
    schema: S
  ): Promise<MyPagesAnswer<z.infer<S>>> {
    return withTokenRetry(
      this.tokens,
      async (token) => {
        const res = await this.http.request({
          ...request,
          headers: {
            authorization: `Bearer ${token}`,
            customerAuthToken: shopper.customerAuthToken,
            customerTokenProvider: shopper.customerTokenProvider ?? "Self",
            customerAuthenticationReturnUrl: shopper.customerAuthenticationReturnUrl,
          },
        })
        if (res.status === 202) {
          const { redirectUrl } = parseJsonBody(request.operation, res.text, strongAuthenticationSchema)
          return { kind: "strong_authentication_required", redirectUrl } as const
        }
        if (res.status < 200 || res.status >= 300) {
          throw new VendorHttpError(request.operation, res.status, res.text, tryParseJson(res.text))
        }
        return { kind: "ok", data: parseJsonBody(request.operation, res.text, schema) } as const
      },
      isUnauthorized
    )
  }
}
