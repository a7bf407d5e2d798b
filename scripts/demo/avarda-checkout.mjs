// Avarda's storefront flow: the plugin's store route starts the credit payment with the shopper's
// personal ID number (the credit request is built on the server from the cart).
import journeyChecks from "./journey-checks.js"
import { retrieveOrder } from "./admin-orders.mjs"
import { completeCart, prepareCart, SWEDISH_ADDRESS } from "./store-checkout.mjs"

const { check, checkStatus, checkEqual } = journeyChecks

export const AVARDA_PROVIDERS = {
  invoice: "pp_avarda-invoice_avarda",
  partPayment: "pp_avarda-part-payment_avarda",
  loan: "pp_avarda-loan_avarda",
  directInvoice: "pp_avarda-direct-invoice_avarda",
}

/** `POST /store/avarda/payment-sessions`; any status is returned. */
export function startAvardaSession(store, cart, body) {
  return store.post("/store/avarda/payment-sessions", { cart_id: cart.cartId, ...body })
}

export function swedishCart(store, seed, quantity = 1, email) {
  return prepareCart(store, { regionId: seed.regions.Sweden.id, variantId: seed.product.variantId, quantity, address: SWEDISH_ADDRESS, ...(email ? { email } : {}) })
}

/** An approved Avarda purchase completed into an order: returns { order, session }. */
export async function placeApprovedAvardaOrder(store, seed, personalIdNumber, { providerId = AVARDA_PROVIDERS.invoice, paymentTerms, quantity = 1, email } = {}) {
  const cart = await swedishCart(store, seed, quantity, email)
  const started = checkStatus(
    await startAvardaSession(store, cart, { provider_id: providerId, personal_id_number: personalIdNumber, ...(paymentTerms ? { payment_terms: paymentTerms } : {}) }),
    200,
    "start Avarda payment"
  )
  checkEqual(started.next_action?.type, "complete_cart", "Avarda's answer (approved at once)")
  const completed = checkStatus(await completeCart(store, cart), 200, "complete cart")
  checkEqual(completed.type, "order", "cart completion result")
  return { order: completed.order, session: started.payment_session, cart }
}

/** The order's payment collection is authorized with the given provider; returns the payment. */
export async function checkAuthorizedWith(admin, orderId, providerId) {
  const order = await retrieveOrder(admin, orderId)
  const collection = order.payment_collections?.[0]
  checkEqual(collection?.status, "authorized", `order ${orderId} payment collection status`)
  const payment = collection.payments?.[0]
  checkEqual(payment?.provider_id, providerId, "payment provider")
  check(payment.data?.authorization_id, `payment ${payment.id} keeps no Avarda authorization id`)
  return { order, payment }
}
