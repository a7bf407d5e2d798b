/**
 * My Pages accounts and invoices. Purchases made through the sandbox's credit APIs become accounts
 * once something is captured (invoice / direct invoice → an invoice; loan / part payment → a Loan
 * account with `aprData`); fixtures add accounts directly. Balances, states and due dates are
 * computed at read time from the sandbox clock and the My Pages payments.
 */
import { createHash } from "node:crypto"
import type { CreditProduct, CreditPurchaseView } from "../shared/credit-purchase"
import { rowTotalMinor } from "../shared/invoice-rows"
import { MARKETS, type Currency } from "../shared/markets"
import type { Market } from "../shared/national-id"
import { aprDataOf, monthlyPaymentMinor, type AprData, type LoanTerms } from "./apr"

export const ACCOUNT_TYPES = ["Invoice", "Loan", "LargeAmountLoan", "B2BInvoice", "DirectInvoice"] as const
export type AccountType = (typeof ACCOUNT_TYPES)[number]

export const PAYMENT_STATES = [
  "Unpaid",
  "Paid",
  "Postponed",
  "Overdue",
  "NotProduced",
  "Transferred",
  "PaymentScheduled",
  "ProcessingPayment",
] as const
export type PaymentState = (typeof PAYMENT_STATES)[number]

export const INVOICE_TERM_DAYS = 30
export const LOAN_PERIOD_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

/** Sandbox loan terms: interest and invoice fee per product and currency. */
export const LOAN_INTEREST_PERCENT: Record<"loan" | "part-payment", number> = { loan: 19.95, "part-payment": 0 }
export const INVOICE_FEE_MINOR: Record<Currency, number> = { SEK: 2900, NOK: 3900, DKK: 2900, EUR: 395 }
/** Lowest minimum payment of a monthly invoice (below it the whole balance is due). */
export const MINIMUM_PAYMENT_FLOOR_MINOR: Record<Currency, number> = { SEK: 10000, NOK: 10000, DKK: 10000, EUR: 1000 }

export const BANK_ACCOUNT: Record<Market, string> = {
  SE: "Bankgiro 5050-1055",
  FI: "FI21 1234 5600 0007 85",
  NO: "1503.70.11823",
  DK: "DK50 0040 0440 1162 43",
}
export const RECEIVER = "Avarda Bank AB"

export interface LedgerTransaction {
  description: string
  notes?: string
  amountMinor: number
  taxAmountMinor: number
  taxCode?: string
  transactionType: "Purchase" | "Return" | "Refund" | "Payment" | string
  at: Date
  orderReference?: string
}

export interface LedgerAccount {
  id: string
  shopperKey: string
  market: Market
  currency: Currency
  type: AccountType
  accountDate: Date
  /** Due date of an invoice; first instalment of a loan. */
  dueDate: Date
  purchaseIds: string[]
  transactions: LedgerTransaction[]
  /** Fixtures may pin a state (e.g. Postponed, Transferred); otherwise it is computed. */
  forcedState?: PaymentState
  loanTerms?: { months: number; interestRatePercent: number; invoiceFeeMinor: number }
  origin: "purchase" | "fixture"
}

export interface AccountPayment {
  accountId: string
  amountMinor: number
  at: Date
}

/** Stable 10-digit account id for a purchase (no per-instance counter needed). */
export function accountIdOfPurchase(purchaseId: string): string {
  const digest = createHash("sha256").update(`avarda-sandbox-account:${purchaseId.toLowerCase()}`).digest()
  return String(digest.readBigUInt64BE(0) % 9_000_000_000n + 1_000_000_000n)
}

function luhnCheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 2 : 1)
    if (n > 9) n -= 9
    sum += n
  }
  return (10 - (sum % 10)) % 10
}

/** OCR-style payment reference: the account id's digits plus a Luhn check digit. */
export function paymentReferenceOf(accountId: string): string {
  const digits = accountId.replace(/\D/g, "") || "0"
  return `${digits}${luhnCheckDigit(digits)}`
}

const ACCOUNT_TYPE_OF_PRODUCT: Record<CreditProduct, AccountType> = {
  invoice: "Invoice",
  "direct-invoice": "DirectInvoice",
  loan: "Loan",
  "part-payment": "Loan",
}

