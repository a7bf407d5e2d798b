import { z } from "zod"

/**
 * Avirato answers, parsed loosely: unknown fields are kept, only what we rely on is required.
 * Enum-like fields are plain strings because the full value sets are not documented (assumption A19 in docs/sandbox-avirato.md).
 */

export const aviratoAmountSchema = z.object({
  value: z.number().int(),
  currency: z.string().min(1),
})
export type AviratoAmount = z.infer<typeof aviratoAmountSchema>

export const sessionAttemptSchema = z.looseObject({
  paymentReference: z.string().nullish(),
  status: z.string(),
  createdAt: z.string().nullish(),
})

export const aviratoSessionSchema = z.looseObject({
  sessionId: z.string().min(1),
  status: z.string().min(1),
  amount: aviratoAmountSchema,
  paymentUrl: z.string().nullish(),
  urlOk: z.string().nullish(),
  customReference: z.string().nullish(),
  isPreAuth: z.boolean().nullish(),
  paymentReference: z.string().nullish(),
  paymentStatus: z.string().nullish(),
  completedAt: z.string().nullish(),
  createdAt: z.string().nullish(),
  attempts: z.array(sessionAttemptSchema).nullish(),
})
export type AviratoSession = z.infer<typeof aviratoSessionSchema>

/**
 * One page of GET payment/sessions. Avirato documents only that sessions can be listed "with
 * filters and pagination"; the shape is assumed (vendor assumptions, "list sessions"): `items`
 * shaped like GET payment/session's `data`, the page number (from 1), its size, and the total when
 * Avirato gives one.
 */
export const aviratoSessionPageSchema = z.looseObject({
  items: z.array(aviratoSessionSchema),
  page: z.number().int().positive(),
  limit: z.number().int().positive(),
  total: z.number().int().nonnegative().nullish(),
})
export type AviratoSessionPage = z.infer<typeof aviratoSessionPageSchema>

/** The 202 body of refund/capture/cancel/extend is undocumented (U4): keep whatever comes back. */
export const modificationAcceptedSchema = z.looseObject({
  modificationReference: z.string().nullish(),
  paymentReference: z.string().nullish(),
  status: z.string().nullish(),
})
export type ModificationAccepted = z.infer<typeof modificationAcceptedSchema>

export function successEnvelope<S extends z.ZodType>(data: S) {
  return z.object({ success: z.literal(true), data })
}

export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.looseObject({
    message: z.string().optional(),
    code: z.number().optional(),
    statusCode: z.number().optional(),
    traceId: z.string().optional(),
  }),
})

/** Refund reasons exactly as Avirato spells them; note the space in "CUSTOMER REQUEST". */
export const AVIRATO_REFUND_REASONS = ["FRAUD", "CUSTOMER REQUEST", "RETURN", "DUPLICATE", "OTHER"] as const
export type AviratoRefundReason = (typeof AVIRATO_REFUND_REASONS)[number]

/** Currencies the External API accepts (anything else is a 400 from Avirato). */
export const AVIRATO_CURRENCIES = ["EUR", "GBP", "USD"] as const
export type AviratoCurrency = (typeof AVIRATO_CURRENCIES)[number]

export function isAviratoCurrency(currency: string): currency is AviratoCurrency {
  return (AVIRATO_CURRENCIES as readonly string[]).includes(currency.toUpperCase())
}
