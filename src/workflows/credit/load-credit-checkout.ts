/**
 * Loads what a credit request needs from a cart: lines, shipping, discounts and gift cards (as a
 * CreditCart), addresses, e-mail and phone, and the payment collection the session will belong to.
 * Everything comes from the database, never from the storefront.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createPaymentCollectionForCartWorkflow } from "@medusajs/medusa/core-flows"
import type { CreditCart } from "../../lib/avarda/credit-cart"
import { creditCartOf, CREDIT_TOTALS_FIELDS, type CartOrOrderTotals } from "./credit-cart-from-medusa"

export interface CartAddress {
  first_name?: string | null
  last_name?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  postal_code?: string | null
  country_code?: string | null
  phone?: string | null
}

export interface CreditCheckout {
  cartId: string
  currency: string
  email?: string
  phone?: string
  billingAddress?: CartAddress
  shippingAddress?: CartAddress
  completed: boolean
  paymentCollectionId: string
  /** Rows source; `totalMinor` is the payment collection's amount (what the session will charge). */
  cart: CreditCart
}

type CartRow = CartOrOrderTotals & {
  email?: string | null
  completed_at?: string | Date | null
  billing_address?: CartAddress | null
  shipping_address?: CartAddress | null
  customer?: { phone?: string | null } | null
  payment_collection?: { id: string; amount?: number | string | null; raw_amount?: unknown } | null
}

const FIELDS = [
  ...CREDIT_TOTALS_FIELDS,
  "email",
  "completed_at",
  "billing_address.*",
  "shipping_address.*",
  "customer.phone",
  "payment_collection.id",
  "payment_collection.amount",
  "payment_collection.raw_amount",
]

async function queryCart(container: MedusaContainer, cartId: string): Promise<CartRow | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: FIELDS, filters: { id: cartId } })
  return data[0] as CartRow | undefined
}

/** Undefined when the cart does not exist. Creates the cart's payment collection when it has none. */
export async function loadCreditCheckout(container: MedusaContainer, cartId: string): Promise<CreditCheckout | undefined> {
  let row = await queryCart(container, cartId)
  if (!row) return undefined
  if (!row.payment_collection && !row.completed_at) {
    await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cartId } })
    row = (await queryCart(container, cartId))!
  }
  const collection = row.payment_collection
  const phone = row.billing_address?.phone || row.shipping_address?.phone || row.customer?.phone || undefined
  return {
    cartId: row.id,
    currency: row.currency_code.toLowerCase(),
    ...(row.email ? { email: row.email } : {}),
    ...(phone ? { phone } : {}),
    ...(row.billing_address ? { billingAddress: row.billing_address } : {}),
    ...(row.shipping_address ? { shippingAddress: row.shipping_address } : {}),
    completed: !!row.completed_at,
    paymentCollectionId: collection?.id ?? "",
    cart: creditCartOf(row, (collection?.raw_amount as never) ?? collection?.amount ?? undefined),
  }
}
