/**
 * CheckOut2Api request bodies (PascalCase). The service is a classic ASP.NET Web API
 * (Newtonsoft.Json): property names match case-insensitively, strings accept numbers, numbers
 * and booleans accept their string forms, `null` means "not given".
 */
import { z } from "zod"
import { collectKeys } from "../shared/dotnet-json"
import { JsonNumber } from "../shared/lossless-json"
import { parseExactDecimal } from "../shared/money"

const TYPE = (dotnetType: string) => ({ error: `type:${dotnetType}` })
const nullable = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === null ? undefined : value), schema.optional())

const legacyString = () =>
  nullable(
    z
      .custom<string | JsonNumber | boolean>(
        (value) => typeof value === "string" || value instanceof JsonNumber || typeof value === "boolean",
        TYPE("System.String"),
      )
      .transform((value) => (value instanceof JsonNumber ? value.text : String(value))),
  )

const legacyBool = () =>
  nullable(
    z
      .custom<boolean | string | JsonNumber>(
        (value) =>
          typeof value === "boolean" ||
          (typeof value === "string" && /^(true|false)$/i.test(value.trim())) ||
          (value instanceof JsonNumber && /^[01]$/.test(value.text)),
        TYPE("System.Boolean"),
      )
      .transform((value) =>
        typeof value === "boolean" ? value : value instanceof JsonNumber ? value.text === "1" : value.trim().toLowerCase() === "true",
      ),
  )

/** Keeps the exact text for the "maximum of 2 decimal places" rules. */
const legacyDecimal = () =>
  nullable(
    z
      .custom<JsonNumber | string>(
        (value) =>
          (value instanceof JsonNumber || typeof value === "string") &&
          parseExactDecimal(value instanceof JsonNumber ? value.text : value) !== undefined,
        TYPE("System.Decimal"),
      )
      .transform((value) => (value instanceof JsonNumber ? value.text : value.trim())),
  )

const legacyInt = () =>
  nullable(
    z
      .custom<JsonNumber | string>((value) => {
        const text = value instanceof JsonNumber ? value.text : typeof value === "string" ? value.trim() : undefined
        return text !== undefined && /^-?\d{1,10}$/.test(text) && Math.abs(Number(text)) <= 2147483647
      }, TYPE("System.Int32"))
      .transform((value) => Number(value instanceof JsonNumber ? value.text : value)),
  )

export const standaloneItemSchema = z.object(
  {
    Description: legacyString(),
    Notes: legacyString(),
    Amount: legacyDecimal(),
    TaxCode: legacyString(),
    TaxAmount: legacyDecimal(),
  },
  TYPE("AvardaCheckOut2.Item"),
)
export type StandaloneItemInput = z.output<typeof standaloneItemSchema>

const items = () => nullable(z.array(standaloneItemSchema, TYPE("System.Collections.Generic.List`1[AvardaCheckOut2.Item]")))

export const authorizeEidSchema = z.object(
  {
    IdentificationNumber: legacyString(),
    IsB2B: legacyBool(),
    ReferenceName: legacyString(),
    ReferenceId: legacyString(),
    UserLanguageCode: legacyString(),
    Description: legacyString(),
    Price: legacyDecimal(),
    Phone: legacyString(),
    Mail: legacyString(),
    IsPhoneAndMailEditable: legacyBool(),
    InvoicingFirstName: legacyString(),
    InvoicingLastName: legacyString(),
    InvoicingAddressLine1: legacyString(),
    InvoicingAddressLine2: legacyString(),
    InvoicingZip: legacyString(),
    InvoicingCity: legacyString(),
    IsInvoicingEditable: legacyBool(),
    DeliveryFirstName: legacyString(),
    DeliveryLastName: legacyString(),
    DeliveryAddressLine1: legacyString(),
    DeliveryAddressLine2: legacyString(),
    DeliveryZip: legacyString(),
    DeliveryCity: legacyString(),
    IsDeliveryEditable: legacyBool(),
    UseDifferentDeliveryAddress: legacyBool(),
    Items: items(),
    LoyaltyNumber: legacyString(),
    ProductGroup: legacyString(),
    OrderReference: legacyString(),
    ReleasedByName: legacyString(),
    PartnerCode: legacyString(),
    DefaultPaymentMethod: legacyInt(),
    OfferRecPmt: legacyBool(),
    PreSelectRecPmt: legacyBool(),
    OfferNewsLetter: legacyBool(),
    CustomerToken: legacyString(),
    CompanyName: legacyString(),
    Emailinvoice: legacyInt(),
    TermsAndConditionsUrl: legacyString(),
    /** Loan / part-payment ("Payment Terms should not be empty."). */
    PaymentTerms: legacyInt(),
  },
  TYPE("AvardaCheckOut2.AuthorizeRequest"),
)
export type AuthorizeEidInput = z.output<typeof authorizeEidSchema>

export const paymentStatusSchema = z.object({ PurchaseId: legacyString() }, TYPE("AvardaCheckOut2.PurchaseIdRequest"))

export const purchaseOrderSchema = z.object(
  {
    ExternalId: legacyString(),
    OrderReference: legacyString(),
    TranId: legacyString(),
    TrackingCode: legacyString(),
    PosId: legacyString(),
    Items: items(),
  },
  TYPE("AvardaCheckOut2.PurchaseOrderRequest"),
)
export type PurchaseOrderInput = z.output<typeof purchaseOrderSchema>

export const refundSchema = z.object(
  { ExternalId: legacyString(), Amount: legacyDecimal(), OrderReference: legacyString(), TranId: legacyString() },
  TYPE("AvardaCheckOut2.RefundRequest"),
)
export type RefundInput = z.output<typeof refundSchema>

export const refundRemainingSchema = z.object(
  { ExternalId: legacyString(), OrderReference: legacyString(), TranId: legacyString() },
  TYPE("AvardaCheckOut2.RefundRemainingRequest"),
)
export type RefundRemainingInput = z.output<typeof refundRemainingSchema>

export const cancelPaymentSchema = z.object({ ExternalId: legacyString(), Reason: legacyString() }, TYPE("AvardaCheckOut2.CancelPaymentRequest"))
export type CancelPaymentInput = z.output<typeof cancelPaymentSchema>

export const STANDALONE_KEYS: readonly string[] = [
  ...new Set(
    [authorizeEidSchema, paymentStatusSchema, purchaseOrderSchema, refundSchema, refundRemainingSchema, cancelPaymentSchema].flatMap(
      (schema) => collectKeys(schema),
    ),
  ),
]
