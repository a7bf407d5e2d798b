import { z } from "zod"
import { paymentSessionId, returnState, vendorId } from "../request-validation/ids"
import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { creditSessionBodySchema } from "../credit/session-body"

/** Body of `POST /store/avarda/payment-sessions`. */
export const startAvardaSessionBodySchema = creditSessionBodySchema(isAvardaProviderId, "must be an Avarda provider id such as pp_avarda-invoice_avarda")

/** Query of `GET /avarda/id-validation/return` (Avarda's parameters and the plugin's state). */
export const idValidationReturnQuerySchema = z.object({
  orderId: paymentSessionId.optional(),
  authorizationId: vendorId("Avarda's authorization id").optional(),
  errorCode: z.string().regex(/^\d{1,6}$/, "must be Avarda's numeric error code").optional(),
  state: returnState.optional(),
})
