/**
 * What proves that a store customer is an Avarda person, and what a customer sees without that
 * proof. Pure rules (no I/O) shared by the My Pages service and its routes.
 *
 * - A purchase id from the customer's own order says which Avarda person the purchase was made for,
 *   not that the customer IS that person: anybody can type someone else's personal number at the
 *   checkout. Such a purchase proves nothing about identity; it only lets the customer see that very
 *   purchase (its own transactions) on the accounts it landed on.
 * - Proof is (a) a purchase of the customer's own order that passed Avarda's electronic-ID
 *   validation (the 202 flow of the Authorization API, the CheckOut2 electronic-ID page of the
 *   Standalone Credit API), or (b) My Pages strong authentication the customer completed in the store.
 * - A proof links the customer to the person behind the proven purchase id for `identityLinkDays`.
 *   With several active links, the newest proof wins; purchases of other (unproven) persons stay
 *   limited to the customer's own purchases.
 */
import type { ElectronicIdProofData } from "../../lib/avarda/electronic-id-proof-data"
import { vendorOfProviderId } from "../../lib/plugin-vendors"
import type { MyPagesOverviewItem } from "../../lib/avarda/my-pages/overview"
import type { MyPagesAccountDetail, MyPagesTransaction } from "../../lib/avarda/my-pages/schemas"

export type IdentityMethod = "electronic_id" | "strong_authentication"

/** How long a started strong authentication may take before it is forgotten. */
export const STRONG_AUTHENTICATION_WINDOW_MS = 30 * 60 * 1000

const DAY_MS = 24 * 60 * 60 * 1000

/** A payment of the customer's own order, as read from Medusa. */
export interface OwnPayment {
  provider_id?: string | null
  data?: Record<string, unknown> | null
  created_at?: string | Date | null
}

/** A stored link (the module's `avarda_identity_link` row). */
export interface IdentityLinkRow {
  id: string
  customer_id: string
  purchase_id: string
  method: IdentityMethod
  status: "pending" | "linked"
  proven_at: Date | string | null
  expires_at: Date | string
}

/** The proof in force for a customer. */
export interface ActiveIdentity {
  linkId: string
  /** The proven purchase: the Avarda person is reached through it. */
  purchaseId: string
  method: IdentityMethod
  provenAt: Date
  expiresAt: Date
}

export interface ElectronicIdProof {
  purchaseId: string
  provenAt: Date
}

