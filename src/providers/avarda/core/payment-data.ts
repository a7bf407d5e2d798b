/**
 * The `data` an Avarda payment session / payment carries. Session data is public (the storefront
 * reads it), so it holds no personal ID number and nothing secret. Keys other features rely on:
 * `authorization_id` (My Pages purchase id), `product`, `decision`, `order_reference`, `captures`,
 * `returns`.
 */
import type { CreditDecision } from "../../../lib/avarda/authorization-api/credit-decision"
import type { AuthorizationProduct } from "../../../lib/avarda/authorization-api/request"
import type { CreditLedger } from "../../../lib/avarda/credit-ledger"
import type { ElectronicIdProofData } from "../../../lib/avarda/electronic-id-proof-data"

export interface AvardaPaymentData extends CreditLedger, ElectronicIdProofData {
  /** Marks data written by this provider family. */
  vendor: "avarda-authorization-api"
  product: AuthorizationProduct
  authorization_id?: string
  decision: CreditDecision
  /** Sent as `orderReference`: the Medusa payment-session id (echoed back as `orderId`). */
  order_reference: string
  /** Where the shopper identifies (HTTP 202). */
  redirect_url?: string
  payment_terms?: number
  /** Language of the purchase at Avarda (e.g. "sv-SE"): the plugin's shopper texts follow it. */
  language?: string
  cancellation?: { canceled_at: string; reason: string }
  /** Set when an order was cancelled after a partial capture: Avarda has no call to release the rest. */
  uncaptured_remainder?: { amount_minor: number; recorded_at: string; note: string }
  /** The hand-off reference is spent once the provider took it. */
  credit_request_ref?: null
}

export function isAvardaPaymentData(data: unknown): data is AvardaPaymentData {
  return !!data && typeof data === "object" && (data as { vendor?: unknown }).vendor === "avarda-authorization-api"
}

/** Typed view of stored data, with the history arrays always present. */
export function readAvardaPaymentData(data: Record<string, unknown> | undefined): AvardaPaymentData | undefined {
  if (!isAvardaPaymentData(data)) return undefined
  return { ...data, captures: data.captures ?? [], returns: data.returns ?? [], rows: data.rows ?? [] }
}
