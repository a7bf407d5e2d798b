import { z } from "zod"

/** Medusa cart ids: `cart_` and a ULID. Anything else is refused before the database is asked. */
export const CART_ID_PATTERN = /^cart_[0-9A-Z]{26}$/

/** Query of `GET /store/avarda/payment-options`. */
export const paymentOptionsQuerySchema = z.object({
  cart_id: z
    .string({ error: "is required (the cart's id, cart_…)" })
    .regex(CART_ID_PATTERN, "must be a cart id (cart_ followed by 26 letters and digits)"),
})
