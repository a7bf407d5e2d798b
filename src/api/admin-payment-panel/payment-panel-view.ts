/**
 * What the order page's payment panel shows for a payment made with one of this plugin's providers:
 * vendor, method, Medusa's status of the payment (the badge: it says what Medusa's own order page
 * says, never more), the vendor's ids and decision, authorised / captured / refunded amounts with
 * their history, when an uncaptured authorization lapses (with a warning once that is near),
 * whether an Avirato pre-authorisation can be extended, and the captures that need the admin (each
 * with the one action that resolves it), the vendor calls never answered (re-sent by the
 * reconciliation job), and what is left to settle after the order's cancellation (a cancel, a
 * refund or a release of the rest the reconciliation job keeps trying, a rest Avarda still holds).
 * Built only from Medusa's payment rows and the provider's `data`, whitelisting what is shown
 * (payment data may hold more than an admin page needs). Sums are done in minor units.
 */
import {
  authorizationFamilyOf,
  authorizationSettled,
  DEFAULT_EXPIRY_WARNING_DAYS,
  expiryAdvice,
  expiryStatus,
  type AuthorizationFamily,
  type ExpiryState,
} from "../../lib/authorization-expiry"
import { CAPTURE_ATTENTION_ACTIONS, captureAttentionsOf, type AttentionLedger, type CaptureAttention } from "../../lib/avarda/capture-attention"
import { decimalStringToMinor, minorToDecimalNumber } from "../../lib/money/minor-units"
import { parseProviderId, pluginVendor, type ParsedProviderId, type PluginVendorKey } from "../../lib/plugin-vendors"
import { unconfirmedCallsIn, type UnconfirmedOperation } from "../../lib/unconfirmed-calls"
import { hasRestToRelease, readStandalonePaymentData } from "../../providers/avarda-standalone/core/payment-data"
import { FAILED_MODIFICATION_NEXT_STEP, failedModificationsOf, MODIFICATION_LABEL } from "../../providers/avirato/core/failed-modifications"
import { CANCELED_ORDER_REFUND_FAILURE_KEY, canceledOrderRefundNextAttemptAt, ORDER_CANCEL_FAILURE_KEY, REMAINDER_RELEASE_FAILURE_KEY } from "../../operations/shared/canceled-order-retries"
import { failedAttemptsIn, type FailedAttempts } from "../../operations/shared/failed-attempts"

/** Documented path of the action that resolves a capture needing attention. */
export const CAPTURE_ATTENTION_RESOLVE_PATH = "/admin/avarda-avirato/payments/:id/capture-attention/:attention_id/resolve"

/** Documented path of the Avirato pre-authorisation's Extend route (the panel's Extend button). */
export const AVIRATO_EXTEND_PATH = "/admin/avirato/payments/:id/extend"

/** Documented path of the action that asks Avarda once more for a Standalone rest not released. */
export const RELEASE_REMAINDER_PATH = "/admin/avarda-avirato/payments/:id/release-remainder"

export interface PanelMoneyRow {
  id: string
  amount: number | string
  raw_amount?: { value?: string | number } | null
  created_at?: string | Date | null
  created_by?: string | null
  note?: string | null
}

export interface PanelPaymentRow {
  id: string
  provider_id: string
  amount: number | string
  raw_amount?: { value?: string | number } | null
  currency_code: string
  data?: Record<string, unknown> | null
  created_at?: string | Date | null
  captured_at?: string | Date | null
  canceled_at?: string | Date | null
  captures?: PanelMoneyRow[] | null
  refunds?: PanelMoneyRow[] | null
}

export type PanelTone = "green" | "orange" | "red" | "blue" | "grey"

export interface PanelHistoryEntry {
  at: string | null
  kind: "authorized" | "captured" | "refunded" | "extended" | "canceled" | "attention_resolved" | "failed_at_vendor"
  amount: number | null
  note: string | null
}

