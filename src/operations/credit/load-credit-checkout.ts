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
  customer_id?: string | null
  payment_collection?: { id: string; amount?: number | string | null; raw_amount?: unknown } | null
}

const FIELDS = [
  ...CREDIT_TOTALS_FIELDS,
  "email",
  "completed_at",
  "billing_address.*",
  "shipping_address.*",
  "customer_id",
  "payment_collection.id",
  "payment_collection.amount",
  "payment_collection.raw_amount",
]

async function queryCart(container: MedusaContainer, cartId: string): Promise<CartRow | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: FIELDS, filters: { id: cartId } })
  return data[0] as CartRow | undefined
}

/**
 * Undefined when the cart does not exist. Creates the cart's payment collection when it has none,
 * and then uses the collection Medusa's workflow returns: the cart is read once either way.
 */
export async function loadCreditCheckout(container: MedusaContainer, cartId: string): Promise<CreditCheckout | undefined> {
  let row = await queryCart(container, cartId)
  if (!row) return undefined
  if (!row.payment_collection && !row.completed_at) {
    row = await withNewPaymentCollection(container, row)
  }
  const collection = row.payment_collection
  const phone = row.billing_address?.phone || row.shipping_address?.phone || (await customerPhone(container, row.customer_id)) || undefined
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

/**
 * The customer's own phone number: only asked for when neither address of the cart has one (the
 * customer lives in another module, so reading it with the cart would cost a query every time).
 */
async function customerPhone(container: MedusaContainer, customerId: string | null | undefined): Promise<string | undefined> {
  if (!customerId) return undefined
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "customer", fields: ["phone"], filters: { id: customerId } })
  return (data[0] as { phone?: string | null } | undefined)?.phone ?? undefined
}

/**
 * The row with its new payment collection (id and amount, as Medusa's workflow returns it). When
 * the workflow refuses because another request created one meanwhile, the cart is read again.
 */
async function withNewPaymentCollection(container: MedusaContainer, row: CartRow): Promise<CartRow> {
  try {
    const { result } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: row.id } })
    const created = result as { id: string; amount?: number | string | null; raw_amount?: unknown }
    return { ...row, payment_collection: { id: created.id, amount: created.amount, raw_amount: created.raw_amount } }
  } catch (error) {
    const again = await queryCart(container, row.id)
    if (again?.payment_collection) return again
    throw error
  }
}
