import { sdk } from "./sdk"

// docs:start payment-options
/** One of the plugin's methods as `GET /store/avarda/payment-options` describes it for a cart. */
export interface PaymentOption {
  provider_id: string
  vendor: "avarda" | "avarda-standalone" | "avirato"
  method: string // invoice, part-payment, loan, direct-invoice, card
  label: string
  available: boolean
  unavailable_reason: string | null // e.g. "amount_below_minimum", "currency_not_supported"
  requires_personal_id_number: boolean
  payment_terms: number[] | null // months to choose from, as offered right now
  min_amount: number | null
  max_amount: number | null
  session_route: string // where the payment starts
  cost_notice_required: boolean // a Swedish credit: show "Att låna pengar kostar pengar"
  apr_widget: { payment_method: string; account_class: number | null } | null
}

export interface CartPaymentOptions {
  currency_code: string
  amount: number
  payment_options: PaymentOption[]
}

export async function paymentOptionsOf(cartId: string): Promise<CartPaymentOptions> {
  return sdk.client.fetch<CartPaymentOptions>("/store/avarda/payment-options", { query: { cart_id: cartId } })
}
// docs:end payment-options
