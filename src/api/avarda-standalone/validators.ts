import { z } from "zod"
import { paymentSessionId, returnState, vendorId } from "../request-validation/ids"
import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { creditSessionBodySchema } from "../credit/session-body"

/** Body of `POST /store/avarda-standalone/payment-sessions`. */
export const startStandaloneSessionBodySchema = creditSessionBodySchema(
  isStandaloneProviderId,
  "must be an Avarda Standalone Credit provider id such as pp_avarda-standalone-invoice_avarda-standalone"
)

/** Query of `GET /avarda-standalone/electronic-id/return` (the plugin's session and state, Avarda's purchase and status). */
export const electronicIdReturnQuerySchema = z.object({
  session_id: paymentSessionId.optional(),
  state: returnState.optional(),
  externalId: vendorId("Avarda's purchase id").optional(),
  status: z.string().regex(/^[A-Za-z]{1,20}$/, 'must be the status Avarda reports ("OK" or "Cancel")').optional(),
})