export function isLoanType(type: AccountType): boolean {
  return type === "Loan" || type === "LargeAmountLoan"
}

export function isInvoiceType(type: AccountType): boolean {
  return type === "Invoice" || type === "DirectInvoice" || type === "B2BInvoice"
}

/** The account a purchase turns into, or undefined while nothing has been captured. */
export function accountFromPurchase(purchase: CreditPurchaseView): LedgerAccount | undefined {
  const firstCapture = purchase.movements.find((movement) => movement.kind === "capture")
  if (!firstCapture) return undefined
  const currency = MARKETS[purchase.market].currency
  const type = ACCOUNT_TYPE_OF_PRODUCT[purchase.product]
  const transactions: LedgerTransaction[] = purchase.movements.flatMap((movement) => {
    const sign = movement.kind === "capture" ? 1 : -1
    const transactionType = movement.kind === "capture" ? "Purchase" : movement.kind === "return" ? "Return" : "Refund"
    return movement.rows.map((row) => ({
      description: row.description,
      ...(row.notes ? { notes: row.notes } : {}),
      amountMinor: sign * rowTotalMinor(row),
      taxAmountMinor: sign * row.unitTaxMinor * row.quantity,
      ...(row.taxCode ? { taxCode: row.taxCode } : {}),
      transactionType,
      at: movement.at,
      ...(movement.orderReference ? { orderReference: movement.orderReference } : {}),
    }))
  })
  const account: LedgerAccount = {
    id: accountIdOfPurchase(purchase.purchaseId),
    shopperKey: purchase.shopperKey,
    market: purchase.market,
    currency,
    type,
    accountDate: firstCapture.at,
    dueDate: new Date(firstCapture.at.getTime() + (isLoanType(type) ? LOAN_PERIOD_DAYS : INVOICE_TERM_DAYS) * DAY_MS),
    purchaseIds: [purchase.purchaseId],
    transactions,
    origin: "purchase",
  }
  if (isLoanType(type)) {
    const product = purchase.product === "part-payment" ? "part-payment" : "loan"
    account.loanTerms = {
      months: purchase.paymentTerms ?? 36,
      interestRatePercent: LOAN_INTEREST_PERCENT[product],
      invoiceFeeMinor: INVOICE_FEE_MINOR[currency],
    }
  }
  return account
}

/** Everything My Pages shows about an account at one moment. */
export interface AccountFigures {
  originalAmountMinor: number
  balanceMinor: number
  minimumAmountToPayMinor: number
  dueDate: Date
  state: PaymentState
  aprData?: AprData
  transactions: LedgerTransaction[]
}

export function loanTermsOf(account: LedgerAccount, originalAmountMinor: number): LoanTerms | undefined {
  if (!account.loanTerms) return undefined
  return { creditAmountMinor: originalAmountMinor, ...account.loanTerms }
}

