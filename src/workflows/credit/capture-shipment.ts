/**
 * Capture on shipment, the work of captureShipmentWorkflow's steps: the shipped lines (and, with
 * the first shipment, shipping, gift cards and the rounding row) become a capture plan on the order's credit payment, which runs at once or — when
 * the vendor is not ready — later from the reconciliation job. Several shipments = several partial
 * captures that add up to the order. A repeated event for the same shipment plans nothing twice.
 *
 * A shipment it cannot capture is recorded on the payment for the admin (see capture-attention):
 * one worth more than what is left to capture, and one the gift cards cover entirely — whose lines
 * are then captured with the next shipment, less what is left of the gift cards.
 */
import type { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"
import { buildInvoiceRows, withAuthorizedCredits, type DeliveredQuantity } from "../../lib/avarda/credit-cart"
import {
  attentionIdOf,
  coveredQuantityByLine,
  openCaptureAttentions,
  resolvedCaptureAttentions,
  withCaptureAttention,
  type AttentionLedger,
  type CaptureAttention,
  type CoveredShipmentLines,
} from "../../lib/avarda/capture-attention"
import { invoicedQuantityByLine, orderLevelInvoiced, remainingToCaptureMinor, type CapturePlan, type CreditLedger } from "../../lib/avarda/credit-ledger"
import { rowsTotalMinor } from "../../lib/avarda/invoice-rows"
import { creditCartOf, CREDIT_TOTALS_FIELDS, ORDER_RETURN_FIELDS, type CartOrOrderTotals } from "../../operations/credit/credit-cart-from-medusa"
import { withPaymentLock } from "../../operations/shared/payment-lock"
import { writePaymentData } from "../../operations/shared/write-payment-data"
import { notifyCaptureAttention } from "../../operations/credit/capture-attention-notice"
import { addPendingCaptureLocked, executeCapturePlan } from "./execute-capture-plan"
import { rowCaptureFamilyOf } from "../../operations/credit/row-capture-families"

export type ShipmentCaptureResult =
  | { status: "captured"; paymentId: string; amountMinor: number }
  | { status: "postponed"; paymentId: string; amountMinor: number; error: string }
  | { status: "skipped"; reason: string }

interface OrderPayment {
  id: string
  provider_id: string
  amount: number
  raw_amount?: unknown
  currency_code: string
  data?: Record<string, unknown> | null
  captured_at?: string | Date | null
  canceled_at?: string | Date | null
}

type OrderRow = CartOrOrderTotals & {
  id: string
  display_id?: number | string
  payment_collections?: Array<{ payments?: OrderPayment[] | null } | null> | null
}

const PAYMENT_FIELDS = [
  "id",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.amount",
  "payment_collections.payments.raw_amount",
  "payment_collections.payments.currency_code",
  "payment_collections.payments.data",
  "payment_collections.payments.captured_at",
  "payment_collections.payments.canceled_at",
]

const ORDER_FIELDS = [...CREDIT_TOTALS_FIELDS, ...ORDER_RETURN_FIELDS, "display_id", ...PAYMENT_FIELDS]

/**
 * Which payment a shipment's capture would go to. `found`: the order's uncaptured credit payment,
 * whose method captures on shipment; the planning is then done under that payment's lock.
 */
export type ShipmentPaymentLookup =
  | { status: "skipped"; reason: string }
  | { status: "found"; fulfillmentId: string; paymentId: string }

/**
 * What planning a shipment's capture did. `planned`: a plan was added to the payment's pending
 * captures, with what it changed besides — the gift-card cases it resolved and the covered
 * shipments it took over — so that a plan which never ran can be withdrawn exactly. `skipped` with
 * an `attention`: the shipment was recorded on the payment for the admin, who is to be told.
 */
export type ShipmentCapturePlanning =
  | { status: "skipped"; reason: string; attention?: { paymentId: string; currencyCode: string; case: CaptureAttention } }
  | { status: "planned"; paymentId: string; planId: string; amountMinor: number; fulfillmentId: string; undo: PlanUndo }

/** What a withdrawn plan gives back: the covered shipments and the attention records as they were. */
export interface PlanUndo {
  covered_shipments: CoveredShipmentLines[] | null
  resolved_attentions: CaptureAttention[]
}

interface ShipmentRow {
  id: string
  items?: Array<{ line_item_id: string; quantity: number }> | null
  labels?: Array<{ tracking_number?: string | null }> | null
  order?: { id: string } | null
}

/** The shipment and its order (with the order's payments): two queries, the order found through the shipment. */
async function readShipmentAndOrder(
  container: MedusaContainer,
  fulfillmentId: string,
  orderFields: string[]
): Promise<{ shipment: ShipmentRow; order: OrderRow; payments: OrderPayment[] } | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [fulfillment] } = await query.graph({
    entity: "fulfillment",
    fields: ["id", "items.line_item_id", "items.quantity", "labels.tracking_number", "order.id"],
    filters: { id: fulfillmentId },
  })
  const shipment = fulfillment as ShipmentRow | undefined
  if (!shipment?.order?.id) return undefined
  const { data: [order] } = await query.graph({ entity: "order", fields: orderFields, filters: { id: shipment.order.id } })
  if (!order) return undefined
  const row = order as OrderRow
  return { shipment, order: row, payments: (row.payment_collections ?? []).flatMap((c) => c?.payments ?? []) }
}

