// Avarda declines the credit (HTTP 422): the shopper sees Avarda's message, no order is created,
// and another method can still be chosen.
import journeyChecks from "../journey-checks.js"
import { AVARDA_PROVIDERS, startAvardaSession, swedishCart } from "../avarda-checkout.mjs"
import { completeCart, createPaymentSession, retrieveCart } from "../store-checkout.mjs"

const { check, checkStatus, checkEqual } = journeyChecks

export default {
  method: "Avarda invoice (rejected)",
  requires: [AVARDA_PROVIDERS.invoice, "pp_system_default"],
  async run({ store, seed, sandbox }) {
    const cart = await swedishCart(store, seed)
    const rejected = checkStatus(
      await startAvardaSession(store, cart, { provider_id: AVARDA_PROVIDERS.invoice, personal_id_number: sandbox.testIdentities.SE.rejectedCreditNotApproved }),
      422,
      "start Avarda payment"
    )
    checkEqual(rejected.type, "payment_rejected", "error type")
    check(typeof rejected.message === "string" && rejected.message.length > 0, "no message for the shopper")
    check((await completeCart(store, cart)).status >= 400, "a rejected cart was completed")
    const after = checkStatus(await retrieveCart(store, cart.cartId), 200, "retrieve cart")
    check(!after.cart.completed_at, "the cart is marked completed")
    // The shopper can still choose another method for the same cart.
    checkStatus(await createPaymentSession(store, cart, "pp_system_default"), 200, "choose another payment method")
    return { outcome: `rejected with "${rejected.message}", no order` }
  },
}
