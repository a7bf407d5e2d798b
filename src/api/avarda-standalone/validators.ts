import { isStandaloneProviderId } from "../../providers/avarda-standalone/core/provider-ids"
import { creditSessionBodySchema } from "../credit/session-body"

/** Body of `POST /store/avarda-standalone/payment-sessions`. */
export const startStandaloneSessionBodySchema = creditSessionBodySchema(
  isStandaloneProviderId,
  "must be an Avarda Standalone Credit provider id such as pp_avarda-standalone-invoice_avarda-standalone"
)