export interface PaymentPanelView {
  id: string
  provider_id: string
  vendor: "Avarda" | "Avirato"
  method: string
  references: Array<{ label: string; value: string }>
  /** Medusa's state of this payment, with the words and colours of Medusa's order page. */
  status: { label: string; tone: PanelTone }
  /** What the vendor says (Avarda's credit decision, Avirato's session status). */
  decision: { label: string; tone: PanelTone; detail: string | null } | null
  currency_code: string
  authorized_amount: number
  captured_amount: number
  refunded_amount: number
  /** When the uncaptured authorization lapses (vendor lifetimes are assumptions, see authorization-expiry.ts). */
  expires_at: string | null
  /** ok, near (inside the warning lead) or expired; null when nothing is left to lapse. */
  expiry_state: ExpiryState | null
  /** What the admin should do before the expiry, shown once it is near or past; null otherwise. */
  expiry_warning: string | null
  /** Whether the vendor can prolong this authorization at all (Avirato yes, Avarda no). */
  extendable: boolean
  history: PanelHistoryEntry[]
  /** Avirato pre-authorisation still open: the admin may extend it. */
  can_extend: boolean
  /** The route the Extend button POSTs to, while the admin may extend. */
  extend_path: string | null
  /**
   * Idempotency-Key for the Extend button: the same for every click made on the state shown (two
   * clicks at once, or two admins on the same page, extend once); the next extension gets the next.
   */
  extend_key: string | null
  /** Captures on shipment the plugin could not make, not resolved yet, oldest first. */
  capture_attention: PanelCaptureAttention[]
  /** After the order's cancellation: what the plugin keeps trying, or could not do, about this payment. */
  after_cancellation: PanelCancellationFollowUp[]
  /**
   * Vendor calls the plugin never got a readable answer to (they may have been applied): Medusa has
   * recorded them, and the reconciliation job re-sends each with the same key until the vendor answers.
   */
  unconfirmed_calls: PanelUnconfirmedCall[]
}

export interface PanelUnconfirmedCall {
  /** What was sent, in the admin's words. */
  operation: UnconfirmedOperation
  title: string
  /** What it means and who acts on it. */
  detail: string
  amount: number | null
  since: string | null
  attempts: number
  last_error: string | null
  /** The vendor refused the re-sent call: nothing re-sends it, the admin has to look at it at the vendor. */
  refused: boolean
}

export interface PanelCancellationFollowUp {
  kind: "cancel_retrying" | "refund_retrying" | "release_retrying" | "remainder_not_released"
  /** "warning": the reconciliation job keeps trying; "error": the admin has to act. */
  severity: "warning" | "error"
  title: string
  detail: string
  /** Failed attempts so far (the retried ones). */
  attempts: number | null
  /** The first failed attempt, or when the rest was recorded as not released. */
  since: string | null
  last_error: string | null
  /** When the reconciliation job tries the refund again; null when it tries at its next run, or never. */
  next_attempt_at: string | null
  /** What the admin can do about it from the panel, when there is something. */
  action: { label: string; path: string } | null
}

export interface PanelViewContext {
  now?: Date
  /** Warning lead per authorization family, from the plugin settings. */
  warningDays?: (family: AuthorizationFamily) => number
}

export interface PanelCaptureAttention {
  id: string
  kind: CaptureAttention["kind"]
  reason: string
  fulfillment_id: string | null
  /** What the capture would have been (the shipment's value, or the plan's amount). */
  expected_amount: number
  /** What was left to capture on the payment when it happened. */
  left_amount: number
  gift_cards_amount: number | null
  created_at: string | null
  /** The one action that resolves it: its button label and the route it POSTs to. */
  action: { id: string; label: string; path: string }
}

