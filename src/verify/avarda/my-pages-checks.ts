/**
 * Checks of Avarda's My Pages API: the partner token, `/Accounts` for a purchase the suite made on
 * the Authorization API and captured, the 202 strong-authentication answer for a shopper with a loan,
 * and the error answers, through the plugin's own My Pages client.
 */
import { randomUUID } from "node:crypto"
import type { MyPagesAnswer, MyPagesShopper } from "../../lib/avarda/my-pages/client"
import { VendorHttpError } from "../../lib/http/errors"
import { describeError, outcomeOf, Unreachable, type VerifyCheck } from "../check"
import type { VerifyContext } from "../verify-context"
import { approvedAuthorization, mockRows, orderBody } from "./mock-credit"

type Check = VerifyCheck<VerifyContext>
const api = "avarda-my-pages" as const

/** A shopper as the plugin presents one: an opaque token, new for this run. */
function shopper(context: VerifyContext): MyPagesShopper {
  return {
    customerAuthToken: context.reference(`shopper-${randomUUID()}`),
    customerTokenProvider: "Self",
    customerAuthenticationReturnUrl: "https://example.org/avarda-verify/strong-authentication-return",
  }
}

/** A mock purchase on the Authorization API, captured so My Pages has an account for it. */
function capturedPurchase(context: VerifyContext, kind: "invoice" | "loan"): Promise<string> {
  return context.once(`avarda.captured.${kind}`, `a captured mock ${kind} purchase`, async () => {
    const rows = mockRows(100)
    const shopperId = kind === "loan" ? context.settings.shoppers.loan : context.settings.shoppers.invoice
    const { authorizationId } = await approvedAuthorization(context, rows, { label: `mypages-${kind}`, product: kind, shopper: shopperId })
    await context.authorizationApi().captureOrder(authorizationId, orderBody(context, rows, `mypages-${kind}`))
    return authorizationId
  })
}

/** Reads until My Pages knows the purchase (it may list a capture only after Avarda has processed it). */
async function whenKnown<T>(context: VerifyContext, what: string, read: () => Promise<MyPagesAnswer<T>>): Promise<MyPagesAnswer<T>> {
  return context.waitFor(`My Pages listing ${what}`, context.settings.backOfficeWaitMs, async () => {
    const result = await outcomeOf(read())
    if (result.ok) return result.value
    if (result.error instanceof VendorHttpError && result.error.status === 404) return undefined
    throw result.error
  })
}

/** `/Accounts` of the captured invoice purchase, as a shopper token new to My Pages sees it. */
async function invoiceAccounts(context: VerifyContext) {
  const authorizationId = await capturedPurchase(context, "invoice")
  const who = shopper(context)
  const list = await whenKnown(context, "the purchase", () => context.myPages().listAccounts(authorizationId, who))
  return { authorizationId, who, list }
}

const isProblemDetails = (body: unknown): boolean => typeof body === "object" && body !== null && !Array.isArray(body) && ("title" in body || "status" in body)

