import { sdk } from "./sdk"
import type { PaymentOption } from "./payment-options"

// docs:start avarda-credit
type StartAvarda = {
  payment_session: { id: string; status: string; data: Record<string, unknown> }
  next_action: { type: "complete_cart" } | { type: "redirect"; url: string }
}

export type CreditOutcome =
  | { kind: "order"; orderId: string }
  | { kind: "redirect"; url: string } // Avarda's electronic ID (BankID, FTN…)
  | { kind: "error"; status?: number; message: string }

/**
 * Starts an Avarda credit payment (Authorization API or Standalone Credit: `option.session_route`)
 * for the cart. Only the personal ID number (never stored) and, for part payment and loan, the
 * chosen term come from the shopper; Avarda's request is built on the server from the cart.
 */
export async function payWithAvarda(
  cartId: string,
  option: Pick<PaymentOption, "provider_id" | "session_route">,
  personalIdNumber: string,
  paymentTerms?: number
): Promise<CreditOutcome> {
  try {
    const { next_action } = await sdk.client.fetch<StartAvarda>(option.session_route, {
      method: "POST",
      body: { cart_id: cartId, provider_id: option.provider_id, personal_id_number: personalIdNumber, payment_terms: paymentTerms },
    })
    // The browser goes to the electronic ID and comes back through the plugin's return route,
    // which completes the order and redirects to the success (or failure) page.
    if (next_action.type === "redirect") return { kind: "redirect", url: next_action.url }
    const result = await sdk.store.cart.complete(cartId)
    if (result.type === "order") return { kind: "order", orderId: result.order.id }
    return { kind: "error", message: result.error.message }
  } catch (error) {
    // 422: credit refused — the message is Avarda's, in the shopper's language: offer another method.
    // 400: a cart or body field breaks a rule, e.g. "personal_id_number must be a Swedish personnummer…".
    // 502/504: Avarda failed or did not answer — nothing was charged; try again or pick another method.
    const { status, message } = error as { status?: number; message: string }
    return { kind: "error", status, message }
  }
}
// docs:end avarda-credit
