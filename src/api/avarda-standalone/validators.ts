import { z } from "zod"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"

/** Body of `POST /store/avarda-standalone/payment-sessions`. The personal ID number is never echoed in errors. */
export const startStandaloneSessionBodySchema = z.object({
  cart_id: z.string({ error: "is required" }).min(1, "is required"),
  provider_id: z
    .string({ error: "is required" })
    .refine(isStandaloneProviderId, "must be an Avarda Standalone Credit provider id such as pp_avarda-standalone-invoice_avarda-standalone"),
  personal_id_number: z.string({ error: "is required (the shopper's personal identity number)" }).trim().min(1, "is required").max(20, "is too long"),
  payment_terms: z.number({ error: "must be a number of months" }).int("must be a whole number of months").positive().optional(),
})

export type StartStandaloneSessionBody = z.infer<typeof startStandaloneSessionBodySchema>
