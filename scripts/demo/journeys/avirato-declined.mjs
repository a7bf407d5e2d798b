// The card is declined on Avirato's hosted page: the shopper lands on the storefront's failure page
// with the reason, and no order exists.
import journeyChecks from "../journey-checks.js"
import { AVIRATO_PROVIDER, payAndReturn, spanishCart, startAviratoSession } from "../avirato-checkout.mjs"
import { testCard } from "../sandbox-client.mjs"
import { retrieveCart } from "../store-checkout.mjs"

const { check, checkStatus } = journeyChecks

export default {
  method: "Avirato card (declined)",
  requires: [AVIRATO_PROVIDER],
  async run({ store, seed }) {
    const cart = await spanishCart(store, seed)
    const session = await startAviratoSession(store, cart)
    const landing = await payAndReturn(session, testCard("DECLINED"))
    check(!landing.searchParams.get("order_id"), `a declined card produced order ${landing.searchParams.get("order_id")}`)
    check(landing.searchParams.get("cart_id") === cart.cartId, `the failure page was not told the cart (${landing.href})`)
    const reason = landing.searchParams.get("reason")
    check(reason, `the failure page got no reason (${landing.href})`)
    const after = checkStatus(await retrieveCart(store, cart.cartId), 200, "retrieve cart")
    check(!after.cart.completed_at, "the cart was completed")
    return { outcome: `declined, back on the failure page (reason ${reason}), no order` }
  },
}
