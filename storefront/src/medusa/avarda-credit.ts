import { config } from "../config"
import { AUTH_TOKEN_KEY, sdk } from "./sdk"
import type { PaymentOption } from "./payment-options"

// docs:start field-errors
/** A field a store route refused, e.g. { field: "payment_terms", message: "72 is not offered for part-payment: …" }. */
export type FieldError = { field: string; message: string }

export type StorePostResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; errors: FieldError[] }

/**
 * POST to a store route, keeping the error body. js-sdk's `FetchError` carries only `message`,
 * `status` and `statusText` of an error answer, so a 400's `errors: [{ field, message }]` never
 * reaches a `catch` around `sdk.client.fetch`; this sends what the SDK sends (publishable key, the
 * logged-in customer's token) with the platform's `fetch` and reads the body itself.
 */
export async function storePost<T>(path: string, body: unknown): Promise<StorePostResult<T>> {
  const token = localStorage.getItem(AUTH_TOKEN_KEY)
  const response = await fetch(`${config.backendUrl}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-publishable-api-key": config.publishableKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  })
  const json = (await response.json().catch(() => ({}))) as { message?: string; errors?: FieldError[] }
  if (response.ok) return { ok: true, data: json as T }
  return { ok: false, status: response.status, message: json.message ?? response.statusText, errors: Array.isArray(json.errors) ? json.errors : [] }
}
// docs:end field-errors

// docs:start avarda-credit
type StartAvarda = {
  payment_session: { id: string; status: string; data: Record<string, unknown> }
  next_action: { type: "complete_cart" } | { type: "redirect"; url: string }
}

export type CreditOutcome =
  | { kind: "order"; orderId: string }
  | { kind: "redirect"; url: string } // Avarda's electronic ID (BankID, FTN…)
  | { kind: "error"; status?: number; message: string; errors?: FieldError[] }

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
    const started = await storePost<StartAvarda>(option.session_route, {
      cart_id: cartId,
      provider_id: option.provider_id,
      personal_id_number: personalIdNumber,
      payment_terms: paymentTerms,
    })
    // 400: fields that break a rule, each named: `errors: [{ field, message }]` (e.g. personal_id_number,
    //      billing_address.phone, payment_terms; provider_id for a cart total outside the method's limits).
    // 422: credit refused — the message is Avarda's, in the shopper's language: offer another method.
    // 502/504: Avarda failed or did not answer — nothing was charged; try again or pick another method.
    if (!started.ok) return { kind: "error", status: started.status, message: started.message, errors: started.errors }
    const { next_action } = started.data
    // The browser goes to the electronic ID and comes back through the plugin's return route,
    // which completes the order and redirects to the success (or failure) page.
    if (next_action.type === "redirect") return { kind: "redirect", url: next_action.url }
    const result = await sdk.store.cart.complete(cartId)
    if (result.type === "order") return { kind: "order", orderId: result.order.id }
    return { kind: "error", message: result.error.message }
  } catch (error) {
    // The network failed, or completing the cart did (js-sdk's FetchError: message and status only).
    const { status, message } = error as { status?: number; message: string }
    return { kind: "error", status, message }
  }
}
// docs:end avarda-credit
