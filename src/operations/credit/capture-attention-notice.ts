/**
 * Tells the admin that a capture needs them: one entry in the admin's notification feed (the bell in
 * Medusa Admin) per case — the case's id is the notification's idempotency key, so a repeated event
 * or a second process notifies nothing twice — and a warning in the log. Never throws: the record
 * on the payment (and so the order panel) holds the case even when the feed cannot be written.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import type { CaptureAttention } from "../../lib/avarda/capture-attention"
import { CAPTURE_ATTENTION_ACTIONS } from "../../lib/avarda/capture-attention"
import { minorToDecimalString } from "../../lib/money/minor-units"
import { alertAdmin } from "../shared/alert-admin"

const TITLES: Record<CaptureAttention["kind"], string> = {
  shipment_exceeds_remaining: "Shipment not captured: more than is left to capture",
  gift_cards_cover_shipment: "Shipment not captured: covered by gift cards",
  capture_plan_exhausted: "Capture stopped after repeated failures",
}

export function captureAttentionNotificationKey(paymentId: string, attention: Pick<CaptureAttention, "id">): string {
  return `avarda-avirato:capture-attention:${paymentId}:${attention.id}`
}

export function captureAttentionMessage(attention: CaptureAttention, currency: string): { title: string; description: string } {
  const money = (minor: number) => `${minorToDecimalString(minor, currency)} ${currency.toUpperCase()}`
  const amounts =
    attention.kind === "gift_cards_cover_shipment"
      ? `shipment ${money(attention.expected_minor)}, gift cards ${money(attention.gift_cards_minor ?? 0)}`
      : `expected ${money(attention.expected_minor)}, left to capture ${money(attention.left_minor)}`
  return {
    title: `Order ${attention.order_reference}: ${TITLES[attention.kind]}`,
    description: `${attention.reason} (${amounts}). On the order page: ${CAPTURE_ATTENTION_ACTIONS[attention.kind].label}.`,
  }
}

export async function notifyCaptureAttention(container: MedusaContainer, paymentId: string, attention: CaptureAttention, currency: string): Promise<void> {
  await alertAdmin(container, {
    ...captureAttentionMessage(attention, currency),
    key: captureAttentionNotificationKey(paymentId, attention),
    data: { payment_id: paymentId, capture_attention_id: attention.id },
    logAs: "warn",
  })
}
