/**
 * My Pages API routes, mounted under `/avarda/mypages`: partner token, accounts and
 * invoices for the shopper behind a purchase id, strong authentication (202) for loan data, Pay.
 */
import type { AvardaSandboxSettings, SandboxRequest, SandboxResponse, SandboxRouter } from "../../core/types"
import { bearerRoutes } from "../shared/bearer-routes"
import { toPlainJson } from "../shared/lossless-json"
import { readDotnetJson } from "../shared/json-request"
import { missingFieldsProblem, problem, validationProblem } from "../shared/problem-details"
import { jsonResponse } from "../shared/responses"
import { strongAuthPageUrl } from "../pages/strong-auth-page"
import { accountDetailJson, accountSummaryJson, invoiceSummaryJson, isInvoiceType, isLoanType, type LedgerAccount } from "./accounts"
import type { MyPagesState } from "./my-pages-state"
import { MY_PAGES_KEYS, payRequestSchema, payStatusRequestSchema } from "./request-schemas"

export const MY_PAGES_PREFIX = "/avarda/mypages"
const TOKEN_PROVIDERS = ["Self", "Google"]

export interface MyPagesDepsForRoutes {
  state: MyPagesState
  settings(): AvardaSandboxSettings
}

function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()]
  const text = Array.isArray(value) ? value[0] : value
  return text === undefined || text.trim() === "" ? undefined : text.trim()
}

interface CustomerContext {
  shopperKey: string
  token: string
  provider: string
  returnUrl?: string
}

/** Checks `purchaseId` and the customer headers; the shopper behind the purchase id. */
function customerContext(
  req: SandboxRequest,
  state: MyPagesState,
  requireReturnUrl: boolean,
): { ok: true; customer: CustomerContext } | { ok: false; response: SandboxResponse } {
  const errors: Record<string, string[]> = {}
  const purchaseId = req.query.get("purchaseId")?.trim()
  if (!purchaseId) errors.purchaseId = ["The purchaseId field is required."]
  const token = header(req, "customerAuthToken")
  if (!token) errors.customerAuthToken = ["The customerAuthToken field is required."]
  const providerText = header(req, "customerTokenProvider")
  const provider = TOKEN_PROVIDERS.find((candidate) => candidate.toLowerCase() === providerText?.toLowerCase())
  if (!providerText) errors.customerTokenProvider = ["The customerTokenProvider field is required."]
  else if (!provider) errors.customerTokenProvider = [`The value '${providerText}' is not valid for customerTokenProvider. Available values: Self, Google.`]
  const returnUrl = header(req, "customerAuthenticationReturnUrl")
  if (requireReturnUrl) {
    if (!returnUrl) errors.customerAuthenticationReturnUrl = ["The customerAuthenticationReturnUrl field is required."]
    else if (!URL.canParse(returnUrl)) errors.customerAuthenticationReturnUrl = ["The customerAuthenticationReturnUrl must be an absolute URL."]
  }
  if (Object.keys(errors).length > 0) return { ok: false, response: validationProblem(errors) }
  const shopperKey = state.shopperOfPurchase(purchaseId!)
  if (!shopperKey) return { ok: false, response: problem(404, `No purchase with id '${purchaseId}' was found.`) }
  return { ok: true, customer: { shopperKey, token: token!, provider: provider!, ...(returnUrl ? { returnUrl } : {}) } }
}

/** 202 `{redirectUrl}` when loan data is involved and this customerAuthToken has not authenticated yet. */
function strongAuthRequired(req: SandboxRequest, state: MyPagesState, customer: CustomerContext, accounts: LedgerAccount[]): SandboxResponse | undefined {
  if (!accounts.some((account) => isLoanType(account.type))) return undefined
  if (state.isAuthenticated(customer.provider, customer.token, customer.shopperKey)) return undefined
  const session = state.startStrongAuth(customer.provider, customer.token, customer.shopperKey, customer.returnUrl!)
  return jsonResponse(202, { redirectUrl: strongAuthPageUrl(req.origin, session.id) })
}

