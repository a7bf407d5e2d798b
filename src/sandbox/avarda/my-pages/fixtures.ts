/**
 * Seedable My Pages data for the demo and tests: a shopper (personal identity number), the
 * purchase ids that identify them, and accounts with amounts and dates.
 */
import { z } from "zod"
import { MARKETS, type Currency } from "../shared/markets"
import { checkNationalId, detectMarketOfNationalId, type Market } from "../shared/national-id"
import { shopperKeyOf } from "../shared/credit-purchase"
import { toMinorUnits } from "../shared/money"
import { ACCOUNT_TYPES, INVOICE_FEE_MINOR, INVOICE_TERM_DAYS, isLoanType, LOAN_INTEREST_PERCENT, PAYMENT_STATES, type LedgerAccount } from "./accounts"

const DAY_MS = 24 * 60 * 60 * 1000
const twoDecimals = z.number().refine((value) => toMinorUnits(String(value)) !== undefined, "at most 2 decimals")

export const myPagesFixtureAccountSchema = z.object({
  /** Default: generated 10-digit id. */
  id: z.string().min(1).optional(),
  type: z.enum(ACCOUNT_TYPES),
  /** Default: the market's currency. */
  currency: z.enum(["SEK", "EUR", "NOK", "DKK"]).optional(),
  /** Original amount in major units (one purchase transaction). */
  amount: twoDecimals.refine((value) => value > 0, "must be positive"),
  /** Already paid (a payment transaction); makes the balance `amount - paid`. */
  paid: twoDecimals.refine((value) => value >= 0, "must not be negative").optional(),
  /** Default: now (sandbox clock) minus 10 days. */
  accountDate: z.iso.datetime({ offset: true }).optional(),
  /** Absolute due date, or `dueInDays` relative to now (negative = already overdue). Default accountDate + 30 days. */
  dueDate: z.iso.datetime({ offset: true }).optional(),
  dueInDays: z.number().int().optional(),
  /** Pin a state instead of computing it (e.g. Postponed, Transferred, PaymentScheduled). */
  state: z.enum(PAYMENT_STATES).optional(),
  /** Loan types: instalments (default 36) and nominal interest (default 19.95). */
  months: z.number().int().positive().optional(),
  interestRate: z.number().nonnegative().optional(),
  description: z.string().min(1).max(35).optional(),
  orderReference: z.string().min(1).optional(),
  /** Which of the fixture's purchase ids the account lists (default: the first). */
  purchaseId: z.string().min(1).optional(),
})
export type MyPagesFixtureAccount = z.input<typeof myPagesFixtureAccountSchema>

export const myPagesFixtureSchema = z.object({
  identificationNumber: z.string().min(1),
  /** Default: from the number's format. */
  market: z.enum(["SE", "FI", "NO", "DK"]).optional(),
  purchaseIds: z.array(z.string().min(1)).min(1),
  accounts: z.array(myPagesFixtureAccountSchema).min(1),
})
export type MyPagesFixture = z.input<typeof myPagesFixtureSchema>

export interface SeededFixture {
  shopperKey: string
  purchaseIds: string[]
  accounts: LedgerAccount[]
}

/** Turns a (parsed) fixture into ledger accounts; throws with a readable message on bad data. */
export function buildFixture(fixture: MyPagesFixture, now: Date, newAccountId: () => string): SeededFixture {
  const parsed = myPagesFixtureSchema.parse(fixture)
  const market: Market | undefined = parsed.market ?? detectMarketOfNationalId(parsed.identificationNumber, now)
  const check = market ? checkNationalId(market, parsed.identificationNumber, now) : undefined
  if (!market || !check?.valid) throw new Error(`identificationNumber '${parsed.identificationNumber}' is not a valid personal identity number`)
  const shopperKey = shopperKeyOf(market, check.canonical!)
  const accounts = parsed.accounts.map((spec): LedgerAccount => {
    const currency: Currency = spec.currency ?? MARKETS[market].currency
    const accountDate = spec.accountDate ? new Date(spec.accountDate) : new Date(now.getTime() - 10 * DAY_MS)
    const dueDate = spec.dueDate
      ? new Date(spec.dueDate)
      : spec.dueInDays !== undefined
        ? new Date(now.getTime() + spec.dueInDays * DAY_MS)
        : new Date(accountDate.getTime() + INVOICE_TERM_DAYS * DAY_MS)
    const purchaseId = spec.purchaseId ?? parsed.purchaseIds[0]!
    const account: LedgerAccount = {
      id: spec.id ?? newAccountId(),
      shopperKey,
      market,
      currency,
      type: spec.type,
      accountDate,
      dueDate,
      purchaseIds: [purchaseId],
      transactions: [
        {
          description: spec.description ?? (isLoanType(spec.type) ? "Loan" : "Purchase"),
          amountMinor: toMinorUnits(String(spec.amount))!,
          taxAmountMinor: 0,
          transactionType: "Purchase",
          at: accountDate,
          ...(spec.orderReference ? { orderReference: spec.orderReference } : {}),
        },
        ...(spec.paid
          ? [{ description: "Payment", amountMinor: -toMinorUnits(String(spec.paid))!, taxAmountMinor: 0, transactionType: "Payment", at: accountDate }]
          : []),
      ],
      ...(spec.state ? { forcedState: spec.state } : {}),
      origin: "fixture",
    }
    if (isLoanType(spec.type)) {
      account.loanTerms = {
        months: spec.months ?? 36,
        interestRatePercent: spec.interestRate ?? LOAN_INTEREST_PERCENT.loan,
        invoiceFeeMinor: INVOICE_FEE_MINOR[currency],
      }
    }
    return account
  })
  return { shopperKey, purchaseIds: parsed.purchaseIds, accounts }
}

/** Personal identity number of the demo shopper (SE, valid format, approved by the credit APIs). */
export const MY_PAGES_DEMO_IDENTIFICATION_NUMBER = "198005203008"

/** A ready-made shopper for the demo: open, overdue and paid invoices and a loan. */
export function demoMyPagesFixture(): MyPagesFixture {
  return {
    identificationNumber: MY_PAGES_DEMO_IDENTIFICATION_NUMBER,
    market: "SE",
    purchaseIds: ["demo-purchase-invoice", "demo-purchase-loan"],
    accounts: [
      { id: "7000000001", type: "Invoice", amount: 1249, dueInDays: 12, description: "Winter jacket", orderReference: "DEMO-1001" },
      { id: "7000000002", type: "Invoice", amount: 399, dueInDays: -5, description: "Running shoes", orderReference: "DEMO-1002" },
      { id: "7000000003", type: "DirectInvoice", amount: 500, paid: 500, dueInDays: -20, description: "Gift card", orderReference: "DEMO-1003" },
      {
        id: "7000000004",
        type: "Loan",
        amount: 12000,
        months: 36,
        dueInDays: 20,
        description: "Sofa",
        orderReference: "DEMO-1004",
        purchaseId: "demo-purchase-loan",
      },
    ],
  }
}