function captureAttentionOf(paymentId: string, data: Record<string, unknown>, currency: string): { open: PanelCaptureAttention[]; resolved: PanelHistoryEntry[] } {
  const all = captureAttentionsOf(data as Partial<AttentionLedger>).filter((a) => a && typeof a.id === "string" && a.kind in CAPTURE_ATTENTION_ACTIONS)
  const amount = (minor: unknown) => (typeof minor === "number" ? minorToDecimalNumber(minor, currency) : 0)
  return {
    open: all
      .filter((a) => !a.resolved_at)
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        reason: a.reason,
        fulfillment_id: a.fulfillment_id ?? null,
        expected_amount: amount(a.expected_minor),
        left_amount: amount(a.left_minor),
        gift_cards_amount: typeof a.gift_cards_minor === "number" ? amount(a.gift_cards_minor) : null,
        created_at: iso(a.created_at),
        action: {
          id: CAPTURE_ATTENTION_ACTIONS[a.kind].action,
          label: CAPTURE_ATTENTION_ACTIONS[a.kind].label,
          path: CAPTURE_ATTENTION_RESOLVE_PATH.replace(":id", paymentId).replace(":attention_id", a.id),
        },
      })),
    resolved: all
      .filter((a) => a.resolved_at)
      .map((a) => ({ at: iso(a.resolved_at), kind: "attention_resolved" as const, amount: null, note: a.resolution ?? null })),
  }
}

const AVARDA_METHODS: Record<string, string> = {
  invoice: "Invoice",
  "part-payment": "Part payment",
  loan: "Loan",
  "direct-invoice": "Direct invoice",
}

const iso = (value: string | Date | null | undefined): string | null => (value ? new Date(value).toISOString() : null)
const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value : undefined)
const capitalised = (words: string): string => `${words.charAt(0).toUpperCase()}${words.slice(1)}`

function minorOf(row: { amount: number | string; raw_amount?: { value?: string | number } | null }, currency: string): number {
  const exact = row.raw_amount?.value ?? row.amount
  return decimalStringToMinor(String(exact), currency)
}

function methodOf(parsed: ParsedProviderId | undefined, data: Record<string, unknown>): { vendor: PaymentPanelView["vendor"]; method: string } {
  if (parsed?.vendor === "avirato") {
    return { vendor: "Avirato", method: data.mode === "preauth" ? "Card (pre-authorisation)" : "Card" }
  }
  const product = parsed?.method ?? ""
  const name = AVARDA_METHODS[product] ?? product.replace(/-/g, " ")
  return { vendor: "Avarda", method: parsed?.vendor === "avarda-standalone" ? `${name} (Standalone Credit)` : name }
}

const DECISIONS: Record<string, { label: string; tone: PanelTone }> = {
  approved: { label: "Approved", tone: "green" },
  pending_id_validation: { label: "Waiting for ID validation", tone: "orange" },
  rejected: { label: "Rejected", tone: "red" },
  timed_out: { label: "ID validation timed out", tone: "red" },
  failed: { label: "Failed at Avarda", tone: "red" },
  unknown: { label: "Unknown (no answer from Avarda)", tone: "orange" },
  completed: { label: "Paid", tone: "green" },
  completed_preauth: { label: "Pre-authorised", tone: "green" },
  authorised: { label: "Authorised", tone: "green" },
  pending: { label: "Pending", tone: "orange" },
  failed_card: { label: "Failed", tone: "red" },
  cancelled: { label: "Cancelled", tone: "grey" },
  expired: { label: "Expired", tone: "red" },
}

function decisionOf(vendor: PaymentPanelView["vendor"], data: Record<string, unknown>): PaymentPanelView["decision"] {
  if (vendor === "Avarda") {
    const decision = (data.decision ?? {}) as { outcome?: unknown; message?: unknown; error_code?: unknown }
    const outcome = text(decision.outcome) ?? text(data.state) ?? text(data.status)
    if (!outcome) return null
    const known = DECISIONS[outcome.toLowerCase()]
    const details = [
      text(decision.message),
      typeof decision.error_code === "number" ? `code ${decision.error_code}` : undefined,
    ].filter(Boolean)
    return { label: known?.label ?? outcome, tone: known?.tone ?? "grey", detail: details.join(" · ") || null }
  }
  const status = text(data.session_status)
  if (!status) return null
  const key = status.toLowerCase()
  // A completed pre-authorisation holds the money; it is not paid until it is captured.
  const known = DECISIONS[key === "failed" ? "failed_card" : key === "completed" && data.mode === "preauth" ? "completed_preauth" : key]
  return { label: known?.label ?? status, tone: known?.tone ?? "grey", detail: text(data.payment_status) ?? null }
}

