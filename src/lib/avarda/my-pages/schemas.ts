/**
 * Answers of the My Pages API (Avarda's "Accounts" page). Parsed loosely: unknown fields
 * are ignored, enum-like fields (type, state, currency) are plain strings so a state Avarda adds
 * tomorrow does not break the page, and optional fields may be missing or null.
 */
import { z } from "zod"
import { partnerTokenResponseSchema } from "../partner-token"

/** Decimal amounts arrive as JSON numbers; some Avarda integrations send strings, so accept both. */
const decimal = z
  .union([z.number(), z.string().regex(/^-?\d+(?:\.\d+)?$/)])
  .transform((value) => (typeof value === "number" ? value : Number(value)))

const optionalDecimal = decimal.nullish().transform((value) => value ?? null)
const optionalText = z.string().nullish().transform((value) => value ?? null)

/** `purchaseId` / `orderReference` are arrays in examples, a string in the field table. */
const stringList = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((value) => (value == null ? [] : Array.isArray(value) ? value : [value]))

export const tokenResponseSchema = partnerTokenResponseSchema
export type TokenResponse = z.infer<typeof tokenResponseSchema>

export const strongAuthenticationSchema = z.object({
  redirectUrl: z.string().min(1),
})

export const transactionSchema = z.object({
  description: optionalText,
  notes: optionalText,
  amount: decimal,
  taxAmount: optionalDecimal,
  taxCode: z.union([z.string(), z.number()]).nullish().transform((value) => (value == null ? null : String(value))),
  transactionType: optionalText,
  transactionDate: optionalText,
  orderReference: optionalText,
})
export type MyPagesTransaction = z.infer<typeof transactionSchema>

export const aprDataSchema = z.object({
  creditAmount: optionalDecimal,
  months: optionalDecimal,
  perMonth: optionalDecimal,
  percent: optionalDecimal,
  totalCredit: optionalDecimal,
  totalAmount: optionalDecimal,
  interestRate: optionalDecimal,
  invoiceFee: optionalDecimal,
})
export type MyPagesAprData = z.infer<typeof aprDataSchema>

/** `GET /Accounts` item: the summary form (assumption U24). */
export const accountSummarySchema = z.object({
  id: z.string().min(1),
  currency: z.string().min(1),
  balance: decimal,
  type: z.string().min(1),
  dueDate: optionalText,
  accountDate: optionalText,
  state: z.string().min(1),
  paymentReference: optionalText,
  purchaseId: stringList,
  myPagesLiveUrl: optionalText,
  scheduledPaymentAmount: optionalDecimal,
  scheduledPaymentChargeDate: optionalText,
  minimumAmountToPay: optionalDecimal,
  originalAmount: optionalDecimal,
})
export type MyPagesAccountSummary = z.infer<typeof accountSummarySchema>

/** `GET /Accounts/{id}` and `GET /Invoices/{id}`: the full form. */
export const accountDetailSchema = accountSummarySchema.extend({
  /** Older answers used `invoiceDate` for what is now `accountDate`. */
  invoiceDate: optionalText,
  transactions: z
    .array(transactionSchema)
    .nullish()
    .transform((value) => value ?? []),
  receiver: optionalText,
  bankAccount: optionalText,
  aprData: aprDataSchema.nullish().transform((value) => value ?? null),
  orderReference: stringList,
})
export type MyPagesAccountDetail = z.infer<typeof accountDetailSchema>

/** `GET /Invoices` item. */
export const invoiceSummarySchema = z.object({
  id: z.string().min(1),
  invoiceDate: optionalText,
  dueDate: optionalText,
  currency: z.string().min(1),
  balance: decimal,
  state: z.string().min(1),
  type: z.string().nullish().transform((value) => value ?? "Invoice"),
  paymentReference: optionalText,
  purchaseId: stringList,
  postponed: z.boolean().nullish().transform((value) => value ?? false),
  myPagesLiveUrl: optionalText,
  scheduledPaymentAmount: optionalDecimal,
  scheduledPaymentChargeDate: optionalText,
  minimumAmountToPay: optionalDecimal,
  originalAmount: optionalDecimal,
})
export type MyPagesInvoiceSummary = z.infer<typeof invoiceSummarySchema>

export const accountListSchema = z.array(accountSummarySchema)
export const invoiceListSchema = z.array(invoiceSummarySchema)

/** `POST /Pay`: the Checkout 3.0 purchase that renders the payment form. */
export const payStartedSchema = z.object({
  purchaseId: z.string().min(1),
  jwt: z.string().min(1),
})
export type MyPagesPayStarted = z.infer<typeof payStartedSchema>

/** `POST /Pay/Status`. */
export const payStatusSchema = z.object({
  state: z.string().min(1),
})
