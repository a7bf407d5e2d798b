/**
 * Request and response bodies of the plugin's store routes, for storefront code:
 *
 *   import type { StartAvardaPaymentSessionResponse } from "medusa-plugin-avarda-avirato/store"
 *
 * Self-contained on purpose (no Medusa, zod or Node types), so a storefront type-checks against it
 * without the backend's dependencies. Each shape is checked against the code that produces it
 * (`src/types/__tests__/store-types.unit.spec.ts`, checked by `npm run typecheck`).
 */

/** A 400 answer: each entry names the field and the rule it broke. */
export interface StoreFieldError {
  /** Dotted path of the field, e.g. `payment_terms` or `billing_address.phone`; `(body)` for the body itself. */
  field: string
  message: string
}

export interface StoreInvalidDataError {
  type: "invalid_data"
  message: string
  /** Present when the error is about named fields. */
  errors?: StoreFieldError[]
}

export interface StoreNotFoundError {
  type: "not_found"
  message: string
}

// ---------------------------------------------------------------------------------------------
// POST /store/avarda/payment-sessions and POST /store/avarda-standalone/payment-sessions
// ---------------------------------------------------------------------------------------------

/** Body of both credit routes. Everything else Avarda needs is built on the server from the cart. */
export interface StartAvardaPaymentSessionRequest {
  cart_id: string
  /** e.g. `pp_avarda-invoice_avarda` or `pp_avarda-standalone-part-payment_avarda-standalone`. */
  provider_id: string
  /** The shopper's personal identity number; never stored by the plugin. */
  personal_id_number: string
  /** Months, for loan and part-payment: one of the terms the store offers. */
  payment_terms?: number
}

/** Medusa's payment session as the credit routes return it. */
export interface StoreAvardaPaymentSession {
  id: string
  provider_id: string
  status: "authorized" | "captured" | "pending" | "requires_more" | "error" | "canceled" | "pending_authorization"
  /** Major units of `currency_code`. */
  amount: number
  currency_code: string
  payment_collection_id: string
  /** The provider's public session data (vendor ids and the credit decision; no personal data). */
  data: Record<string, unknown>
}

/**
 * What the storefront does next: `complete_cart` — complete the cart (`sdk.store.cart.complete`);
 * `redirect` — send the browser to `url` (Avarda's electronic ID), which comes back through the
 * plugin's return route to the storefront's success or failure page.
 */
export type AvardaNextAction = { type: "complete_cart" } | { type: "redirect"; url: string }

/** 200: the credit request was approved or needs the shopper's electronic ID. */
export interface StartAvardaPaymentSessionResponse {
  payment_session: StoreAvardaPaymentSession
  next_action: AvardaNextAction
}

/**
 * 422 `payment_rejected`: Avarda refused the credit; show `message` (meant for the shopper).
 * 502 / 504 `payment_provider_error`: Avarda failed or did not answer in time.
 */
export interface StartAvardaPaymentSessionError {
  type: "payment_rejected" | "payment_provider_error"
  message: string
  payment_session: StoreAvardaPaymentSession
}

/** Every body the credit routes answer with, by HTTP status: 200, 400, 404, 422, 502, 504. */
export type StartAvardaPaymentSessionResult =
  | StartAvardaPaymentSessionResponse
  | StoreInvalidDataError
  | StoreNotFoundError
  | StartAvardaPaymentSessionError

// ---------------------------------------------------------------------------------------------
// Avirato cards: Medusa's own payment-session routes; the storefront reads the session's `data`
// ---------------------------------------------------------------------------------------------

/** `payment_session.data` of an Avirato card session (amounts in integer minor units of `currency`). */
export interface AviratoPaymentSessionData {
  /** Avirato's hosted payment page: send the browser here. */
  payment_url: string
  avirato_session_id: string
  environment: "sandbox" | "test" | "live"
  /** `auto`: captured at payment; `preauth`: captured on shipment or from the admin. */
  mode: "auto" | "preauth"
  amount: number
  currency: string
  /** Avirato's session status last seen (`pending`, `completed`, `declined`, …). */
  session_status: string
  /**
   * What the last confirmation with Avirato found, once the cart was completed (or tried):
   * `outcome` is `paid`, `awaiting_shopper`, `failed`, `expired`, `cancelled` or `unknown`.
   */
  confirmation?: { outcome: string; last_attempt_status?: string; at: string }
}

// ---------------------------------------------------------------------------------------------
// My Pages: /store/customers/me/avarda/… (a logged-in customer)
// ---------------------------------------------------------------------------------------------

/** Whether Avarda wants the customer to identify (e.g. with BankID) before it shows everything. */
export interface AvardaStrongAuthentication {
  required: boolean
  /** Send the customer's browser here; they come back to the My Pages page afterwards. */
  redirect_url: string | null
  message: string | null
}

export type AvardaAccountStateTone = "red" | "orange" | "green" | "blue" | "purple" | "grey"

/**
 * Whether the customer has proven to be an Avarda person. Until then My Pages shows only accounts
 * the customer's own purchases landed on, limited to those purchases.
 */
export interface StoreAvardaIdentity {
  verified: boolean
  /** How: electronic ID during one of the customer's own purchases, or My Pages strong authentication. */
  method: "electronic_id" | "strong_authentication" | null
  /** When the proof lapses (ISO date); the customer then proves it again. */
  expires_at: string | null
  /** True when the storefront may offer "Identify" (`POST /store/customers/me/avarda/strong-authentication`). */
  can_verify: boolean
}