/**
 * Finds the payment a shipment's capture goes to: the order's uncaptured credit payment, when its
 * method captures on shipment (the store's setting, read now).
 */
export async function findShipmentCreditPayment(container: MedusaContainer, fulfillmentId: string): Promise<ShipmentPaymentLookup> {
  const read = await readShipmentAndOrder(container, fulfillmentId, PAYMENT_FIELDS)
  if (!read) return { status: "skipped", reason: "the shipment belongs to no order" }
  const payment = read.payments.find((p) => !p.canceled_at && !p.captured_at && rowCaptureFamilyOf(p.provider_id, p.data))
  if (!payment) return { status: "skipped", reason: "no uncaptured credit payment on the order" }
  const family = rowCaptureFamilyOf(payment.provider_id, payment.data)!
  if (!(await family.capturesOnShipment(container, payment.provider_id))) return { status: "skipped", reason: "capture mode is manual" }
  return { status: "found", fulfillmentId, paymentId: payment.id }
}

/**
 * Plans a shipment's capture on the payment `findShipmentCreditPayment` found. The caller holds the
 * payment's lock: two deliveries of the event (or another process) may get here one after the
 * other, so the shipment, the order and the payment's data are read here, inside the lock, and a
 * shipment is planned at most once. Adds the plan to the payment's pending captures, or records
 * why the shipment cannot be captured.
 */