export function figuresOf(account: LedgerAccount, payments: readonly AccountPayment[], now: Date): AccountFigures {
  const paymentTransactions: LedgerTransaction[] = payments
    .filter((payment) => payment.accountId === account.id)
    .map((payment) => ({
      description: "Payment",
      amountMinor: -payment.amountMinor,
      taxAmountMinor: 0,
      transactionType: "Payment",
      at: payment.at,
    }))
  const transactions = [...account.transactions, ...paymentTransactions].sort((a, b) => a.at.getTime() - b.at.getTime())
  const originalAmountMinor = account.transactions
    .filter((transaction) => transaction.amountMinor > 0)
    .reduce((sum, transaction) => sum + transaction.amountMinor, 0)
  const balanceMinor = transactions.reduce((sum, transaction) => sum + transaction.amountMinor, 0)
  const paidMinor = paymentTransactions.reduce((sum, transaction) => sum - transaction.amountMinor, 0)

  const terms = loanTermsOf(account, originalAmountMinor)
  let dueDate = account.dueDate
  let minimumAmountToPayMinor: number
  if (balanceMinor <= 0) {
    minimumAmountToPayMinor = 0
  } else if (terms) {
    const perMonth = monthlyPaymentMinor(terms)
    const instalmentsCovered = Math.min(terms.months - 1, Math.floor(paidMinor / perMonth))
    dueDate = new Date(account.dueDate.getTime() + instalmentsCovered * LOAN_PERIOD_DAYS * DAY_MS)
    minimumAmountToPayMinor = Math.min(balanceMinor, perMonth)
  } else if (account.type === "Invoice") {
    const tenPercentRoundedUp = Math.ceil(balanceMinor / 1000) * 100
    minimumAmountToPayMinor = Math.min(balanceMinor, Math.max(tenPercentRoundedUp, MINIMUM_PAYMENT_FLOOR_MINOR[account.currency]))
  } else {
    minimumAmountToPayMinor = balanceMinor
  }
  const computedState: PaymentState = balanceMinor <= 0 ? "Paid" : now.getTime() > dueDate.getTime() ? "Overdue" : "Unpaid"
  return {
    originalAmountMinor,
    balanceMinor,
    minimumAmountToPayMinor,
    dueDate,
    state: account.forcedState ?? computedState,
    ...(terms ? { aprData: aprDataOf(terms) } : {}),
    transactions,
  }
}

const major = (minor: number) => minor / 100

function transactionJson(transaction: LedgerTransaction) {
  return {
    description: transaction.description,
    notes: transaction.notes ?? null,
    amount: major(transaction.amountMinor),
    taxAmount: major(transaction.taxAmountMinor),
    taxCode: transaction.taxCode ?? null,
    transactionType: transaction.transactionType,
    transactionDate: transaction.at.toISOString(),
    orderReference: transaction.orderReference ?? null,
  }
}

function orderReferencesOf(account: LedgerAccount): string[] {
  return [...new Set(account.transactions.map((t) => t.orderReference).filter((ref): ref is string => !!ref))]
}

/** The fields both account forms (summary and detail) open with, in the vendor's order. */
function accountHeadJson(account: LedgerAccount, figures: AccountFigures) {
  return {
    id: account.id,
    currency: account.currency,
    balance: major(figures.balanceMinor),
    type: account.type,
    dueDate: figures.dueDate.toISOString(),
    accountDate: account.accountDate.toISOString(),
    state: figures.state,
    paymentReference: paymentReferenceOf(account.id),
    purchaseId: account.purchaseIds,
  }
}

/** `GET /Accounts` item (summary form, assumption U24). */
export function accountSummaryJson(account: LedgerAccount, figures: AccountFigures) {
  return {
    ...accountHeadJson(account, figures),
    minimumAmountToPay: major(figures.minimumAmountToPayMinor),
    originalAmount: major(figures.originalAmountMinor),
  }
}

/** `GET /Accounts/{id}` and `GET /Invoices/{id}` (detail form, the schema of the Accounts page). */
export function accountDetailJson(account: LedgerAccount, figures: AccountFigures) {
  return {
    ...accountHeadJson(account, figures),
    myPagesLiveUrl: null,
    scheduledPaymentAmount: null,
    scheduledPaymentChargeDate: null,
    transactions: figures.transactions.map(transactionJson),
    minimumAmountToPay: major(figures.minimumAmountToPayMinor),
    originalAmount: major(figures.originalAmountMinor),
    receiver: RECEIVER,
    bankAccount: BANK_ACCOUNT[account.market],
    aprData: figures.aprData ?? null,
    orderReference: orderReferencesOf(account),
  }
}

/** `GET /Invoices` item. */
export function invoiceSummaryJson(account: LedgerAccount, figures: AccountFigures) {
  return {
    id: account.id,
    invoiceDate: account.accountDate.toISOString(),
    dueDate: figures.dueDate.toISOString(),
    currency: account.currency,
    balance: major(figures.balanceMinor),
    state: figures.state,
    type: account.type,
    paymentReference: paymentReferenceOf(account.id),
    purchaseId: account.purchaseIds,
    postponed: figures.state === "Postponed",
    myPagesLiveUrl: null,
    scheduledPaymentAmount: null,
    scheduledPaymentChargeDate: null,
  }
}
