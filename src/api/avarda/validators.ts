import { z } from "zod"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"

/** Body of `POST /store/avarda/payment-sessions`. The personal ID number is never echoed in errors. */
export const startAvardaSessionBodySchema = z.object({
  cart_id: z.string({ error: "is required" }).min(1, "is required"),
  provider_id: z
    .string({ error: "is required" })
    .refine(isAvardaProviderId, "must be an Avarda provider id such as pp_avarda-invoice_avarda"),
  personal_id_number: z.string({ error: "is required (the shopper's personal identity number)" }).trim().min(1, "is required").max(20, "is too long"),
  payment_terms: z.number({ error: "must be a number of months" }).int("must be a whole number of months").positive().optional(),
})

export type StartAvardaSessionBody = z.infer<typeof startAvardaSessionBodySchema>

export function bodyIssues(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }))
}
