import { z } from "zod"
import { cartId } from "../request-validation/ids"

/** Query of `GET /store/avarda/payment-options`. */
export const paymentOptionsQuerySchema = z.object({ cart_id: cartId })
