import { z } from "zod"
import { paymentSessionId, returnState } from "../request-validation/ids"

/** Query of `GET /avirato/return` (the plugin's session, state and result; Avirato's `data` JWT). */
export const aviratoReturnQuerySchema = z.object({
  session: paymentSessionId.optional(),
  state: returnState.optional(),
  data: z
    .string({ error: "must be the JWT Avirato adds" })
    .max(8192, "must be at most 8192 characters")
    .regex(/^[\w-]+\.[\w-]+\.[\w-]*$/, "must be the JWT Avirato adds")
    .optional(),
  result: z.enum(["ok", "ko"], 'must be "ok" or "ko"').optional(),
})
