/**
 * Patterns of every identifier a plugin route accepts, checked before any query: an id that cannot
 * exist (a NUL byte, 10 000 characters, the wrong prefix) is malformed input (400), not a lookup.
 */
import { z } from "zod"

/** Medusa ids: a prefix, `_`, and a 26-character ULID (generateEntityId). */
export function medusaId(prefix: string, what: string) {
  const pattern = new RegExp(`^${prefix}_[0-9A-Z]{26}$`)
  return z
    .string({ error: `is required (${what}, ${prefix}_…)` })
    .regex(pattern, `must be ${what} (${prefix}_ followed by 26 letters and digits)`)
}

export const cartId = medusaId("cart", "a cart id")
export const orderId = medusaId("order", "an order id")
export const customerId = medusaId("cus", "a customer id")
export const paymentId = medusaId("pay", "a payment id")
export const paymentSessionId = medusaId("payses", "a payment session id")

/**
 * Vendors' own ids (Avarda authorization, purchase and account ids — GUIDs or opaque references):
 * letters, digits and `.` `_` `:` `-`, at most 100 characters.
 */
export const vendorId = (what: string) =>
  z.string({ error: `is required (${what})` }).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, `must be ${what} (letters, digits, . _ : -; at most 100 characters)`)

/** The plugin's signed return state (see src/lib/return-state); whether it is valid is decided later. */
export const returnState = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, "must be the state the plugin put on the return URL")

/** A storefront URL given as a query or body field (checked against the storefront's origin later). */
export const storefrontUrl = z
  .string()
  .max(2000, "must be at most 2000 characters")
  .refine((value) => ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f), "must not contain control characters")
