import { model } from "@medusajs/framework/utils"

/**
 * A store customer proven to be the Avarda person behind `purchase_id`. The person is referred to by
 * that purchase id only (Avarda finds the person by any of their purchase ids): no personal ID number
 * is ever stored. A row is written when the proof is seen:
 * - `electronic_id`: the customer's own purchase passed Avarda's electronic-ID validation;
 * - `strong_authentication`: the customer completed My Pages strong authentication. `status` is
 *   `pending` from Avarda's answer that the customer must identify (the row is written then, with
 *   the id the attempt's token was derived from) until Avarda confirms it, then `linked`. An attempt
 *   Avarda does not ask to identify leaves no row.
 * Rows past `expires_at` are ignored and deleted. Two rows for the same proof (two servers seeing it
 * at once) are harmless: the newest proof wins.
 */
const AvardaIdentityLink = model.define("avarda_identity_link", {
  id: model.id({ prefix: "avidl" }).primaryKey(),
  customer_id: model.text().index(),
  purchase_id: model.text(),
  method: model.enum(["electronic_id", "strong_authentication"]),
  status: model.enum(["pending", "linked"]),
  proven_at: model.dateTime().nullable(),
  expires_at: model.dateTime().index(),
})

export default AvardaIdentityLink
