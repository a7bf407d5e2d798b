/**
 * One list of everything a shopper has at Avarda: `GET /Accounts` (all account types, may be held
 * back behind strong authentication) merged with `GET /Invoices`, one row per id, newest first.
 */
import type { MyPagesAccountSummary, MyPagesInvoiceSummary } from "./schemas"

export interface MyPagesOverviewItem {
  id: string
  /** Which endpoint serves the details: invoices need no strong authentication, accounts may. */
  source: "invoice" | "account"
  type: string
  state: string
  currency: string
  /** Decimal amounts as Avarda sent them (major units). */
  balance: number
  originalAmount: number | null
  minimumAmountToPay: number | null
  /** accountDate, or invoiceDate for invoices. */
  date: string | null
  dueDate: string | null
  paymentReference: string | null
  liveInvoiceUrl: string | null
  scheduledPaymentAmount: number | null
  scheduledPaymentChargeDate: string | null
  purchaseIds: string[]
}

function fromAccount(account: MyPagesAccountSummary): MyPagesOverviewItem {
  return {
    id: account.id,
    source: "account",
    type: account.type,
    state: account.state,
    currency: account.currency,
    balance: account.balance,
    originalAmount: account.originalAmount,
    minimumAmountToPay: account.minimumAmountToPay,
    date: account.accountDate,
    dueDate: account.dueDate,
    paymentReference: account.paymentReference,
    liveInvoiceUrl: account.myPagesLiveUrl,
    scheduledPaymentAmount: account.scheduledPaymentAmount,
    scheduledPaymentChargeDate: account.scheduledPaymentChargeDate,
    purchaseIds: account.purchaseId,
  }
}

function fromInvoice(invoice: MyPagesInvoiceSummary): MyPagesOverviewItem {
  return {
    id: invoice.id,
    source: "invoice",
    type: invoice.type,
    state: invoice.state,
    currency: invoice.currency,
    balance: invoice.balance,
    originalAmount: invoice.originalAmount,
    minimumAmountToPay: invoice.minimumAmountToPay,
    date: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    paymentReference: invoice.paymentReference,
    liveInvoiceUrl: invoice.myPagesLiveUrl,
    scheduledPaymentAmount: invoice.scheduledPaymentAmount,
    scheduledPaymentChargeDate: invoice.scheduledPaymentChargeDate,
    purchaseIds: invoice.purchaseId,
  }
}

/** Fields of `b` fill the gaps of `a` (null / empty); `a` wins where both have a value. */
function fillGaps(a: MyPagesOverviewItem, b: MyPagesOverviewItem): MyPagesOverviewItem {
  const merged = { ...a } as Record<string, unknown>
  for (const [key, value] of Object.entries(b)) {
    if (merged[key] === null || merged[key] === undefined) merged[key] = value
  }
  merged.purchaseIds = [...new Set([...a.purchaseIds, ...b.purchaseIds])]
  return merged as unknown as MyPagesOverviewItem
}

function time(value: string | null): number {
  const parsed = value ? Date.parse(value) : NaN
  return Number.isNaN(parsed) ? -Infinity : parsed
}

/** Newest first (date, then due date), then id, so the order is stable. */
export function compareNewestFirst(a: MyPagesOverviewItem, b: MyPagesOverviewItem): number {
  return time(b.date) - time(a.date) || time(b.dueDate) - time(a.dueDate) || a.id.localeCompare(b.id)
}

/**
 * Merges both lists (either may be missing). An id in both keeps the invoice view (its detail needs
 * no strong authentication) completed with the account's fields (minimum to pay, original amount).
 */
export function mergeOverview(
  accounts: readonly MyPagesAccountSummary[] | undefined,
  invoices: readonly MyPagesInvoiceSummary[] | undefined
): MyPagesOverviewItem[] {
  const byId = new Map<string, MyPagesOverviewItem>()
  for (const invoice of invoices ?? []) {
    const item = fromInvoice(invoice)
    const existing = byId.get(item.id)
    byId.set(item.id, existing ? fillGaps(existing, item) : item)
  }
  for (const account of accounts ?? []) {
    const item = fromAccount(account)
    const existing = byId.get(item.id)
    byId.set(item.id, existing ? fillGaps(existing, item) : item)
  }
  return [...byId.values()].sort(compareNewestFirst)
}
