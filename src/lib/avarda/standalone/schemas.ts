/**
 * Answers of the CheckOut2Api. Unknown fields are tolerated; numbers may
 * come as strings (Avarda's example sends `AccountNumber` as a string though the table says Decimal).
 */
import { z } from "zod"

const numberLike = z.union([z.number(), z.string().regex(/^-?\d+(?:\.\d+)?$/)]).transform((value) => Number(value))
const codeLike = z.union([z.string(), z.number()]).transform((value) => String(value))
const optionalText = z.string().nullish().transform((value) => value ?? undefined)

/**
 * 200 of an authorize call: approved (everything to complete the order), or only the purchase id
 * with `IsElectronicValidationNeeded: true`.
 */
export const authorizeSuccessSchema = z.object({
  ExternalId: z.string().min(1),
  IsElectronicValidationNeeded: z.boolean().nullish(),
  AccountNumber: codeLike.nullish(),
  RequireDeliveryAuthorization: z.boolean().nullish(),
  CreditLimit: numberLike.nullish(),
  ErrorType: numberLike.nullish(),
  ErrorMessage: optionalText,
})
export type AuthorizeSuccessBody = z.infer<typeof authorizeSuccessSchema>

/** Format 1: errors of the authorize calls, e.g. 30154 CreditNotApproved. */
export const authorizeErrorSchema = z.object({
  ErrorCode: codeLike,
  ErrorDetail: optionalText,
  UserErrorMessage: optionalText,
  DetailedErrorMessage: optionalText,
  LocalizedErrorMessage: optionalText,
})

/** Format 2: errors of the commerce calls (HTTP 400). */
export const commerceErrorSchema = z.array(z.object({ ErrorCode: codeLike.optional(), ErrorMessage: optionalText }))

/** Format 3 (Avarda's Magento converter): `{CheckOutErrorCode, Errors}`, or Web API's `{Message, ModelState}`. */
export const checkoutErrorSchema = z.object({
  CheckOutErrorCode: codeLike,
  Errors: z.array(z.union([z.string(), z.object({ ErrorCode: codeLike.optional(), ErrorMessage: optionalText, Message: optionalText })])).nullish(),
})
export const webApiMessageSchema = z.object({
  Message: z.string(),
  ModelState: z.record(z.string(), z.array(z.string())).nullish(),
})

/**
 * `GetPaymentStatus`. The answer also repeats the shopper's contact data and addresses: only the
 * fields the plugin needs are kept.
 */
export const paymentStatusSchema = z
  .object({
    State: numberLike,
    PaymentMethod: numberLike.nullish(),
    CountryCode: optionalText,
  })
  .transform(({ State, PaymentMethod, CountryCode }) => ({
    State,
    ...(PaymentMethod !== undefined && PaymentMethod !== null ? { PaymentMethod } : {}),
    ...(CountryCode ? { CountryCode } : {}),
  }))
export type PaymentStatusBody = z.infer<typeof paymentStatusSchema>
