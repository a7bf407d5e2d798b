// Avirato's storefront flow: a payment session through Medusa's own route gives the hosted page's
// URL; the shopper pays there and comes back through the plugin's return route.
import journeyChecks from "./journey-checks.js"
import { createPaymentSession, prepareCart, SPANISH_ADDRESS } from "./store-checkout.mjs"
import { followRedirect, submitPageForm } from "./sandbox-client.mjs"

const { check, checkStatus } = journeyChecks

export const AVIRATO_PROVIDER = "pp_avirato-card_avirato"

export function spanishCart(store, seed, quantity = 1) {
  return prepareCart(store, { regionId: seed.regions.Spain.id, variantId: seed.product.variantId, quantity, address: SPANISH_ADDRESS })
}

/** Creates the Avirato session; returns it (its data carries payment_url and mode). */
export async function startAviratoSession(store, cart) {
  const data = checkStatus(await createPaymentSession(store, cart, AVIRATO_PROVIDER), 200, "create Avirato payment session")
  const session = data.payment_collection.payment_sessions.find((s) => s.provider_id === AVIRATO_PROVIDER)
  check(session?.data?.payment_url, "the Avirato session has no payment_url for the storefront")
  return session
}

/** Pays on the hosted page with `card` and follows the return; returns the storefront URL the shopper lands on. */
export async function payAndReturn(session, card) {
  const returnUrl = await submitPageForm(session.data.payment_url, card, "Avirato payment page")
  return followRedirect(returnUrl, "Avirato return route")
}
