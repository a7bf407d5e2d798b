// Drives the store API exactly as a storefront does:
// cart → address → shipping → payment collection → payment session → complete.
// Every response is returned so tests can assert on each step; failing preparation steps throw
// with the response body, so a broken fixture reads as a clear error rather than a timeout.
import type { AxiosInstance, AxiosResponse } from "axios"

export interface Address {
  first_name: string
  last_name: string
  address_1: string
  address_2?: string
  city: string
  postal_code: string
  country_code: string
  phone?: string
  company?: string
}

export const SWEDISH_ADDRESS: Address = {
  first_name: "Sven",
  last_name: "Svensson",
  address_1: "Storgatan 1",
  city: "Stockholm",
  postal_code: "11122",
  country_code: "se",
  phone: "0701234567",
}

export const SPANISH_ADDRESS: Address = {
  first_name: "Lucía",
  last_name: "García",
  address_1: "Calle Mayor 1",
  city: "Madrid",
  postal_code: "28013",
  country_code: "es",
  phone: "+34600123456",
}

export interface CheckoutOptions {
  publishableKey: string
  regionId: string
  variantId: string
  quantity?: number
  email?: string
  address?: Address
  /** Logged-in customer's bearer token (the cart then belongs to that customer). */
  customerToken?: string
}

export interface PreparedCart {
  cartId: string
  paymentCollectionId: string
  headers: Record<string, string>
  responses: {
    createCart: AxiosResponse
    updateAddress: AxiosResponse
    shippingOptions: AxiosResponse
    addShippingMethod: AxiosResponse
    createPaymentCollection: AxiosResponse
  }
}

export interface CheckoutResult extends PreparedCart {
  paymentSession: AxiosResponse
  complete?: AxiosResponse
}

const anyStatus = { validateStatus: () => true }

function expectOk(res: AxiosResponse, step: string): AxiosResponse {
  if (res.status >= 300) {
    throw new Error(`checkout step "${step}" answered ${res.status}: ${JSON.stringify(res.data)}`)
  }
  return res
}

export function storeHeaders(publishableKey: string, customerToken?: string): Record<string, string> {
  return {
    "x-publishable-api-key": publishableKey,
    ...(customerToken ? { authorization: `Bearer ${customerToken}` } : {}),
  }
}

/** Everything up to (not including) the payment session. */
export async function prepareCart(api: AxiosInstance, options: CheckoutOptions): Promise<PreparedCart> {
  const headers = storeHeaders(options.publishableKey, options.customerToken)
  const address = options.address ?? SWEDISH_ADDRESS
  const createCart = expectOk(
    await api.post(
      "/store/carts",
      {
        region_id: options.regionId,
        email: options.email ?? "shopper@example.com",
        items: [{ variant_id: options.variantId, quantity: options.quantity ?? 1 }],
      },
      { headers, ...anyStatus }
    ),
    "create cart"
  )
  const cartId: string = createCart.data.cart.id
  const updateAddress = expectOk(
    await api.post(`/store/carts/${cartId}`, { shipping_address: address, billing_address: address }, { headers, ...anyStatus }),
    "set addresses"
  )
  const shippingOptions = expectOk(
    await api.get(`/store/shipping-options?cart_id=${cartId}`, { headers, ...anyStatus }),
    "list shipping options"
  )
  const optionId: string | undefined = shippingOptions.data.shipping_options[0]?.id
  if (!optionId) throw new Error(`no shipping option offered for cart ${cartId}`)
  const addShippingMethod = expectOk(
    await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: optionId }, { headers, ...anyStatus }),
    "add shipping method"
  )
  const createPaymentCollection = expectOk(
    await api.post("/store/payment-collections", { cart_id: cartId }, { headers, ...anyStatus }),
    "create payment collection"
  )
  return {
    cartId,
    paymentCollectionId: createPaymentCollection.data.payment_collection.id,
    headers,
    responses: { createCart, updateAddress, shippingOptions, addShippingMethod, createPaymentCollection },
  }
}

/**
 * The cart prepareCart makes, in three requests instead of five: the addresses come with the new
 * cart and the shipping option is one already listed for the region. For tests that need many carts
 * and whose subject is not the storefront's steps.
 */
export async function prepareCartQuickly(api: AxiosInstance, options: CheckoutOptions & { shippingOptionId: string }): Promise<Pick<PreparedCart, "cartId" | "paymentCollectionId" | "headers">> {
  const headers = storeHeaders(options.publishableKey, options.customerToken)
  const address = options.address ?? SWEDISH_ADDRESS
  const created = expectOk(
    await api.post(
      "/store/carts",
      {
        region_id: options.regionId,
        email: options.email ?? "shopper@example.com",
        items: [{ variant_id: options.variantId, quantity: options.quantity ?? 1 }],
        shipping_address: address,
        billing_address: address,
      },
      { headers, ...anyStatus }
    ),
    "create cart"
  )
  const cartId: string = created.data.cart.id
  expectOk(await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: options.shippingOptionId }, { headers, ...anyStatus }), "add shipping method")
  const collection = expectOk(await api.post("/store/payment-collections", { cart_id: cartId }, { headers, ...anyStatus }), "create payment collection")
  return { cartId, paymentCollectionId: collection.data.payment_collection.id, headers }
}

/** Creates a payment session; any status is returned (provider errors are part of what tests check). */
export function createPaymentSession(
  api: AxiosInstance,
  cart: Pick<PreparedCart, "paymentCollectionId" | "headers">,
  providerId: string,
  data: Record<string, unknown> = {}
): Promise<AxiosResponse> {
  return api.post(
    `/store/payment-collections/${cart.paymentCollectionId}/payment-sessions`,
    { provider_id: providerId, data },
    { headers: cart.headers, ...anyStatus }
  )
}

/** Completes the cart; any status is returned. */
export function completeCart(api: AxiosInstance, cart: Pick<PreparedCart, "cartId" | "headers">): Promise<AxiosResponse> {
  return api.post(`/store/carts/${cart.cartId}/complete`, {}, { headers: cart.headers, ...anyStatus })
}

/** The whole storefront checkout with one provider. */
export async function checkout(
  api: AxiosInstance,
  options: CheckoutOptions & { providerId: string; data?: Record<string, unknown>; complete?: boolean }
): Promise<CheckoutResult> {
  const cart = await prepareCart(api, options)
  const paymentSession = await createPaymentSession(api, cart, options.providerId, options.data)
  if (options.complete === false || paymentSession.status >= 300) return { ...cart, paymentSession }
  const complete = await completeCart(api, cart)
  return { ...cart, paymentSession, complete }
}
