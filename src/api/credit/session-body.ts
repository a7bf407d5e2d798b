import { z } from "zod"
import { cartId } from "../request-validation/ids"

/**
 * Body of the store routes that start an Avarda credit payment (Authorization API and Standalone
 * Credit share this contract); only the provider id check differs. The personal ID number is never
 * echoed in errors.
 */
export function creditSessionBodySchema(isProviderId: (providerId: string) => boolean, notAProviderIdMessage: string) {
  return z.object({
    cart_id: cartId,
    provider_id: z.string({ error: "is required" }).refine(isProviderId, notAProviderIdMessage),
    personal_id_number: z
      .string({ error: "is required (the shopper's personal identity number)" })
      .trim()
      .min(1, "is required")
      .max(20, "is too long")
      .regex(/^[0-9A-Za-z+\- ]+$/, "may contain only digits, letters, +, - and spaces"),
    payment_terms: z.number({ error: "must be a number of months" }).int("must be a whole number of months").positive().optional(),
  })
}

export type CreditSessionBodySchema = ReturnType<typeof creditSessionBodySchema>
