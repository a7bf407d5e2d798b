/**
 * POST /store/avarda/payment-sessions — start an Avarda credit payment (publishable key required).
 *
 * Body: { cart_id, provider_id, personal_id_number, payment_terms? }. The credit request is built
 * here from the cart; the storefront supplies only the personal ID number (never stored) and, for
 * loan / part-payment, the chosen term. Answers:
 *   200 { payment_session, next_action: { type: "complete_cart" } }           approved (Avarda 201)
 *   200 { payment_session, next_action: { type: "redirect", url } }           ID validation (Avarda 202)
 *   422 { type: "payment_rejected", message, payment_session }                credit denied (Avarda 422): show `message`
 *   502 / 504 { type: "payment_provider_error", message, payment_session }    Avarda failed / did not answer
 *   400 { type: "invalid_data", message, errors: [{ field, message }] }       fix the named field
 */
import { startAvardaCreditSession } from "../../../../operations/avarda/start-credit-session"
import { startAvardaSessionBodySchema } from "../../../avarda/validators"
import { startCreditSessionRoute } from "../../../credit/start-session-route"

export const POST = startCreditSessionRoute(startAvardaSessionBodySchema, startAvardaCreditSession)
