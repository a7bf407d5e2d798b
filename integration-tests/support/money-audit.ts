// The money audit of the chaos suite: after a scenario, every vendor-side record the sandbox holds
// (Avarda authorizations and their captures/returns, Standalone purchases and their PurchaseOrder /
// ReturnOrder / Refund calls, Avirato payments and their modifications, My Pages payments) is set
// against what Medusa recorded, read straight from the app's database.
//
//   duplicate vendor effects  a vendor capture/refund/payment Medusa has no record for beyond a
//                             one-to-one match, more than the scenario's single intent allows, or
//                             more captured than authorized / refunded than captured
//   lost orders               the vendor authorized or was paid, nothing cancelled it, and no Medusa
//                             order holds a payment for it
//   stuck payments            after reconciliation, Medusa still has pending work on the payment
//                             (a planned or unconfirmed vendor call), or its captured/refunded totals
//                             differ from the vendor's (one Medusa records that the vendor never
//                             made included), or the vendor voided the whole authorization (Avarda
//                             cancel, Standalone cancel or RefundRemaining of all of it, Avirato
//                             cancellation) while Medusa still shows the payment authorized on a
//                             live order, or Medusa cancelled the order before any capture while
//                             the vendor still holds the authorization
import type { Sandbox } from "../../src/sandbox"

export interface AuditCounts {
  duplicates: number
  lost: number
  stuck: number
}

export interface AuditReport extends AuditCounts {
  /** What each non-zero count is made of, for the table and the failure message. */
  findings: string[]
  /** Vendor effects seen, e.g. "auth 1, capture 1, refund 1". */
  effects: string
}

/** Upper bounds a scenario declares for its vendor effects (one intent = one effect). */
export interface EffectLimits {
  authorizations?: number
  captures?: number
  refunds?: number
  cancels?: number
  extends?: number
  myPagesPayments?: number
}

export interface MedusaPaymentRow {
  id: string
  provider_id: string
  data: Record<string, any>
  captured: number
  refunded: number
  captures: number
  refunds: number
  canceled_at: string | null
  order_id: string | null
  /** The order's status, e.g. "pending" or "canceled"; null without an order. */
  order_status: string | null
}

export type SqlRunner = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: any[] }> }

const MINOR = 100

/** Medusa's payments whose data names a vendor id under `key`, with their capture and refund totals and order. */
async function medusaPayments(db: SqlRunner, key: string, values: string[]): Promise<Map<string, MedusaPaymentRow[]>> {
  const byValue = new Map<string, MedusaPaymentRow[]>()
  if (values.length === 0) return byValue
  const { rows } = await db.raw(
    `select p.id, p.provider_id, p.data, p.canceled_at,
            coalesce((select sum(c.amount) from capture c where c.payment_id = p.id and c.deleted_at is null), 0) as captured,
            coalesce((select count(*) from capture c where c.payment_id = p.id and c.deleted_at is null), 0) as captures,
            coalesce((select sum(r.amount) from refund r where r.payment_id = p.id and r.deleted_at is null), 0) as refunded,
            coalesce((select count(*) from refund r where r.payment_id = p.id and r.deleted_at is null), 0) as refunds,
            opc.order_id, o.status as order_status
       from payment p
       left join lateral (select opc.order_id from order_payment_collection opc
              where opc.payment_collection_id = p.payment_collection_id and opc.deleted_at is null limit 1) opc on true
       left join "order" o on o.id = opc.order_id
      where p.deleted_at is null and p.data->>'${key}' = any(?)`,
    [values]
  )
  for (const row of rows) {
    const value = String(row.data?.[key])
    const entry: MedusaPaymentRow = {
      id: row.id,
      provider_id: row.provider_id,
      data: row.data ?? {},
      canceled_at: row.canceled_at,
      captured: Number(row.captured),
      refunded: Number(row.refunded),
      captures: Number(row.captures),
      refunds: Number(row.refunds),
      order_id: row.order_id,
      order_status: row.order_status ?? null,
    }
    byValue.set(value, [...(byValue.get(value) ?? []), entry])
  }
  return byValue
}

const cents = (amount: number) => Math.round(amount * MINOR)

function pendingWork(data: Record<string, any>): string | undefined {
  if (Array.isArray(data.pending_captures) && data.pending_captures.length > 0) return "a planned capture still pending"
  for (const list of ["captures", "returns", "refunds"] as const) {
    if (Array.isArray(data[list]) && data[list].some((entry: any) => entry?.unconfirmed && !entry.unconfirmed.failed)) return `an unconfirmed ${list} call`
  }
  if (data.cancellation?.unconfirmed && !data.cancellation.unconfirmed.failed) return "an unconfirmed cancellation"
  if (data.remainder_released?.unconfirmed && !data.remainder_released.unconfirmed.failed) return "an unconfirmed release of the remainder"
  for (const list of ["captures", "refunds", "cancellations", "extensions"] as const) {
    if (data.avirato_session_id && Array.isArray(data[list]) && data[list].some((entry: any) => entry?.status === "requested")) return `an Avirato ${list} outcome never settled`
  }
  return undefined
}