export async function planShipmentCaptureLocked(
  container: MedusaContainer,
  found: Extract<ShipmentPaymentLookup, { status: "found" }>
): Promise<ShipmentCapturePlanning> {
  const { fulfillmentId } = found
  const read = await readShipmentAndOrder(container, fulfillmentId, ORDER_FIELDS)
  const payment = read?.payments.find((p) => p.id === found.paymentId)
  const family = payment && rowCaptureFamilyOf(payment.provider_id, payment.data)
  if (!read || !payment || !family) return { status: "skipped", reason: "the shipment's order no longer holds the payment" }
  const { shipment, order: row } = read
  const orderId = row.id
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const current = await paymentModule.retrievePayment(payment.id, { select: ["id", "data", "captured_at", "canceled_at"] })
  if (current.canceled_at || current.captured_at) return { status: "skipped", reason: "the payment is already captured or canceled" }
  const data = (current.data ?? {}) as Record<string, unknown>
  const ledger = data as unknown as AttentionLedger
  const tranId = family.shipmentTranId(fulfillmentId)
  if ([...ledger.captures, ...(ledger.pending_captures ?? [])].some((entry) => entry.tran_id === tranId)) {
    return { status: "skipped", reason: "this shipment is already captured or planned" }
  }
  if ((ledger.covered_shipments ?? []).some((covered) => covered.fulfillment_id === fulfillmentId)) {
    return { status: "skipped", reason: "this shipment is covered by gift cards and is captured with the next one" }
  }
  const recorded = (attention: CaptureAttention, attentions: CaptureAttention[] | null | undefined): ShipmentCapturePlanning => ({
    status: "skipped",
    reason: attention.reason,
    ...(attentions ? { attention: { paymentId: payment.id, currencyCode: payment.currency_code, case: attention } } : {}),
  })
  const invoiced = invoicedQuantityByLine(ledger)
  // Shipped earlier but covered by gift cards: not invoiced yet, but not this shipment's either.
  const covered = coveredQuantityByLine(ledger)
  const items = shipment.items ?? []
  // What was authorized: the lines as sold (returns are returns) and the credits the authorization counted.
  const cart = withAuthorizedCredits(creditCartOf(row, payment.raw_amount as never ?? payment.amount), ledger.rows ?? [])
  const lines: DeliveredQuantity[] = []
  for (const item of items) {
    const line = cart.lines.find((l) => l.id === item.line_item_id)
    if (!line) continue
    const alreadyInvoiced = invoiced.get(line.id) ?? 0
    const quantity = Math.min(Number(item.quantity), line.quantity - alreadyInvoiced - (covered.get(line.id) ?? 0))
    if (quantity > 0) lines.push({ lineId: line.id, alreadyInvoiced, quantity })
  }
  const includesOrderLevel = !orderLevelInvoiced(ledger)
  // Lines the gift cards covered on earlier shipments go with the first capture that carries the
  // gift cards (they exist only before it).
  const deliveries = includesOrderLevel && covered.size ? withCoveredLines(cart.lines, lines, covered, invoiced) : lines
  const rows = buildInvoiceRows(cart, { lines: deliveries, orderLevel: includesOrderLevel })
  const amountMinor = rowsTotalMinor(rows)
  const leftMinor = remainingToCaptureMinor(ledger) - pendingMinor(ledger)
  const orderReference = String(row.display_id ?? orderId)
  const now = new Date().toISOString()
  const giftCardsMinor = cart.credits.reduce((sum, credit) => sum + credit.amountMinor, 0)
  /** A new, open case about this shipment for the admin. */
  const shipmentAttention = (which: Pick<CaptureAttention, "id" | "kind" | "reason" | "expected_minor" | "gift_cards_minor">): CaptureAttention => ({
    ...which,
    order_reference: orderReference,
    left_minor: leftMinor,
    fulfillment_id: fulfillmentId,
    created_at: now,
    resolved_at: null,
    resolved_by: null,
    resolution: null,
  })
  if (amountMinor <= 0 && includesOrderLevel && giftCardsMinor > 0 && lines.length > 0) {
    // Nothing is owed for this shipment yet: the next shipment's capture carries its lines.
    const attention = shipmentAttention({
      id: attentionIdOf.giftCards(fulfillmentId),
      kind: "gift_cards_cover_shipment",
      reason: `the gift cards cover shipment ${fulfillmentId} entirely, so nothing was captured; its items are captured with the next shipment, less what is left of the gift cards`,
      expected_minor: amountMinor + giftCardsMinor,
      gift_cards_minor: giftCardsMinor,
    })
    const attentions = withCaptureAttention(ledger, attention)
    const coveredShipment = { fulfillment_id: fulfillmentId, lines: lines.map((l) => ({ line_item_id: l.lineId, quantity: l.quantity })) }
    await writePaymentData(paymentModule, payment.id, {
      ...data,
      covered_shipments: [...(ledger.covered_shipments ?? []), coveredShipment],
      ...(attentions ? { capture_attention: attentions } : {}),
    })
    return recorded(attention, attentions)
  }
  if (amountMinor <= 0) return { status: "skipped", reason: "the shipment has nothing left to capture" }
  if (amountMinor > leftMinor) {
    const attention = shipmentAttention({
      id: attentionIdOf.exceeds(fulfillmentId),
      kind: "shipment_exceeds_remaining",
      reason: `shipment ${fulfillmentId} is worth more than is left to capture (an amount was captured by hand before), so nothing was captured`,
      expected_minor: amountMinor,
    })
    const attentions = withCaptureAttention(ledger, attention)
    if (attentions) await writePaymentData(paymentModule, payment.id, { ...data, capture_attention: attentions })
    return recorded(attention, attentions)
  }
  const trackingNumber = shipment.labels?.find((l) => l.tracking_number)?.tracking_number
  const plan: CapturePlan = {
    id: randomUUID(),
    tran_id: tranId,
    source: "shipment",
    fulfillment_id: fulfillmentId,
    ...(trackingNumber ? { tracking_code: trackingNumber } : {}),
    order_reference: orderReference,
    rows,
    amount_minor: amountMinor,
    lines: deliveries.map((l) => ({ line_item_id: l.lineId, quantity: l.quantity })),
    includes_order_level: includesOrderLevel,
    created_at: now,
  }
  const carried = deliveries !== lines
  const giftCardAttentions = carried ? openCaptureAttentions(ledger).filter((a) => a.kind === "gift_cards_cover_shipment") : []
  const giftCardCases = giftCardAttentions.map((a) => a.id)
  await addPendingCaptureLocked(paymentModule, payment.id, {
    ...data,
    ...(carried ? { covered_shipments: [] } : {}),
    ...(giftCardCases.length
      ? { capture_attention: resolvedCaptureAttentions(ledger, giftCardCases, `captured with shipment ${fulfillmentId}`, null) }
      : {}),
  }, plan)
  const undo: PlanUndo = { covered_shipments: carried ? ledger.covered_shipments ?? [] : null, resolved_attentions: giftCardAttentions }
  return { status: "planned", paymentId: payment.id, planId: plan.id, amountMinor: plan.amount_minor, fulfillmentId, undo }
}