function referencesOf(vendor: PaymentPanelView["vendor"], data: Record<string, unknown>): PaymentPanelView["references"] {
  const candidates: Array<[string, unknown]> =
    vendor === "Avarda"
      ? [
          ["Authorization id", data.authorization_id],
          ["Purchase id", data.purchase_id],
          ["Order reference", data.order_reference],
        ]
      : [
          ["Session id", data.avirato_session_id],
          ["Payment reference", data.payment_reference],
        ]
  return candidates.flatMap(([label, value]) => (text(value) ? [{ label, value: String(value) }] : []))
}

function extensionsOf(data: Record<string, unknown>, currency: string): PanelHistoryEntry[] {
  const records = Array.isArray(data.extensions) ? (data.extensions as Array<Record<string, unknown>>) : []
  return records.map((record) => ({
    at: iso(text(record.settled_at) ?? text(record.requested_at)),
    kind: "extended" as const,
    amount: typeof record.amount === "number" ? minorToDecimalNumber(record.amount, currency) : null,
    note: text(record.status) ? `Extension ${String(record.status)}` : null,
  }))
}

/**
 * What the order's cancellation left to settle on this payment: an open payment the vendor has not
 * released yet (the cancel is retried), a captured amount not refunded yet (the refund is retried),
 * a Standalone rest whose release failed (retried for the reconciliation window), a rest of an
 * Avarda credit that will not be released (the admin releases it with Avarda, or asks Avarda again
 * for a Standalone one).
 */
function afterCancellationOf(vendor: PaymentPanelView["vendor"], data: Record<string, unknown>, payment: PanelPaymentRow, capturedMinor: number): PanelCancellationFollowUp[] {
  const followUps: PanelCancellationFollowUp[] = []
  const retrying = (kind: PanelCancellationFollowUp["kind"], count: FailedAttempts, title: string, detail: string, next: Date | undefined) =>
    followUps.push({ kind, severity: "warning", title, detail, attempts: count.attempts, since: iso(count.since), last_error: text(count.last_error) ?? null, next_attempt_at: next ? next.toISOString() : null, action: null })
  const cancel = failedAttemptsIn(data[ORDER_CANCEL_FAILURE_KEY])
  if (cancel && !payment.canceled_at && capturedMinor === 0) {
    retrying("cancel_retrying", cancel, `Not released at ${vendor} yet`, "Cancelling the payment after the order's cancellation failed; the amount stays reserved until it goes through. The reconciliation job keeps trying.", undefined)
  }
  const refund = failedAttemptsIn(data[CANCELED_ORDER_REFUND_FAILURE_KEY])
  if (refund) {
    retrying(
      "refund_retrying",
      refund,
      "Not refunded yet after the order's cancellation",
      "The payment still holds a captured amount the cancelled order does not owe. The reconciliation job tries the refund again; refunding it from the order's page also settles it.",
      canceledOrderRefundNextAttemptAt(refund)
    )
  }
  const release = failedAttemptsIn(data[REMAINDER_RELEASE_FAILURE_KEY])
  if (release && hasRestToRelease(readStandalonePaymentData(data)) && !payment.canceled_at) {
    retrying(
      "release_retrying",
      release,
      "Undelivered rest not released at Avarda yet",
      "Releasing the rest after the order's cancellation failed; it stays reserved for the shopper until it goes through. The reconciliation job keeps trying for its reconciliation window (24 h by default) from the cancellation or the last ask.",
      undefined
    )
  }
  const notReleased = (since: unknown, detail: string, action: PanelCancellationFollowUp["action"]) =>
    followUps.push({ kind: "remainder_not_released", severity: "error", title: "Undelivered rest not released at Avarda", detail, attempts: null, since: iso(text(since)), last_error: null, next_attempt_at: null, action })
  const remainder = data.uncaptured_remainder as { recorded_at?: unknown; note?: unknown } | null | undefined
  if (remainder && text(remainder.note)) notReleased(remainder.recorded_at, String(remainder.note), null)
  const abandoned = data.remainder_release_failed as { at?: unknown; reason?: unknown } | null | undefined
  if (abandoned && typeof abandoned === "object") {
    const askable = !payment.canceled_at
    notReleased(
      abandoned.at,
      `Releasing the rest after the order's cancellation failed${text(abandoned.reason) ? ` (${String(abandoned.reason)})` : ""}; the reconciliation job does not ask Avarda again. ${askable ? "Ask Avarda again here, or release it" : "Release it"} in Avarda's merchant portal.`,
      askable ? { label: "Ask Avarda again", path: RELEASE_REMAINDER_PATH.replace(":id", payment.id) } : null
    )
  }
  return followUps
}

