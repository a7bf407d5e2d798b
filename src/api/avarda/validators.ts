import { isAvardaProviderId } from "../../providers/avarda/core/provider-ids"
import { creditSessionBodySchema } from "../credit/session-body"

/** Body of `POST /store/avarda/payment-sessions`. */
export const startAvardaSessionBodySchema = creditSessionBodySchema(isAvardaProviderId, "must be an Avarda provider id such as pp_avarda-invoice_avarda")
