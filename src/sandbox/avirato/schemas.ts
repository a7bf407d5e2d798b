import { z } from "zod"
import { isHttpUrl } from "../core/http-url"
import { AviratoErrorCode } from "./error-codes"
import { COUNTRY_CODE_FORMAT, SUPPORTED_COUNTRY_CODES } from "./countries"

/**
 * Request bodies of the Avirato External API. Field rules are the ones Avirato documents for
 * session creation and modifications (assumptions A5–A11 and A24–A28 fill its gaps); the error
 * code of a failed rule is carried in `params.aviratoCode` (default 12001, see request-validation.ts).
 */

export const ACCEPTED_CURRENCIES = ["EUR", "GBP", "USD"] as const
/** Exactly as Avirato spells them, including the space in "CUSTOMER REQUEST" (the fifth reason is assumed: A24). */
export const REFUND_REASONS = ["FRAUD", "CUSTOMER REQUEST", "RETURN", "DUPLICATE", "OTHER"] as const

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const BCP_47 = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/

export function isIso8601(value: string): boolean {
  const match = ISO_8601.exec(value)
  if (!match) return false
  const [, year, month, day, hour = "0", minute = "0", second = "0"] = match
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
  return (
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59
  )
}

const withCode = (code: number) => ({ params: { aviratoCode: code } })

const webcode = z.string().min(1, "webcode is required")

export const amountSchema = z.object(
  {
    value: z.number().int("amount.value must be an integer (minor units)").positive("amount.value must be greater than 0"),
    currency: z.enum(ACCEPTED_CURRENCIES, `amount.currency must be one of ${ACCEPTED_CURRENCIES.join(", ")}`),
  },
  "amount is required",
)

const returnUrl = (field: string) =>
  z.string(`${field} is required`).refine(isHttpUrl, `${field} must be a valid URL`)

const countryCode = z.unknown().superRefine((value, ctx) => {
  if (typeof value !== "string" || !COUNTRY_CODE_FORMAT.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: "countryCode must be an ISO 3166-1 alpha-2 code",
      ...withCode(AviratoErrorCode.INVALID_COUNTRY_FORMAT),
    })
  } else if (!SUPPORTED_COUNTRY_CODES.has(value)) {
    ctx.addIssue({
      code: "custom",
      message: `Country not supported: ${value}`,
      ...withCode(AviratoErrorCode.COUNTRY_NOT_SUPPORTED),
    })
  }
}) as z.ZodType<string>

const deliverAt = z.string("deliverAt must be an ISO 8601 date").refine(isIso8601, "deliverAt must be an ISO 8601 date")

/** Fields whose every failed rule has its own code; others give 12001. */
export const FIELD_ERROR_CODES: Readonly<Record<string, number>> = {
  deliverAt: AviratoErrorCode.INVALID_DATE,
  countryCode: AviratoErrorCode.INVALID_COUNTRY_FORMAT,
}

/** `null` counts as absent, as for class-validator's @IsOptional (assumption, docs/sandbox-avirato.md). */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish()

export const createSessionSchema = z.object({
  webcode,
  amount: amountSchema,
  urlOk: returnUrl("urlOk"),
  urlKo: returnUrl("urlKo"),
  countryCode: optional(countryCode),
  shopperLocale: optional(
    z.string().max(10, "shopperLocale must be at most 10 characters").regex(BCP_47, "shopperLocale must be a BCP-47 tag"),
  ),
  deliverAt: optional(deliverAt),
  description: optional(z.string().max(255, "description must be at most 255 characters")),
  customReference: optional(z.string().max(100, "customReference must be at most 100 characters")),
  isPreAuth: optional(z.boolean("isPreAuth must be a boolean")),
})
export type CreateSessionBody = z.infer<typeof createSessionSchema>

const paymentReference = z.string("paymentReference is required").min(1, "paymentReference is required")

export const refundSchema = z.object({
  webcode,
  paymentReference,
  amount: amountSchema,
  reason: z.enum(REFUND_REASONS, `reason must be one of ${REFUND_REASONS.join(", ")}`),
})

/** Capture body (undocumented, assumption A26): `amount` optional here, a full capture when omitted. */
export const captureSchema = z.object({ webcode, paymentReference, amount: optional(amountSchema) })

/** Cancel body (undocumented, assumption A27). */
export const cancelSchema = z.object({ webcode, paymentReference })

/** Extend body (undocumented, assumption A28): an `amount` adjusts the authorised amount. */
export const extendSchema = z.object({ webcode, paymentReference, amount: optional(amountSchema) })

export type RefundBody = z.infer<typeof refundSchema>
export type CaptureBody = z.infer<typeof captureSchema>
export type CancelBody = z.infer<typeof cancelSchema>
export type ExtendBody = z.infer<typeof extendSchema>