/**
 * Captures, refunds and cancels Avirato reported as failed after Medusa recorded them as done, in
 * the history with what the admin should do (a failed extension is already there as one).
 */
function failedAtAviratoOf(data: Record<string, unknown>, currency: string): PanelHistoryEntry[] {
  return failedModificationsOf(data)
    .filter(({ history }) => history !== "extensions")
    .map(({ history, record }) => {
      const label = MODIFICATION_LABEL[history]
      const reason = text(record.failure_reason)
      return {
        at: iso(text(record.settled_at) ?? text(record.requested_at)),
        kind: "failed_at_vendor" as const,
        amount: typeof record.amount === "number" ? minorToDecimalNumber(record.amount, currency) : null,
        note: `${capitalised(label)} failed at Avirato${reason ? ` (${reason})` : ""}. ${FAILED_MODIFICATION_NEXT_STEP[history]}`,
      }
    })
}

/** The calls the payment's vendor family recorded as unconfirmed, with the ones it refused when re-sent. */
function unconfirmedCallsOf(vendor: PluginVendorKey | undefined, vendorName: PaymentPanelView["vendor"], data: Record<string, unknown>, currency: string): PanelUnconfirmedCall[] {
  if (!vendor) return []
  return unconfirmedCallsIn(data, pluginVendor(vendor).unconfirmedCallPlaces).map(({ operation, amount_minor, unconfirmed }) => ({
    operation,
    ...(unconfirmed.failed
      ? {
          title: `${capitalised(operation)} refused by ${vendorName}`,
          detail: `${vendorName} refused it when it was sent again; nothing sends it any more. Check it with ${vendorName}.`,
        }
      : {
          title: `${capitalised(operation)} not confirmed by ${vendorName} yet`,
          detail: `${vendorName} did not answer it, so it may or may not have been made. The reconciliation job sends it again with the same key, which ${vendorName} applies once, until ${vendorName} answers.`,
        }),
    amount: amount_minor === null ? null : minorToDecimalNumber(amount_minor, currency),
    since: iso(text(unconfirmed.since)),
    attempts: unconfirmed.attempts,
    last_error: text(unconfirmed.last_error) ?? null,
    refused: unconfirmed.failed === true,
  }))
}

/**
 * Medusa's state of one payment from Medusa's own rows, labelled and coloured as Medusa's order page
 * labels an order's payment status. A payment row exists only once Medusa authorized it.
 */
export function medusaPaymentStatus(authorizedMinor: number, capturedMinor: number, refundedMinor: number, canceled: boolean): PaymentPanelView["status"] {
  if (canceled) return { label: "Canceled", tone: "red" }
  if (refundedMinor > 0) return refundedMinor >= capturedMinor ? { label: "Refunded", tone: "red" } : { label: "Partially refunded", tone: "orange" }
  if (capturedMinor > 0) return capturedMinor >= authorizedMinor ? { label: "Captured", tone: "green" } : { label: "Partially captured", tone: "orange" }
  return { label: "Authorized", tone: "orange" }
}