/** One vendor-side payment as the audit sees it; amounts in minor units. */
export interface VendorIntent {
  kind: "avarda" | "standalone" | "avirato"
  id: string
  live: boolean
  /** The vendor released the authorization (cancel, void, release of the remainder) and holds nothing captured. */
  voided: boolean
  authorized: number
  captured: number
  refunded: number
  captureCount: number
  refundCount: number
}

/**
 * Sets the sandbox's vendor state against Medusa's payments. Call after the scenario's reconciliation
 * ran; `limits` are the most vendor effects of each kind the scenario's intents allow.
 */
export async function auditMoney(sandbox: Sandbox, db: SqlRunner, limits: EffectLimits = {}): Promise<AuditReport> {
  const findings: string[] = []
  const counts: AuditCounts = { duplicates: 0, lost: 0, stuck: 0 }
  const note = (what: keyof AuditCounts, text: string, n = 1) => {
    counts[what] += n
    findings.push(`${what}: ${text}`)
  }

  const state = (await (await fetch(`${sandbox.origin}/__sandbox/state`)).json()) as { simulators: Record<string, any> }
  const auth = state.simulators["avarda-authorization-api"] ?? {}
  const checkout2 = state.simulators["avarda-checkout2"] ?? {}
  const avirato = state.simulators.avirato ?? {}

  const intents: VendorIntent[] = []
  const authorizations: any[] = sandbox.avarda.listAuthorizations()
  const authCaptures: any[] = auth.captures ?? []
  const authReturns: any[] = auth.returns ?? []
  for (const a of authorizations) {
    intents.push({
      kind: "avarda",
      id: a.authorizationId,
      live: a.status === 0 && !a.cancelled,
      voided: a.cancelled && cents(a.captured) === 0,
      authorized: cents(a.amount),
      captured: cents(a.captured),
      refunded: cents(a.returned),
      captureCount: authCaptures.filter((c) => c.authorizationId === a.authorizationId).length,
      refundCount: authReturns.filter((r) => r.authorizationId === a.authorizationId).length,
    })
  }
  const purchases: any[] = sandbox.avarda.listStandalonePurchases()
  const commerce: any[] = checkout2.commerce ?? []
  for (const p of purchases) {
    const mine = commerce.filter((c) => c.externalId === p.externalId)
    intents.push({
      kind: "standalone",
      id: p.externalId,
      live: p.state === 2 && !p.cancelled,
      voided: (p.cancelled || cents(p.remainingReleased) >= cents(p.price)) && cents(p.invoiced) === 0,
      authorized: cents(p.price),
      captured: cents(p.invoiced),
      refunded: cents(p.returned + p.refunded),
      captureCount: mine.filter((c) => c.operation === "PurchaseOrder").length,
      refundCount: mine.filter((c) => c.operation !== "PurchaseOrder").length,
    })
  }
  const aviratoPayments: any[] = avirato.payments ?? []
  const modifications: any[] = (avirato.modifications ?? []).filter((m: any) => m.success)
  for (const p of aviratoPayments) {
    const mine = modifications.filter((m) => m.paymentReference === p.paymentReference)
    intents.push({
      kind: "avirato",
      id: p.paymentReference,
      live: p.paymentStatus !== "CANCELLED" && p.paymentStatus !== "REFUNDED",
      voided: p.paymentStatus === "CANCELLED" && (p.isPreAuth ? p.captured : p.authorised) === 0,
      authorized: p.authorised,
      captured: p.isPreAuth ? p.captured : p.authorised,
      refunded: p.refunded,
      captureCount: p.isPreAuth ? mine.filter((m) => m.type === "capture").length : 1,
      refundCount: mine.filter((m) => m.type === "refund").length,
    })
  }

  const byAuthorization = await medusaPayments(db, "authorization_id", intents.filter((i) => i.kind === "avarda").map((i) => i.id))
  const byPurchase = await medusaPayments(db, "purchase_id", intents.filter((i) => i.kind === "standalone").map((i) => i.id))
  const byReference = await medusaPayments(db, "payment_reference", intents.filter((i) => i.kind === "avirato").map((i) => i.id))

  const maps = { avarda: byAuthorization, standalone: byPurchase, avirato: byReference }
  const compared = compareWithMedusa(intents, (intent) => maps[intent.kind].get(intent.id) ?? [])
  counts.duplicates += compared.duplicates
  counts.lost += compared.lost
  counts.stuck += compared.stuck
  findings.push(...compared.findings)

  const total = (kind: "captureCount" | "refundCount") => intents.reduce((n, i) => n + i[kind], 0)
  const cancels = [
    ...authorizations.filter((a) => a.cancelled),
    ...purchases.filter((p) => p.cancelled),
    ...(avirato.modifications ?? []).filter((m: any) => m.type === "cancel" && m.success),
  ].length
  const extensions = (avirato.modifications ?? []).filter((m: any) => m.type === "extend" && m.success).length
  const myPagesPayments = sandbox.avarda.listMyPagesPayments().filter((p) => p.state === "Paid").length
  const seen = {
    authorizations: intents.length,
    captures: total("captureCount"),
    refunds: total("refundCount"),
    cancels,
    extends: extensions,
    myPagesPayments,
  }
  for (const [kind, limit] of Object.entries(limits) as Array<[keyof EffectLimits, number]>) {
    if (seen[kind] > limit) note("duplicates", `${seen[kind]} vendor ${kind} where the scenario's intents allow ${limit}`, seen[kind] - limit)
  }
  const effects = Object.entries(seen)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ")
  return { ...counts, findings, effects: effects || "none" }
}

