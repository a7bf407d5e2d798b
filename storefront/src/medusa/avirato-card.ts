import type { HttpTypes } from "@medusajs/types"
import { sdk } from "./sdk"

// docs:start avirato-card
export const AVIRATO_CARD = "pp_avirato-card_avirato"

/** Creates the card payment session; the shopper pays on Avirato's hosted page (3-D Secure included). */
export async function payWithCard(cart: HttpTypes.StoreCart): Promise<{ kind: "redirect"; url: string } | { kind: "error"; message: string }> {
  try {
    const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart, { provider_id: AVIRATO_CARD })
    const session = payment_collection.payment_sessions?.find((s) => s.provider_id === AVIRATO_CARD)
    // Avirato sends the browser back through the plugin's return route, which verifies the signed
    // answer, completes the order and redirects to the success (or failure) page.
    return { kind: "redirect", url: session!.data.payment_url as string }
  } catch (error) {
    return { kind: "error", message: (error as Error).message }
  }
}
// docs:end avirato-card