export function paymentPanelView(payment: PanelPaymentRow, context: PanelViewContext = {}): PaymentPanelView {
  const data = (payment.data ?? {}) as Record<string, unknown>
  const currency = payment.currency_code
  const provider = parseProviderId(payment.provider_id)
  const { vendor, method } = methodOf(provider, data)
  const captures = payment.captures ?? []
  const refunds = payment.refunds ?? []
  const sum = (rows: PanelMoneyRow[]) => rows.reduce((total, row) => total + minorOf(row, currency), 0)
  const attention = captureAttentionOf(payment.id, data, currency)
  const history: PanelHistoryEntry[] = [
    { at: iso(payment.created_at), kind: "authorized" as const, amount: minorToDecimalNumber(minorOf(payment, currency), currency), note: null },
    ...captures.map((row) => ({
      at: iso(row.created_at),
      kind: "captured" as const,
      amount: minorToDecimalNumber(minorOf(row, currency), currency),
      note: row.created_by ? `by ${row.created_by}` : null,
    })),
    ...refunds.map((row) => ({
      at: iso(row.created_at),
      kind: "refunded" as const,
      amount: minorToDecimalNumber(minorOf(row, currency), currency),
      note: row.note ?? null,
    })),
    ...extensionsOf(data, currency),
    ...(vendor === "Avirato" ? failedAtAviratoOf(data, currency) : []),
    ...(payment.canceled_at ? [{ at: iso(payment.canceled_at), kind: "canceled" as const, amount: null, note: null }] : []),
    ...attention.resolved,
  ].sort((a, b) => (a.at ?? "").localeCompare(b.at ?? ""))
  const capturedMinor = sum(captures)
  const refundedMinor = sum(refunds)
  const authorizedMinor = minorOf(payment, currency)
  const preauth = vendor === "Avirato" && data.mode === "preauth"
  const canExtend = preauth && capturedMinor === 0 && !payment.canceled_at && !!text(data.payment_reference)
  const family = authorizationFamilyOf(payment.provider_id, data)
  // Avirato captures once per pre-authorisation (the rest is released); Avarda keeps what is not captured yet.
  const uncaptured = family === "avirato-preauth" ? capturedMinor === 0 : capturedMinor < authorizedMinor
  const open = !!family && uncaptured && !authorizationSettled(family, data, payment)
  const warningDays = family ? (context.warningDays?.(family) ?? DEFAULT_EXPIRY_WARNING_DAYS) : DEFAULT_EXPIRY_WARNING_DAYS
  const expiry = open ? expiryStatus(text(data.authorization_expires_at), context.now ?? new Date(), warningDays) : undefined
  const extensions = Array.isArray(data.extensions) ? data.extensions.length : 0
  return {
    id: payment.id,
    provider_id: payment.provider_id,
    vendor,
    method,
    references: referencesOf(vendor, data),
    status: medusaPaymentStatus(authorizedMinor, capturedMinor, refundedMinor, !!payment.canceled_at),
    decision: decisionOf(vendor, data),
    currency_code: currency,
    authorized_amount: minorToDecimalNumber(authorizedMinor, currency),
    captured_amount: minorToDecimalNumber(capturedMinor, currency),
    refunded_amount: minorToDecimalNumber(refundedMinor, currency),
    expires_at: expiry?.expires_at ?? null,
    expiry_state: expiry?.state ?? null,
    expiry_warning: expiry && family && expiry.state !== "ok" ? expiryAdvice(family, expiry) : null,
    extendable: canExtend,
    history,
    can_extend: canExtend,
    extend_path: canExtend ? AVIRATO_EXTEND_PATH.replace(":id", payment.id) : null,
    extend_key: canExtend ? `extend:${payment.id}:${extensions + 1}` : null,
    capture_attention: attention.open,
    after_cancellation: afterCancellationOf(vendor, data, payment, capturedMinor),
    unconfirmed_calls: unconfirmedCallsOf(provider?.vendor, vendor, data, currency),
  }
}
