import { model } from "@medusajs/framework/utils"

/**
 * An Avirato payment made on a checkout Medusa had already discarded, and what was done about it:
 * the pre-authorisation voided or the captured payment refunded in full. One row per Avirato
 * session (a session holds at most one payment), written once the void or refund was accepted, so
 * the webhook, the shopper's return and the reconciliation job — on any process, any number of
 * times — give the money back once. References only: no shopper data.
 */
const DiscardedPaymentSettlement = model.define("avirato_discarded_payment_settlement", {
  id: model.id({ prefix: "avdps" }).primaryKey(),
  avirato_session_id: model.text().unique(),
  payment_reference: model.text(),
  /** The Medusa payment session id the payment was made for (Avirato's customReference). */
  checkout_session_id: model.text().nullable(),
  action: model.enum(["voided", "refunded"]),
  /** Minor units, as Avirato counts them. */
  amount: model.number(),
  currency_code: model.text(),
  detected_by: model.enum(["webhook", "return", "reconciliation"]),
})

export default DiscardedPaymentSettlement
