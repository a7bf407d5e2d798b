/**
 * POST /store/avarda-standalone/payment-sessions — start an Avarda Standalone Credit payment
 * (publishable key required). Same contract as the Authorization API route:
 *
 * Body: { cart_id, provider_id, personal_id_number, payment_terms? }. The credit request is built
 * here from the cart; the storefront supplies only the personal ID number (never stored) and, for
 * loan / part payment, the chosen term. Answers:
 *   200 { payment_session, next_action: { type: "complete_cart" } }         approved
 *   200 { payment_session, next_action: { type: "redirect", url } }         electronic ID (CheckOut2ElectronicId)
 *   422 { type: "payment_rejected", message, payment_session }              credit denied: show `message` (Avarda's localized text)
 *   502 / 504 { type: "payment_provider_error", message, payment_session }  Avarda failed / did not answer
 *   400 { type: "invalid_data", message, errors: [{ field, message }] }     fix the named field
 */
import { startStandaloneCreditSession } from "../../../../operations/avarda-standalone/start-standalone-session"
import { startStandaloneSessionBodySchema } from "../../../avarda-standalone/validators"
import { startCreditSessionRoute } from "../../../credit/start-session-route"

export const POST = startCreditSessionRoute(startStandaloneSessionBodySchema, startStandaloneCreditSession)