/**
 * The pure half of the audit: each vendor intent set against the Medusa payments that name it
 * (`paymentsFor`), counted as duplicate vendor effects, lost orders and stuck payments.
 */
export function compareWithMedusa(intents: VendorIntent[], paymentsFor: (intent: VendorIntent) => MedusaPaymentRow[]): AuditCounts & { findings: string[] } {
  const findings: string[] = []
  const counts: AuditCounts = { duplicates: 0, lost: 0, stuck: 0 }
  const note = (what: keyof AuditCounts, text: string, n = 1) => {
    counts[what] += n
    findings.push(`${what}: ${text}`)
  }
  for (const intent of intents) {
    const payments = paymentsFor(intent).filter((p) => p.order_id)
    const label = `${intent.kind} ${intent.id}`
    if (intent.captured > intent.authorized) note("duplicates", `${label} captured ${intent.captured} of ${intent.authorized} authorized (minor units)`)
    if (intent.refunded > intent.captured) note("duplicates", `${label} refunded ${intent.refunded} of ${intent.captured} captured (minor units)`)
    if (payments.length > 1) note("duplicates", `${label} backs ${payments.length} Medusa payments with orders`, payments.length - 1)
    const payment = payments[0]
    if (!payment) {
      // Money the vendor holds or took (authorized, captured, paid) with no order to show for it.
      if (intent.live) note("lost", `${label} is ${intent.captured > 0 ? "captured" : "authorized"} at the vendor but no Medusa order holds it`)
      // Without an order the vendor may only give the money back, once (a payment on a discarded session).
      if (intent.captureCount > 0 && intent.kind !== "avirato") note("duplicates", `${label} has ${intent.captureCount} capture(s) no Medusa payment records`, intent.captureCount)
      if (intent.refundCount > 1) note("duplicates", `${label} was refunded ${intent.refundCount} times without a Medusa payment`, intent.refundCount - 1)
      continue
    }
    const medusaCaptured = cents(payment.captured)
    const medusaRefunded = cents(payment.refunded)
    if (intent.captureCount > payment.captures) note("duplicates", `${label}: ${intent.captureCount} vendor capture(s) for ${payment.captures} in Medusa`, intent.captureCount - payment.captures)
    if (intent.refundCount > payment.refunds) note("duplicates", `${label}: ${intent.refundCount} vendor refund(s) for ${payment.refunds} in Medusa`, intent.refundCount - payment.refunds)
    const pending = pendingWork(payment.data)
    if (pending) note("stuck", `${label}: ${pending} after reconciliation`)
    if (medusaCaptured !== intent.captured) note("stuck", `${label}: Medusa shows ${medusaCaptured} captured, the vendor ${intent.captured}`)
    if (medusaRefunded !== intent.refunded) note("stuck", `${label}: Medusa shows ${medusaRefunded} refunded, the vendor ${intent.refunded}`)
    // The vendor let go of the whole authorization, yet Medusa's live order still counts on the money.
    if (intent.voided && !payment.canceled_at && payment.order_status !== "canceled" && medusaCaptured === 0) {
      note("stuck", `${label} was voided at the vendor but Medusa's order ${payment.order_id} still shows the payment authorized`)
    }
    // The reverse: Medusa cancelled the order before any capture, yet the vendor still holds the
    // shopper's authorization (Medusa's order cancellation carries on when a provider's cancel fails).
    if (payment.order_status === "canceled" && intent.live && !intent.voided && intent.captured === 0) {
      note("stuck", `${label}: Medusa's order ${payment.order_id} is canceled but the vendor still holds the authorization`)
    }
  }

  return { ...counts, findings }
}
