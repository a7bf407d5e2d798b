/**
 * The customer's Avarda invoices and accounts (My Pages) through the plugin's store routes. Kept in
 * one module: when identity proofs change what the routes answer, only this file and the My Pages
 * page need to follow.
 */
import { sdk } from "./sdk"

// docs:start my-pages
export interface StrongAuthentication {
  required: boolean
  redirect_url: string | null
  message: string | null
}

/** Until the customer proves to be the Avarda person, only their own purchases show ("own_purchases"). */
export interface AvardaIdentity {
  verified: boolean
  method: "electronic_id" | "strong_authentication" | null
  expires_at: string | null
  can_verify: boolean // offer "Identify" (startAvardaIdentification)
}

export interface AvardaAccount {
  id: string
  access: "full" | "own_purchases" // own_purchases: state, amounts, dates and references are null
  type: string // Invoice, Loan, DirectInvoice, … as Avarda names them
  type_label: string
  state: string | null
  state_label: string | null
  state_tone: string | null
  needs_payment: boolean
  payable: boolean
  currency: string
  balance: number | null
  original_amount: number | null
  minimum_amount_to_pay: number | null
  date: string | null
  due_date: string | null
  live_invoice_url: string | null
}

export interface AvardaAccountDetail extends AvardaAccount {
  transactions: Array<{ date: string | null; type: string | null; description: string | null; amount: number; order_reference: string | null }>
  apr: { months: number | null; per_month: number | null; percent: number | null; interest_rate: number | null; total_amount: number | null } | null
}

/** Where Avarda sends the shopper back after strong authentication (must be on the storefront). */
const myPagesUrl = (path = "") => `${window.location.origin}/account/invoices${path}`

export function listAvardaAccounts() {
  return sdk.client.fetch<{ accounts: AvardaAccount[]; identity: AvardaIdentity; strong_authentication: StrongAuthentication }>(
    "/store/customers/me/avarda/accounts",
    { query: { return_url: myPagesUrl() } }
  )
}

/**
 * The identity step: Avarda's strong authentication (e.g. BankID). Send the browser to the answer's
 * `redirect_url`; Avarda sends it back to My Pages, whose next list shows everything. Throws with
 * the plugin's message (409) when Avarda offers no identification for the customer's purchases.
 */
export async function startAvardaIdentification(): Promise<string | null> {
  const { strong_authentication } = await sdk.client.fetch<{ identity: AvardaIdentity; strong_authentication: StrongAuthentication }>(
    "/store/customers/me/avarda/strong-authentication",
    { method: "POST", body: { return_url: myPagesUrl() } }
  )
  return strong_authentication.redirect_url // null: already identified
}

/** 200 with the account; 202 with `strong_authentication` when Avarda wants the shopper to identify first. */
export function getAvardaAccount(id: string) {
  return sdk.client.fetch<{ account?: AvardaAccountDetail; strong_authentication?: StrongAuthentication }>(
    `/store/customers/me/avarda/accounts/${id}`,
    { query: { return_url: myPagesUrl(`/${id}`) } }
  )
}

/** Pays an open invoice in Avarda's form; it returns to the account's page with `?purchaseId=…`. */
export async function startAvardaPayment(id: string, locale: string) {
  const { payment } = await sdk.client.fetch<{
    payment: { purchase_id: string; jwt: string; checkout_script_url: string | null; payment_page_url: string | null }
  }>(`/store/customers/me/avarda/accounts/${id}/pay`, { method: "POST", body: { locale, return_url: myPagesUrl(`/${id}`) } })
  return payment
}

/** Avarda sends no notification for these payments: poll until the state is final. */
export async function waitForAvardaPayment(id: string, purchaseId: string): Promise<string> {
  for (;;) {
    const { payment } = await sdk.client.fetch<{ payment: { outcome: string; final: boolean } }>(
      `/store/customers/me/avarda/accounts/${id}/payments/${purchaseId}`
    )
    if (payment.final) return payment.outcome // "paid", "error", "cancelled" or "timed_out"
    await new Promise((resolve) => setTimeout(resolve, 1500))
  }
}
// docs:end my-pages