export function mountMyPagesApi(router: SandboxRouter, deps: MyPagesDepsForRoutes): void {
  const { state } = deps
  const route = bearerRoutes(router, MY_PAGES_PREFIX, state.partnerTokens.bearer)

  route(
    "POST",
    "/auth/token",
    "avarda.mypages.token",
    (req) => state.partnerTokens.answer(req),
    false,
  )

  route("GET", "/Accounts", "avarda.mypages.accounts.list", (req) => {
    const context = customerContext(req, state, true)
    if (!context.ok) return context.response
    const accounts = state.accountsOfShopper(context.customer.shopperKey)
    const gate = strongAuthRequired(req, state, context.customer, accounts)
    if (gate) return gate
    return jsonResponse(200, accounts.map((account) => accountSummaryJson(account, state.figures(account))))
  })

  route("GET", "/Accounts/:accountId", "avarda.mypages.accounts.get", (req) => {
    const context = customerContext(req, state, true)
    if (!context.ok) return context.response
    const account = state.accountsOfShopper(context.customer.shopperKey).find((candidate) => candidate.id === req.params.accountId)
    if (!account) return problem(404, `No account with id '${req.params.accountId}' was found for this customer.`)
    const gate = strongAuthRequired(req, state, context.customer, [account])
    if (gate) return gate
    return jsonResponse(200, accountDetailJson(account, state.figures(account)))
  })

  route("GET", "/Invoices", "avarda.mypages.invoices.list", (req) => {
    const context = customerContext(req, state, false)
    if (!context.ok) return context.response
    const invoices = state.accountsOfShopper(context.customer.shopperKey).filter((account) => isInvoiceType(account.type))
    return jsonResponse(200, invoices.map((account) => invoiceSummaryJson(account, state.figures(account))))
  })

  route("GET", "/Invoices/:invoiceId", "avarda.mypages.invoices.get", (req) => {
    const context = customerContext(req, state, false)
    if (!context.ok) return context.response
    const invoice = state
      .accountsOfShopper(context.customer.shopperKey)
      .find((candidate) => candidate.id === req.params.invoiceId && isInvoiceType(candidate.type))
    if (!invoice) return problem(404, `No invoice with id '${req.params.invoiceId}' was found for this customer.`)
    return jsonResponse(200, accountDetailJson(invoice, state.figures(invoice)))
  })

  route("POST", "/Pay", "avarda.mypages.pay", async (req) => {
    const body = readDotnetJson(req, payRequestSchema, MY_PAGES_KEYS)
    if (!body.ok) return body.response
    const missing = missingFieldsProblem({ AccountId: body.value.accountId })
    if (missing) return missing
    const account = state.findAccount(body.value.accountId!)
    if (!account) return problem(404, `No account with id '${body.value.accountId}' was found.`)
    if (state.figures(account).balanceMinor <= 0) return problem(400, "The account has no open balance to pay.")
    const language = body.value.language === undefined ? undefined : toPlainJson(body.value.language as never)
    return jsonResponse(200, await state.startPayment(account, language))
  })

  route("POST", "/Pay/Status", "avarda.mypages.pay.status", (req) => {
    const body = readDotnetJson(req, payStatusRequestSchema, MY_PAGES_KEYS)
    if (!body.ok) return body.response
    const missing = missingFieldsProblem({ PurchaseId: body.value.purchaseId, AccountId: body.value.accountId })
    if (missing) return missing
    const session = state.paySession(body.value.purchaseId!)
    if (!session || session.accountId !== body.value.accountId!.trim()) {
      return problem(404, `No payment '${body.value.purchaseId}' was found for account '${body.value.accountId}'.`)
    }
    return jsonResponse(200, { state: session.state })
  })
}

/** The vendor's answer for an injected fault without a body. */
export function myPagesFaultResponse(fault: { kind: "status" | "expired-token"; status: number }): SandboxResponse {
  if (fault.kind === "expired-token" || fault.status === 401) {
    return { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token", error_description="The token expired"' } }
  }
  return problem(fault.status)
}