export const MY_PAGES_CHECKS: Check[] = [
  {
    assumption: "U3",
    api,
    readOnly: true,
    expected: "the Authorization API's client id / secret get a My Pages partner token",
    async run(context, found) {
      const { clientId, clientSecret } = context.configured("authorizationApi")
      const result = await outcomeOf(context.myPages({ clientId, clientSecret }).listAccounts(`verify-${randomUUID()}`, shopper(context)))
      const tokenRefused = !result.ok && result.error instanceof VendorHttpError && result.error.operation === "avarda.myPages.token"
      found.expect(!tokenRefused, tokenRefused ? `auth/token: ${describeError(result.ok ? undefined : result.error)}` : "auth/token: token issued")
    },
  },
  {
    assumption: "U4",
    api,
    expected: "`/Accounts?purchaseId=<authorizationId>` knows an Authorization-API purchase (200 or 202, not 404)",
    async run(context, found) {
      let list: MyPagesAnswer<unknown[]>
      try {
        list = (await invoiceAccounts(context)).list
      } catch (error) {
        // The purchase exists and is captured: a My Pages that keeps answering 404 does not know it by this id.
        if (error instanceof Unreachable && /not seen within/.test(error.message)) return found.expect(false, `404 until ${error.message.replace(/^.*not seen within /, "")} passed`)
        throw error
      }
      found.expect(true, list.kind === "ok" ? `200, ${list.data.length} account(s)` : "202 strong authentication")
    },
  },
  {
    assumption: "U18",
    api,
    expected: "`/Pay` accepts the Checkout 3.0 integer `language` and answers `{purchaseId, jwt}`",
    async run(context, found) {
      const { who, list } = await invoiceAccounts(context)
      const account = list.kind === "ok" ? list.data.find((candidate) => candidate.balance > 0) : undefined
      if (!account) {
        found.expect(false, list.kind === "ok" ? "no account with a balance to pay" : "202 strong authentication before /Pay")
        return
      }
      const pay = await outcomeOf(context.myPages().startPayment({ accountId: account.id, language: 1 }, who))
      found.expect(pay.ok && pay.value.kind === "ok", `language 1: ${pay.ok ? (pay.value.kind === "ok" ? "200 {purchaseId, jwt}" : "202") : describeError(pay.error)}`)
    },
  },
  {
    assumption: "U19",
    api,
    readOnly: true,
    expected: "unknown purchase: 404 ProblemDetails; wrong client secret: 401 ProblemDetails",
    async run(context, found) {
      const unknown = await outcomeOf(context.myPages().listAccounts(`verify-${randomUUID()}`, shopper(context)))
      const notFound = unknown.ok ? undefined : unknown.error
      found.expect(
        notFound instanceof VendorHttpError && notFound.status === 404 && isProblemDetails(notFound.body),
        `unknown purchase: ${notFound ? `${describeError(notFound)}${isProblemDetails((notFound as VendorHttpError).body) ? " ProblemDetails" : ""}` : "200"}`
      )
      const config = context.configured("myPages")
      const wrong = await outcomeOf(context.myPages({ clientSecret: `${config.clientSecret}-verify-wrong` }).listAccounts(`verify-${randomUUID()}`, shopper(context)))
      const refused = wrong.ok ? undefined : wrong.error
      found.expect(
        refused instanceof VendorHttpError && refused.status === 401 && isProblemDetails(refused.body),
        `wrong secret: ${refused ? `${describeError(refused)}${isProblemDetails((refused as VendorHttpError).body) ? " ProblemDetails" : ""}` : "token issued"}`
      )
    },
  },
  {
    assumption: "U24",
    api,
    expected: "`purchaseId` as a query parameter; `/Accounts` lists summaries, `/Accounts/{id}` the detail with `transactions`",
    async run(context, found) {
      const { authorizationId, who, list } = await invoiceAccounts(context)
      if (list.kind !== "ok" || list.data.length === 0) {
        found.expect(false, list.kind === "ok" ? "200 with no accounts" : "202 strong authentication")
        return
      }
      const listed = [...context.exchanges()].reverse().find((exchange) => exchange.status === 200 && /\/accounts\?/i.test(exchange.url))
      const summaries = listed?.responseText ? (JSON.parse(listed.responseText) as Array<Record<string, unknown>>) : []
      found.expect(summaries.every((summary) => !("transactions" in summary)), `list: ${list.data.length} summaries${summaries.some((s) => "transactions" in s) ? " with transactions" : ""}`)
      const detail = await context.myPages().getAccount(list.data[0].id, authorizationId, who)
      // The plugin's schema reads a missing `transactions` as none: look at the answer itself.
      const answered = [...context.exchanges()].reverse().find((exchange) => exchange.status === 200 && /\/accounts\/[^/?]+\?/i.test(exchange.url))
      const raw = answered?.responseText ? (JSON.parse(answered.responseText) as { transactions?: unknown }) : {}
      found.expect(
        detail.kind === "ok" && Array.isArray(raw.transactions),
        `detail: ${detail.kind === "ok" ? (Array.isArray(raw.transactions) ? `${raw.transactions.length} transaction(s)` : "no transactions field") : "202"}`
      )
    },
  },
  {
    assumption: "D18",
    api,
    expected: "`/Accounts` of a shopper with a loan answers 202 `{redirectUrl}`; `/Invoices` answers 200",
    async run(context, found) {
      const authorizationId = await capturedPurchase(context, "loan")
      const who = shopper(context)
      const accounts = await whenKnown(context, "the loan purchase", () => context.myPages().listAccounts(authorizationId, who))
      found.expect(accounts.kind === "strong_authentication_required", `/Accounts: ${accounts.kind === "ok" ? "200 (no strong authentication asked)" : "202 {redirectUrl}"}`)
      const invoices = await outcomeOf(context.myPages().listInvoices(authorizationId, who))
      found.expect(invoices.ok && invoices.value.kind === "ok", `/Invoices: ${invoices.ok ? (invoices.value.kind === "ok" ? "200" : "202") : describeError(invoices.error)}`)
    },
  },
]
