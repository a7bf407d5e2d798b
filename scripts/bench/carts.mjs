// Carts ready for their payment session (addresses, shipping, payment collection), each with its
// own guest e-mail: Medusa refuses two concurrent carts creating the same guest customer.
import { randomUUID } from "node:crypto"
import { prepareCart, SPANISH_ADDRESS, SWEDISH_ADDRESS } from "../demo/store-checkout.mjs"

const guestEmail = () => `bench-${randomUUID()}@example.com`

export function swedishCart(store, seed) {
  return prepareCart(store, { regionId: seed.regions.Sweden.id, variantId: seed.product.variantId, address: SWEDISH_ADDRESS, email: guestEmail() })
}

export function spanishCart(store, seed) {
  return prepareCart(store, { regionId: seed.regions.Spain.id, variantId: seed.product.variantId, address: SPANISH_ADDRESS, email: guestEmail() })
}
