/**
 * The JSON the store and admin routes answer with (snake_case, like Medusa's own API). Amounts
 * are Avarda's decimals in major units of `currency`, passed through untouched. Accounts with
 * `access: "own_purchases"` (no proof of identity) carry no balance, amount, date, state or
 * reference of the account, only the customer's own purchases' transactions.
 */
import { describeAccountState, humanizeEnumValue, isPayable } from "../../lib/avarda/my-pages/account-states"
import type { MyPagesOverviewItem } from "../../lib/avarda/my-pages/overview"
import type { PayStatusView } from "../../lib/avarda/my-pages/pay-status"
import type { MyPagesAccountDetail } from "../../lib/avarda/my-pages/schemas"
import { ownTransactions, type ActiveIdentity } from "../../modules/avarda-my-pages/identity-rules"
import type { AccountAccess, MyPagesOverview, PaymentForm } from "../../modules/avarda-my-pages/service"

/** `access` defaults to the restricted view: everything about the account needs a caller that says "full". */
export function accountJson(item: MyPagesOverviewItem, access: AccountAccess = "own_purchases") {
  if (access === "own_purchases") return ownPurchasesAccountJson(item)
  const state = describeAccountState(item.state)
  return {
    id: item.id,
    access,
    /** "invoice" rows come from /Invoices, "account" rows (loans, …) from /Accounts. */
    kind: item.source,
    type: item.type,
    type_label: humanizeEnumValue(item.type),
    state: item.state,
    state_label: state.label,
    state_tone: state.tone,
    needs_payment: state.needsPayment,
    payable: isPayable(item.state, item.balance),
    currency: item.currency,
    balance: item.balance,
    original_amount: item.originalAmount,
    minimum_amount_to_pay: item.minimumAmountToPay,
    date: item.date,
    due_date: item.dueDate,
    payment_reference: item.paymentReference,
    live_invoice_url: item.liveInvoiceUrl,
    scheduled_payment:
      item.scheduledPaymentAmount !== null || item.scheduledPaymentChargeDate !== null
        ? { amount: item.scheduledPaymentAmount, charge_date: item.scheduledPaymentChargeDate }
        : null,
  }
}

/** An account the customer's own purchase landed on, without anything about other purchases. */
function ownPurchasesAccountJson(item: MyPagesOverviewItem) {
  return {
    id: item.id,
    access: "own_purchases" as AccountAccess,
    kind: item.source,
    type: item.type,
    type_label: humanizeEnumValue(item.type),
    state: null,
    state_label: null,
    state_tone: null,
    needs_payment: false,
    payable: false,
    currency: item.currency,
    balance: null,
    original_amount: null,
    minimum_amount_to_pay: null,
    date: null,
    due_date: null,
    payment_reference: null,
    live_invoice_url: null,
    scheduled_payment: null,
  }
}

function transactionJson(transaction: MyPagesAccountDetail["transactions"][number]) {
  return {
    date: transaction.transactionDate,
    type: transaction.transactionType,
    description: transaction.description,
    notes: transaction.notes,
    amount: transaction.amount,
    tax_amount: transaction.taxAmount,
    tax_code: transaction.taxCode,
    order_reference: transaction.orderReference,
  }
}

/** `access` defaults to the restricted view, like `accountJson`'s. */
export function accountDetailJson(item: MyPagesOverviewItem, detail: MyPagesAccountDetail, access: AccountAccess = "own_purchases", ownOrderReferences: readonly string[] = []) {
  if (access === "own_purchases") {
    const transactions = ownTransactions(detail, ownOrderReferences)
    return {
      ...ownPurchasesAccountJson({ ...item, type: detail.type, currency: detail.currency }),
      receiver: null,
      bank_account: null,
      order_references: [...new Set(transactions.map((transaction) => transaction.orderReference!))],
      transactions: transactions.map(transactionJson),
      apr: null,
    }
  }
  const merged: MyPagesOverviewItem = {
    ...item,
    state: detail.state,
    balance: detail.balance,
    currency: detail.currency,
    originalAmount: detail.originalAmount ?? item.originalAmount,
    minimumAmountToPay: detail.minimumAmountToPay ?? item.minimumAmountToPay,
    date: detail.accountDate ?? detail.invoiceDate ?? item.date,
    dueDate: detail.dueDate ?? item.dueDate,
    paymentReference: detail.paymentReference ?? item.paymentReference,
    liveInvoiceUrl: detail.myPagesLiveUrl ?? item.liveInvoiceUrl,
  }
  const apr = detail.aprData
  return {
    ...accountJson(merged, "full"),
    receiver: detail.receiver,
    bank_account: detail.bankAccount,
    order_references: detail.orderReference,
    transactions: detail.transactions.map(transactionJson),
    apr: apr
      ? {
          credit_amount: apr.creditAmount,
          months: apr.months,
          per_month: apr.perMonth,
          percent: apr.percent,
          total_credit: apr.totalCredit,
          total_amount: apr.totalAmount,
          interest_rate: apr.interestRate,
          invoice_fee: apr.invoiceFee,
        }
      : null,
  }
}

export function strongAuthenticationJson(redirectUrl: string | null, audience: "customer" | "admin") {
  if (!redirectUrl) return { required: false, redirect_url: null, message: null }
  return {
    required: true,
    // The admin must not follow it: only the customer can identify themselves.
    redirect_url: audience === "customer" ? redirectUrl : null,
    message:
      audience === "customer"
        ? "Avarda needs you to identify yourself (e.g. with BankID) before it shows your loan accounts. Follow redirect_url; you will come back here afterwards."
        : "Avarda shows this customer's loan accounts only after the customer has identified themselves (e.g. with BankID) in the store's My Pages. Invoices are listed; loans appear once the customer has identified.",
  }
}

/**
 * Whether the customer proved to be an Avarda person, how and until when. `can_verify`: the store
 * offers strong authentication (`POST /store/customers/me/avarda/strong-authentication`).
 */
export function identityJson(identity: ActiveIdentity | null, canVerify: boolean) {
  return {
    verified: identity !== null,
    method: identity?.method ?? null,
    expires_at: identity?.expiresAt.toISOString() ?? null,
    can_verify: identity === null && canVerify,
  }
}

export function overviewJson(overview: MyPagesOverview, audience: "customer" | "admin") {
  return {
    accounts: overview.accounts.map((shown) => accountJson(shown.item, shown.access)),
    count: overview.accounts.length,
    identity: identityJson(overview.identity, overview.canVerify),
    strong_authentication: strongAuthenticationJson(overview.strongAuthentication?.redirectUrl ?? null, audience),
  }
}

export function paymentFormJson(payment: PaymentForm) {
  return {
    account_id: payment.accountId,
    purchase_id: payment.purchaseId,
    jwt: payment.jwt,
    checkout_script_url: payment.checkoutScriptUrl,
    payment_page_url: payment.paymentPageUrl,
    return_url: payment.returnUrl,
  }
}

export function paymentStatusJson(accountId: string, purchaseId: string, status: PayStatusView) {
  return { account_id: accountId, purchase_id: purchaseId, state: status.state, outcome: status.outcome, final: status.final }
}
