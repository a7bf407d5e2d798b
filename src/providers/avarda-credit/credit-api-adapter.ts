/**
 * What differs between Avarda's two credit APIs (Authorization API, Standalone Credit), behind one
 * shape: `AvardaCreditBase` holds every rule they share and asks the adapter only for the vendor
 * calls and the vendor's own data keys.
 */
import type { CapturePaymentInput, CancelPaymentInput, InitiatePaymentOutput } from "@medusajs/framework/types"
import type { AuthorizationFamily } from "../../lib/authorization-expiry"
import type { CapturePlan, CreditLedger } from "../../lib/avarda/credit-ledger"
import type { CreditRequestHandoff } from "../../lib/avarda/credit-request-handoff"
import type { ReturnStateKey } from "../../lib/return-state/return-state"

/** The data both APIs keep on a session / payment (their own keys come on top). */
export interface CreditPaymentData extends CreditLedger {
  vendor: string
  product: string
  /** Sent with the credit request: the Medusa payment-session id. */
  order_reference: string
  decision: { outcome: string }
  cancellation?: { canceled_at: string; reason: string }
}

export type NewCreditLedger = Pick<CreditPaymentData, "order_reference" | "currency_code" | "amount_minor" | "rows"> & { captures: never[]; returns: never[] }

export interface AuthorizeCreditInput<P extends string, H extends CreditRequestHandoff> {
  sessionId: string
  product: P
  handoff: H
  /** The new session's bookkeeping: the request's amount and rows, nothing captured or returned. */
  ledger: NewCreditLedger
  /** The offered term the shopper chose (loan, part payment). */
  paymentTerms: number | undefined
  returnStateKey: ReturnStateKey
}

export interface RefundCall {
  amountMinor: number
  tranId: string
  orderReference: string
  /** Medusa's refund id. */
  refundId: string | undefined
}

/** How the plugin names and routes one credit API. */
export interface CreditApiFacts {
  /** Names the API in messages and logs ("Avarda", "Avarda Standalone"). */
  label: string
  /** What this API calls one credit ("authorization", "purchase"). */
  creditNoun: string
  /** The store route that creates this API's payment sessions. */
  sessionRoute: string
  /** Whose lifetime rule the authorization expiry follows. */
  expiryFamily: AuthorizationFamily
}

export interface AvardaCreditAdapter<D extends CreditPaymentData, H extends CreditRequestHandoff> {
  readonly facts: CreditApiFacts
  /** Takes the credit request the store route left (once). */
  readonly takeHandoff: (ref: unknown) => H | undefined
  /** Typed view of the stored data, undefined when it is not this API's. */
  readonly readData: (data: Record<string, unknown> | null | undefined) => D | undefined
  /** Avarda's id of the credit (authorization id / purchase id). */
  readonly creditIdOf: (data: D) => string | undefined
  /** Asks Avarda for the credit: the session Medusa stores, whatever Avarda answered. */
  authorize(input: AuthorizeCreditInput<D["product"], H>): Promise<InitiatePaymentOutput>
  /** Avarda's current decision on the credit. Throws when it cannot be read. */
  readDecision(data: D): Promise<D["decision"]>
  /** Sends the plan's capture; resolves with what to store besides the capture record. */
  capture(data: D, plan: CapturePlan, context: CapturePaymentInput["context"]): Promise<Partial<D>>
  /** Minor units that can still be credited to the shopper. */
  refundableMinor(data: D): number
  /** Credits made so far (for the fallback tranId). */
  creditCount(data: D): number
  /** Credits the shopper; resolves with the data recording it (unconfirmed when the answer was lost). */
  refund(data: D, call: RefundCall): Promise<D>
  /** Drops the whole reservation (nothing captured yet). */
  cancel(data: D, context: CancelPaymentInput["context"]): Promise<D>
  /** The order ends after a partial capture: what happens to the uncaptured rest. */
  release(data: D, context: CancelPaymentInput["context"]): Promise<D>
  /** Drops the reservation of a deleted session; throws on any failure. */
  cancelReservation(data: D, reason: string): Promise<void>
  /** Why nothing more can be captured, if so (the rest was released). */
  captureClosedReason(data: D): string | undefined
}