const asDate = (value: Date | string | null | undefined): Date | undefined => {
  if (value === null || value === undefined) return undefined
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** The purchase id an Avarda payment's data carries: `authorization_id` (Authorization API) or `purchase_id` (Standalone). */
export function purchaseIdOfPayment(payment: OwnPayment): string | undefined {
  const vendor = vendorOfProviderId(payment.provider_id)
  if (vendor !== "avarda" && vendor !== "avarda-standalone") return undefined
  for (const key of ["authorization_id", "purchase_id"]) {
    const value = payment.data?.[key]
    if (typeof value === "string" && value.trim()) return value.trim()
  }
  return undefined
}

/**
 * The electronic-ID proof a payment carries for `customerId`: Avarda asked for ID validation (the
 * provider wrote `id_validation: "required"`, a key it writes on every session so a value sent by a
 * storefront never survives) and then approved the credit, which it does only once the validation
 * passed — and that customer, logged in, started the session (`shopper_customer_id`, written the
 * same way). The order alone does not say who validated: Medusa files a guest's order under the
 * registered customer with the same e-mail address, which anyone can register first.
 */
export function electronicIdProofOf(payment: OwnPayment, customerId: string): ElectronicIdProof | undefined {
  const purchaseId = purchaseIdOfPayment(payment)
  if (!purchaseId) return undefined
  const proof: ElectronicIdProofData = payment.data ?? {}
  if (proof.shopper_customer_id !== customerId) return undefined
  if (proof.id_validation !== "required") return undefined
  const decision = payment.data?.decision as { outcome?: unknown } | undefined
  if (decision?.outcome !== "approved") return undefined
  const provenAt = asDate(payment.created_at)
  return provenAt ? { purchaseId, provenAt } : undefined
}

/** References Avarda puts on the payment's transactions: the purchase's own and those of its captures, returns and refunds. */
export function orderReferencesOfPayment(payment: OwnPayment): string[] {
  if (!purchaseIdOfPayment(payment)) return []
  const data = payment.data ?? {}
  const references = new Set<string>()
  const add = (value: unknown) => {
    if (typeof value === "string" && value.trim()) references.add(value.trim())
  }
  add(data.order_reference)
  for (const key of ["captures", "returns", "refunds"]) {
    const entries = data[key]
    if (Array.isArray(entries)) for (const entry of entries) add((entry as { order_reference?: unknown } | null)?.order_reference)
  }
  return [...references]
}

export function linkExpiry(provenAt: Date, days: number): Date {
  return new Date(provenAt.getTime() + days * DAY_MS)
}

export function isExpired(row: Pick<IdentityLinkRow, "expires_at">, now: Date): boolean {
  const expires = asDate(row.expires_at)
  return !expires || expires.getTime() <= now.getTime()
}

/** The newest linked, unexpired proof of the rows (one customer's), or null. */
export function activeIdentityOf(rows: readonly IdentityLinkRow[], now: Date): ActiveIdentity | null {
  let best: ActiveIdentity | null = null
  for (const row of rows) {
    if (row.status !== "linked" || isExpired(row, now)) continue
    const provenAt = asDate(row.proven_at)
    if (!provenAt) continue
    if (!best || provenAt.getTime() > best.provenAt.getTime()) {
      best = { linkId: row.id, purchaseId: row.purchase_id, method: row.method, provenAt, expiresAt: asDate(row.expires_at)! }
    }
  }
  return best
}

/** Electronic-ID proofs still in force that have no stored link yet (expired proofs never come back). */
export function electronicIdLinksToStore(
  proofs: readonly ElectronicIdProof[],
  rows: readonly IdentityLinkRow[],
  days: number,
  now: Date
): Array<ElectronicIdProof & { expiresAt: Date }> {
  const stored = new Set(rows.filter((row) => row.method === "electronic_id").map((row) => row.purchase_id))
  const seen = new Set<string>()
  const missing: Array<ElectronicIdProof & { expiresAt: Date }> = []
  for (const proof of proofs) {
    if (stored.has(proof.purchaseId) || seen.has(proof.purchaseId)) continue
    seen.add(proof.purchaseId)
    const expiresAt = linkExpiry(proof.provenAt, days)
    if (expiresAt.getTime() > now.getTime()) missing.push({ ...proof, expiresAt })
  }
  return missing
}

/** Pending strong authentications still inside their window, newest first. */
export function pendingStrongAuthentications(rows: readonly IdentityLinkRow[], now: Date): IdentityLinkRow[] {
  return rows
    .filter((row) => row.method === "strong_authentication" && row.status === "pending" && !isExpired(row, now))
    .sort((a, b) => (asDate(b.expires_at)?.getTime() ?? 0) - (asDate(a.expires_at)?.getTime() ?? 0))
}

/** An account the customer's own purchase landed on (Avarda lists the purchase ids of each account). */
export function holdsOwnPurchase(item: Pick<MyPagesOverviewItem, "purchaseIds">, ownPurchaseIds: readonly string[]): boolean {
  const own = new Set(ownPurchaseIds.map((id) => id.toLowerCase()))
  return item.purchaseIds.some((id) => own.has(id.toLowerCase()))
}

/** The transactions of the customer's own purchases (matched by the order references their payments carry). */
export function ownTransactions(detail: Pick<MyPagesAccountDetail, "transactions">, ownOrderReferences: readonly string[]): MyPagesTransaction[] {
  const own = new Set(ownOrderReferences)
  return detail.transactions.filter((transaction) => transaction.orderReference !== null && own.has(transaction.orderReference))
}
