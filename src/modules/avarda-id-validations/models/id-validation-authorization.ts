import { model } from "@medusajs/framework/utils"

/**
 * An Avarda authorization that waited for the shopper's electronic ID when its checkout began,
 * followed until it is either used by an order or released. Medusa deletes a payment session
 * outright when the cart changes or another method is chosen, and Avarda refuses to cancel an
 * authorization before the shopper has identified: without this row nothing would remember the
 * credit Avarda reserves once the shopper does identify. References only: no shopper data.
 */
const IdValidationAuthorization = model
  .define("avarda_id_validation_authorization", {
    id: model.id({ prefix: "avdiva" }).primaryKey(),
    authorization_id: model.text().unique(),
    /** The Medusa payment session the authorization was made for (Avarda's orderReference). */
    checkout_session_id: model.text(),
    provider_id: model.text(),
    /**
     * `waiting`: the session may still use it, or it may still need releasing; `released`: the
     * reservation was cancelled at Avarda; `settled`: nothing to release (an order used it, Avarda
     * declined or timed it out, or it outlived the reconciliation window).
     */
    state: model.enum(["waiting", "released", "settled"]).default("waiting"),
    /** Why the row left `waiting`, in words for the log and the support desk. */
    outcome: model.text().nullable(),
  })
  .indexes([{ on: ["state", "id"] }, { on: ["checkout_session_id"] }])

export default IdValidationAuthorization
