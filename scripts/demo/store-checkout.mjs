// The storefront's checkout through the store API, step by step:
// cart → addresses → shipping → payment collection → payment session → complete.
import journeyChecks from "./journey-checks.js"

const { checkStatus, check } = journeyChecks

export const SWEDISH_ADDRESS = {
  first_name: "Sven",
  last_name: "Svensson",
  address_1: "Storgatan 1",
  city: "Stockholm",
  postal_code: "11122",
  country_code: "se",
  phone: "0701234567",
}

export const SPANISH_ADDRESS = {
  first_name: "Lucía",
  last_name: "García",
  address_1: "Calle Mayor 1",
  city: "Madrid",
  postal_code: "28013",
  country_code: "es",
  phone: "+34600123456",
}

/**
 * Everything up to the payment session. `store` is a client with the publishable key (and, for a
 * logged-in shopper, the customer's bearer token). Returns { cartId, paymentCollectionId, cart }.
 */
export async function prepareCart(store, { regionId, variantId, quantity = 1, email = "shopper@example.com", address = SWEDISH_ADDRESS }) {
  const created = checkStatus(await store.post("/store/carts", { region_id: regionId, email, items: [{ variant_id: variantId, quantity }] }), 200, "create cart")
  const cartId = created.cart.id
  checkStatus(await store.post(`/store/carts/${cartId}`, { shipping_address: address, billing_address: address }), 200, "set addresses")
  const options = checkStatus(await store.get(`/store/shipping-options?cart_id=${cartId}`), 200, "list shipping options")
  const optionId = options.shipping_options?.[0]?.id
  check(optionId, `no shipping option offered for cart ${cartId}`)
  const withShipping = checkStatus(await store.post(`/store/carts/${cartId}/shipping-methods`, { option_id: optionId }), 200, "add shipping method")
  const collection = checkStatus(await store.post("/store/payment-collections", { cart_id: cartId }), 200, "create payment collection")
  return { cartId, paymentCollectionId: collection.payment_collection.id, cart: withShipping.cart }
}

/** Medusa's own payment-session route (providers that need nothing from the shopper). */
export function createPaymentSession(store, cart, providerId, data = {}) {
  return store.post(`/store/payment-collections/${cart.paymentCollectionId}/payment-sessions`, { provider_id: providerId, data })
}

export function completeCart(store, cart) {
  return store.post(`/store/carts/${cart.cartId}/complete`, {})
}

/** The cart as the store API shows it now (e.g. whether it became an order). */
export async function retrieveCart(store, cartId) {
  return store.get(`/store/carts/${cartId}?fields=id,completed_at,total,*payment_collection,*payment_collection.payment_sessions`)
}
