// Operational settings: what a store owner may change in the admin ("Avarda & Avirato" settings
// page) while the server runs. Every field is optional: a missing field means "use the provider's
// option from medusa-config.ts". Secrets never live here; they stay in the environment.
import { z } from "zod"
import { AVIRATO_REFUND_REASONS } from "../avirato/schemas"

/** Instalment terms (months) the Authorization API accepts for loan and part-payment. */
export const AVARDA_PAYMENT_TERMS = [3, 6, 12, 24, 36, 48, 72] as const
export type AvardaPaymentTerm = (typeof AVARDA_PAYMENT_TERMS)[number]

/** Avarda credit: capture the shipped lines when a shipment is created, or only from the admin. */
const creditCaptureMode = z.enum(["on_shipment", "manual"], 'must be "on_shipment" or "manual"')

/** Days before an uncaptured authorization lapses from which the admin is warned (order panel and notification). */
export const EXPIRY_WARNING_DAY_CHOICES = [1, 2, 3, 5, 7] as const
const expiryWarningDays = z.literal(EXPIRY_WARNING_DAY_CHOICES, `must be one of ${EXPIRY_WARNING_DAY_CHOICES.join(", ")} days`)

const paymentTerms = z
  .array(
    z.literal(AVARDA_PAYMENT_TERMS, `each term must be one of ${AVARDA_PAYMENT_TERMS.join(", ")} months`),
    "must be a list of months"
  )
  .min(1, "must offer at least one term")
  .refine((terms) => new Set(terms).size === terms.length, "must not repeat a term")
  .transform((terms) => [...terms].sort((a, b) => a - b))

export const operationalSettingsSchema = z.strictObject(
  {
    /** Avarda Authorization API (invoice, part-payment, loan, direct invoice). */
    avarda: z
      .strictObject({
        captureMode: creditCaptureMode.optional(),
        partPaymentTerms: paymentTerms.optional(),
        loanTerms: paymentTerms.optional(),
        expiryWarningDays: expiryWarningDays.optional(),
      })
      .default({}),
    /** Avarda Standalone Credit (CheckOut2Api). */
    avardaStandalone: z
      .strictObject({
        captureMode: creditCaptureMode.optional(),
        partPaymentTerms: paymentTerms.optional(),
        loanTerms: paymentTerms.optional(),
        expiryWarningDays: expiryWarningDays.optional(),
      })
      .default({}),
    /** Avirato cards. */
    avirato: z
      .strictObject({
        /** auto: the payment is captured at authorisation; preauth: captured later (shipment or admin). */
        captureMode: z.enum(["auto", "preauth"], 'must be "auto" or "preauth"').optional(),
        /** Pre-auth only: capture automatically once every item has shipped. */
        captureOnShipment: z.boolean("must be true or false").optional(),
        defaultRefundReason: z.enum(AVIRATO_REFUND_REASONS, `must be one of ${AVIRATO_REFUND_REASONS.join(", ")}`).optional(),
        expiryWarningDays: expiryWarningDays.optional(),
      })
      .default({}),
  },
  "must be an object"
)

export type OperationalSettings = z.output<typeof operationalSettingsSchema>
export type OperationalSettingsInput = z.input<typeof operationalSettingsSchema>

export const EMPTY_OPERATIONAL_SETTINGS: OperationalSettings = Object.freeze({
  avarda: Object.freeze({}),
  avardaStandalone: Object.freeze({}),
  avirato: Object.freeze({}),
}) as OperationalSettings

export interface SettingsProblem {
  /** Dotted path of the field, e.g. "avirato.captureMode". */
  field: string
  message: string
}

export type ParsedOperationalSettings =
  | { success: true; settings: OperationalSettings }
  | { success: false; problems: SettingsProblem[] }

/** Validates settings as sent by the admin; every problem names its field. */
export function parseOperationalSettings(input: unknown): ParsedOperationalSettings {
  const parsed = operationalSettingsSchema.safeParse(input)
  if (parsed.success) return { success: true, settings: parsed.data }
  return {
    success: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join(".") || "settings",
      message: issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message,
    })),
  }
}

/** Stored values are re-validated on read; fields that no longer validate are dropped (fall back to options). */
export function sanitizeStoredSettings(stored: unknown): OperationalSettings {
  const record = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  const source = record(stored)
  const result: Record<string, Record<string, unknown>> = { avarda: {}, avardaStandalone: {}, avirato: {} }
  for (const vendor of Object.keys(result)) {
    for (const [field, value] of Object.entries(record(source[vendor]))) {
      const candidate = parseOperationalSettings({ [vendor]: { [field]: value } })
      if (candidate.success) {
        const parsedVendor = (candidate.settings as unknown as Record<string, Record<string, unknown>>)[vendor]
        result[vendor][field] = parsedVendor[field]
      }
    }
  }
  return result as unknown as OperationalSettings
}