/** Tells the admin about a shipment the planning recorded for them (see capture-attention-notice). */
export async function notifyShipmentAttention(container: MedusaContainer, planning: ShipmentCapturePlanning): Promise<void> {
  if (planning.status !== "skipped" || !planning.attention) return
  const { paymentId, currencyCode, case: attention } = planning.attention
  await notifyCaptureAttention(container, paymentId, attention, currencyCode)
}

/**
 * Runs a planned shipment capture (under the payment's lock, see executeCapturePlan). A capture the
 * vendor refuses or does not answer stays pending, with the error, for the reconciliation job: the
 * shipment is not failed for it.
 */
export async function executeShipmentCapture(
  container: MedusaContainer,
  planning: Extract<ShipmentCapturePlanning, { status: "planned" }>
): Promise<ShipmentCaptureResult> {
  const { paymentId, planId, amountMinor, fulfillmentId } = planning
  const attempt = await executeCapturePlan(container, paymentId, planId)
  if (attempt.ok) return { status: "captured", paymentId, amountMinor }
  container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Capture on shipment ${fulfillmentId} postponed: ${attempt.error}`)
  return { status: "postponed", paymentId, amountMinor, error: attempt.error }
}

export type PlanWithdrawal = "withdrawn" | "gone" | "kept"

/**
 * Takes back a shipment plan that never ran, taking the payment's lock itself and reading the data
 * inside it (the workflow's own lock is released by then: what can fail after planning runs after
 * the release). The plan leaves the pending captures, the covered shipments it took over are covered again
 * and the gift-card cases it resolved are open again. Nothing else on the payment is touched.
 *
 * `gone`: the plan is no longer pending (it was captured, or withdrawn before). `kept`: it may have
 * reached the vendor — it is the active capture, was attempted, or the vendor's record names its
 * transaction id — so it stays: a vendor capture is not undone by forgetting it, and the pending
 * plan is what the reconciliation job resumes (with the same transaction id) and the admin sees.
 */
export async function withdrawShipmentPlan(
  container: MedusaContainer,
  paymentId: string,
  planId: string,
  undo: PlanUndo
): Promise<PlanWithdrawal> {
  const paymentModule = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  return withPaymentLock(container, paymentId, async (): Promise<PlanWithdrawal> => {
    const current = await paymentModule.retrievePayment(paymentId, { select: ["id", "data"] })
    const data = (current.data ?? {}) as Record<string, unknown>
    const ledger = data as unknown as AttentionLedger
    const pending = ledger.pending_captures ?? []
    const plan = pending.find((p) => p.id === planId)
    if (!plan) return "gone"
    const reachedVendor =
      (plan.attempts ?? 0) > 0 ||
      ledger.capture_plan?.id === planId ||
      (ledger.captures ?? []).some((capture) => capture.tran_id === plan.tran_id)
    if (reachedVendor) return "kept"
    const reopened = new Map(undo.resolved_attentions.map((a) => [a.id, a]))
    const attentions = ledger.capture_attention ?? null
    const currentCovered = ledger.covered_shipments ?? []
    const restoredCovered = undo.covered_shipments
      ? [...undo.covered_shipments, ...currentCovered.filter((c) => !undo.covered_shipments!.some((u) => u.fulfillment_id === c.fulfillment_id))]
      : null
    await writePaymentData(paymentModule, paymentId, {
      ...data,
      pending_captures: pending.filter((p) => p.id !== planId),
      ...(restoredCovered ? { covered_shipments: restoredCovered } : {}),
      ...(reopened.size && attentions ? { capture_attention: attentions.map((a) => reopened.get(a.id) ?? a) } : {}),
    })
    return "withdrawn"
  })
}

function pendingMinor(ledger: CreditLedger): number {
  return (ledger.pending_captures ?? []).reduce((sum, p) => sum + p.amount_minor, 0)
}

/** This shipment's lines together with the covered ones, in the order's line order. */
function withCoveredLines(
  orderLines: Array<{ id: string; quantity: number }>,
  lines: DeliveredQuantity[],
  covered: Map<string, number>,
  invoiced: Map<string, number>
): DeliveredQuantity[] {
  return orderLines.flatMap((line) => {
    const alreadyInvoiced = invoiced.get(line.id) ?? 0
    const shipped = (lines.find((l) => l.lineId === line.id)?.quantity ?? 0) + (covered.get(line.id) ?? 0)
    const quantity = Math.min(shipped, line.quantity - alreadyInvoiced)
    return quantity > 0 ? [{ lineId: line.id, alreadyInvoiced, quantity }] : []
  })
}