/**
 * "full": the customer proved to be the account holder. "own_purchases": no proof; the account holds
 * one of the customer's own purchases and shows only that (state, amounts, dates and references are null).
 */
export type AvardaAccountAccess = "full" | "own_purchases"

/** An invoice or account in the list. Amounts are Avarda's decimals in major units of `currency`. */
export interface StoreAvardaAccount {
  id: string
  access: AvardaAccountAccess
  /** `invoice` rows come from Avarda's invoices, `account` rows (loans, part-payment) from its accounts. */
  kind: "invoice" | "account"
  type: string
  type_label: string
  state: string | null
  state_label: string | null
  state_tone: AvardaAccountStateTone | null
  needs_payment: boolean
  /** True when the storefront may offer "Pay" (`POST …/accounts/:id/pay`). */
  payable: boolean
  currency: string
  balance: number | null
  original_amount: number | null
  minimum_amount_to_pay: number | null
  date: string | null
  due_date: string | null
  payment_reference: string | null
  live_invoice_url: string | null
  scheduled_payment: { amount: number | null; charge_date: string | null } | null
}

export interface StoreAvardaTransaction {
  date: string | null
  type: string | null
  description: string | null
  notes: string | null
  amount: number
  tax_amount: number | null
  tax_code: string | null
  order_reference: string | null
}

/** Annual percentage rate details of a credit account. */
export interface StoreAvardaApr {
  credit_amount: number | null
  months: number | null
  per_month: number | null
  percent: number | null
  total_credit: number | null
  total_amount: number | null
  interest_rate: number | null
  invoice_fee: number | null
}

export interface StoreAvardaAccountDetail extends StoreAvardaAccount {
  receiver: string | null
  bank_account: string | null
  order_references: string[]
  transactions: StoreAvardaTransaction[]
  apr: StoreAvardaApr | null
}

/** 200 of `GET /store/customers/me/avarda/accounts`. */
export interface StoreAvardaAccountsResponse {
  accounts: StoreAvardaAccount[]
  count: number
  identity: StoreAvardaIdentity
  strong_authentication: AvardaStrongAuthentication
}

/** 200 of `GET /store/customers/me/avarda/strong-authentication`. */
export interface StoreAvardaIdentityResponse {
  identity: StoreAvardaIdentity
}

/**
 * `POST /store/customers/me/avarda/strong-authentication`: 202 with `strong_authentication.redirect_url`
 * (send the customer there), or 200 when the customer has already proven their identity.
 */
export interface StartAvardaStrongAuthenticationResponse {
  identity: StoreAvardaIdentity
  strong_authentication: AvardaStrongAuthentication
}

/** 409 of `POST …/strong-authentication`: Avarda offers no identification step for the customer's purchases. */
export interface AvardaIdentificationUnavailableError {
  type: "not_allowed"
  code: "avarda_identification_unavailable"
  message: string
  identity: StoreAvardaIdentity
}

/** 403 of `POST …/pay`, `GET …/payments/:purchase_id` (and of details Avarda holds back): prove identity first. */
export interface AvardaIdentityRequiredError {
  type: "not_allowed"
  code: "avarda_identity_required"
  message: string
}

/** 200 of `GET /store/customers/me/avarda/accounts/:id`. */
export interface StoreAvardaAccountResponse {
  account: StoreAvardaAccountDetail
}

/** 202 of the My Pages routes: Avarda wants the (proven) customer to identify before it shows loan data. */
export interface StoreAvardaStrongAuthenticationResponse {
  strong_authentication: AvardaStrongAuthentication
}

/** Body of `POST /store/customers/me/avarda/accounts/:id/pay` (both fields optional). */
export interface StartAvardaAccountPaymentRequest {
  /** Language of Avarda's payment form, e.g. `sv-SE`. */
  locale?: string
  /** A storefront page the form returns to (default: the My Pages page). */
  return_url?: string
}

/** What the storefront needs to show Avarda's payment form. */
export interface StoreAvardaPaymentForm {
  account_id: string
  purchase_id: string
  jwt: string
  /** Avarda's Checkout form script (test / production); null in the sandbox. */
  checkout_script_url: string | null
  /** Sandbox: a page standing in for the form — send the customer there. */
  payment_page_url: string | null
  /** Where the form sends the customer when done. */
  return_url: string
}

/** 201 of `POST …/accounts/:id/pay`. */
export interface StartAvardaAccountPaymentResponse {
  payment: StoreAvardaPaymentForm
}

/** 409 of `POST …/accounts/:id/pay`: nothing to pay now. */
export interface AvardaAccountNotPayableError {
  type: "not_allowed"
  code: "avarda_not_payable"
  message: string
  account: StoreAvardaAccount
}

/** 200 of `GET …/accounts/:id/payments/:purchase_id`: poll until `final` is true. */
export interface StoreAvardaAccountPaymentStatusResponse {
  payment: {
    account_id: string
    purchase_id: string
    /** As Avarda sent it. */
    state: string
    outcome: "paid" | "pending" | "error" | "cancelled" | "timed_out" | "unknown"
    final: boolean
  }
}

/** A My Pages call to Avarda that failed: 404, 422, 502, 503 or 504 (`type` and `code` are equal). */
export interface AvardaMyPagesError {
  type: AvardaMyPagesErrorCode
  code: AvardaMyPagesErrorCode
  message: string
}

export type AvardaMyPagesErrorCode =
  | "avarda_not_found"
  | "avarda_rejected"
  | "avarda_configuration"
  | "avarda_unavailable"
  | "avarda_timeout"
  | "avarda_invalid_answer"
