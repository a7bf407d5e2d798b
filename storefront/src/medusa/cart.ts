/**
 * The cart steps of any Medusa storefront (nothing plugin-specific): region, cart, lines, address,
 * shipping. The cart id is kept in localStorage, one cart at a time.
 */
import type { HttpTypes } from "@medusajs/types"
import { sdk } from "./sdk"

const CART_KEY = "storefront.cart_id"
const REGION_KEY = "storefront.region_id"

/** What the pages read of a cart: totals, lines, addresses, shipping and the payment collection. */
export const CART_FIELDS =
  "id,email,currency_code,region_id,total,subtotal,tax_total,shipping_total,item_total,*items,*shipping_address,*billing_address,*shipping_methods,*payment_collection,*payment_collection.payment_sessions"

export function storedCartId(): string | null {
  return localStorage.getItem(CART_KEY)
}

export function rememberCart(cartId: string): void {
  localStorage.setItem(CART_KEY, cartId)
}

export function forgetCart(): void {
  localStorage.removeItem(CART_KEY)
}

export function storedRegionId(): string | null {
  return localStorage.getItem(REGION_KEY)
}

export function rememberRegion(regionId: string): void {
  localStorage.setItem(REGION_KEY, regionId)
}

export async function listRegions(): Promise<HttpTypes.StoreRegion[]> {
  const { regions } = await sdk.store.region.list({ fields: "id,name,currency_code,*countries" })
  return regions
}

export async function retrieveCart(cartId: string): Promise<HttpTypes.StoreCart | undefined> {
  try {
    const { cart } = await sdk.store.cart.retrieve(cartId, { fields: CART_FIELDS })
    return cart
  } catch {
    return undefined
  }
}

/** The open cart of this browser in `regionId`, or a new one (a completed cart or another region's starts afresh). */
export async function cartForRegion(regionId: string): Promise<HttpTypes.StoreCart> {
  const storedId = storedCartId()
  const stored = storedId ? await retrieveCart(storedId) : undefined
  if (stored && !(stored as { completed_at?: string | null }).completed_at && stored.region_id === regionId) return stored
  const { cart } = await sdk.store.cart.create({ region_id: regionId }, { fields: CART_FIELDS })
  rememberCart(cart.id)
  return cart
}

export async function addToCart(regionId: string, variantId: string, quantity: number): Promise<HttpTypes.StoreCart> {
  const cart = await cartForRegion(regionId)
  const { cart: updated } = await sdk.store.cart.createLineItem(cart.id, { variant_id: variantId, quantity }, { fields: CART_FIELDS })
  return updated
}

export async function setQuantity(cartId: string, lineId: string, quantity: number): Promise<HttpTypes.StoreCart> {
  if (quantity <= 0) {
    await sdk.store.cart.deleteLineItem(cartId, lineId)
    return (await retrieveCart(cartId))!
  }
  const { cart } = await sdk.store.cart.updateLineItem(cartId, lineId, { quantity }, { fields: CART_FIELDS })
  return cart
}

export interface CheckoutAddress {
  first_name: string
  last_name: string
  address_1: string
  postal_code: string
  city: string
  country_code: string
  phone: string
}

export async function setContact(cartId: string, email: string, address: CheckoutAddress): Promise<HttpTypes.StoreCart> {
  const { cart } = await sdk.store.cart.update(cartId, { email, shipping_address: address, billing_address: address }, { fields: CART_FIELDS })
  return cart
}

export async function shippingOptionsOf(cartId: string): Promise<HttpTypes.StoreCartShippingOption[]> {
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cartId })
  return shipping_options
}

export async function chooseShipping(cartId: string, optionId: string): Promise<HttpTypes.StoreCart> {
  const { cart } = await sdk.store.cart.addShippingMethod(cartId, { option_id: optionId }, { fields: CART_FIELDS })
  return cart
}
